"""Below the card: what to do next. Before the reveal, "press space" (or "type the answer");
after it, the five rating keys with their labels and, in a scheduled session, when the card
comes back after each. The keys' colours and the other styles are component classes, so themes
restyle them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from crmcards.scheduling.ratings import LABELS, RATINGS
from crmcards.tui.timefmt import interval

# The rating row's narrowest column: room for a preview such as "↺ net als 1".
RATING_COLUMN_MIN = 12


class RatingBar(Static):
    COMPONENT_CLASSES = {
        *(f"rating-bar--key-{rating}" for rating in RATINGS),
        "rating-bar--question",
        "rating-bar--preview",
        "rating-bar--prompt",
        "rating-bar--busy",
    }
    DEFAULT_CSS = """
    RatingBar > .rating-bar--key-1 { color: $error; text-style: bold reverse; }
    RatingBar > .rating-bar--key-2 { color: $warning-darken-1; text-style: bold reverse; }
    RatingBar > .rating-bar--key-3 { color: $warning-lighten-2; text-style: bold reverse; }
    RatingBar > .rating-bar--key-4 { color: $success; text-style: bold reverse; }
    RatingBar > .rating-bar--key-5 { color: $primary-lighten-2; text-style: bold reverse; }
    RatingBar > .rating-bar--question { text-style: bold; }
    RatingBar > .rating-bar--preview { text-style: dim; }
    RatingBar > .rating-bar--prompt { text-style: italic; }
    RatingBar > .rating-bar--busy { color: $text-warning; text-style: bold; }
    """

    def __init__(self, text: Mapping[str, str], language: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text, self.language = text, language

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"rating-bar--{name}", partial=True)

    def ask(self, *, typing: bool) -> None:
        """Before the reveal: how to see the answer."""
        words = self.text["type_placeholder" if typing else "press_space"]
        self.update(Text(words, style=self._style("prompt")))

    def busy(self) -> None:
        self.update(Text(self.text["database_busy"], style=self._style("busy")))

    def offer(self, previews: Mapping[int, timedelta] | None) -> None:
        """After the reveal: the keys 1-5, and when the card comes back after each (`previews`;
        None in a cram session, which changes no schedule)."""
        labels = LABELS[self.language]
        # a gap between the labels, and room after the long ones: none is cut at 80 columns
        grid = Table.grid(expand=True, padding=(0, 2, 0, 0))
        for r in RATINGS:
            grid.add_column(ratio=max(len(labels[r]) + 2, RATING_COLUMN_MIN))
        grid.add_row(
            *(
                Text.assemble(
                    (str(r), self._style(f"key-{r}")),
                    f" {labels[r]}",
                    no_wrap=True,
                    overflow="ellipsis",
                )
                for r in RATINGS
            )
        )
        if previews is not None:
            dim = self._style("preview")

            def preview(rating: int) -> Text:
                # 1 and 2 both relearn the card: say so instead of showing the same time twice
                # (the raw 2 is stored all the same)
                if rating > 1 and previews[rating] == previews[rating - 1]:
                    return Text(f"  {self.text['same_as'].format(key=rating - 1)}", style=dim)
                return Text(f"  {interval(previews[rating], self.language)}", style=dim)

            grid.add_row(*(preview(r) for r in RATINGS))
        self.update(Group(Text(self.text["how_well"], style=self._style("question")), grid))
