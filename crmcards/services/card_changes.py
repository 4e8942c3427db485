"""Cards whose text changed a lot since they were studied: probably an id reused for a new card.

Fixing a typo keeps a card's review history (ids do not depend on text); giving an old id to a
different card would silently hand that card a history it never earned. `lint` warns about it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crmcards.decks.fingerprint import fingerprint, similarity
from crmcards.decks.model import Deck, Note
from crmcards.store.repository import Store

# SimHash similarity: a typo fix stays around 0.9, a different card lands near 0.5.
CHANGED_A_LOT = 0.7


@dataclass(frozen=True)
class ChangedCard:
    deck: Deck
    note: Note
    similarity: float

    def __str__(self) -> str:
        return (
            f"{self.deck.path}:{self.note.line}:5: warning: card '{self.note.id}' is very "
            f"different from the card studied under this id ({self.similarity:.0%} alike); "
            "if it is a new card, give it a new id so it does not inherit that review history"
        )


def changed_cards(decks: Sequence[Deck], store: Store) -> list[ChangedCard]:
    stored = store.fingerprints()
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
