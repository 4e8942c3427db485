"""A card as the student sees it: the review screen and the card browser show cards through
this module, so a card looks the same in both.

`CardView` is the widget: the prompt, the answer box while typing, the typed answer checked, and
once revealed the answer and the note's extra text. It reaches into nothing: it is given the UI
strings and what to show. Its content is styled through component classes, so a theme (or
app.tcss) restyles cues, gaps, answers and the typed-answer marks instead of colours fixed in
code. `prompt_view`, `explanation` and `whole_card` are the same content as Rich renderables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.rule import Rule as RichRule
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Rule, Static

from crmcards.decks.blocks import ItemView, Role
from crmcards.decks.content import item_view
from crmcards.decks.items import Item
from crmcards.services.typed_answer import Check
from crmcards.tui.blocks import RoleStyles, render_blocks
from crmcards.tui.styles import ROLE_STYLES


def prompt_view(
    card: ItemView,
    text: Mapping[str, str],
    *,
    revealed: bool,
    styles: RoleStyles = ROLE_STYLES,
    cue_style: str | Style = "italic",
) -> RenderableType:
    """The question, with its cue when the text alone does not say what is asked; once
    revealed, a filled-in answer takes the place of its empty template."""
    blocks = render_blocks(card.revealed_prompt if revealed else card.prompt, styles)
    if card.cue is None:
        return blocks
    return Group(Text(text[f"cue_{card.cue}"], style=cue_style), blocks)


def explanation(
    card: ItemView,
    sources: Sequence[str],
    text: Mapping[str, str],
    *,
    label_style: str | Style = "bold",
    sources_style: str | Style = "italic",
) -> Text | None:
    """The note's extra text and where its content comes from; None when it has neither."""
    if not (card.extra or sources):
        return None
    line = Text()
    if card.extra:
        line.append(f"{text['extra']}: ", style=label_style)
        line.append(card.extra)
    if sources:
        line.append("\n" if card.extra else "")
        line.append(f"{text['sources']}: {'; '.join(sources)}", style=sources_style)
    return line


def whole_card(item: Item, text: Mapping[str, str]) -> Group:
    """The card revealed: question, answer and explanation, as after pressing space."""
    card = item_view(item)
    parts: list[RenderableType] = [
        prompt_view(card, text, revealed=True),
        RichRule(style="dim"),
        render_blocks(card.answer),
    ]
    extra = explanation(card, item.note.sources, text)
    if extra is not None:
        parts += [Text(""), Text.assemble(extra, style="dim")]
    return Group(*parts)


class CardView(VerticalScroll, can_focus=False):  # the screen's keys scroll it
    COMPONENT_CLASSES = {
        "card-view--cue",
        "card-view--strong",
        "card-view--gap",
        "card-view--answer",
        "card-view--muted",
        "card-view--label",
        "card-view--sources",
        "card-view--typed-right",
        "card-view--typed-wrong",
        "card-view--typed-extra",
        "card-view--typed-missing",
    }
    DEFAULT_CSS = """
    CardView > .card-view--cue { text-style: italic; }
    CardView > .card-view--strong { text-style: bold; }
    CardView > .card-view--gap { text-style: bold reverse; }
    CardView > .card-view--answer { color: $text-success; text-style: bold; }
    CardView > .card-view--muted { text-style: dim; }
    CardView > .card-view--label { text-style: bold; }
    CardView > .card-view--sources { text-style: italic; }
    CardView > .card-view--typed-right { color: $text-success; text-style: bold; }
    CardView > .card-view--typed-wrong { text-style: bold; }
    CardView > .card-view--typed-extra { color: $text-error; text-style: bold strike; }
    CardView > .card-view--typed-missing { color: $text-success; text-style: bold underline; }
    """

    def __init__(self, text: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(id="prompt")
        yield Input(id="typed", placeholder=self.text["type_placeholder"])
        yield Static(id="typed-result")
        yield Rule(id="answer-rule")
        yield Static(id="answer")
        yield Static(id="extra")

    @property
    def answer_box(self) -> Input:
        return self.query_one("#typed", Input)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"card-view--{name}", partial=True)

    def _role_styles(self) -> dict[Role, Style]:
        return {
            "text": Style(),
            "strong": self._style("strong"),
            "gap": self._style("gap"),
            "answer": self._style("answer"),
            "muted": self._style("muted"),
        }

    def show(
        self,
        view: ItemView,
        *,
        revealed: bool,
        typing: bool,
        typed: Check | None = None,
        sources: Sequence[str] = (),
    ) -> None:
        """Show `view` before or after the reveal; `typing`: the answer box is open; `typed`:
        what the student typed, checked (shown once revealed)."""
        styles = self._role_styles()
        prompt = prompt_view(
            view, self.text, revealed=revealed, styles=styles, cue_style=self._style("cue")
        )
        self.query_one("#prompt", Static).update(prompt)
        box = self.answer_box
        box.display = typing
        if typing:
            box.value = ""
        result = self.query_one("#typed-result", Static)
        result.display = revealed and typed is not None
        if revealed and typed is not None:
            result.update(self._typed(typed))
        for selector in ("#answer-rule", "#answer"):
            self.query_one(selector).display = revealed
        extra = self.query_one("#extra", Static)
        explained = explanation(
            view,
            sources,
            self.text,
            label_style=self._style("label"),
            sources_style=self._style("sources"),
        )
        extra.display = revealed and explained is not None
        if revealed:
            self.query_one("#answer", Static).update(render_blocks(view.answer, styles))
            extra.update(explained or "")
        self.scroll_home(animate=False)
        if revealed:
            self.call_after_refresh(self._bring_answer_into_view)

    def _typed(self, typed: Check) -> Text:
        if typed.correct:
            return Text(f"✓ {self.text['typed_correct']}", style=self._style("typed-right"))
        line = Text.assemble((f"✗ {self.text['typed_wrong']}", self._style("typed-wrong")), "\n")
        for part, segment in typed.diff:
            line.append(segment, style=Style() if part == "same" else self._style(f"typed-{part}"))
        return line

    def _bring_answer_into_view(self) -> None:
        """An answer that starts below the edge is scrolled up to, keeping a line of what comes
        before it in view."""
        top = self.query_one("#answer-rule").virtual_region.y
        if top >= self.scrollable_content_region.height - 2:
            self.scroll_to(y=top - 2, animate=False)
