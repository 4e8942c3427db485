"""Overdue: the items a student could have studied on an earlier day and did not.

"Due before today began" is not enough. The study queue shows one item of a note a day (see
scheduling.queue): when a sibling was reviewed on a day, the app itself held the other items of
the note back, and a student who studied every day may still have items due since yesterday.
Counting those as overdue marks the most diligent student as behind. So an item in review is
overdue only when, on a study day since it fell due, the app offered it and it was not studied:

- per note, every study day from the day its first waiting item fell due up to yesterday on
  which none of the note's items was reviewed is a day the app offered one of them (the one due
  longest); that item is overdue;
- but a day on which the student began studying before the item fell due did not offer it: a
  session's queue is made when it starts, so an item that falls due during (or after) the
  day's session waits for the next day. (A student who studies twice a day may see it in the
  second session; it then counts from the next day, a day late, never too early.)
- an item in (re)learning is never held back, so it is overdue once it was due before today.

Held back by the daily review limit still counts as overdue (as in Anki): the student could
have raised the limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Container, Mapping
from datetime import date, datetime, timedelta
from typing import Protocol

from crmcards.decks.items import note_key_of
from crmcards.scheduling.planner import LEARNING_STATES
from crmcards.scheduling.queue import study_date


class Due(Protocol):
    """What overdue looks at in an item's schedule (a Schedule, or the store's DueAt)."""

    @property
    def state(self) -> int: ...

    @property
    def due(self) -> datetime: ...


def waiting_notes(
    item_ids: Container[str], states: Mapping[str, Due], today_began: datetime
) -> dict[str, list[str]]:
    """The notes with an item (of `item_ids`) due before `today_began`, each with the ids of
    those items, due longest first. Only `states` is walked: it is usually the items due
    before today, a fraction of a large collection."""
    waiting: dict[str, list[str]] = defaultdict(list)
    for item_id, state in states.items():
        if state.due < today_began and item_id in item_ids:
            waiting[note_key_of(item_id)].append(item_id)
    for note_items in waiting.values():
        note_items.sort(key=lambda item_id: (states[item_id].due, item_id))
    return dict(waiting)


def overdue_items(
    waiting: Mapping[str, list[str]],
    states: Mapping[str, Due],
    studied: Mapping[str, Collection[date]],
    today: date,
    began: Mapping[date, datetime],
) -> set[str]:
    """The ids of the overdue items (see the module docstring).

    `waiting` is waiting_notes(); `studied` holds, per note key, the study days on which one of
    the note's items was reviewed (at least those since its first item fell due); `began`, the
    first review of each study day with reviews (at least since the first item fell due).
    """
    overdue: set[str] = set()
    for note, note_items in waiting.items():
        in_review = [i for i in note_items if states[i].state not in LEARNING_STATES]
        overdue.update(i for i in note_items if states[i].state in LEARNING_STATES)
        if not in_review:
            continue
        reviewed = studied.get(note, ())
        offered = 0  # in_review[:offered] were offered on a free day and are overdue
        day = study_date(states[in_review[0]].due)
        while day < today and offered < len(in_review):
            due = states[in_review[offered]].due
            shown = day not in began or due <= began[day]  # in the queue of that day's session
            if day not in reviewed and study_date(due) <= day and shown:
                offered += 1
            day += timedelta(days=1)
        overdue.update(in_review[:offered])
    return overdue
