"""Finding cards by text, deck, tag, kind and study state: `crmcards cards` and the card browser.

Both ask one index (crmcards.store.card_index): every filter is part of one SQL query, so the
browser filters 100,000 cards as the student types. Text matching folds case and accents, so
"differentieren" finds "differentiëren", and looks at the whole note, as Anki's browser does.
The study states need the database: `crmcards cards` reads them only when asked for one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from crmcards.decks.items import Item
from crmcards.decks.model import Note
from crmcards.errors import CrmcardsError
from crmcards.store.card_index import (
    STATE_CONDITIONS,
    CardIndex,
    IndexedItem,
    Marks,
    tag_text,
)

if TYPE_CHECKING:
    from crmcards.store.repository import Store

STATES = tuple(STATE_CONDITIONS)
# The words a student may type in the browser's search line, in either language.
QUERY_KEYS = {"deck": "deck", "tag": "tag", "kind": "kind", "soort": "kind", "state": "state"}
QUERY_KEYS |= {"staat": "state", "label": "tag"}
STATE_WORDS = {state: state for state in STATES} | {
    "nieuw": "new",
    "klaar": "due",  # as the home screen says: "Alles wat klaarstaat"
    "lerend": "learning",
    "lastig": "leech",
    "beheerst": "mastered",
    "gemeld": "flagged",
    "opgeschort": "suspended",
}


@dataclass(frozen=True)
class CardQuery:
    text: str | None = None
    tag: str | None = None
    kind: str | None = None
    state: str | None = None  # one of STATES
    deck: str | None = None  # part of a deck's id or title


class UnknownState(CrmcardsError):
    def __init__(self, word: str) -> None:
        super().__init__(f"no state called '{word}' (known states: {', '.join(STATE_WORDS)})")
        self.word = word


def parse_query(line: str) -> CardQuery:
    """What the browser's search line asks: words, and `deck:`, `tag:`, `kind:`/`soort:`,
    `state:`/`staat:` terms (a state in English or Dutch: `staat:nieuw`)."""
    words: list[str] = []
    query = CardQuery()
    for term in line.split():
        key, _, value = term.partition(":")
        field = QUERY_KEYS.get(key.lower())
        if field is None or not value:
            words.append(term)
        elif field == "state":
            if value.lower() not in STATE_WORDS:
                raise UnknownState(value)
            query = replace(query, state=STATE_WORDS[value.lower()])
        else:
            query = replace(query, **{field: value})
    return replace(query, text=" ".join(words) or None)


def note_text(note: Note) -> str:
    """Everything a note says, for searching: its question, its body's text, its extra."""
    return " ".join([note.q, *note.body.words(), note.extra])


def read_marks(store: Store, leech_lapses: int = 0) -> dict[str, Marks]:
    """Every item's study marks that is not plain new: scheduled, flagged or suspended."""
    from crmcards.scheduling.mastery import MASTERED_STABILITY_DAYS, REVIEW_STATE
    from crmcards.store.flags import all_flags

    marks = {
        item_id: Marks(due, state, lapses, mastered)
        for item_id, due, state, lapses, mastered in store.study_marks(
            mastered_state=REVIEW_STATE, mastered_stability=MASTERED_STABILITY_DAYS
        )
    }
    for item_id in {flag.item_id for flag in all_flags(store)}:
        marks[item_id] = marks.get(item_id, Marks())._replace(flagged=True)
    for item_id in store.suspended_ids():
        marks[item_id] = marks.get(item_id, Marks())._replace(suspended=True)
    return marks


class CardFinder:
    """`items` in a search index, with their study marks (`marks` by item id; none: all new)."""

    def __init__(self, items: Sequence[Item], marks: dict[str, Marks] | None = None) -> None:
        self.items = list(items)
        marks = marks or {}
        new = Marks()
        note_rows: dict[int, int] = {}  # id(note) -> its row: a note's text is indexed once
        notes: list[str] = []
        tags: dict[int, str] = {}
        rows: list[IndexedItem] = []
        for item in self.items:
            note = item.note
            row = note_rows.get(id(note))
            if row is None:
                row = note_rows[id(note)] = len(notes)
                notes.append(note_text(note))
                tags[row] = tag_text((*note.tags, *item.deck.tags))
            deck = item.deck
            rows.append(
                (row, f"{deck.id} {deck.title}", item.kind, tags[row], marks.get(item.id, new))
            )
        self.index = CardIndex(notes, rows)
        self._positions = {item.id: pos for pos, item in enumerate(self.items)}

    def find(self, query: CardQuery, *, now: datetime, leech_lapses: int) -> list[int]:
        """The positions in `items` of the cards matching every part of `query`."""
        return self.index.find(
            words=(query.text or "").split(),
            deck=query.deck,
            tag=query.tag,
            kind=query.kind,
            state=query.state,
            now=now,
            leech_lapses=leech_lapses,
        )

    def marks(self, position: int) -> Marks:
        return self.index.marks([position])[position]

    def refresh(self, store: Store, items: Iterable[Item]) -> None:
        """Read the study marks of `items` again (after studying, suspending, resetting)."""
        marks = read_marks(store)
        self.index.set_marks(
            {
                self._positions[i.id]: marks.get(i.id, Marks())
                for i in items
                if i.id in self._positions
            }
        )


def search(
    items: Sequence[Item],
    query: CardQuery,
    *,
    store: Store | None = None,
    now: datetime | None = None,
    leech_lapses: int = 6,
) -> list[Item]:
    """The items matching every part of `query`; a state needs `store` and `now`."""
    if query.state is not None and query.state not in STATES:
        raise ValueError(f"unknown state {query.state!r}")
    marks = None
    if query.state is not None:
        assert store is not None and now is not None, "a state filter needs the database"
        marks = read_marks(store)
    finder = CardFinder(items, marks)
    found = finder.find(query, now=now or datetime.now().astimezone(), leech_lapses=leech_lapses)
    return [finder.items[pos] for pos in found]
