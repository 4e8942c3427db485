"""What plain sqlite3 code knows of crmcards' schema without SQLAlchemy (the reader of
`store.sqlite_reader`): the version number and the names of the tables made in SQL alone.

`store.migrations` defines the steps; it checks at import that their number matches
SCHEMA_VERSION, so appending a step means raising it here too.
"""

from __future__ import annotations

SCHEMA_VERSION = 13
REVIEW_COUNT_TABLE = "review_count"  # kept by triggers (migrations: _count_reviews_per_item)
REVIEW_HOUR_TABLE = "review_hour"  # kept by triggers (store.review_hours)
