"""Sessions that follow the exam plan once an exam date is set (through crmcards.api)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fsrs import State

from crmcards import api
from crmcards.scheduling.exam import INTRODUCE_BEFORE, ExamPlanner
from crmcards.scheduling.queue import study_date
from tests.conftest import SAMPLE_DECKS

START = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def study_days(home: Path, exam: date, days: int, rating: int = 4) -> dict[str, int]:
    """Follow the app's session every day, rating everything `rating`; new cards per day."""
    clock = [START]
    introduced: dict[str, int] = {}
    with api.open(home=home, decks=[SAMPLE_DECKS], now=lambda: clock[0], bundled_decks=False) as ws:
        for day in range(days):
            clock[0] = START + timedelta(days=day)
            session = ws.review()
            while not session.finished:
                assert session.current is not None
                if session.current.id not in introduced:
                    introduced[session.current.id] = day
                session.reveal()
                clock[0] += timedelta(seconds=10)
                session.rate(rating)
            session.end()
        planner = ws.planner()
        states = ws.open_store().states()
    assert planner.exam is not None and planner.exam.day == exam
    for state in states.values():  # nothing is left to jump past the exam below the target
        if state.state == State.Review.value and study_date(state.due) >= exam:
            assert planner.exam.exam_recall(state) >= planner.exam.target
    return introduced


def test_sessions_follow_the_exam_date_in_the_settings(home: Path) -> None:
    exam = study_date(START) + timedelta(days=12)
    home.mkdir(parents=True)
    (home / "config.toml").write_text(f'exam_date = "{exam.isoformat()}"\nnew_per_day = 2\n')
    introduced = study_days(home, exam, days=12)
    with api.open(home=home, decks=[SAMPLE_DECKS], bundled_decks=False) as ws:
        items = len(ws.library.items())
    assert len(introduced) == items  # all in, although only 2 a day were asked for
    assert max(introduced.values()) <= 12 - INTRODUCE_BEFORE


def test_without_an_exam_date_the_daily_limit_holds(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text("new_per_day = 2\n")
    clock = [START]
    with api.open(home=home, decks=[SAMPLE_DECKS], now=lambda: clock[0], bundled_decks=False) as ws:
        assert ws.planner().exam is None
        session = ws.review()
        shown = set()
        while not session.finished:
            assert session.current is not None
            shown.add(session.current.id)
            session.reveal()
            session.rate(4)
        assert len(shown) == 2


def test_a_review_session_with_its_own_exam_date(home: Path) -> None:
    exam = study_date(START) + timedelta(days=20)
    with api.open(home=home, decks=[SAMPLE_DECKS], now=START, bundled_decks=False) as ws:
        planner = ws.planner(exam_date=exam)
        assert isinstance(planner.exam, ExamPlanner) and planner.exam.day == exam
