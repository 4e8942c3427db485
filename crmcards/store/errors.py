"""The store's errors, importable without SQLAlchemy (the lock file and the plain sqlite3
reader raise them too)."""

from __future__ import annotations

from crmcards.errors import CrmcardsError


class StoreError(CrmcardsError):
    pass


class DatabaseBusy(StoreError):
    """Another program held the write lock for longer than this write was willing to wait."""


class DamagedDatabase(StoreError):
    """The database failed SQLite's integrity check: copying it would only copy the damage."""
