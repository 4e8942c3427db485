"""The one place that decides what an item shows: its prompt and answer as blocks (blocks.py).

What differs between card kinds is each kind's own (decks/kinds/); this adds what every item
shows alike: the note's extra text, and the short answer a student may type.
"""

from __future__ import annotations

from crmcards.decks.blocks import ItemView
from crmcards.decks.items import Item

MAX_TYPED_ANSWER = 60


def item_view(item: Item) -> ItemView:
    note = item.note
    view = note.body.view(note.q, item.shape)
    return ItemView(
        view.prompt, view.answer, note.extra, _expected(item), view.fills_in, cue=view.cue
    )


def _expected(item: Item) -> str | None:
    """The answer to type for items whose answer is one short piece of text."""
    answer = item.note.body.expected(item.shape)
    if answer is None or len(answer) > MAX_TYPED_ANSWER or "\n" in answer:
        return None
    return answer
