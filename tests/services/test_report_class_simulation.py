"""What a teacher reads (behind, weakest concepts, last studied) and the statistics, for a class
simulated through real review sessions (tests/services/simulated_class.py): a diligent, an
irregular and a stopped student. The expected figures are worked out from the simulation's own
plan (who studied when) and from the students' databases read with plain SQL."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.locations import DB_FILENAME
from crmcards.scheduling.planner import Planner
from crmcards.services.report.days import study_date
from crmcards.services.report.figures import build_report
from crmcards.services.report.json import parse_report, report_json
from crmcards.services.report.merge import WEAKEST, class_view
from crmcards.services.report.tables import last_studied
from tests.services.simulated_class import (
    IRREGULAR_DAYS,
    LAST_DAY,
    LEFT_OPEN_DAY,
    NOW,
    STUDENTS,
    course_day,
    simulate,
)


def _sql(home: Path, query: str, *parameters: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(home / DB_FILENAME) as connection:
        return connection.execute(query, parameters).fetchall()


def _hardest_concepts(homes: list[Path]) -> list[str]:
    """The concepts ranked as the class view should: the mean over the students who studied a
    concept of their mean FSRS difficulty on its items, then failures per review."""
    difficulties: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    reviews: dict[str, int] = defaultdict(int)
    for home in homes:
        mine: dict[str, list[float]] = defaultdict(list)
        for item_id, difficulty in _sql(home, "SELECT item_id, difficulty FROM item_state"):
            mine[str(item_id).partition("#")[0]].append(float(difficulty))  # type: ignore[arg-type]
        for concept, values in mine.items():
            difficulties[concept].append(sum(values) / len(values))
        for item_id, rating in _sql(home, "SELECT item_id, rating FROM review_log"):
            concept = str(item_id).partition("#")[0]
            reviews[concept] += 1
            failures[concept] += rating in (1, 2)
    ranked = sorted(
        difficulties,
        key=lambda c: (-sum(difficulties[c]) / len(difficulties[c]), -failures[c] / reviews[c], c),
    )
    return ranked[:WEAKEST]


def _held_back(home: Path) -> int:
    """Reviews made on a later study day than the one the item fell due on."""
    waited = 0
    for reviewed_at, previous in _sql(home, "SELECT reviewed_at, previous FROM review_log"):
        if previous is not None:
            due = datetime.fromisoformat(json.loads(str(previous))["due"])
            moment = datetime.fromisoformat(str(reviewed_at)).replace(tzinfo=UTC)
            waited += study_date(moment) > study_date(due)
    return waited


def test_a_simulated_class(amsterdam: None, tmp_path: Path, library: Library) -> None:
    planner = Planner(fuzz=False)
    homes = [tmp_path / student.name for student in STUDENTS]
    reports = []
    for home, student in zip(homes, STUDENTS, strict=True):
        store = simulate(home, library, student, planner)
        report = build_report(library, store, NOW, planner=planner, student=student.name)
        store.close()
        reports.append((student.name, parse_report(report_json(report), student.name)))
    view = class_view(reports)
    dana, ivo, sam = view.students

    # Dana studied every day everything the app offered: nothing is overdue, although items of
    # hers waited past their due day because a sibling was studied that day (the app held them)
    assert _held_back(homes[0]) > 0  # the case is really there
    assert (dana.overdue, dana.behind, dana.idle_days) == (0, False, 0)
    assert last_studied(dana, "nl").endswith("(vandaag)")

    # Ivo last studied on 22 Nov (course day 38) and skipped the two days after: items due on
    # those days are overdue; he is behind
    assert course_day(max(IRREGULAR_DAYS)) == LAST_DAY - timedelta(days=3)
    assert ivo.last_review is not None and study_date(ivo.last_review) == course_day(38)
    assert last_studied(ivo, "nl") == "22-11-2026 (3 dagen geleden)"
    assert ivo.behind and ivo.overdue > 0

    # Sam stopped after two weeks: last studied 28 Oct, four weeks ago, and behind
    assert last_studied(sam, "en") == "2026-10-28 (28 days ago)"
    assert sam.behind and sam.overdue > 0
    assert view.behind == (ivo, sam)

    # the concepts the class finds hardest, as plain SQL on the three databases ranks them
    assert [m.id for m in view.weakest] == _hardest_concepts(homes)

    # days studied: Ivo's and Sam's as planned; Dana sat down every day, but on a day with
    # nothing due and no new items left there is nothing to review: her days are those with a
    # review in her log
    days = {
        name: [(p.period, p.days_studied, p.days) for p in report.statistics[0].periods]
        for name, report in reports
    }
    assert days["Irregular Ivo"] == [("today", 0, 1), ("7d", 1, 7), ("30d", 7, 30), ("all", 13, 42)]
    assert days["Stopped Sam"] == [("today", 0, 1), ("7d", 0, 7), ("30d", 2, 30), ("all", 14, 42)]
    logged = {
        study_date(datetime.fromisoformat(str(moment)).replace(tzinfo=UTC))
        for (moment,) in _sql(homes[0], "SELECT reviewed_at FROM review_log")
    }
    assert days["Diligent Dana"] == [
        (period, sum(1 for day in logged if (LAST_DAY - day).days < span), span)
        for period, span in (("today", 1), ("7d", 7), ("30d", 30), ("all", 42))
    ]
    assert len(logged) >= 40

    # the card Ivo left open for 30 minutes counts for the 60 s cap only
    ivo_days = {day.date: day for day in reports[1][1].statistics[0].days}
    left_open = ivo_days[course_day(LEFT_OPEN_DAY)]
    assert left_open.seconds.total <= 60 + 20 * (left_open.reviews.total - 1)
    # Sam's statistics: nothing in the last week, every item he studied still counted
    sam_report = reports[2][1]
    assert sam_report.statistics[0].period("7d").reviews.total == 0
    cards = sam_report.statistics[0].cards
    assert cards.new + cards.learning + cards.relearning + cards.young + cards.mature == 24
