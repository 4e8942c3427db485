"""The figures a teacher acts on, against small histories worked out by hand: overdue (with items
the app held back because a sibling was studied), a card left open, exam readiness at the
daily new-item limit, duplicate reports in a class merge, and the permissions of written files.

Local time is Amsterdam's (a study day starts at 04:00 = 03:00 UTC in winter).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from crmcards import api
from crmcards.decks.catalog import Library
from crmcards.decks.loader import load_file
from crmcards.errors import CrmcardsError
from crmcards.schedule import Schedule
from crmcards.scheduling.backlog import overdue_items, waiting_notes
from crmcards.scheduling.queue import Limits
from crmcards.services.output_file import replacing
from crmcards.services.report.figures import build_report
from crmcards.services.report.merge import refuse_duplicates
from crmcards.services.report.output import write
from crmcards.services.report.tables import exam_sentences
from crmcards.services.settings import Settings
from crmcards.services.status import status
from crmcards.services.today import available_today
from crmcards.services.workspace import Workspace
from crmcards.store.repository import Store
from tests.reports import PLANNER, record, utc

PROCES = "voorbeeld/crm-proces-stappen"  # a list card: items #all and #1 to #5, one note


def in_review(due: datetime) -> Schedule:
    return Schedule(
        state=2,
        stability=5.0,
        difficulty=5.0,
        due=due,
        last_review=due - timedelta(days=5),
    )


def learning(due: datetime) -> Schedule:
    return replace(in_review(due), state=1)


TODAY = date(2026, 11, 25)  # begins 25 Nov 03:00 UTC


def overdue_of(
    library: Library,
    states: dict[str, Schedule],
    studied: set[date],
    began: dict[date, datetime] | None = None,
) -> set[str]:
    """`began`: when the student began studying on each day (by default: never studied)."""
    waiting = waiting_notes({i.id for i in library.items()}, states, utc(2026, 11, 25, 3))
    return overdue_items(waiting, states, {PROCES: studied}, TODAY, began or {})


def test_items_held_back_by_a_studied_sibling_are_not_overdue(
    amsterdam: None, library: Library
) -> None:
    # #1 and #2 fell due on 23 Nov; #all (a sibling) was studied on 23 and 24 Nov, so the app
    # held #1 and #2 back on both days
    states = {
        f"{PROCES}#1": in_review(utc(2026, 11, 23, 10)),
        f"{PROCES}#2": in_review(utc(2026, 11, 23, 11)),
        f"{PROCES}#all": in_review(utc(2026, 11, 27, 10)),
    }
    assert overdue_of(library, states, {date(2026, 11, 23), date(2026, 11, 24)}) == set()
    # 24 Nov free: the app offered the one due longest (#1), and #2 waited behind it
    assert overdue_of(library, states, {date(2026, 11, 23)}) == {f"{PROCES}#1"}
    # two free days: one item each day
    assert overdue_of(library, states, set()) == {f"{PROCES}#1", f"{PROCES}#2"}


def test_an_item_that_fell_due_after_the_days_session_began_was_not_offered_that_day(
    amsterdam: None, library: Library
) -> None:
    # #1 fell due on 24 Nov at 17:13 UTC; the student began studying at 17:00 that day (the
    # queue was made then) and studied no card of the note: 24 Nov did not offer #1
    states = {f"{PROCES}#1": in_review(utc(2026, 11, 24, 17, 13))}
    assert overdue_of(library, states, set(), {date(2026, 11, 24): utc(2026, 11, 24, 17)}) == set()
    # had the session begun at 17:20, #1 was in its queue and not studied: overdue
    began = {date(2026, 11, 24): utc(2026, 11, 24, 17, 20)}
    assert overdue_of(library, states, set(), began) == {f"{PROCES}#1"}
    # a day without any study offered it too (the student could have studied that evening)
    assert overdue_of(library, states, set()) == {f"{PROCES}#1"}


def test_learning_items_and_items_due_today(amsterdam: None, library: Library) -> None:
    states = {
        # in learning, due yesterday evening: never held back, so overdue
        f"{PROCES}#3": learning(utc(2026, 11, 24, 20)),
        # due at 03:30 UTC today, after the day began: due, not overdue
        f"{PROCES}#4": in_review(utc(2026, 11, 25, 3, 30)),
    }
    assert overdue_of(library, states, {date(2026, 11, 24)}) == {f"{PROCES}#3"}


def test_status_home_and_report_agree_on_a_sibling_held_item(
    amsterdam: None, store: Store, library: Library
) -> None:
    """Both directions of crm-definitie rated easy on 20 Nov: due again on 28 Nov. On 28 Nov
    #q is reviewed, so the queue holds #reverse back that day."""
    record(
        store,
        library,
        [
            ("voorbeeld/crm-definitie#q", 5, utc(2026, 11, 20, 10), 5),
            ("voorbeeld/crm-definitie#reverse", 5, utc(2026, 11, 20, 10, 1), 5),
            ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 28, 11), 5),
        ],
    )

    def figures(now: datetime) -> tuple[int, int, int, int]:
        """Due, due in today's session (the home screen), overdue in status and the report."""
        counts = status(library.outlines, store, now).total
        session = available_today(library, store, PLANNER, Limits(), now).total
        report = build_report(library, store, now, planner=PLANNER)
        return counts.due, session.due, counts.overdue, report.total.overdue

    assert store.states()["voorbeeld/crm-definitie#reverse"].due < utc(2026, 11, 28, 11)
    # 28 Nov, after #q: #reverse is due but held back, and not overdue
    assert figures(utc(2026, 11, 28, 12)) == (1, 0, 0, 0)
    # 29 Nov: the queue shows #reverse now; it was never offered before, so not overdue
    assert figures(utc(2026, 11, 29, 12)) == (1, 1, 0, 0)
    # 1 Dec: offered on 29 and 30 Nov and not studied: overdue
    assert figures(utc(2026, 12, 1, 12)) == (1, 1, 1, 1)


