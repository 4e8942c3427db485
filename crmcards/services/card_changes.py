"""Cards whose text changed a lot since they were studied: probably an id reused for a new card.

Fixing a typo keeps a card's review history (ids do not depend on text); giving an old id to a
different card would silently hand that card a history it never earned. `lint` warns about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crmcards.decks.fingerprint import fingerprint, similarity
from crmcards.decks.model import Deck, Note
from crmcards.messages import Said

# SimHash similarity: a typo fix stays around 0.9, a different card lands near 0.5.
CHANGED_A_LOT = 0.7


@dataclass(frozen=True)
class ChangedCard:
    deck: Deck
    note: Note
    similarity: float

    @property
    def said(self) -> Said:
        """The lint warning, `FILE:LINE:5: warning: ...` (column 5: the card's `id:`)."""
        warning = Said.of("deck_card_changed", id=self.note.id, alike=self.similarity)
        return Said.of("at", where=f"{self.deck.path}:{self.note.line}:5", message=warning)

    def __str__(self) -> str:
        return str(self.said)


def changed_cards(decks: Sequence[Deck], stored: Mapping[str, int]) -> list[ChangedCard]:
    """The cards of `decks` whose fingerprint is far from the one `stored` for their note."""
    changed = []
    for deck in decks:
        for note in deck.notes:
            before = stored.get(f"{deck.id}/{note.id}")
            if before is None:
                continue
            alike = similarity(before, fingerprint(note))
            if alike < CHANGED_A_LOT:
                changed.append(ChangedCard(deck, note, alike))
    return changed
