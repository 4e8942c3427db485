"""Which items are overdue: the one reading that `status`, the home screen, the progress report
and the class view all show (see scheduling.backlog for the definition)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from crmcards.scheduling.backlog import Due, overdue_items, waiting_notes
from crmcards.scheduling.queue import day_start, study_date, study_day_start

# (note keys, since) -> (note key, when) of every review of one of those notes since then
NoteReviews = Callable[[Collection[str], datetime], list[tuple[str, datetime]]]
# the moments periods begin (and the last one ends) -> the first review in each (None: none)
FirstReviews = Callable[[Sequence[datetime]], list[datetime | None]]


def overdue(
    item_ids: Iterable[str],
    states: Mapping[str, Due],
    note_reviews: NoteReviews,
    first_reviews: FirstReviews,
    now: datetime,
) -> frozenset[str]:
    """The ids of the items of `item_ids` the student could have studied on an earlier day and
    did not (reads only the reviews of notes with an item due before today, and the first
    review of each study day since the first of them fell due)."""
    waiting = waiting_notes(set(item_ids), states, study_day_start(now))
    studied: dict[str, set[date]] = defaultdict(set)
    began: dict[date, datetime] = {}
    if waiting:
        since = min(states[note_items[0]].due for note_items in waiting.values())
        for note, reviewed_at in note_reviews(waiting, since):
            studied[note].add(study_date(reviewed_at))
        first, today = study_date(since), study_date(now)
        days = [first + timedelta(days=n) for n in range((today - first).days)]
        bounds = [*map(day_start, days), day_start(today)]
        began = {
            day: moment
            for day, moment in zip(days, first_reviews(bounds), strict=True)
            if moment is not None
        }
    return frozenset(overdue_items(waiting, states, studied, study_date(now), began))
