"""The base of the app's screens: typed access to the app, key hints in the UI language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from crmcards.tui.app import CrmcardsApp


def worker_cancelled() -> Callable[[], bool]:
    """For a long computation in a thread worker (an exam plan over many thousands of cards):
    whether the worker was cancelled meanwhile (its screen closed, the app quitting), so the
    computation can stop and quitting never waits for it."""
    worker = get_current_worker()
    return lambda: worker.is_cancelled


class CrmcardsScreen(Screen[None]):
    @property
    def crmcards_app(self) -> CrmcardsApp:
        return cast("CrmcardsApp", self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The key hints the footer shows, in the UI language: binding descriptions are keys
        into the UI strings, and a key's name (space) is shown as the language names it."""
        text = self.crmcards_app.text
        localised = {}
        for key, active in super().active_bindings.items():
            binding = active.binding
            first_key = binding.key.split(",")[0]
            shown_key = binding.key_display or text.get(f"key_{first_key}")
            binding = replace(
                binding,
                description=text.get(binding.description, binding.description),
                key_display=shown_key,
            )
            localised[key] = active._replace(binding=binding)
        return localised
