"""The live class view (`report --class`) is the class view `report --merge` builds from the
students' own reports: the same figures, read from the class database."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.scheduling.mastery import REVIEW_STATE
from crmcards.scheduling.planner import Planner
from crmcards.services.class_admin import add_student, init_class, remove_student
from crmcards.services.class_report import live_class_view
from crmcards.services.flags import flag_item
from crmcards.services.report.days import day_start, study_date
from crmcards.services.report.figures import Report, build_report
from crmcards.services.report.merge import class_view
from crmcards.services.report.output import CLASS_FORMATS, render_class
from crmcards.services.report.statistics import Retention, Stages
from crmcards.services.suspension import set_suspended
from crmcards.services.sync import join, sync
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, FakeClock
from tests.hub.helpers import Cli, server_rows, study, undo_latest


def test_live_class_view_equals_the_merged_reports(class_db: str, tmp_path: Path) -> None:
    init_class(class_db, "en")
    clock = FakeClock()
    homes = {}
    for name, ratings in (("anna", [4, 1, 3, 5, 4]), ("bram", [2, 2, 4])):
        home = homes[name] = tmp_path / name
        add_student(class_db, name, tmp_path / f"{name}.toml", "en")
        store = Store.open(home=home)
        join(store, home, tmp_path / f"{name}.toml", "en")
        store.close()
        study(home, ratings, clock)
        clock.advance(days=1)
        study(home, ratings[:2], clock)
    undo_latest(homes["bram"], 1)  # after the sync below it would be a retraction; before: gone
    store = Store.open(home=homes["anna"])
    flag_item(store, Library.load([SAMPLE_DECKS]).items()[0], "antwoord klopt niet", clock())
    store.close()
    for home in homes.values():
        store = Store.open(home=home)
        sync(store, home, Planner(), "en")
        store.close()
    undo_latest(homes["anna"], 1)  # a retraction the class view must not count
    store = Store.open(home=homes["anna"])
    sync(store, homes["anna"], Planner(), "en")  # the flag again: the server keeps one
    store.close()
    assert server_rows(class_db, "SELECT note FROM crmcards.flags") == [("antwoord klopt niet",)]

    library = Library.load([SAMPLE_DECKS])
    clock.advance(days=2)
    own = []
    for name, home in homes.items():
        store = Store.open(home=home)
        own.append(
            (name, build_report(library, store, clock(), planner=Planner(fuzz=False), student=name))
        )
        store.close()
    assert [f.note for _, report in own for f in report.flags] == ["antwoord klopt niet"]
    for anonymise in (False, True):
        live = live_class_view(
            library,
            class_db,
            clock(),
            planner=Planner(fuzz=False),
            language="en",
            anonymise=anonymise,
        )
        merged = class_view(own, anonymise=anonymise)
        assert live == merged  # the flag too
        for fmt in CLASS_FORMATS:
            assert render_class(live, fmt, language="nl") == render_class(
                merged, fmt, language="nl"
            )


def test_live_class_view_over_weeks_with_days_off(class_db: str, tmp_path: Path) -> None:
    """Streaks, mastered cards and overdue ones (notes left waiting on days off, siblings
    studied on others) are the same live as in the students' own reports, on any day."""
    init_class(class_db, "en")
    clock = FakeClock()
    rng = random.Random(14)
    homes = [tmp_path / name for name in ("anna", "bram", "cas")]
    for home in homes:
        add_student(class_db, home.name, tmp_path / f"{home.name}.toml", "en")
        store = Store.open(home=home)
        join(store, home, tmp_path / f"{home.name}.toml", "en")
        store.close()
    library = Library.load([SAMPLE_DECKS])
    # Without fuzz, which each rating's random uid seeds: the figures checked at the end would
    # otherwise differ from run to run (all of one column could be 0).
    planner = Planner(fuzz=False)
    for day in range(30):
        for n, home in enumerate(homes):
            if rng.random() < (0.9, 0.6, 0.3)[n]:  # keen, average, sporadic
                ratings = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 6, 2], k=12)
                study(home, ratings, clock, library=library, planner=planner)
                store = Store.open(home=home)
                sync(store, home, planner, "en")
                store.close()
        clock.advance(days=1)
        if day % 10 == 9:
            live = live_class_view(
                library, class_db, clock(), planner=Planner(fuzz=False), language="en"
            )
            own = []
            for home in homes:
                store = Store.open(home=home)
                report = build_report(
                    library, store, clock(), planner=Planner(fuzz=False), student=home.name
                )
                own.append((home.name, report))
                store.close()
            assert live == class_view(own)
    figures = [(s.overdue, s.streak, s.mastered) for s in live.students]
    assert all(max(column) > 0 for column in zip(*figures, strict=True)), figures


