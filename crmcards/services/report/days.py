"""Study days. A day starts at 04:00 local time (see scheduling.queue), so a session that runs
past midnight counts for the day it began."""

from __future__ import annotations

from datetime import date, datetime

from crmcards.scheduling.queue import DAY_STARTS_AT, study_day_start


def study_date(moment: datetime) -> date:
    """The study day `moment` falls in."""
    return study_day_start(moment).date()


def day_start(day: date) -> datetime:
    """When study day `day` begins, as an aware datetime."""
    return datetime.combine(day, DAY_STARTS_AT).astimezone()
