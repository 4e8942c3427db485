"""Per-deck counts: how many items, how many new, how many due now, how many overdue, how many
reviews logged."""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from itertools import chain

from crmcards.decks.outline import DeckOutline
from crmcards.scheduling.mastery import MASTERED_STABILITY_DAYS, REVIEW_STATE
from crmcards.scheduling.queue import study_day_start
from crmcards.services.backlog import overdue
from crmcards.store.history_reads import HistoryReads, ItemMarks


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


def orphaned_items(
    decks: Iterable[DeckOutline], store: HistoryReads, scheduled: set[str] | None = None
) -> list[str]:
    """Item ids with a schedule or ratings but no card in any known deck (sorted); `scheduled`:
    the ids of the scheduled items, if already read.

    Kept out of `status`, which the home screen recomputes often: this reads the whole log."""
    known = set(chain.from_iterable(deck.item_ids for deck in decks))
    return sorted(store.items_with_history(scheduled) - known)


def item_marks(store: HistoryReads, now: datetime) -> ItemMarks:
    """Which items are scheduled, due at `now` and mastered (crmcards.scheduling.mastery)."""
    return store.item_marks(
        now, mastered_state=REVIEW_STATE, mastered_stability=MASTERED_STABILITY_DAYS
    )


def status(
    decks: Sequence[DeckOutline],
    store: HistoryReads,
    now: datetime,
    suspended: Container[str] = frozenset(),
    marks: ItemMarks | None = None,
) -> Status:
    """Counted from one pass over the schedules (no object per item; `marks`, if already
    read) and the decks' outlines (no card text), so that it stays quick with 100,000 items; an
    item whose card is in no deck any more is not counted. A `suspended` card counts in `cards`
    and `suspended` only (it is neither new, due nor mastered)."""
    marks = item_marks(store, now) if marks is None else marks
    reviews = store.review_counts()
    # only the items due before today can be overdue: their states, read by the due index
    waiting = store.due_before(study_day_start(now))
    behind = overdue(
        chain.from_iterable(deck.item_ids for deck in decks),
        waiting,
        store.note_reviews_since,
        store.first_reviews,
        now,
    )
    counted = []
    for deck in decks:
        items = {item_id for item_id in deck.item_ids if item_id not in suspended}
        counted.append(
            DeckStatus(
                deck.id,
                deck.title,
                Counts(
                    cards=len(deck.item_ids),
                    new=len(items) - len(items & marks.scheduled),
                    due=len(items & marks.due),
                    overdue=len(items & behind),
                    reviews=reviews.get(deck.id, 0),
                    mastered=len(items & marks.mastered),
                    suspended=len(deck.item_ids) - len(items),
                ),
            )
        )
    total = Counts(*(sum(getattr(d.counts, f.name) for d in counted) for f in fields(Counts)))
    return Status(counted, total)
