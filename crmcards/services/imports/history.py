"""`crmcards import FILE.apkg|.colpkg --with-history`: a student moving from Anki keeps their
memory. Each rating of the package's review log is attached to the item its card became, stored
with an id made from the rating's own id (so importing the same package again adds nothing
twice), and every item's FSRS state is rebuilt by replaying its ratings in order.

Anki card → crmcards item: a basic note's first card is its question ("q") and its second the
reverse; a cloze note's n-th cloze is its n-th gap (its one item when it has one gap).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from crmcards.decks.items import Item, expand_note
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.ratings import to_fsrs
from crmcards.scheduling.replay import replay
from crmcards.services.imports.imported import Imported
from crmcards.services.imports.run import ImportOptions, read_for
from crmcards.services.imports.writer import Written, write_deck
from crmcards.store.memory import add_history
from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog

IMPORTED = uuid.UUID("6f0e4c1a-18a5-4e43-9c1e-3d7a1f5b2c18")  # namespace of imported rating ids


@dataclass(frozen=True)
class HistoryImport:
    added: int  # ratings stored now
    items: int  # items whose schedule was rebuilt
    known: int  # ratings that were already here (an earlier import)
    unmatched: int  # ratings of cards that did not become an item
    left_out: int  # manual changes and cramming, which are not ratings


def item_for(items: Sequence[Item], ord_: int) -> Item | None:
    """The item an Anki card (`ord_`, 0 for the first) of a note became."""
    if not items:
        return None
    variants = {item.variant: item for item in items}
    note = items[0].note
    if note.type == "cloze":
        return variants.get(str(ord_ + 1)) or (variants.get("all") if ord_ == 0 else None)
    if ord_ == 0:
        return items[0]
    return variants.get("reverse") if ord_ == 1 else None


def review_logs(imported: Imported, written: Written) -> tuple[list[ReviewLog], int]:
    """The imported ratings as review log rows, and how many have no item to go to."""
    left_out = {s.where for s in written.skipped}
    usable = [card for card in imported.cards if card.where not in left_out]
    notes = dict(zip((card.where for card in usable), written.deck.notes, strict=True))
    logs, unmatched = [], 0
    for review in imported.history:
        note = notes.get(review.where)
        item = None if note is None else item_for(expand_note(written.deck, note), review.ord)
        if item is None:
            unmatched += 1
            continue
        logs.append(
            ReviewLog(
                uid=str(uuid.uuid5(IMPORTED, f"{review.source_id}|{item.id}")),
                item_id=item.id,
                deck_id=item.deck.id,
                note_key=item.note_key,
                rating=review.rating,
                fsrs_rating=int(to_fsrs(review.rating)),  # set again by the replay
                reviewed_at=review.at,
                duration_ms=review.duration_ms,
                state_after=0,  # set by the replay
            )
        )
    return logs, unmatched


def import_with_history(
    path: Path, out: Path, options: ImportOptions, store: Store, planner: Planner
) -> tuple[Written, HistoryImport]:
    """Write the deck `out` from the package at `path` and bring its review log into `store`
    (states replayed with `planner`)."""
    imported = read_for(path, out, replace(options, with_history=True))
    written = write_deck(imported, out, origin=path, force=options.force)
    logs, unmatched = review_logs(imported, written)
    added, items = add_history(store, logs, lambda item_logs: replay(planner, item_logs))
    left_out = imported.history_skipped
    return written, HistoryImport(added, items, len(logs) - added, unmatched, left_out)
