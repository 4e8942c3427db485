"""The current time, injectable: sessions and screens take a Clock so tests can fix the time.

`CRMCARDS_NOW` (ISO 8601, e.g. `2026-12-10T09:00+01:00`) moves the clock of every command, for
demos, for trying a schedule over several days and for black-box tests: time starts at that
moment and runs on from there, so a session's timer and the minutes between ratings stay real.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache

from crmcards.errors import CrmcardsError
from crmcards.messages import Said

Clock = Callable[[], datetime]
NOW_VARIABLE = "CRMCARDS_NOW"


@cache
def _offset(value: str) -> timedelta:
    """How far CRMCARDS_NOW=`value` is from the real time when this program first asked."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CrmcardsError(
            Said.of("now_invalid", variable=NOW_VARIABLE, value=repr(value))
        ) from None
    if moment.tzinfo is None:  # a moment without a zone is local time, as a student means it
        moment = moment.astimezone()
    return moment - datetime.now(UTC)


def utc_now() -> datetime:
    """Now, as an aware UTC datetime; moved by CRMCARDS_NOW when it is set."""
    value = os.environ.get(NOW_VARIABLE)
    offset = _offset(value) if value else timedelta(0)
    return datetime.now(UTC) + offset


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
