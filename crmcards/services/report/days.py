"""Study days. A day starts at 04:00 local time (see scheduling.queue), so a session that runs
past midnight counts for the day it began."""

from __future__ import annotations

from crmcards.scheduling.queue import day_start, study_date

__all__ = ["day_start", "study_date"]
