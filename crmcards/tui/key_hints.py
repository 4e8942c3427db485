"""The key hints at the bottom of the review screen, drawn as one line of text.

Textual's Footer mounts a widget per key, with its styles, each time the keys change, and on
the review screen they change twice per card (the question's keys, then the answer's): that
cost more than drawing the card itself, between a rating and the next card. `KeyHints` shows
the same keys in the same way (the footer's colours, the key in bold, then its description)
by updating one Static.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyHints(Static):
    """The keys of the screen's active bindings that are shown (`Binding.show`), one hint per
    action, as Textual's Footer draws them; a disabled one is dimmed."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-hints--key", "key-hints--description"}
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        .key-hints--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-hints--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.draw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.draw()

    def draw(self) -> None:
        key_style = self.get_component_rich_style("key-hints--key")
        description_style = self.get_component_rich_style("key-hints--description")
        hints = Text(no_wrap=True, overflow="crop")
        actions: set[str] = set()
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            start = len(hints)
            hints.append(f" {self.app.get_key_display(binding)} ", key_style)
            hints.append(f"{binding.description} ", description_style)
            if not enabled:
                hints.stylize("dim", start)
        self.update(hints)
