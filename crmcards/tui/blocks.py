"""Item content blocks (crmcards.decks.content) as Rich renderables: the card view and `preview`.

The spans' roles (gap, answer, ...) are styled by `styles`: the card view passes its component
classes' styles (so themes restyle them), `crmcards preview` the fixed ROLE_STYLES."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from crmcards.decks.blocks import Block, Bullets, Line, Paragraph, Role, Section, Table
from crmcards.tui.styles import ROLE_STYLES

RoleStyles = Mapping[Role, str | Style]


def line_text(line: Line, styles: RoleStyles = ROLE_STYLES) -> Text:
    text = Text()
    for span in line:
        content = f" {span.text} " if span.role == "gap" else span.text
        text.append(content, style=styles[span.role])
    return text


def _bullets(entries: tuple[Line, ...], ordered: bool, styles: RoleStyles) -> Text:
    width = len(str(len(entries)))
    lines = []
    for number, entry in enumerate(entries, start=1):
        marker = f"{number:>{width}}. " if ordered else "• "
        lines.append(Text.assemble((marker, "dim"), line_text(entry, styles)))
    return Text("\n").join(lines)


def render_block(block: Block, styles: RoleStyles = ROLE_STYLES) -> RenderableType:
    if isinstance(block, Paragraph):
        return line_text(block.spans, styles)
    if isinstance(block, Bullets):
        return _bullets(block.entries, block.ordered, styles)
    if isinstance(block, Table):
        table = RichTable(box=box.ROUNDED, show_lines=True, expand=False)
        for column in block.columns:
            table.add_column(Text(column, style="bold"), overflow="fold")
        for row in block.rows:
            table.add_row(*(line_text(cell, styles) for cell in row))
        return table
    if isinstance(block, Section):
        body = (
            line_text(block.entries[0], styles)
            if len(block.entries) == 1
            else _bullets(block.entries, False, styles)
        )
        return Group(Text(block.heading, style="bold underline"), body)
    raise TypeError(block)


def render_blocks(blocks: tuple[Block, ...], styles: RoleStyles = ROLE_STYLES) -> RenderableType:
    parts: list[RenderableType] = []
    for block in blocks:
        if parts:
            parts.append(Text(""))
        parts.append(render_block(block, styles))
    return Group(*parts)
