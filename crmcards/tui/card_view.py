"""A card as the student sees it, as Rich renderables: the review screen and the card browser
show cards through these, so a card looks the same in both."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from crmcards.decks.blocks import ItemView
from crmcards.decks.content import item_view
from crmcards.decks.items import Item
from crmcards.tui.blocks import render_blocks


def prompt_view(card: ItemView, text: Mapping[str, str], *, revealed: bool) -> RenderableType:
    """The question, with its cue when the text alone does not say what is asked; once
    revealed, a filled-in answer takes the place of its empty template."""
    blocks = render_blocks(card.revealed_prompt if revealed else card.prompt)
    if card.cue is None:
        return blocks
    return Group(Text(text[f"cue_{card.cue}"], style="italic"), blocks)


def explanation(card: ItemView, sources: tuple[str, ...], text: Mapping[str, str]) -> Text | None:
    """The note's extra text and where its content comes from; None when it has neither."""
    if not (card.extra or sources):
        return None
    line = Text()
    if card.extra:
        line.append(f"{text['extra']}: ", style="bold")
        line.append(card.extra)
    if sources:
        line.append("\n" if card.extra else "")
        line.append(f"{text['sources']}: {'; '.join(sources)}", style="italic")
    return line


def whole_card(item: Item, text: Mapping[str, str]) -> Group:
    """The card revealed: question, answer and explanation, as after pressing space."""
    card = item_view(item)
    parts: list[RenderableType] = [
        prompt_view(card, text, revealed=True),
        Rule(style="dim"),
        render_blocks(card.answer),
    ]
    extra = explanation(card, item.note.sources, text)
    if extra is not None:
        parts += [Text(""), Text.assemble(extra, style="dim")]
    return Group(*parts)
