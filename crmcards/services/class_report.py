"""The live class view from the class server: each student's report built from their log as
PostgreSQL sums it up (store.hub_report), then the same ClassView `report --merge` builds from
students' JSON files, so every format shows it the same way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.ratings import FAILED
from crmcards.services.flags import entry
from crmcards.services.hub_text import hub_failure
from crmcards.services.report.days import day_start, study_date
from crmcards.services.report.figures import History, Report, report_from
from crmcards.services.report.merge import ClassView, class_view
from crmcards.store.history import Tally
from crmcards.store.hub import Hub, HubError
from crmcards.store.hub_report import StudentLog, class_logs, first_class_review


def _history(log: StudentLog) -> History:
    def period_tallies(bounds: Sequence[datetime]) -> list[list[Tally]]:
        return [log.tallies.get(start, []) for start in bounds[:-1]]

    return History(
        states=log.states,
        reviews=Counter(log.reviews),
        failures=Counter(log.failures),
        first_review=log.first_review,
        period_tallies=period_tallies,
        flags=tuple(entry(flag) for flag in log.flags or ()),
    )


def class_reports(
    library: Library, admin_url: str, now: datetime, *, planner: Planner, language: str
) -> list[tuple[str, Report]]:
    """(name, report) of every student of the class at `admin_url`, as of `now`."""
    return _class_reports(library, admin_url, now, planner=planner, language=language)[0]


def _class_reports(
    library: Library, admin_url: str, now: datetime, *, planner: Planner, language: str
) -> tuple[list[tuple[str, Report]], bool]:
    """The reports, and whether the class holds flags (a class made before flags does not)."""
    try:
        hub = Hub.at(admin_url)
        first = first_class_review(hub)
        bounds: list[datetime] = []
        if first is not None:
            today, day = study_date(now), study_date(first)
            bounds = [day_start(day + timedelta(days=n)) for n in range((today - day).days + 2)]
        logs = class_logs(hub, FAILED, bounds)
    except HubError as error:
        raise hub_failure(error, language) from None
    reports = [
        (log.name, report_from(library, _history(log), now, planner=planner, student=log.name))
        for log in logs
    ]
    return reports, all(log.flags is not None for log in logs)


def live_class_view(
    library: Library,
    admin_url: str,
    now: datetime,
    *,
    planner: Planner,
    language: str,
    anonymise: bool = False,
) -> ClassView:
    reports, with_flags = _class_reports(
        library, admin_url, now, planner=planner, language=language
    )
    return class_view(reports, anonymise=anonymise, with_flags=with_flags)