def test_status_and_report_read_when_each_day_s_study_began(
    amsterdam: None, store: Store, library: Library
) -> None:
    """een-gat rated easy on 16 Nov 17:00 UTC falls due 24 Nov 17:00; on 24 Nov the student
    began at 16:55 (another card) and stopped: een-gat came due after that session began."""
    record(
        store,
        library,
        [
            ("voorbeeld/een-gat#all", 5, utc(2026, 11, 16, 17), 5),
            ("voorbeeld/crm-definitie#q", 5, utc(2026, 11, 24, 16, 55), 5),
        ],
    )
    due = store.states()["voorbeeld/een-gat#all"].due
    assert utc(2026, 11, 24, 16, 55) < due < utc(2026, 11, 25, 3)
    now = utc(2026, 11, 25, 12)
    report = build_report(library, store, now, planner=PLANNER)
    assert (status(library.outlines, store, now).total.overdue, report.total.overdue) == (0, 0)
    # a day later, 25 Nov (with no study) offered it: overdue on 26 Nov
    later = utc(2026, 11, 26, 12)
    report = build_report(library, store, later, planner=PLANNER)
    assert (status(library.outlines, store, later).total.overdue, report.total.overdue) == (1, 1)


def test_a_card_left_open_counts_for_the_answer_cap(
    amsterdam: None, store: Store, library: Library
) -> None:
    record(
        store,
        library,
        [
            ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 25, 9), 40 * 60),  # left open
            ("voorbeeld/een-gat#all", 4, utc(2026, 11, 25, 9, 41), 12),
        ],
    )
    now = utc(2026, 11, 25, 12)
    report = build_report(library, store, now, planner=PLANNER)
    assert report.answer_seconds_cap == 60
    assert (report.total.seconds_7d, report.days[-1].seconds) == (60 + 12, 60 + 12)
    capped = build_report(
        library, store, now, planner=PLANNER, settings=Settings(answer_seconds_cap=10)
    )
    assert capped.total.seconds_30d == 10 + 10


def test_the_answer_cap_setting_is_checked() -> None:
    with pytest.raises(CrmcardsError, match="'answer_seconds_cap' must be a number of seconds"):
        Settings(answer_seconds_cap=0).validated("config.toml")


def deck_of(tmp_path: Path, cards: list[str]) -> Library:
    """A deck `d` with one basic card per id in `cards`; an id ending in `+` gets a reverse."""
    lines = ["deck: D", "id: d", "cards:"]
    for card in cards:
        lines += [f"  - id: {card.rstrip('+')}", f"    q: Vraag {card}", f"    a: Antwoord {card}"]
        if card.endswith("+"):
            lines.append("    reverse: true")
    path = tmp_path / "d.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Library((load_file(path),))


