"""The plain sqlite3 reader writes and reads times exactly as SQLAlchemy's SQLite dialect
stores a UTCDateTime, so that its comparisons in SQL agree with the Store's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from crmcards.store.history_reads import sqlite_datetime, sqlite_time
from crmcards.store.tables import UTCDateTime

MOMENTS = [
    datetime(2026, 12, 1, 9, 0, tzinfo=UTC),  # no microseconds
    datetime(2026, 12, 1, 23, 59, 59, 999_999, tzinfo=UTC),
    datetime(2026, 3, 29, 2, 30, 0, 5, tzinfo=timezone(timedelta(hours=2))),  # not UTC
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_times_are_written_and_read_as_the_dialect_does(moment: datetime) -> None:
    dialect = sqlite.dialect()
    impl = UTCDateTime().dialect_impl(dialect)
    bind = impl.bind_processor(dialect)
    stored = bind(moment) if bind is not None else moment
    assert sqlite_time(moment) == stored
    result = impl.result_processor(dialect, None)
    read = result(stored) if result is not None else stored
    assert sqlite_datetime(stored) == read == moment


def test_a_naive_time_is_refused_as_the_store_refuses_it() -> None:
    with pytest.raises(ValueError, match="naive"):
        sqlite_time(datetime(2026, 12, 1, 9, 0))