def test_report_class_on_the_command_line(cli: Cli, class_db: str, tmp_path: Path) -> None:
    cli.ok("class", "init", class_db)
    for name in ("anna", "bram"):
        cli.ok("class", "add-student", class_db, name, "-o", str(tmp_path / f"{name}.toml"))
        cli.ok("class", "join", str(tmp_path / f"{name}.toml"), home=tmp_path / name)
        study(tmp_path / name, [4, 3], FakeClock())
        cli.ok("sync", home=tmp_path / name)
    out = cli.ok("--decks", str(SAMPLE_DECKS), "report", "--class", class_db, "--format", "md")
    assert "anna" in out and "bram" in out and "Echte retentie, jong" in out
    csv_file = tmp_path / "students.csv"
    args = ("--format", "csv", "--students", "--csv-dialect", "excel-nl", "-o", str(csv_file))
    cli.ok("--decks", str(SAMPLE_DECKS), "report", "--class", class_db, *args)
    header, *rows = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert header.split(";")[-1] == "retention_mature_30d" and len(rows) == 2
    code, _, err = cli("report", "--class", "postgresql://x:topsecret@127.0.0.1:1/c")
    assert code == 1 and "niet bereikbaar" in err and "topsecret" not in err  # nl: the default

    remove = ("class", "remove-student", class_db, "bram")
    assert "herhalingen bewaard" in cli.ok(*remove, "--keep-reviews")
    out = cli.ok("--decks", str(SAMPLE_DECKS), "report", "--class", class_db, "--format", "md")
    assert "bram" in out  # kept in the class view
    code, _, err = cli("sync", home=tmp_path / "bram")
    assert code == 1 and "weigert de aanmelding" in err
    remove_student(class_db, "anna", "en", delete_rows=True)
    out = cli.ok("--decks", str(SAMPLE_DECKS), "report", "--class", class_db, "--format", "md")
    assert "anna" not in out


def test_a_class_made_before_flags_keeps_them_waiting_until_init_runs_again(
    class_db: str, tmp_path: Path
) -> None:
    import psycopg

    from crmcards.store.flags import unsent_flags

    init_class(class_db, "en")
    with psycopg.connect(class_db, autocommit=True) as admin:
        admin.execute("DROP TABLE crmcards.flags")  # as a class made by an older crmcards
    home = tmp_path / "anna"
    add_student(class_db, "anna", tmp_path / "anna.toml", "en")
    library = Library.load([SAMPLE_DECKS])
    store = Store.open(home=home)
    join(store, home, tmp_path / "anna.toml", "en")
    flag_item(store, library.items()[0], "typfout", FakeClock()())
    sync(store, home, Planner(), "en")
    assert len(unsent_flags(store)) == 1  # kept on the device, sync still worked
    view = live_class_view(library, class_db, FakeClock()(), planner=Planner(), language="en")
    assert view.flagged is None and "class init" in render_class(view, "md", language="en")
    init_class(class_db, "en")  # again: adds the table, keeps everything
    sync(store, home, Planner(), "en")
    assert unsent_flags(store) == []
    store.close()
    view = live_class_view(library, class_db, FakeClock()(), planner=Planner(), language="en")
    assert view.flagged is not None and [f.notes for f in view.flagged] == [("typfout",)]


