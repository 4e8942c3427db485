"""Blocks as plain text: for `cards --json`, CSV exports and anything without styling."""

from __future__ import annotations

from collections.abc import Iterable

from crmcards.decks.blocks import Block, Bullets, Line, Paragraph, Section, Table


def line_text(line: Line) -> str:
    return "".join(f"[{span.text}]" if span.role == "gap" else span.text for span in line)


def _bullets(entries: Iterable[Line], ordered: bool) -> list[str]:
    return [
        f"{n}. {line_text(e)}" if ordered else f"- {line_text(e)}"
        for n, e in enumerate(entries, start=1)
    ]


def block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return line_text(block.spans)
    if isinstance(block, Bullets):
        return "\n".join(_bullets(block.entries, block.ordered))
    if isinstance(block, Table):
        header = " | ".join(block.columns)
        rows = [" | ".join(line_text(cell) for cell in row) for row in block.rows]
        return "\n".join([header, *rows])
    if isinstance(block, Section):
        if len(block.entries) == 1:
            return f"{block.heading}: {line_text(block.entries[0])}"
        return "\n".join([f"{block.heading}:", *_bullets(block.entries, ordered=False)])
    raise TypeError(block)


def blocks_text(blocks: Iterable[Block]) -> str:
    return "\n".join(block_text(block) for block in blocks)
