"""HTML fields (Anki's notes) as plain text: line breaks where the HTML breaks lines, lists as
'- x' / '1. x' lines, table rows as 'a | b' lines and definition lists as 'heading:' lines with
'- x' entries, so that `shapes` can turn them back into list, table and parts cards.
Images become '[image: file]' so that no part of a field disappears silently."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from crmcards.services.imports.text import clean

_BREAKING = frozenset(
    {"p", "div", "br", "hr", "tr", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"ul", "ol", "dl", "table", "blockquote", "pre", "section", "article"}
)
_HIDDEN = frozenset({"script", "style", "head", "title"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current = ""
        self.lists: list[list[int]] = []  # per open list: [number of the next entry] or [] (ul)
        self.cells: list[str] | None = None
        self.hidden = 0

    def _break(self) -> None:
        if self.cells is not None:
            return
        if self.current.strip():
            self.lines.append(self.current)
        self.current = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in ("td", "th"):
            if self.cells is not None:
                self.cells.append("")
        elif tag == "tr":
            self._break()
            self.cells = []
        elif tag == "br" and self.cells is not None:
            self.handle_data(" ")
        elif tag in _BREAKING:
            self._break()
        if tag == "ul":
            self.lists.append([])
        elif tag == "ol":
            self.lists.append([1])
        elif tag == "li" and self.cells is None:
            numbers = self.lists[-1] if self.lists else []
            if numbers:
                self.current = f"{numbers[0]}. "
                numbers[0] += 1
            else:
                self.current = "- "
        elif tag == "dd" and self.cells is None:
            self.current = "- "
        elif tag == "img":
            source = dict(attrs).get("src") or "?"
            self.handle_data(f"[image: {source}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "tr" and self.cells is not None:
            cells = [clean(cell) or "—" for cell in self.cells]
            self.cells = None
            if any(cell != "—" for cell in cells):
                self.lines.append(" | ".join(cells))
        elif tag == "dt":
            self.current = self.current.rstrip() + ":"
            self._break()
        elif tag in _BREAKING:
            self._break()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = data.replace("\n", " ")
        if self.cells is not None:
            if not self.cells:
                self.cells.append("")
            self.cells[-1] += text
        else:
            self.current += text


def html_text(html: str) -> str:
    """The text of an HTML fragment, one cleaned line per line."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._break()
    return "\n".join(line for line in (clean(line) for line in parser.lines) if line)


_TAG = re.compile(r"</?(?:br|div|p|b|i|u|ul|ol|li|strong|em|span|table|img)\b[^>]*>", re.I)


def field_text(value: str) -> str:
    """A field that may hold HTML (as Brainscape's and Anki's exports do) as plain text."""
    return html_text(value) if _TAG.search(value) else value
