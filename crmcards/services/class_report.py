"""The live class view from the class server: each student's report built from their log as
PostgreSQL sums it up (store.hub_report), then the same ClassView `report --merge` builds from
students' JSON files, so every format shows it the same way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from crmcards.decks.catalog import Library
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.queue import Today, study_day_start
from crmcards.scheduling.ratings import FAILED
from crmcards.services.flags import entry
from crmcards.services.hub_text import hub_failure
from crmcards.services.report.days import day_start, study_date
from crmcards.services.report.figures import History, Report, report_from
from crmcards.services.report.merge import ClassView, class_view
from crmcards.services.settings import Settings
from crmcards.store.history import Tally
from crmcards.store.hub import Hub, HubError
from crmcards.store.hub_report import StudentLog, class_logs, first_class_review, note_reviews


def _history(hub: Hub, log: StudentLog, answer_seconds_cap: int) -> History:
    def period_tallies(bounds: Sequence[datetime]) -> list[list[Tally]]:
        return [log.tallies.get(start, []) for start in bounds[:-1]]

    def reviews_of(notes: Collection[str], since: datetime) -> list[tuple[str, datetime]]:
        return note_reviews(hub, log.login, notes, since)

    def studied_today(now: datetime) -> Today:
        began = study_day_start(now)
        today = reviews_of({state.note_key for state in log.states.values()}, began)
        new = sum(1 for first in log.first_reviews.values() if first >= began)
        return Today(new=new, reviews=len(today) - new, notes=frozenset(n for n, _ in today))

    moments = [s.last_review for s in log.states.values() if s.last_review is not None]
    return History(
        states=log.states,
        reviews=Counter(log.reviews),
        failures=Counter(log.failures),
        first_review=log.first_review,
        last_review=max(moments, default=None),
        answer_seconds_cap=answer_seconds_cap,
        period_tallies=period_tallies,
        flags=tuple(entry(flag) for flag in log.flags or ()),
        note_reviews=reviews_of,
        studied_today=studied_today,
    )


def class_reports(
    library: Library,
    admin_url: str,
    now: datetime,
    *,
    planner: Planner,
    language: str,
    answer_seconds_cap: int = Settings().answer_seconds_cap,
) -> list[tuple[str, Report]]:
    """(name, report) of every student of the class at `admin_url`, as of `now`."""
    return _class_reports(
        library,
        admin_url,
        now,
        planner=planner,
        language=language,
        answer_seconds_cap=answer_seconds_cap,
    )[0]


def _class_reports(
    library: Library,
    admin_url: str,
    now: datetime,
    *,
    planner: Planner,
    language: str,
    answer_seconds_cap: int,
) -> tuple[list[tuple[str, Report]], bool]:
    """The reports, and whether the class holds flags (a class made before flags does not)."""
    try:
        hub = Hub.at(admin_url)
        first = first_class_review(hub)
        bounds: list[datetime] = []
        if first is not None:
            today, day = study_date(now), study_date(first)
            bounds = [day_start(day + timedelta(days=n)) for n in range((today - day).days + 2)]
        logs = class_logs(hub, FAILED, bounds, answer_seconds_cap * 1000)
    except HubError as error:
        raise hub_failure(error, language) from None
    reports = [
        (
            log.name,
            report_from(
                library,
                _history(hub, log, answer_seconds_cap),
                now,
                planner=planner,
                student=log.name,
            ),
        )
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
    answer_seconds_cap: int = Settings().answer_seconds_cap,
) -> ClassView:
    reports, with_flags = _class_reports(
        library,
        admin_url,
        now,
        planner=planner,
        language=language,
        answer_seconds_cap=answer_seconds_cap,
    )
    return class_view(reports, anonymise=anonymise, with_flags=with_flags)
