"""Every path crmcards uses, in one place: the data folder, what is kept in it, and the decks
shipped with crmcards.

The data folder is `--home`, else $CRMCARDS_HOME, else the platform's user data folder. Every
layer may import this module: it reads the environment and names paths, and touches no file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

HOME_VARIABLE = "CRMCARDS_HOME"
DATABASE_VARIABLE = "CRMCARDS_DB"  # another SQLAlchemy URL for the database (e.g. PostgreSQL)
DB_FILENAME = "crmcards.db"
DAILY_BACKUP_PATTERN = "crmcards-????-??-??.db"


def data_folder(home: Path | None = None) -> Path:
    """`home` if given, else $CRMCARDS_HOME, else the platform's user data folder."""
    if home is None and os.environ.get(HOME_VARIABLE):
        home = Path(os.environ[HOME_VARIABLE])
    if home is None:
        from platformdirs import user_data_path  # only when needed: it is not free to import

        home = user_data_path("crmcards", appauthor=False)
    return home.expanduser()


def database_url() -> str | None:
    """The database's SQLAlchemy URL when $CRMCARDS_DB names one (else the file in the home)."""
    return os.environ.get(DATABASE_VARIABLE) or None


def bundled_decks_dir() -> Path:
    """The decks shipped with crmcards: package data when installed, `decks/` in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "bundled_decks"
    return installed if installed.is_dir() else package.parent / "decks"


RESTORE_ASIDE = "before-restore"  # + "-YYYYmmdd-HHMMSS": the database a restore replaced


def aside(database: Path, label: str) -> Path:
    """A copy of the database kept beside it: `crmcards.db.LABEL`."""
    return database.with_name(f"{database.name}.{label}")


def schema_aside_label(version: int) -> str:
    """The label of the copy kept before an upgrade to schema `version`."""
    return f"before-schema-{version}"


@dataclass(frozen=True)
class Locations:
    """What crmcards keeps in the data folder `home`."""

    home: Path

    @property
    def database(self) -> Path:
        return self.home / DB_FILENAME

    @property
    def config(self) -> Path:
        return self.home / "config.toml"

    @property
    def decks(self) -> Path:
        """The student's own decks (searched after the bundled ones)."""
        return self.home / "decks"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def deck_cache(self) -> Path:
        """Parsed decks kept between runs (crmcards.decks.cache); safe to delete at any time."""
        return self.home / "cache" / "decks"

    def daily_backup(self, day: date) -> Path:
        return self.backups / f"crmcards-{day:%Y-%m-%d}.db"

    def backup(self, now: datetime) -> Path:
        """The default file of `crmcards backup` made at `now`."""
        return self.backups / f"crmcards-{now:%Y%m%d-%H%M%S}.db"

    @property
    def class_membership(self) -> Path:
        """The copy of the class's join file kept by `class join` (it holds a password)."""
        return self.home / "class.toml"

    @property
    def cache(self) -> Path:
        """Files crmcards can make again from the decks (safe to delete)."""
        return self.home / "cache"
