"""Feedback from students to the author: flag a card with a short note, list the flags."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from crmcards.decks.items import Item
from crmcards.store.flags import add_flag, all_flags
from crmcards.store.repository import Store
from crmcards.store.tables import Flag

MAX_NOTE = 200


@dataclass(frozen=True)
class FlagEntry:
    """One flag as `crmcards flags --json` and the reports show it."""

    item: str  # the item id, deck/note#variant
    deck: str
    note: str
    time: datetime


def clean_note(text: str) -> str:
    """The note as one line of plain text: control characters dropped, spaces collapsed."""
    printable = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(printable.split())[:MAX_NOTE]


def flag_item(store: Store, item: Item, note: str, now: datetime) -> FlagEntry:
    """Flag `item` for its author; committed before this returns."""
    return entry(add_flag(store, item.id, item.deck.id, clean_note(note), now))


def entry(flag: Flag) -> FlagEntry:
    return FlagEntry(flag.item_id, flag.deck_id, flag.note, flag.flagged_at)


def flags(store: Store) -> list[FlagEntry]:
    """Every flag the student made, oldest first."""
    return [entry(flag) for flag in all_flags(store)]
