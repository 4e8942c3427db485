"""Every figure of the report, against a small history worked out by hand.

The history (in Europe/Amsterdam, where a study day starts at 04:00 = 03:00 UTC in winter):
  1. voorbeeld/een-gat#all            rated 1 on 1 Oct  10:00 UTC,  7 s  (study day 1 Oct)
  2. voorbeeld/een-gat#all            rated 3 on 10 Nov 10:00 UTC, 30 s  (10 Nov)
  3. voorbeeld/crm-definitie#q        rated 1 on 24 Nov 02:30 UTC, 10 s  (03:30 local: 23 Nov!)
  4. voorbeeld/crm-definitie#q        rated 4 on 24 Nov 18:00 UTC,  5 s  (24 Nov)
  5. voorbeeld/crm-definitie#reverse  rated 2 on 25 Nov 03:30 UTC, 20 s  (25 Nov)
  6. voorbeeld/crm-proces-stappen#all rated 5 on 25 Nov 10:00 UTC,  8 s  (25 Nov)
  7. mini/a#q                         rated 5 on 25 Nov 09:00 UTC, 12 s  (25 Nov)
and the report is made on 25 Nov 12:00 UTC.

What FSRS (default parameters, no fuzz) makes of it: items 1, 3 and 5 are still in learning
(one learning step done or none), items 6 and 7 went straight to review (rated easy) with a
stability of 8.3 days, so they are due again 8 days later, on 3 Dec.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.decks.loader import load_file
from crmcards.scheduling.exam import EXAM_TARGET
from crmcards.scheduling.planner import Planner
from crmcards.services.report.days import day_start, study_date
from crmcards.services.report.figures import build_report, streak
from crmcards.services.report.readiness import DeckReadiness, upcoming_exam
from crmcards.services.settings import Settings
from crmcards.store.repository import Store
from tests.reports import NOW, PLANNER, exam_of, mini_deck_dir, record, utc


def test_study_days_start_at_four_in_the_morning_local_time(amsterdam: None) -> None:
    assert study_date(utc(2026, 11, 24, 2, 59)) == date(2026, 11, 23)  # 03:59 in Amsterdam
    assert study_date(utc(2026, 11, 24, 3, 0)) == date(2026, 11, 24)  # 04:00
    assert day_start(date(2026, 11, 25)) == utc(2026, 11, 25, 3)
    assert day_start(date(2026, 7, 1)) == utc(2026, 7, 1, 2)  # summer time


def test_each_deck_figure(amsterdam: None, store: Store, decks: Library) -> None:
    record(store, decks)
    report = build_report(decks, store, NOW, planner=PLANNER, student="Ada")
    voorbeeld, mini = report.decks
    assert (voorbeeld.id, voorbeeld.title, mini.id) == ("voorbeeld", "Voorbeeld", "mini")
    # 24 items, 4 studied: een-gat, crm-definitie#q and #reverse in learning, proces in review
    assert (voorbeeld.items, voorbeeld.new, voorbeeld.learning, voorbeeld.review) == (24, 20, 3, 1)
    # mastered: in review with a stability of 21 days or more; one easy rating is not enough
    assert voorbeeld.mastered == 0
    # before today began (03:00 UTC): een-gat was due on 10 Nov, crm-definitie#q on 24 Nov 18:10;
    # crm-definitie#reverse is due at 03:31 today, after the day began
    assert voorbeeld.overdue == 2
    # last 7 study days (19-25 Nov): ratings 3, 4, 5, 6; last 30 (27 Oct - 25 Nov): also 2
    assert (voorbeeld.reviews_7d, voorbeeld.seconds_7d) == (4, 10 + 5 + 20 + 8)
    assert (voorbeeld.reviews_30d, voorbeeld.seconds_30d) == (5, 43 + 30)
    assert voorbeeld.ratings == {1: 2, 2: 1, 3: 1, 4: 1, 5: 1}
    # due today: the three learning items (two overdue); the proces item on 3 Dec, 8 days on
    assert voorbeeld.forecast == (3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    assert (mini.items, mini.new, mini.learning, mini.review, mini.mastered) == (2, 1, 0, 1, 0)
    assert (mini.reviews_7d, mini.reviews_30d, mini.seconds_7d, mini.seconds_30d) == (1, 1, 12, 12)
    assert mini.ratings == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1}
    assert mini.forecast == (0,) * 8 + (1,) + (0,) * 5
    assert mini.overdue == 0


def test_recall_is_the_mean_over_every_item_new_ones_counting_zero(
    amsterdam: None, store: Store, decks: Library
) -> None:
    record(store, decks)
    report = build_report(decks, store, NOW, planner=PLANNER)
    planner = Planner(fuzz=False)
    states = store.states()
    # FSRS counts elapsed time in whole days: the items reviewed less than a day ago are at 100 %
    een_gat = planner.retrievability(states["voorbeeld/een-gat#all"], NOW)
    assert 0.7 < een_gat < 0.8  # 15 days after a "hard" in learning
    assert report.decks[0].recall == pytest.approx((een_gat + 3 * 1.0) / 24)
    assert report.decks[1].recall == pytest.approx(1.0 / 2)
    assert report.total.recall == pytest.approx((een_gat + 4 * 1.0) / 26)


def test_totals_add_up_the_decks(amsterdam: None, store: Store, decks: Library) -> None:
    record(store, decks)
    total = build_report(decks, store, NOW, planner=PLANNER).total
    assert (total.id, total.title) == ("", "Total")
    assert (total.items, total.new, total.learning, total.review, total.mastered) == (
        26,
        21,
        3,
        2,
        0,  # nothing rated only once is mastered (crmcards.scheduling.mastery)
    )
    assert (total.overdue, total.reviews_7d, total.reviews_30d) == (2, 5, 6)
    assert (total.seconds_7d, total.seconds_30d) == (55, 85)
    assert total.ratings == {1: 2, 2: 1, 3: 1, 4: 1, 5: 2}
    assert total.forecast == (3,) + (0,) * 7 + (2,) + (0,) * 5


def test_items_and_the_hardest_ones(amsterdam: None, store: Store, decks: Library) -> None:
    record(store, decks)
    report = build_report(decks, store, NOW, planner=PLANNER)
    assert len(report.items) == 26
    definitie = report.item("voorbeeld/crm-definitie#q")
    assert (definitie.prompt, definitie.kind, definitie.state) == (
        "Wat is CRM?",
        "basic",
        "learning",
    )
    assert (definitie.reviews, definitie.failures, definitie.mastered) == (2, 1, False)
    assert definitie.due == utc(2026, 11, 24, 18, 10)  # learning step of 10 minutes
    reverse = report.item("voorbeeld/crm-definitie#reverse")
    assert reverse.prompt == "Een strategie waarmee een bedrijf relaties optimaliseert."
    assert (reverse.reviews, reverse.failures) == (1, 1)  # a 2 is a failure too
    lijst = report.item("voorbeeld/crm-proces-stappen#all")
    assert lijst.prompt == "Wat zijn de stappen van het CRM-proces?\n(5)"
    assert (lijst.state, lijst.mastered, lijst.failures) == ("review", False, 0)  # rated once
    new = report.item("voorbeeld/immersion#all")
    assert (new.state, new.recall, new.reviews, new.due) == ("new", 0.0, 0, None)
    # most failures first (one each), then the lowest recall (een-gat 76 %, the others 100 %),
    # then the id; items never reviewed are not listed
    assert report.total.hardest == (
        "voorbeeld/een-gat#all",
        "voorbeeld/crm-definitie#q",
        "voorbeeld/crm-definitie#reverse",
        "mini/a#q",
        "voorbeeld/crm-proces-stappen#all",
    )
    assert report.decks[1].hardest == ("mini/a#q",)


def test_days_and_streak(amsterdam: None, store: Store, decks: Library) -> None:
    record(store, decks)
    report = build_report(decks, store, NOW, planner=PLANNER, student="Ada")
    assert [(d.date, d.reviews, d.seconds) for d in report.days] == [
        (date(2026, 10, 1), 1, 7),
        (date(2026, 11, 10), 1, 30),
        (date(2026, 11, 23), 1, 10),
        (date(2026, 11, 24), 1, 5),
        (date(2026, 11, 25), 3, 20 + 8 + 12),
    ]
    assert report.streak == 3  # 23, 24 and 25 Nov
    assert (report.student, report.study_day, report.generated_at) == ("Ada", NOW.date(), NOW)


def test_streak_ends_today_or_yesterday() -> None:
    days = [date(2026, 11, d) for d in (1, 20, 21, 22, 23)]
    assert streak(days, date(2026, 11, 23)) == 4
    assert streak(days, date(2026, 11, 24)) == 4  # not studied yet today: still running
    assert streak(days, date(2026, 11, 25)) == 0
    assert streak([], date(2026, 11, 25)) == 0


def test_an_empty_history(store: Store, decks: Library) -> None:
    report = build_report(decks, store, NOW, planner=PLANNER)
    assert report.total.items == 26 and report.total.new == 26
    assert report.total.recall == 0.0 and report.total.hardest == ()
    assert report.days == () and report.streak == 0
    assert report.total.forecast == (0,) * 14


def test_reviews_of_cards_no_longer_in_a_deck_still_count_for_the_deck(
    amsterdam: None, store: Store, decks: Library
) -> None:
    record(store, decks, [("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 25, 9), 6)])
    with store.engine.begin() as connection:  # the card was renamed: its history stays
        connection.exec_driver_sql(
            "UPDATE review_log SET item_id = 'voorbeeld/oud#q', note_key = 'voorbeeld/oud'"
        )
    report = build_report(decks, store, NOW, planner=PLANNER)
    assert report.decks[0].reviews_7d == 1 and report.decks[0].ratings[4] == 1
    assert all(item.reviews == 0 for item in report.items)


def test_exam_readiness_by_hand(amsterdam: None, store: Store, tmp_path: Path) -> None:
    """mini/a#q rated easy at 09:00 (stability 8.3 days); mini/b#q new. If the student stops
    today, a's recall when the exam day begins (10 Dec, 03:00 UTC) is what FSRS predicts 14 days
    after, b's is 0; what getting ready takes is read from the exam plan, per deck and in all:
    the 15 study days from 25 Nov to 9 Dec and every card the plan shows."""
    mini = Library((load_file(mini_deck_dir(tmp_path) / "mini.yaml"),))
    record(store, mini, [("mini/a#q", 5, utc(2026, 11, 25, 9), 12)])
    exam = exam_of(mini, store, date(2026, 12, 10), NOW)
    readiness = build_report(mini, store, NOW, planner=PLANNER, exam=exam).exam
    assert readiness is not None
    # ready: the exam plan's own target (what `crmcards plan` shows), not the desired retention
    assert (readiness.date, readiness.days_left, readiness.target) == (
        date(2026, 12, 10),
        15,
        EXAM_TARGET,
    )
    assert readiness.planned == exam[1].mean  # what the plan predicts if it is followed
    (deck,) = readiness.decks
    a = Planner(fuzz=False).retrievability(store.states()["mini/a#q"], utc(2026, 12, 10, 3))
    assert 0.85 < a < 0.9  # 14 days after an 8.3-day stability
    assert deck.recall == pytest.approx(a / 2)
    assert not readiness.ready(deck)
    plan = exam[1]
    shown = plan.shown["mini/a#q"] + plan.shown["mini/b#q"]
    assert shown == sum(day.new + day.reviews for day in plan.days) >= 3
    assert (deck.id, deck.reviews, deck.per_day) == ("mini", shown, -(-shown // 15))
    assert readiness.total == DeckReadiness("", "Total", deck.recall, shown, deck.per_day, 0)
    assert readiness.new_per_day == 1  # b, introduced today
    assert readiness.reachable


def test_exam_readiness_per_deck_adds_up(amsterdam: None, store: Store, decks: Library) -> None:
    record(store, decks)
    exam = exam_of(decks, store, date(2026, 12, 10), NOW)
    report = build_report(decks, store, NOW, planner=PLANNER, exam=exam)
    assert report.exam is not None
    voorbeeld, mini = report.exam.decks
    assert voorbeeld.reviews >= 20 * 2  # each of the 20 new items is learnt and seen again
    total = report.exam.total
    assert total.reviews == voorbeeld.reviews + mini.reviews
    assert total.per_day == -(-total.reviews // 15)  # rounded up
    assert total.recall == pytest.approx((voorbeeld.recall * 24 + mini.recall * 2) / 26)


def test_no_readiness_without_a_plan(store: Store, decks: Library) -> None:
    assert build_report(decks, store, NOW, planner=PLANNER).exam is None


def test_upcoming_exam_from_the_settings() -> None:
    assert upcoming_exam(Settings(), NOW) is None
    assert upcoming_exam(Settings(exam_date="2027-01-15"), NOW) == date(2027, 1, 15)
    assert upcoming_exam(Settings(exam_date="2026-11-01"), NOW) is None
