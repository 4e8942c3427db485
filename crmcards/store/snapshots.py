"""An item's FSRS state as JSON, kept in the review log: the state before a rating (for undo) and
after it (for the class server)."""

from __future__ import annotations

import json
from datetime import datetime

from crmcards.store.tables import ItemState

STATE_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def snapshot(state: ItemState) -> str:
    values = {name: getattr(state, name) for name in STATE_FIELDS}
    for name in ("due", "last_review"):
        if values[name] is not None:
            values[name] = values[name].isoformat()
    return json.dumps(values)


def restore(state: ItemState, text: str) -> None:
    """Set the fields of `state` to those in the snapshot `text`."""
    values = json.loads(text)
    for name in ("due", "last_review"):
        if values[name] is not None:
            values[name] = datetime.fromisoformat(values[name])
    for name, value in values.items():
        setattr(state, name, value)