def test_a_class_made_before_summaries_gets_them_from_class_init(
    cli: Cli, class_db: str, tmp_path: Path
) -> None:
    import psycopg

    cli.ok("class", "init", class_db)
    cli.ok("class", "add-student", class_db, "anna", "-o", str(tmp_path / "anna.toml"))
    cli.ok("class", "join", str(tmp_path / "anna.toml"), home=tmp_path / "anna")
    study(tmp_path / "anna", [4, 3, 1], FakeClock())
    with psycopg.connect(class_db, autocommit=True) as admin:  # as a class of an older crmcards
        admin.execute("DROP TABLE crmcards.item_summaries CASCADE")
        admin.execute("DROP TRIGGER summarise ON crmcards.reviews")
        admin.execute(
            "ALTER TABLE crmcards.reviews DROP CONSTRAINT reviews_pkey,"
            " ADD CONSTRAINT reviews_pkey PRIMARY KEY (uid)"
        )
    cli.ok("sync", home=tmp_path / "anna")  # students sync as before
    report = ("--decks", str(SAMPLE_DECKS), "report", "--class", class_db, "--format", "md")
    code, _, err = cli(*report)
    assert code == 1 and "class init" in err and len(err.strip().splitlines()) == 1
    cli.ok("class", "init", class_db)  # sums up the log the class has
    assert server_rows(class_db, "SELECT sum(reviews) FROM crmcards.item_summaries") == [(3,)]
    key = "SELECT array_length(conkey, 1) FROM pg_constraint WHERE conname = 'reviews_pkey'"
    assert server_rows(class_db, key) == [(2,)]  # by student, then uid
    assert "anna" in cli.ok(*report)
    study(tmp_path / "anna", [4], FakeClock())
    cli.ok("sync", home=tmp_path / "anna")
    assert server_rows(class_db, "SELECT sum(reviews) FROM crmcards.item_summaries") == [(4,)]


def test_resets_and_suspensions_reach_the_class_view_and_the_other_device(
    class_db: str, tmp_path: Path
) -> None:
    """A card put back to new counts as new (its reviews still count), a suspended card is never
    overdue: live as in the student's own report, and on her other device after its sync."""
    init_class(class_db, "en")
    add_student(class_db, "anna", tmp_path / "anna.toml", "en")
    clock = FakeClock()
    library = Library.load([SAMPLE_DECKS])
    laptop, phone = tmp_path / "laptop", tmp_path / "phone"
    for home in (laptop, phone):
        store = Store.open(home=home)
        join(store, home, tmp_path / "anna.toml", "en")
        store.close()
    study(laptop, [5, 5, 5, 5, 4, 1], clock, library=library)
    clock.advance(days=30)  # the cards rated 5 are in review and long overdue

    def report(home: Path) -> Report:
        store = Store.open(home=home)
        try:
            return build_report(
                library, store, clock(), planner=Planner(fuzz=False), student="anna"
            )
        finally:
            store.close()

    def synced(home: Path) -> int:
        store = Store.open(home=home)
        try:
            result = sync(store, home, Planner(), "en")
        finally:
            store.close()
        assert result.queued == 0
        return result.sent

    overdue = [item for item in report(laptop).items if item.overdue]
    assert len(overdue) >= 3
    by_id = {item.id: item for item in library.items()}
    reset, suspended, taken_back = (by_id[item.id] for item in overdue[:3])
    store = Store.open(home=laptop)
    store.reset_to_new(reset.id, clock())
    set_suspended(store, [suspended, taken_back], True, clock())
    store.close()
    assert synced(laptop) == 6 + 1 + 2  # the ratings, the reset, the suspensions
    synced(phone)
    clock.advance(minutes=1)
    store = Store.open(home=phone)
    set_suspended(store, [taken_back], False, clock())  # on the phone, later
    store.close()
    assert synced(phone) == 1
    synced(laptop)

    for home in (laptop, phone):
        store = Store.open(home=home)
        assert store.suspended_ids() == {suspended.id}
        assert reset.id not in store.states()
        store.close()
    own = report(laptop)
    assert own == report(phone)
    assert own.item(reset.id).state == "new" and own.item(reset.id).reviews == 1
    assert not own.item(suspended.id).overdue and own.item(taken_back.id).overdue
    live = live_class_view(library, class_db, clock(), planner=Planner(fuzz=False), language="en")
    assert live == class_view([("anna", own)])


