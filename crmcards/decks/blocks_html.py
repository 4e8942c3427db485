"""Blocks as HTML: the HTML counterpart of plaintext.py, used by the Anki export.

Every piece of deck text is escaped, so a card can never inject markup into Anki. Roles become
CSS classes (`gap`, `answer`, `muted`) and `strong` becomes <b>; a gap keeps the brackets that
plain text shows, so it still reads as a gap where Anki strips the styling.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from crmcards.decks.blocks import Block, Bullets, Line, Paragraph, Section, Span, Table


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _span(span: Span) -> str:
    if span.role == "text":
        return _text(span.text)
    if span.role == "strong":
        return f"<b>{_text(span.text)}</b>"
    text = f"[{span.text}]" if span.role == "gap" else span.text
    return f'<span class="{span.role}">{_text(text)}</span>'


def line_html(line: Line) -> str:
    return "".join(_span(span) for span in line)


def block_html(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<div>{line_html(block.spans)}</div>"
    if isinstance(block, Bullets):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{line_html(entry)}</li>" for entry in block.entries)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        header = "".join(f"<th>{_text(column)}</th>" for column in block.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{line_html(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Section):
        entries = "".join(f"<dd>{line_html(entry)}</dd>" for entry in block.entries)
        return f"<dl><dt>{_text(block.heading)}</dt>{entries}</dl>"
    raise TypeError(block)


def blocks_html(blocks: Iterable[Block]) -> str:
    return "".join(block_html(block) for block in blocks)
