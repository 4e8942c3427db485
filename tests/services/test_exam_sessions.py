"""Sessions that follow the exam plan once an exam date is set (through crmcards.api)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fsrs import State

from crmcards import api
from crmcards.scheduling.exam import INTRODUCE_BEFORE, ExamPlanner
from crmcards.scheduling.queue import study_date
from crmcards.services.memory_words import plan_lines, today_line
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


def test_the_plan_and_the_sessions_agree_under_the_daily_review_limit(home: Path) -> None:
    """Each day the plan's share for today is what the session shows, with a review limit
    too low for the plan (24 cards in 7 notes, 3 reviews a day): the plan says which would do."""
    exam = study_date(START) + timedelta(days=10)
    home.mkdir(parents=True)
    config = f'exam_date = "{exam.isoformat()}"\nnew_per_day = 2\nreviews_per_day = 3\n'
    (home / "config.toml").write_text(config)
    clock = [START]
    decks = [SAMPLE_DECKS]
    with api.open(
        home=home, decks=decks, now=lambda: clock[0], bundled_decks=False, fuzz=False
    ) as ws:
        for day in range(10):
            clock[0] = START + timedelta(days=day)
            plan = ws.exam_plan(exam)
            assert plan is not None and plan.today is not None
            known = ws.open_store().states()
            session = ws.review()
            new, ratings = set(), 0
            while not session.finished:
                assert session.current is not None
                if session.current.id not in known:
                    new.add(session.current.id)
                session.reveal()
                clock[0] += timedelta(seconds=10)
                session.rate(4)
                ratings += 1
            session.end()
            assert (len(new), ratings - len(new)) == (plan.today.new, plan.today.reviews)
            assert all(d.reviews <= 3 or d.new for d in plan.forecast.days)  # steps of new cards
        assert plan.limit_needed == 7  # one card of each of the 7 notes a day
        assert plan.as_dict()["review_limit"] == {
            "per_day": 3,
            "days_waiting": 1,  # the last day before the exam
            "most_waiting": 4,
            "needed": 7,
        }
    line = " ".join(plan_lines(plan, "nl"))
    assert "Je daglimiet van 3 herhalingen is te laag voor dit plan: op 1 dag blijven" in line
    assert "Met een daglimiet van 7 past het plan" in line
    assert "daily limit of 3 reviews is too low for this plan; 7 would fit" in today_line(
        plan, "en"
    )


def test_a_review_session_with_its_own_exam_date(home: Path) -> None:
    exam = study_date(START) + timedelta(days=20)
    with api.open(home=home, decks=[SAMPLE_DECKS], now=START, bundled_decks=False) as ws:
        planner = ws.planner(exam_date=exam)
        assert isinstance(planner.exam, ExamPlanner) and planner.exam.day == exam
