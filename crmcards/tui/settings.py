"""The settings screen: daily limits, desired retention, language, theme, name and exam date."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Footer, Input, Label, Select, Static

from crmcards.errors import CrmcardsError
from crmcards.services.settings import FIELD_TYPES, LANGUAGES, Settings
from crmcards.tui.screen import CrmcardsScreen

if TYPE_CHECKING:
    pass

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


class SettingsScreen(CrmcardsScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "save"),
        Binding("ctrl+o", "optimize", "optimize"),
        Binding("escape", "app.pop_screen", "cancel"),
    ]

    def compose(self) -> ComposeResult:
        text = self.crmcards_app.text
        current = self.crmcards_app.workspace.settings
        yield Static(text["settings"], id="home-title")
        with VerticalScroll(), Grid(id="settings-form"):
            for name in (f.name for f in fields(Settings)):
                yield Label(text[f"set_{name}"])
                value = getattr(current, name)
                if name == "language":
                    yield Select(
                        [(LANGUAGE_NAMES[lang], lang) for lang in LANGUAGES],
                        value=value,
                        allow_blank=False,
                        id=name,
                    )
                elif name == "theme":
                    themes = sorted(self.app.available_themes)
                    yield Select(
                        [(theme, theme) for theme in themes],
                        value=value,
                        allow_blank=False,
                        id=name,
                    )
                else:  # typed as text: a number field keeps what was typed, to check it
                    yield Input(self._shown(value), id=name)
        yield Static(id="settings-error")
        yield Static(id="memory")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#{fields(Settings)[0].name}").focus()  # the form starts typed into
        self._memory(fit=False)

    def _shown(self, value: object) -> str:
        """A setting as the student reads it: a decimal comma in Dutch, as the label has."""
        if isinstance(value, float):
            return f"{value:.2f}".replace(".", self.crmcards_app.text["decimal_point"])
        return str(value)

    def action_optimize(self) -> None:
        self._memory(fit=True)

    @work(thread=True, exclusive=True)
    def _memory(self, *, fit: bool) -> None:
        """The memory model's one-line verdict; with `fit`, after fitting it to the log first
        (saved only when it predicts better), as `crmcards optimize` does."""
        from crmcards.services.memory_words import verdict
        from crmcards.services.personal_model import evaluation, optimize

        workspace = self.crmcards_app.workspace
        try:
            store = workspace.open_store()
            if fit:
                optimize(store, workspace.clock())
            line = verdict(evaluation(store), self.crmcards_app.language)
        except CrmcardsError as error:
            line = error.shown(self.crmcards_app.language)
        self.app.call_from_thread(self.query_one("#memory", Static).update, Text(line))

    def _form_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, kind in FIELD_TYPES.items():
            widget = self.query_one(f"#{name}")
            raw = widget.value if isinstance(widget, Input | Select) else None
            if kind not in (int, float):
                values[name] = str(raw)
                continue
            typed = str(raw).strip()
            try:  # a decimal comma is what Dutch students write (int() refuses either)
                values[name] = kind(typed.replace(",", "."))
            except ValueError:
                label = self.crmcards_app.text[f"set_{name}"]
                refusal = self.crmcards_app.text[
                    "not_whole_number" if kind is int else "not_a_number"
                ]
                raise CrmcardsError(refusal.format(label=label, typed=typed)) from None
        return values

    def action_save(self) -> None:
        try:
            settings = Settings(**self._form_values()).validated(self.crmcards_app.text["settings"])
            self.crmcards_app.workspace.save_settings(settings)
        except CrmcardsError as error:
            refusal = Text(error.shown(self.crmcards_app.language), style="bold red")
            self.query_one("#settings-error", Static).update(refusal)
            return
        self.crmcards_app.apply_settings(settings)
        self.notify(self.crmcards_app.text["saved"], timeout=2)
