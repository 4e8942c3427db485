"""The reads a study session's queue is chosen from (crmcards.scheduling.queue.ScheduleReads),
made inside one read transaction and only as far as the queue asks: the due items along the
`due` index a page at a time, the scheduled ids of one deck, the due items of one note."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import Any

from crmcards.schedule import DueEntry

PAGE = 256  # due rows fetched at a time: a day's queue usually needs one or two pages


class QueueReads:
    """`connection` is a DB-API connection in a read transaction; `sql` puts `:name`
    parameters in the driver's style; `now` is the moment as the driver stores it."""

    def __init__(
        self,
        connection: Any,
        sql: Callable[[str], str],
        now: Any,
        learning_states: Collection[int],
    ) -> None:
        self.connection, self.sql, self.now = connection, sql, now
        self.learning_states = sorted(learning_states)

    def _rows(self, sql: str, parameters: dict[str, Any]) -> Iterator[Any]:
        cursor = self.connection.cursor()
        try:
            cursor.execute(self.sql(sql), parameters)
            while page := cursor.fetchmany(PAGE):
                yield from page
        finally:
            cursor.close()

    def due(self) -> Iterator[DueEntry]:
        return self._rows(
            "SELECT item_id, note_key, state FROM item_state WHERE due <= :now"
            " ORDER BY due, item_id",
            {"now": self.now},
        )

    def learning_due(self) -> list[DueEntry]:
        states = {f"state{n}": state for n, state in enumerate(self.learning_states)}
        return list(
            self._rows(
                "SELECT item_id, note_key, state FROM item_state"
                f" WHERE state IN ({', '.join(f':{name}' for name in states)}) AND due <= :now"
                " ORDER BY due, item_id",
                {"now": self.now, **states},
            )
        )

    def due_in_note(self, note_key: str) -> list[str]:
        rows = self._rows(
            "SELECT item_id FROM item_state WHERE note_key = :note AND due <= :now",
            {"note": note_key, "now": self.now},
        )
        return [item_id for (item_id,) in rows]

    def scheduled_in(self, deck_id: str) -> set[str]:
        rows = self._rows("SELECT item_id FROM item_state WHERE deck_id = :deck", {"deck": deck_id})
        return {item_id for (item_id,) in rows}
