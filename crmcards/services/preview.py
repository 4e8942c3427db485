"""`crmcards preview FILE[:CARD]`: which deck file and which of its cards to show."""

from __future__ import annotations

import difflib
from pathlib import Path

from crmcards.decks.items import Item, expand
from crmcards.decks.loader import load_file
from crmcards.errors import CrmcardsError
from crmcards.messages import Said


def split_target(target: str) -> tuple[Path, str | None]:
    """`FILE` or `FILE:CARD` (a file whose own name has a colon is taken as it is)."""
    path = Path(target)
    if not path.exists() and ":" in target:
        file, _, card = target.rpartition(":")
        if Path(file).exists():
            return Path(file), card or None
    if not path.exists():
        raise CrmcardsError(Said.of("no_such_file", path=target))
    return path, None


def preview_items(target: str) -> list[Item]:
    """The review items of the card named in `target`, or of every card in the file."""
    path, card = split_target(target)
    deck = load_file(path)  # a broken file: every problem as FILE:LINE:COL
    items = expand(deck)
    if card is None:
        return items
    chosen = [item for item in items if item.note.id == card]
    if not chosen:
        ids = [note.id for note in deck.notes]
        close = difflib.get_close_matches(card, ids, n=1)
        hint = Said.of("did_you_mean", choice=close[0]) if close else ""
        raise CrmcardsError(
            Said.of("preview_no_card", path=path, card=card, hint=hint, ids=", ".join(ids))
        )
    return chosen
