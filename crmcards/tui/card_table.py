"""A table of cards that draws only the rows on screen (Textual's line API), so that 100,000
search results appear at once; the first line is the column header and never scrolls."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = tuple[str, str, str, str, str]  # deck, question, kind, state, next review


def column_widths(width: int) -> tuple[int, int, int, int, int]:
    """Deck, question, kind, state and next review: the question takes what is left."""
    deck, kind, state, due = max(8, min(22, width // 6)), 10, 10, 9
    return deck, max(10, width - deck - kind - state - due - 4), kind, state, due


class CardTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"card-table--cursor", "card-table--header"}
    DEFAULT_CSS = """
    CardTable { height: 1fr; overflow-x: hidden; }
    CardTable > .card-table--header { text-style: bold; color: $text-muted; }
    CardTable > .card-table--cursor { background: $accent 40%; text-style: bold; }
    CardTable:focus > .card-table--cursor { background: $accent; }
    """

    class Highlighted(Message):
        """The cursor is on another row (`position` None: no rows)."""

        def __init__(self, position: int | None) -> None:
            super().__init__()
            self.position = position

    def __init__(
        self, header: Cells, cells: Callable[[int], Cells], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.header = header
        self.cells = cells  # a row's texts from its position (asked only for rows on screen)
        self.rows: list[int] = []
        self.cursor = 0
        self._cache: dict[int, Cells] = {}

    def show(self, rows: Sequence[int]) -> None:
        """Show these positions (the search result), cursor on the first."""
        self.rows = list(rows)
        self.cursor = 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)
        self.scroll_to(y=0, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self.highlighted))

    def forget(self, positions: Sequence[int] = ()) -> None:
        """Ask for these rows' texts again (all when none given): their state changed."""
        if positions:
            for position in positions:
                self._cache.pop(position, None)
        else:
            self._cache.clear()
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        return self.rows[self.cursor] if self.rows else None

    def move(self, by: int | None = None, *, to: int | None = None) -> None:
        if not self.rows:
            return
        target = self.cursor + (by or 0) if to is None else to
        self.cursor = max(0, min(len(self.rows) - 1, target))
        visible = max(1, self.size.height - 1)  # rows under the header
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self.highlighted))

    @property
    def page(self) -> int:
        return max(1, self.size.height - 2)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)

    @staticmethod
    def _line(cells: Cells, width: int) -> Text:
        parts = []
        for cell, cell_width in zip(cells, column_widths(width), strict=True):
            part = Text(cell, no_wrap=True)  # Text: deck text is never markup
            part.truncate(cell_width, overflow="ellipsis", pad=True)
            parts.append(part)
        return Text(" ").join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # without the scrollbar
        if y == 0:
            style = self.get_component_rich_style("card-table--header")
            text, row = self._line(self.header, width), None
        else:
            row = self.scroll_offset.y + y - 1
            if row >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            position = self.rows[row]
            cells = self._cache.get(position)
            if cells is None:
                cells = self._cache[position] = self.cells(position)
            text = self._line(cells, width)
            style = (
                self.get_component_rich_style("card-table--cursor")
                if row == self.cursor
                else self.rich_style
            )
        strip = Strip(list(text.render(self.app.console, end="")))
        return strip.adjust_cell_length(width).apply_style(style)
