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


def _values(text: str) -> dict[str, object]:
    values = json.loads(text)
    for name in ("due", "last_review"):
        if values[name] is not None:
            values[name] = datetime.fromisoformat(values[name])
    return values  # type: ignore[no-any-return]


def restore(state: ItemState, text: str) -> None:
    """Set the fields of `state` to those in the snapshot `text`."""
    for name, value in _values(text).items():
        setattr(state, name, value)


def from_snapshot(item_id: str, deck_id: str, note_key: str, text: str) -> ItemState:
    """The state an item had when the snapshot `text` was taken."""
    return ItemState.model_validate(
        {"item_id": item_id, "deck_id": deck_id, "note_key": note_key, **_values(text)}
    )
