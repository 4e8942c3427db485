"""The scheduler a student studies with: FSRS with their memory model, and the exam plan once
an exam date is set."""

from __future__ import annotations

from datetime import date, datetime

from crmcards.scheduling.exam import ExamPlanner
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.weekdays import parse_off_days
from crmcards.services.personal_model import current_model
from crmcards.services.report.readiness import upcoming_exam
from crmcards.services.settings import Settings
from crmcards.store.repository import Store


def exam_planner(
    settings: Settings, store: Store, now: datetime, exam_date: date | None = None
) -> ExamPlanner | None:
    """The exam plan for `exam_date` (default: the settings' exam date), if it is after today."""
    day = exam_date or upcoming_exam(settings, now)
    if day is None:
        return None
    return ExamPlanner(
        day,
        current_model(store),
        parse_off_days(settings.off_days),
        settings.desired_retention,
        settings.reviews_per_day,
    )


def make_planner(
    settings: Settings,
    store: Store,
    now: datetime,
    *,
    exam_date: date | None = None,
    fuzz: bool = True,
    follow_exam: bool = True,
) -> Planner:
    exam = exam_planner(settings, store, now, exam_date) if follow_exam else None
    return Planner(
        settings.desired_retention,
        fuzz=fuzz,
        model=exam.model if exam else current_model(store),
        exam=exam,
    )
