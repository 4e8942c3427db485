"""The student's settings: `config.toml` in the data folder, editable by hand or in the app.

Reading uses the standard library's tomllib; writing uses tomlkit, which keeps the comments and
layout of a file the student edited by hand (a plain TOML writer would silently drop them).
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmcards.errors import CrmcardsError
from crmcards.locations import Locations
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
        def bad(key: str, expected: str) -> CrmcardsError:
            return CrmcardsError(
                f"{origin}: '{key}' must be {expected}, not {getattr(self, key)!r}"
            )

        if not 0 <= self.new_per_day <= 10_000:
            raise bad("new_per_day", "a number from 0 to 10000")
        if not 0 <= self.reviews_per_day <= 100_000:
            raise bad("reviews_per_day", "a number from 0 to 100000")
        if not 0.7 <= self.desired_retention <= 0.99:
            raise bad("desired_retention", "between 0.70 and 0.99")
        if not 1 <= self.leech_lapses <= 100:
            raise bad("leech_lapses", "a number from 1 to 100")
        if not 1 <= self.answer_seconds_cap <= 3600:
            raise bad("answer_seconds_cap", "a number of seconds from 1 to 3600")
        if self.language not in LANGUAGES:
            raise bad("language", " or ".join(f"'{lang}'" for lang in LANGUAGES))
        if self.theme not in THEMES:
            raise bad("theme", f"one of {', '.join(THEMES)}")
        if visible(self.student) != self.student:
            raise bad("student", "a name without control characters")
        if self.exam_date:
            from datetime import date

            try:
                date.fromisoformat(self.exam_date)
            except ValueError:
                raise bad("exam_date", "a date written YYYY-MM-DD") from None
        if self.off_days:
            from crmcards.scheduling.weekdays import parse_off_days

            try:
                days = parse_off_days(self.off_days)
            except ValueError as error:
                raise bad("off_days", f"weekdays such as 'za, zo' ('{error}' is not one)") from None
            if len(days) == 7:
                raise bad("off_days", "at most six weekdays")
        return self

    @property
    def limits(self) -> Limits:
        """The daily limits of a study session."""
        from crmcards.scheduling.queue import Limits

        return Limits(self.new_per_day, self.reviews_per_day)


FIELD_TYPES: dict[str, type] = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}


def config_path(home: Path) -> Path:
    return Locations(home).config


def _coerce(key: str, value: Any, origin: str) -> Any:
    expected = FIELD_TYPES[key]
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or isinstance(value, bool):
        kind = {int: "a whole number", float: "a number", str: "text in quotes"}[expected]
        raise CrmcardsError(f"{origin}: '{key}' must be {kind}, not {value!r}")
    return value


def load_settings(home: Path) -> Settings:
    path = config_path(home)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise CrmcardsError(f"{path}: cannot read the settings: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise CrmcardsError(f"{path}: {error}") from None
    unknown = sorted(set(data) - set(FIELD_TYPES))
    if unknown:
        raise CrmcardsError(
            f"{path}: unknown setting '{unknown[0]}'; known settings: {', '.join(FIELD_TYPES)}"
        )
    values = {key: _coerce(key, value, str(path)) for key, value in data.items()}
    return Settings(**values).validated(str(path))


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
        raise CrmcardsError(f"{path}: cannot update the settings: {error}") from None
    for key, value in asdict(settings).items():
        if key in document or value != getattr(Settings(), key):
            document[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, force=True, what="the settings") as temporary:
        temporary.write_text(tomlkit.dumps(document), encoding="utf-8")
