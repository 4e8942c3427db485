"""The report's statistics (services/report/statistics.py) against a history worked out by hand.

In Europe/Amsterdam (UTC+2 until 25 Oct, UTC+1 after; a study day starts at 04:00 local):
  A  voorbeeld/crm-definitie#q          (ratings 1-2 fail, 3-5 pass)
     1. 1 Oct 10:00 UTC rated 5, 10 s    new -> learning stage; straight to review (8 days)
     2. 9 Oct 10:00 UTC rated 5, 20 s    review stage, interval 8 days: young, passed
     3. 24 Nov 18:00 UTC rated 1, 40 min review stage, interval >= 21 days: mature, failed;
                                         the card was left open: it counts 60 s (the cap)
     4. 25 Nov 10:00 UTC rated 4, 5 s    relearning stage; back in review (young)
  B  voorbeeld/een-gat#all            25 Nov 09:00 UTC rated 3, 30 s: learning, stays learning
  C  voorbeeld/crm-proces-stappen#all 20 Nov 10:00 UTC rated 1, 6 s: learning, due 10 minutes
     later: overdue (a learning item due before today began)
The report is made on 25 Nov 12:00 UTC (13:00 local). The mini deck (2 items) is never studied.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from crmcards.decks.catalog import Library
from crmcards.services.report.figures import Report, build_report
from crmcards.services.report.json import parse_report, report_json
from crmcards.services.report.statistics import (
    CardCounts,
    Hour,
    Retention,
    Stages,
    StudyDay,
    interval_days,
)
from crmcards.store.repository import Store
from crmcards.store.suspensions import suspend
from tests.reports import PLANNER, record, utc

A, B, C = "voorbeeld/crm-definitie#q", "voorbeeld/een-gat#all", "voorbeeld/crm-proces-stappen#all"
HISTORY = [
    (A, 5, utc(2026, 10, 1, 10), 10),
    (A, 5, utc(2026, 10, 9, 10), 20),
    (C, 1, utc(2026, 11, 20, 10), 6),
    (A, 1, utc(2026, 11, 24, 18), 40 * 60),
    (B, 3, utc(2026, 11, 25, 9), 30),
    (A, 4, utc(2026, 11, 25, 10), 5),
]
NOW = utc(2026, 11, 25, 12)


@pytest.fixture
def report(amsterdam: None, store: Store, decks: Library) -> Report:
    record(store, decks, HISTORY[:2])
    # the hand computation assumes A's interval before review 3 is mature (FSRS decides it)
    assert interval_days(store.states([A])[A]) >= 21
    record(store, decks, HISTORY[2:])
    return build_report(decks, store, NOW, planner=PLANNER)


def test_periods(report: Report) -> None:
    total = report.statistics_of("")
    assert total is not None
    today, week, month, ever = total.periods
    assert [p.period for p in total.periods] == ["today", "7d", "30d", "all"]
    # days a period spans, and the days studied in it: "all" runs from 1 Oct to 25 Nov
    assert [(p.days, p.days_studied) for p in total.periods] == [(1, 1), (7, 3), (30, 3), (56, 5)]
    assert (today.reviews, today.seconds) == (Stages(1, 0, 1), Stages(30, 0, 5))
    assert (week.reviews, week.seconds) == (Stages(2, 1, 1), Stages(36, 60, 5))
    assert month.reviews == week.reviews  # nothing between 27 Oct and 18 Nov
    assert (ever.reviews, ever.seconds) == (Stages(3, 2, 1), Stages(46, 80, 5))
    assert ever.seconds_per_review == pytest.approx(131 / 6)
    assert today.seconds_per_review == pytest.approx(35 / 2)


def test_true_retention_counts_reviews_of_items_in_review_only(report: Report) -> None:
    total = report.statistics_of("")
    assert total is not None
    ever, week, today = total.period("all"), total.period("7d"), total.period("today")
    assert ever.retention == Retention(
        young_reviews=1, young_passed=1, mature_reviews=1, mature_passed=0
    )
    assert (ever.retention.young, ever.retention.mature, ever.retention.total) == (1.0, 0.0, 0.5)
    assert week.retention == Retention(0, 0, 1, 0)
    assert today.retention == Retention(0, 0, 0, 0) and today.retention.total is None


def test_success_by_local_hour(report: Report) -> None:
    total = report.statistics_of("")
    assert total is not None
    hours = {h.hour: h for h in total.period("all").hours if h.reviews}
    # 10:00 UTC is 12:00 in October (summer time) and 11:00 in November
    assert hours == {
        10: Hour(10, 1, 1),  # B
        11: Hour(11, 2, 1),  # C failed, A's fourth passed
        12: Hour(12, 2, 2),  # A's first two
        19: Hour(19, 1, 0),  # A's third
    }
    assert hours[11].success == 0.5
    assert len(total.period("today").hours) == 24


def test_study_days_by_stage(report: Report) -> None:
    total = report.statistics_of("")
    assert total is not None
    assert total.days == (
        StudyDay(date(2026, 10, 1), Stages(1, 0, 0), Stages(10, 0, 0)),
        StudyDay(date(2026, 10, 9), Stages(0, 1, 0), Stages(0, 20, 0)),
        StudyDay(date(2026, 11, 20), Stages(1, 0, 0), Stages(6, 0, 0)),
        StudyDay(date(2026, 11, 24), Stages(0, 1, 0), Stages(0, 60, 0)),
        StudyDay(date(2026, 11, 25), Stages(1, 0, 1), Stages(30, 0, 5)),
    )


def test_cards_forecast_and_distributions(report: Report) -> None:
    total, voorbeeld, mini = report.statistics
    assert (total.deck, voorbeeld.deck, mini.deck) == ("", "voorbeeld", "mini")
    # 24 + 2 items: A back in review with a short interval; B and C in learning
    assert voorbeeld.cards == CardCounts(
        new=21, learning=2, relearning=0, young=1, mature=0, suspended=0
    )
    assert mini.cards == CardCounts(2, 0, 0, 0, 0, 0)
    assert total.cards.new == 23
    # C is overdue and counted only there; B is due today; A some days on
    forecast = total.forecast
    assert forecast.overdue == 1
    assert forecast.days[0] == 1 and sum(forecast.days) + forecast.later == 2
    assert len(forecast.days) == 31
    # the distributions count the studied items: three; intervals only A (in review)
    assert sum(total.intervals.counts) == 1
    for distribution in (total.stability, total.difficulty, total.recall):
        assert sum(distribution.counts) == 3
    assert len(total.recall.counts) == len(total.recall.edges) == 10
    assert mini.periods[-1].reviews == Stages() and mini.days == ()


def test_statistics_read_back_from_json(report: Report) -> None:
    assert parse_report(report_json(report), "a.json") == report


def test_a_version_2_report_reads_without_statistics(report: Report) -> None:
    data = json.loads(report_json(report))
    del data["statistics"]
    data["schema_version"] = 2
    assert parse_report(json.dumps(data), "old.json").statistics == ()


def test_statistics_of_another_deck_order_are_refused(report: Report) -> None:
    data = json.loads(report_json(report))
    data["statistics"] = data["statistics"][::-1]
    with pytest.raises(Exception, match="statistics must cover all decks"):
        parse_report(json.dumps(data), "a.json")


def test_a_suspended_item_counts_as_suspended_only(
    amsterdam: None, store: Store, decks: Library
) -> None:
    record(store, decks, HISTORY)
    suspend(store, [(C, "voorbeeld"), ("mini/b#q", "mini")], NOW)  # C was overdue; b is new
    report = build_report(decks, store, NOW, planner=PLANNER)
    total = report.statistics_of("")
    assert total is not None
    assert total.cards == CardCounts(
        new=22, learning=1, relearning=0, young=1, mature=0, suspended=2
    )
    assert total.forecast.overdue == 0 and report.total.overdue == 0
    assert not report.item(C).overdue
    # its past reviews still count
    assert total.period("all").reviews.total == 6