def test_a_card_the_days_study_began_before_is_not_overdue_live_either(
    class_db: str, tmp_path: Path
) -> None:
    """The study queue of a day is made when its study begins: a card falling due later that day
    waits for the next day without being overdue (scheduling.backlog), live as at home."""
    init_class(class_db, "en")
    add_student(class_db, "anna", tmp_path / "anna.toml", "en")
    home = tmp_path / "anna"
    store = Store.open(home=home)
    join(store, home, tmp_path / "anna.toml", "en")
    library = Library.load([SAMPLE_DECKS])
    card = library.items()[0]
    other = next(item for item in library.items() if item.note_key != card.note_key)
    planner, clock = Planner(), FakeClock()

    def rate(item: Item, rating: int) -> None:
        state = store.states([item.id]).get(item.id)
        review = planner.review(state, rating, clock(), note_key=item.note_key)
        store.record(item.id, item.deck.id, item.note_key, review)

    rate(card, 5)
    due = store.states()[card.id]
    assert due.state == REVIEW_STATE
    clock.now = due.due - timedelta(minutes=1)  # that day's study begins just before it is due
    assert study_date(clock.now) == study_date(due.due)
    rate(other, 4)
    sync(store, home, planner, "en")
    for days, overdue in ((1, False), (2, True)):  # the next day: not yet; the day after: yes
        moment = day_start(study_date(due.due) + timedelta(days=days)) + timedelta(hours=9)
        own = build_report(library, store, moment, planner=Planner(fuzz=False), student="anna")
        assert own.item(card.id).overdue is overdue
        live = live_class_view(
            library, class_db, moment, planner=Planner(fuzz=False), language="en"
        )
        assert live == class_view([("anna", own)])
    store.close()