def workspace_of(tmp_path: Path, cards: list[str], config: str) -> Iterator[Workspace]:
    """A workspace on deck_of(cards) alone, with `config` as its config.toml, on 25 Nov 2026
    (a Wednesday) at 13:00 local time."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(config, encoding="utf-8")
    deck_of(tmp_path, cards)
    return api.open(home, [tmp_path], now=utc(2026, 11, 25, 12), bundled_decks=False, fuzz=False)


def test_readiness_reads_the_exam_plan_and_leaves_days_off_out(
    amsterdam: None, tmp_path: Path
) -> None:
    """The exam on Monday 30 Nov, no study on Saturday and Sunday: three study days are left
    (Wednesday to Friday), as `crmcards plan` has it, and every figure of the readiness is the
    plan's own: the cards it shows, its busiest day, the new cards a day it introduces."""
    config = 'exam_date = "2026-11-30"\noff_days = "za, zo"\nnew_per_day = 1\n'
    with workspace_of(tmp_path, ["a", "b", "c", "d", "e"], config) as workspace:
        ready = workspace.exam_readiness(date(2026, 11, 30))
        plan = workspace.exam_plan(date(2026, 11, 30))
        assert plan is not None  # the forecast the readiness read is the plan's from today
        assert workspace.exam_forecast(date(2026, 11, 30)) == plan.forecast
        planned = workspace.plan(date(2026, 11, 30))
        report = workspace.build_report()
    assert ready is not None and plan is not None
    study = [day for day in plan.forecast.days if not day.off]
    assert ready.days_left == len(study) == 3
    cards = [day.new + day.reviews for day in study]
    assert ready.total.reviews == sum(cards) == sum(plan.forecast.shown.values()) > 5
    assert (ready.busiest_day, ready.total.per_day) == (max(cards), -(-sum(cards) // 3))
    assert ready.new_per_day == planned["per_day"]["new"] == max(day.new for day in study)  # type: ignore[index]
    assert ready.total.not_reached == plan.forecast.never_introduced == 0
    # one target: what the plan aims every card at on exam morning, as `crmcards plan` says
    assert ready.target == plan.target == planned["target"] != workspace.settings.desired_retention
    assert ready.planned == plan.forecast.mean == planned["predicted"]["mean"]  # type: ignore[index]
    assert report.exam == ready  # the report, the statistics screen and home read the same


def test_readiness_says_when_the_plan_cannot_start_every_card(
    amsterdam: None, tmp_path: Path
) -> None:
    """One note with two directions, the exam tomorrow: the plan shows one direction a day, so
    the other is not started before the exam."""
    with workspace_of(tmp_path, ["a+"], 'exam_date = "2026-11-26"\n') as workspace:
        ready = workspace.exam_readiness(date(2026, 11, 26))
        plan = workspace.exam_plan(date(2026, 11, 26))
    assert ready is not None and plan is not None
    assert ready.total.not_reached == plan.forecast.never_introduced == 1
    assert not ready.reachable
    assert exam_sentences(ready, "en")[-1] == (
        "1 item cannot be started before the exam: a concept gets one item a day, and some have "
        "more items than study days are left."
    )


def test_merging_one_student_twice_is_refused(
    amsterdam: None, store: Store, library: Library
) -> None:
    first = build_report(library, store, utc(2026, 11, 25, 12), planner=PLANNER, student="")
    with pytest.raises(CrmcardsError, match=r"a\.json and b\.json are reports of the same student"):
        refuse_duplicates([("a.json", first), ("b.json", first)])  # the same file twice
    record(store, library, [("voorbeeld/een-gat#all", 4, utc(2026, 11, 20, 10), 5)])
    ada = build_report(library, store, utc(2026, 11, 25, 12), planner=PLANNER, student="Ada")
    renamed = build_report(
        library, store, utc(2026, 11, 26, 12), planner=PLANNER, student="Ada de Vries"
    )
    with pytest.raises(CrmcardsError, match="same student"):  # one history, two names
        refuse_duplicates([("a.json", ada), ("b.json", renamed)])


def test_reports_of_two_students_merge(
    amsterdam: None, store: Store, library: Library, tmp_path: Path
) -> None:
    other = Store.open(home=tmp_path / "other")
    try:
        record(store, library, [("voorbeeld/een-gat#all", 4, utc(2026, 11, 20, 10), 5)])
        record(other, library, [("voorbeeld/een-gat#all", 4, utc(2026, 11, 21, 10), 5)])
        now = utc(2026, 11, 25, 12)
        refuse_duplicates(
            [
                ("a.json", build_report(library, store, now, planner=PLANNER, student="")),
                ("b.json", build_report(library, other, now, planner=PLANNER, student="")),
            ]
        )
    finally:
        other.close()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_reports_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    before = os.umask(umask)
    try:
        write(tmp_path / "class.html", "<p>klas</p>", "html")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "class.html").stat().st_mode) == mode


def test_a_private_file_stays_private_whatever_the_umask(tmp_path: Path) -> None:
    before = os.umask(0o022)
    try:
        with replacing(tmp_path / "join.toml", force=False, private=True) as temporary:
            temporary.write_text("password", encoding="utf-8")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "join.toml").stat().st_mode) == 0o600
