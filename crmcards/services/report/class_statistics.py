"""The class's statistics: how each student studies, and what the class did per day.

- Per student, for the last 7 and 30 study days (today included), as the student's own report
  counts them (services.report.statistics): true retention young and mature (of the reviews of
  items in review, how many passed), with the counts it rests on; reviews (per day) and study
  time, by stage; the days studied.
- For the class: reviews and study time per study day over its last CLASS_DAYS days, by the
  stage the item was in (learning, review, relearning), summed over the students.

`report --merge` reads them from each report's own statistics; `report --class` from the class
server's log summed up per student, study day and stage (store.hub_report.class_stage_tallies),
put together here by the same rules, so both give the same figures. A report made before the
statistics (schema 2) has none: that student's figures are None ("not in this report"), never
zeros, and the class's days add up the others (`ClassStatistics.students` says how many).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from crmcards.services.report.figures import Report
from crmcards.services.report.statistics import PERIODS, STAGES, Period, Retention, Stages, StudyDay

CLASS_PERIODS = ("7d", "30d")  # names in statistics.PERIODS
PERIOD_DAYS = {name: dict(PERIODS)[name] or 0 for name in CLASS_PERIODS}
CLASS_DAYS = 30  # the class's per-day figures: its last this many study days, today included


@dataclass(frozen=True)
class StudentPeriod:
    """One student's work in one period (a name in CLASS_PERIODS)."""

    period: str
    days: int  # study days the period spans
    days_studied: int
    reviews: Stages
    seconds: Stages  # each answer counted up to the report's answer_seconds_cap
    retention: Retention

    @property
    def reviews_per_day(self) -> float:
        return self.reviews.total / self.days


@dataclass(frozen=True)
class ClassStatistics:
    """The class's reviews and study time per study day, by stage."""

    students: int  # whose reviews the days add up (those whose figures are known)
    days: tuple[StudyDay, ...]  # each of the class's last CLASS_DAYS study days, oldest first


def student_period(period: Period) -> StudentPeriod:
    return StudentPeriod(
        period.period,
        period.days,
        period.days_studied,
        period.reviews,
        period.seconds,
        period.retention,
    )


def report_periods(report: Report) -> tuple[StudentPeriod, ...] | None:
    """A student's CLASS_PERIODS as their report gives them (None: a report without
    statistics)."""
    statistics = report.statistics_of("")
    if statistics is None:
        return None
    return tuple(student_period(statistics.period(name)) for name in CLASS_PERIODS)


def report_days(report: Report) -> tuple[StudyDay, ...] | None:
    """A student's study days with reviews as their report gives them (None: without
    statistics)."""
    statistics = report.statistics_of("")
    return None if statistics is None else statistics.days


def class_statistics(today: date, students: Iterable[Sequence[StudyDay] | None]) -> ClassStatistics:
    """The class's last CLASS_DAYS study days up to `today`, from each student's study days
    (None: not known, left out)."""
    dates = [today - timedelta(days=CLASS_DAYS - 1 - n) for n in range(CLASS_DAYS)]
    reviews = {day: [0] * len(STAGES) for day in dates}
    seconds = {day: [0] * len(STAGES) for day in dates}
    known = 0
    for days in students:
        if days is None:
            continue
        known += 1
        for day in days:
            if day.date in reviews:
                for n, value in enumerate(day.reviews.values()):
                    reviews[day.date][n] += value
                for n, value in enumerate(day.seconds.values()):
                    seconds[day.date][n] += value
    return ClassStatistics(
        known,
        tuple(StudyDay(day, Stages(*reviews[day]), Stages(*seconds[day])) for day in dates),
    )
