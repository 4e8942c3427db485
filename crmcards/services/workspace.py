"""Where a student's data and decks are: the data folder, the deck folders and the database."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from crmcards.decks.catalog import Library, bundled_decks_dir
from crmcards.decks.loader import FileProblem
from crmcards.services.settings import Settings, load_settings, save_settings
from crmcards.store import DB_FILENAME

if TYPE_CHECKING:
    from crmcards.store.repository import Store

HOME_VARIABLE = "CRMCARDS_HOME"
DATABASE_VARIABLE = "CRMCARDS_DB"


def default_home() -> Path:
    from platformdirs import user_data_path

    return user_data_path("crmcards", appauthor=False)


@dataclass
class Workspace:
    """`home` from --home, else $CRMCARDS_HOME, else the platform's user data folder."""

    home: Path
    extra_deck_dirs: Sequence[Path] = field(default_factory=tuple)
    with_bundled_decks: bool = True
    # told about each deck file that does not load (the command line prints a warning line;
    # the app shows a banner instead, so it leaves this None)
    on_skipped: Callable[[FileProblem], None] | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, init=False, repr=False)
    _store_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def resolve(cls, home: Path | None = None, deck_dirs: Sequence[Path] = ()) -> Workspace:
        chosen = home or (
            Path(os.environ[HOME_VARIABLE]) if os.environ.get(HOME_VARIABLE) else default_home()
        )
        return cls(chosen.expanduser(), tuple(deck_dirs))

    @property
    def deck_dirs(self) -> list[Path]:
        bundled = [bundled_decks_dir()] if self.with_bundled_decks else []
        return [*bundled, self.home / "decks", *self.extra_deck_dirs]

    @cached_property
    def library(self) -> Library:
        library = Library.load(self.deck_dirs)
        if self.on_skipped is not None:
            for problem in library.skipped:
                self.on_skipped(problem)
        return library

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.home)

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.home, settings)
        self.__dict__["settings"] = settings

    @property
    def has_database(self) -> bool:
        """Whether a study history exists here (checked without opening or creating it)."""
        return (self.home / DB_FILENAME).exists() or bool(os.environ.get(DATABASE_VARIABLE))

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> Store:
        """The database, opened (and migrated) on first use. Safe to call from several threads:
        the app opens it in a worker while a keypress may ask for it too."""
        with self._store_lock:
            if self._store is None:
                # Imported here: SQLAlchemy takes about half a second to import, and `lint`,
                # `cards` and `--help` never touch the database.
                from crmcards.store.repository import Store

                self._store = Store.open(
                    home=self.home, url=os.environ.get(DATABASE_VARIABLE) or None
                )
            return self._store

    def close(self) -> None:
        """Close the database if this workspace opened it."""
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None
