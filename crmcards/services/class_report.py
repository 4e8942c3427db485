"""The live class view from the class server: PostgreSQL sums up each student's summaries per
item, deck, concept and student (store.hub_report), and this builds from those sums the same
ClassView `report --merge` builds from the students' own reports, so every format shows it the
same way. The teacher's machine receives a few rows per item and student, never the log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.scheduling.mastery import MASTERED_STABILITY_DAYS, REVIEW_STATE
from crmcards.scheduling.planner import LEARNING_STATES, Planner
from crmcards.scheduling.ratings import FAILED
from crmcards.services.flags import entry
from crmcards.services.hub_text import hub_failure
from crmcards.services.report.class_statistics import (
    CLASS_DAYS,
    CLASS_PERIODS,
    StudentPeriod,
    class_statistics,
    student_period,
)
from crmcards.services.report.days import day_start, study_date
from crmcards.services.report.figures import streak
from crmcards.services.report.flagged import flagged_cards
from crmcards.services.report.merge import (
    WEAKEST,
    ClassView,
    Mastery,
    StudentRow,
    class_view,
    concept_of,
    hardest_first,
)
from crmcards.services.report.statistics import DaySums, StudyDay, period_of, study_days
from crmcards.services.settings import Settings
from crmcards.store.hub import Hub, HubError
from crmcards.store.hub_report import (
    ClassFigures,
    Curve,
    Figures,
    StageTally,
    StudentFigures,
    class_figures,
    first_class_review,
)


def _curve(planner: Planner) -> Curve:
    scheduler = planner.scheduler  # recall as py-fsrs predicts it (Planner.retrievability)
    return Curve(
        factor=scheduler._FACTOR,
        decay=scheduler._DECAY,
        review_state=REVIEW_STATE,
        learning_states=LEARNING_STATES,
        mastered_stability=MASTERED_STABILITY_DAYS,
        failed=FAILED,
    )


def _bounds(first: datetime | None, now: datetime) -> list[datetime]:
    """The starts of the study days from the class's first review up to today, and the end of
    today."""
    today = study_date(now)
    day = today if first is None else min(study_date(first), today)
    return [day_start(day + timedelta(days=n)) for n in range((today - day).days + 2)]


def log_figures(
    tallies: Sequence[StageTally], first_day: date, today: date
) -> tuple[tuple[StudentPeriod, ...], tuple[StudyDay, ...]]:
    """A student's CLASS_PERIODS and study days with reviews, from their log summed up per
    study day (counted from `first_day`, day 1) and stage: what report_periods and report_days
    read of their own report, summed up as their report sums its own (report.statistics)."""
    days: dict[date, DaySums] = {}
    for tally in tallies:
        days.setdefault(first_day + timedelta(days=tally.day - 1), DaySums()).add_stage(tally)
    periods = (student_period(period_of(name, first_day, today, days)) for name in CLASS_PERIODS)
    return tuple(periods), study_days(days)


def _mastery(figures: Figures | None, key: str, deck: str, text: str, students: int) -> Mastery:
    """`students`: how many the means are over (every student, for an item or deck)."""
    if figures is None:  # nobody has reviewed it
        return Mastery(key, deck, text, students, 0, 0, 0.0, 0, 0, None, None)
    return Mastery(
        id=key,
        deck=deck,
        text=text,
        students=students,
        studied=figures.studied,
        mastered=figures.mastered,
        recall=figures.recall / students,
        reviews=figures.reviews,
        failures=figures.failures,
        difficulty=figures.difficulty,
        last_review=figures.last_review,
    )


def _student(
    name: str,
    figures: StudentFigures,
    items: int,
    now: datetime,
    first_day: date,
    periods: tuple[StudentPeriod, ...],
) -> StudentRow:
    """`first_day`: the study day of the first period figures.days count from."""
    today = study_date(now)
    days = [first_day + timedelta(days=period - 1) for period in figures.days]
    last = figures.last_review
    return StudentRow(
        name=name,
        study_day=today,
        generated_at=now,
        last_review=last,
        idle_days=None if last is None else (today - study_date(last)).days,
        items=items,
        mastered=figures.mastered,
        recall=figures.recall / items if items else 0.0,
        reviews_7d=figures.reviews_7d,
        streak=streak(days, today),
        overdue=figures.overdue,
        exam_date=None,
        exam_recall=None,
        exam_per_day=None,
        behind=figures.overdue > 0,
        statistics=periods,
    )


def _view(
    library: Library,
    figures: ClassFigures,
    now: datetime,
    first_day: date,
    window_day: date,
    anonymise: bool,
) -> ClassView:
    """`first_day`: the first study day of the class's log; `window_day`: of the statistics'."""
    students = len(figures.students)
    if not students:
        return class_view([])
    today = study_date(now)
    logs = [log_figures(f.stages, window_day, today) for f in figures.students]
    titles = {deck.id: deck.title for deck in library.decks}
    prompts = library.prompts
    items = library.items()
    per_item = {f.key: f for f in figures.items}
    per_deck = {f.key: f for f in figures.decks}
    first_of: dict[str, Item] = {}  # the first item of each concept
    for item in items:
        first_of.setdefault(concept_of(item.id), item)
    names = [
        f"Student {n}" if anonymise else f.name for n, f in enumerate(figures.students, start=1)
    ]
    concepts = sorted(
        (
            _mastery(
                f,
                f.key,
                titles[first_of[f.key].deck.id],
                prompts[first_of[f.key].id],
                f.students,
            )
            for f in figures.concepts
        ),
        key=hardest_first,
    )
    flags = [
        (name, entry(flag))
        for name, f in zip(names, figures.students, strict=True)
        for flag in f.flags or ()
    ]
    return ClassView(
        students=tuple(
            _student(name, f, len(items), now, first_day, periods)
            for name, f, (periods, _) in zip(names, figures.students, logs, strict=True)
        ),
        decks=tuple(
            _mastery(per_deck.get(deck.id), deck.id, deck.title, deck.title, students)
            for deck in library.decks
            if library.items([deck])
        ),
        items=tuple(
            sorted(
                (
                    _mastery(per_item.get(i.id), i.id, titles[i.deck.id], prompts[i.id], students)
                    for i in items
                ),
                key=hardest_first,
            )
        ),
        weakest=tuple(concepts[:WEAKEST]),
        flagged=None
        if any(f.flags is None for f in figures.students)
        else flagged_cards(flags, prompts, titles),
        statistics=class_statistics(today, (days for _, days in logs)),
    )


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
    """The class at `admin_url` as of `now`: what `report --merge` shows of the students'
    own reports (made with `planner`'s memory model and `answer_seconds_cap`)."""
    try:
        hub = Hub.at(admin_url)
        bounds = _bounds(first_class_review(hub), now)
        window = bounds[-CLASS_DAYS - 1 :]
        items = library.items()
        figures = class_figures(
            hub,
            [(i.id, i.deck.id, i.note_key) for i in items],
            [deck.id for deck in library.decks],
            _curve(planner),
            now,
            bounds,
            window,
            answer_seconds_cap * 1000,
        )
    except HubError as error:
        raise hub_failure(error, language) from None
    return _view(library, figures, now, study_date(bounds[0]), study_date(window[0]), anonymise)
