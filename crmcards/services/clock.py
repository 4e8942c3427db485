"""The current time, injectable: sessions and screens take a Clock so tests can fix the time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


Now = datetime | Clock | None  # what the public API accepts as "now"


def clock_of(now: Now, default: Clock | None = None) -> Clock:
    """A clock for `now`: a fixed moment, a callable as it is, or for None `default` (when
    given) or the real clock. A naive datetime is taken as local time."""
    if now is None:
        return default or utc_now
    if isinstance(now, datetime):
        moment = now if now.tzinfo is not None else now.astimezone()
        return lambda: moment
    return now
