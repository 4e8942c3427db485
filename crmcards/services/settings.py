"""The student's settings: `config.toml` in the data folder, editable by hand or in the app.

Reading uses the standard library's tomllib; writing uses tomlkit, which keeps the comments and
layout of a file the student edited by hand (a plain TOML writer would silently drop them).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmcards.errors import CrmcardsError
from crmcards.locations import Locations
from crmcards.messages import Said
from crmcards.safetext import visible
from crmcards.services.output_file import replacing

if TYPE_CHECKING:
    from crmcards.scheduling.queue import Limits

LANGUAGES = ("nl", "en")
# Textual's built-in themes (the core may not import Textual; tests/tui checks this list)
THEMES = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)


@dataclass(frozen=True)
class Settings:
    new_per_day: int = 20
    reviews_per_day: int = 200
    desired_retention: float = 0.9
    leech_lapses: int = 6
    language: str = "nl"
    theme: str = "textual-dark"
    student: str = ""
    exam_date: str = ""  # YYYY-MM-DD, or empty
    off_days: str = ""  # weekdays without study, e.g. "za, zo" (the exam plan skips them)
    answer_seconds_cap: int = 60  # an answer counts as study time for at most this long

    def validated(self, origin: str) -> Settings:
        """These settings, or the first thing wrong with them as an error."""
        for _, problem in self.problems(origin):
            raise CrmcardsError(problem)
        return self

    def problems(self, origin: str) -> Iterator[tuple[str, Said]]:
        """What is wrong with these settings: each setting's name and why (the one check)."""

        def bad(key: str, expected: Said) -> tuple[str, Said]:
            value = repr(getattr(self, key))
            return key, Said.of(
                "setting_must_be", origin=origin, key=key, expected=expected, value=value
            )

        for key, low, high, unit in _RANGES:
            if not low <= getattr(self, key) <= high:
                yield bad(key, Said.of(unit, low=low, high=high))
        if not 0.7 <= self.desired_retention <= 0.99:
            yield bad("desired_retention", Said.of("setting_retention"))
        if self.language not in LANGUAGES:
            yield bad("language", Said.of("setting_one_of", choices=", ".join(LANGUAGES)))
        if self.theme not in THEMES:
            yield bad("theme", Said.of("setting_theme"))
        if visible(self.student) != self.student:
            yield bad("student", Said.of("setting_name"))
        if self.exam_date:
            from datetime import date

            try:
                date.fromisoformat(self.exam_date)
            except ValueError:
                yield bad("exam_date", Said.of("setting_date"))
        if self.off_days:
            from crmcards.scheduling.weekdays import parse_off_days

            try:
                days = parse_off_days(self.off_days)
            except ValueError as error:
                yield bad("off_days", Said.of("setting_weekdays", day=str(error)))
            else:
                if len(days) == 7:
                    yield bad("off_days", Said.of("setting_six_days"))

    @property
    def limits(self) -> Limits:
        """The daily limits of a study session."""
        from crmcards.scheduling.queue import Limits

        return Limits(self.new_per_day, self.reviews_per_day)


_RANGES = (  # setting, lowest, highest, what it is counted in
    ("new_per_day", 0, 10_000, "setting_range"),
    ("reviews_per_day", 0, 100_000, "setting_range"),
    ("leech_lapses", 1, 100, "setting_range"),
    ("answer_seconds_cap", 1, 3600, "setting_seconds"),
)
# How the app looks, not what is studied or kept: a wrong value is a warning, and the default is
# used, so that a typo in config.toml never keeps a student from studying. Every other setting
# changes schedules, limits or reports, so a wrong one is refused until it is put right.
COSMETIC = ("language", "theme")

FIELD_TYPES: dict[str, type] = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}


def config_path(home: Path) -> Path:
    return Locations(home).config


def _coerce(key: str, value: Any, origin: str) -> Any:
    expected = FIELD_TYPES[key]
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or isinstance(value, bool):
        kind = Said.of(f"setting_kind_{expected.__name__}")
        raise CrmcardsError(
            Said.of("setting_must_be", origin=origin, key=key, expected=kind, value=repr(value))
        )
    return value


def load_settings(home: Path) -> tuple[Settings, list[Said]]:
    """The settings in config.toml (defaults without one), and a warning for each cosmetic
    setting that was wrong and is replaced by its default."""
    path = config_path(home)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as error:
        raise CrmcardsError(Said.of("settings_unreadable", path=path, error=error)) from None
    except tomllib.TOMLDecodeError as error:
        raise CrmcardsError(Said.of("settings_not_toml", path=path, error=error)) from None
    unknown = sorted(set(data) - set(FIELD_TYPES))
    if unknown:
        known = ", ".join(FIELD_TYPES)
        raise CrmcardsError(Said.of("settings_unknown", path=path, key=unknown[0], known=known))
    values: dict[str, Any] = {}
    warnings: list[Said] = []

    def fall_back(key: str, problem: Said) -> None:
        if key not in COSMETIC:
            raise CrmcardsError(problem)
        values[key] = default = getattr(Settings(), key)
        warnings.append(Said.of("setting_default_used", problem=problem, default=default))

    for key, value in data.items():
        try:
            values[key] = _coerce(key, value, str(path))
        except CrmcardsError as error:
            assert error.said is not None
            fall_back(key, error.said)
    for key, problem in list(Settings(**values).problems(str(path))):
        fall_back(key, problem)
    return Settings(**values), warnings


def save_settings(home: Path, settings: Settings) -> None:
    """Write the settings that differ from the file, keeping the student's comments."""
    import tomlkit

    settings.validated("settings")
    path = config_path(home)
    try:
        document = (
            tomlkit.parse(path.read_text(encoding="utf-8"))
            if path.exists()
            else (tomlkit.document())
        )
    except (OSError, tomlkit.exceptions.ParseError) as error:
        raise CrmcardsError(Said.of("settings_not_updated", path=path, error=error)) from None
    for key, value in asdict(settings).items():
        if key in document or value != getattr(Settings(), key):
            document[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, force=True, what=Said.of("file_the_settings")) as temporary:
        temporary.write_text(tomlkit.dumps(document), encoding="utf-8")
