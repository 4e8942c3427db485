"""Per-deck counts: how many items, how many new, how many due now, how many overdue, how many
reviews logged."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from functools import partial

from crmcards.decks.catalog import Library
from crmcards.scheduling.mastery import is_mastered
from crmcards.services.backlog import overdue
from crmcards.store.history import note_reviews_since
from crmcards.store.repository import Store


@dataclass(frozen=True)
class Counts:
    cards: int
    new: int
    due: int
    overdue: int  # items the student could have studied on an earlier day and did not
    reviews: int
    mastered: int  # see crmcards.scheduling.mastery


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


def status(library: Library, store: Store, now: datetime) -> Status:
    states = store.states()
    reviews = store.review_counts()
    behind = overdue(library.items(), states, partial(note_reviews_since, store), now)
    decks = []
    for deck in library.decks:
        items = library.items([deck])
        known = [states[i.id] for i in items if i.id in states]
        decks.append(
            DeckStatus(
                deck.id,
                deck.title,
                Counts(
                    cards=len(items),
                    new=len(items) - len(known),
                    due=sum(1 for s in known if s.due <= now),
                    overdue=sum(1 for i in items if i.id in behind),
                    reviews=reviews.get(deck.id, 0),
                    mastered=sum(1 for s in known if is_mastered(s)),
                ),
            )
        )
    total = Counts(*(sum(getattr(d.counts, f.name) for d in decks) for f in fields(Counts)))
    return Status(decks, total)
