"""The base of the app's screens: typed access to the app, key hints in the UI language."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from crmcards.tui.strings import localise_bindings

if TYPE_CHECKING:
    from crmcards.tui.app import CrmcardsApp


class CrmcardsScreen(Screen[None]):
    @property
    def crm(self) -> CrmcardsApp:
        return cast("CrmcardsApp", self.app)

    def on_mount(self) -> None:
        # Textual also calls a subclass's own on_mount (first); binding descriptions are keys
        # into the UI strings, so every screen's key hints follow the language.
        localise_bindings(self, self.crm.text)