def test_class_statistics_by_hand_live_as_merged(class_db: str, tmp_path: Path) -> None:
    """True retention young and mature, reviews and time by stage, per student and per day of
    the class, worked out by hand for a small class: live as in the students' own reports.

    Anna (the window: 27 Oct - 25 Nov; 7 days: 19-25 Nov), each answer's time in seconds:
    - A: 5 on 1 Sep and 1 Oct (before the window), 4 on 20 Nov: review, mature (its interval
      from 1 Oct was 136 days), 300 s counted as 60;
    - D: 5 on 1 Oct, 5 on 9 Nov: review, young (an 8-day interval), 20 s; put back to new on
      15 Nov, 4 on 21 Nov: a new item's first rating, learning, 7 s;
    - B: 4 and 4 on 10 Nov: learning, 10 s each; 1 on 22 Nov: review, young, failed (a lapse),
      15 s; 3 ten minutes later: relearning, 12 s;
    - C: 3 on 23 Nov: learning, 8 s; 4 on 24 Nov undone after its sync (a retraction: not
      counted); 5 an hour later: learning, 6 s;
    - E: 4 at 02:30 UTC on 25 Nov, before that day's study day began: 24 Nov, learning, 5 s.
    Bram stopped on 3 Oct: nothing in the window.
    """
    init_class(class_db, "en")
    library = Library.load([SAMPLE_DECKS])
    by_id = {item.id: item for item in library.items()}
    a, b, c, d, e = (
        by_id[f"voorbeeld/{key}"]
        for key in (
            "crm-definitie#q",
            "immersion#all",
            "een-gat#all",
            "klantwaarde-formule#all",
            "crm-proces-stappen#all",
        )
    )
    planner = Planner(fuzz=False)
    homes = {name: tmp_path / name for name in ("anna", "bram")}
    stores = {}
    for name, home in homes.items():
        add_student(class_db, name, tmp_path / f"{name}.toml", "en")
        stores[name] = Store.open(home=home)
        join(stores[name], home, tmp_path / f"{name}.toml", "en")

    def rate(name: str, item: Item, rating: int, when: tuple[int, ...], seconds: int) -> None:
        store = stores[name]
        state = store.states([item.id]).get(item.id)
        moment = datetime(*when, tzinfo=UTC)  # type: ignore[misc]
        review = planner.review(
            state, rating, moment, note_key=item.note_key, duration_ms=seconds * 1000
        )
        store.record(item.id, item.deck.id, item.note_key, review)

    def synced(name: str) -> None:
        sync(stores[name], homes[name], planner, "en")

    for item, rating, when in ((a, 4, 1), (a, 3, 2), (a, 4, 3)):
        rate("bram", item, rating, (2026, 10, when, 10), 10)
    synced("bram")
    rate("anna", a, 5, (2026, 9, 1, 10), 30)
    rate("anna", a, 5, (2026, 10, 1, 10), 20)
    rate("anna", d, 5, (2026, 10, 1, 10, 5), 9)
    rate("anna", d, 5, (2026, 11, 9, 10), 20)
    rate("anna", b, 4, (2026, 11, 10, 10), 10)
    rate("anna", b, 4, (2026, 11, 10, 10, 10), 10)
    stores["anna"].reset_to_new(d.id, datetime(2026, 11, 15, 12, tzinfo=UTC))
    rate("anna", a, 4, (2026, 11, 20, 10), 300)
    rate("anna", d, 4, (2026, 11, 21, 10), 7)
    rate("anna", b, 1, (2026, 11, 22, 10), 15)
    rate("anna", b, 3, (2026, 11, 22, 10, 10), 12)
    rate("anna", c, 3, (2026, 11, 23, 10), 8)
    rate("anna", c, 4, (2026, 11, 24, 10), 9)
    synced("anna")
    stores["anna"].close()
    undo_latest(homes["anna"], 1)  # C's 4, on the server already: a retraction
    stores["anna"] = Store.open(home=homes["anna"])
    rate("anna", c, 5, (2026, 11, 24, 11), 6)
    rate("anna", e, 4, (2026, 11, 25, 2, 30), 5)
    synced("anna")
    assert server_rows(class_db, "SELECT count(*) FROM crmcards.retractions") == [(1,)]
    assert server_rows(class_db, "SELECT count(*) FROM crmcards.resets") == [(1,)]

    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    own = []
    for name, store in stores.items():
        own.append((name, build_report(library, store, now, planner=planner, student=name)))
        store.close()
    live = live_class_view(library, class_db, now, planner=planner, language="en")
    assert live == class_view(own)
    for fmt in CLASS_FORMATS:
        assert render_class(live, fmt, language="nl") == render_class(
            class_view(own), fmt, language="nl"
        )

    anna, bram = (student.statistics for student in live.students)
    assert anna is not None and bram is not None
    week, month = anna
    assert (week.period, week.days, week.days_studied) == ("7d", 7, 5)
    assert week.reviews == Stages(learning=4, review=2, relearning=1)
    assert week.seconds == Stages(learning=7 + 8 + 6 + 5, review=60 + 15, relearning=12)
    assert week.retention == Retention(1, 0, 1, 1)  # young: B's lapse; mature: A
    assert week.reviews_per_day == 1.0
    assert (month.period, month.days, month.days_studied) == ("30d", 30, 7)
    assert month.reviews == Stages(learning=6, review=3, relearning=1)
    assert month.seconds == Stages(learning=46, review=20 + 60 + 15, relearning=12)
    assert month.retention == Retention(2, 1, 1, 1)  # young: D on 9 Nov and B's lapse
    quiet = Retention(0, 0, 0, 0)
    assert [(p.days_studied, p.reviews, p.seconds, p.retention) for p in bram] == [
        (0, Stages(), Stages(), quiet)
    ] * 2

    statistics = live.statistics
    assert statistics is not None and statistics.students == 2
    days = statistics.days
    assert len(days) == 30 and (days[0].date, days[-1].date) == (date(2026, 10, 27), now.date())
    busy = {
        day.date.day: (day.reviews.values(), day.seconds.values())
        for day in days
        if day.reviews.total
    }
    assert busy == {
        9: ((0, 1, 0), (0, 20, 0)),
        10: ((2, 0, 0), (20, 0, 0)),
        20: ((0, 1, 0), (0, 60, 0)),
        21: ((1, 0, 0), (7, 0, 0)),
        22: ((0, 1, 1), (0, 15, 12)),
        23: ((1, 0, 0), (8, 0, 0)),
        24: ((2, 0, 0), (11, 0, 0)),
    }
    markdown = render_class(live, "md", language="en")
    assert "| anna | 7 days | 5 of 7 | 7 | 1.0 | 2 min | 0% (0/1) | 100% (1/1) |" in markdown
    assert "| bram | 30 days | 0 of 30 | 0 | 0.0 | 0 s | - | - |" in markdown
