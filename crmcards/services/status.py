"""Per-deck counts: how many items, how many new, how many due now, how many overdue, how many
reviews logged."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from functools import partial

from crmcards.decks.catalog import Library
from crmcards.scheduling.mastery import MASTERED_STABILITY_DAYS, REVIEW_STATE
from crmcards.scheduling.queue import study_day_start
from crmcards.services.backlog import overdue
from crmcards.store.history import first_reviews, note_reviews_since
from crmcards.store.repository import Store


@dataclass(frozen=True)
class Counts:
    cards: int
    new: int
    due: int
    overdue: int  # items the student could have studied on an earlier day and did not
    reviews: int
    mastered: int  # see crmcards.scheduling.mastery
    suspended: int = 0  # set aside by the student: counted in no other figure but cards


@dataclass(frozen=True)
class DeckStatus:
    id: str
    title: str
    counts: Counts

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, **asdict(self.counts)}


@dataclass(frozen=True)
class Status:
    decks: list[DeckStatus]
    total: Counts

    def as_dict(self) -> dict[str, object]:
        return {"total": asdict(self.total), "decks": [d.as_dict() for d in self.decks]}


def orphaned_items(library: Library, store: Store) -> list[str]:
    """Item ids with a schedule or ratings but no card in any known deck (sorted).

    Kept out of `status`, which the home screen recomputes often: this reads the whole log."""
    known = {item.id for item in library.items()}
    return sorted(store.items_with_history() - known)


def status(
    library: Library, store: Store, now: datetime, suspended: Container[str] = frozenset()
) -> Status:
    """Counted from one query over the schedules (no object per item), so that it stays quick
    with 100,000 items; an item whose card is in no deck any more is not counted. A `suspended`
    card counts in `cards` and `suspended` only (it is neither new, due nor mastered)."""
    tallies = store.tallies(
        now, mastered_state=REVIEW_STATE, mastered_stability=MASTERED_STABILITY_DAYS
    )
    scheduled = {item_id: (due, mastered) for item_id, _, due, mastered in tallies}
    reviews = store.review_counts()
    # only the items due before today can be overdue: their states, read by the due index
    waiting = store.due_before(study_day_start(now))
    behind = overdue(
        library.items(),
        waiting,
        partial(note_reviews_since, store),
        partial(first_reviews, store),
        now,
    )
    decks = []
    for deck in library.decks:
        every = library.items([deck])
        items = [i for i in every if i.id not in suspended]
        known = [tally for tally in map(scheduled.get, (i.id for i in items)) if tally is not None]
        decks.append(
            DeckStatus(
                deck.id,
                deck.title,
                Counts(
                    cards=len(every),
                    new=len(items) - len(known),
                    due=sum(due for due, _ in known),
                    overdue=sum(1 for i in items if i.id in behind),
                    reviews=reviews.get(deck.id, 0),
                    mastered=sum(mastered for _, mastered in known),
                    suspended=len(every) - len(items),
                ),
            )
        )
    total = Counts(*(sum(getattr(d.counts, f.name) for d in decks) for f in fields(Counts)))
    return Status(decks, total)
