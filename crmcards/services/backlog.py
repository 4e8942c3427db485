"""Which items are overdue: the one reading that `status`, the home screen, the progress report
and the class view all show (see scheduling.backlog for the definition)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime

from crmcards.decks.items import Item
from crmcards.scheduling.backlog import Due, overdue_items, waiting_notes
from crmcards.scheduling.queue import study_date, study_day_start

# (note keys, since) -> (note key, when) of every review of one of those notes since then
NoteReviews = Callable[[Collection[str], datetime], list[tuple[str, datetime]]]


def overdue(
    items: Sequence[Item],
    states: Mapping[str, Due],
    note_reviews: NoteReviews,
    now: datetime,
) -> frozenset[str]:
    """The ids of the items of `items` the student could have studied on an earlier day and
    did not (reads only the reviews of notes with an item due before today)."""
    waiting = waiting_notes(items, states, study_day_start(now))
    studied: dict[str, set[date]] = defaultdict(set)
    if waiting:
        since = min(states[note_items[0].id].due for note_items in waiting.values())
        for note, reviewed_at in note_reviews(waiting, since):
            studied[note].add(study_date(reviewed_at))
    return frozenset(overdue_items(waiting, states, studied, study_date(now)))
