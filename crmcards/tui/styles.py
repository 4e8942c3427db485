"""Rich styles shared by the screens. Reverse video and bold read well on dark and light themes."""

from __future__ import annotations

from crmcards.decks.blocks import Role

ROLE_STYLES: dict[Role, str] = {
    "text": "",
    "strong": "bold",
    "gap": "bold reverse",
    "answer": "bold green",
    "muted": "dim",
}

RATING_STYLES = {
    1: "bold red",
    2: "bold dark_orange",
    3: "bold yellow",
    4: "bold green",
    5: "bold cyan",
}
