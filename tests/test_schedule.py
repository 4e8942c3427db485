"""The one encoding of a schedule: the value the planner computes, the store's rows and the
review log's JSON (undo, the class server, the Anki export) all hold the same thing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crmcards.schedule import Schedule
from crmcards.scheduling.planner import Planner
from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_the_json_of_a_schedule_reads_back_as_the_same_schedule() -> None:
    review = Planner(fuzz=False).review(None, 3, NOW, note_key="d/n")
    for schedule in (review.after, Schedule(state=1, due=NOW)):
        assert Schedule.from_json(schedule.to_json()) == schedule


def test_a_log_row_written_before_the_value_type_still_reads() -> None:
    # as store/snapshots.py wrote them (schema 3 to 6): every field, times in ISO 8601
    old = (
        '{"state": 2, "step": null, "stability": 12.5, "difficulty": 4.2, '
        '"due": "2026-12-07T12:00:00+00:00", "last_review": "2026-11-25T12:00:00+00:00", '
        '"reps": 3, "lapses": 1}'
    )
    assert Schedule.from_json(old) == Schedule(
        state=2,
        stability=12.5,
        difficulty=4.2,
        due=NOW + timedelta(days=12),
        last_review=NOW,
        reps=3,
        lapses=1,
    )
    assert Schedule.from_json(old).to_json() == old


def test_the_store_keeps_what_the_planner_computed_in_rows_and_log_alike(store: Store) -> None:
    planner = Planner(fuzz=False)
    first = planner.review(None, 4, NOW, note_key="d/n")
    store.record("d/n#q", "d", "d/n", first)
    second = planner.review(store.states()["d/n#q"], 1, NOW + timedelta(days=3), note_key="d/n")
    log = store.record("d/n#q", "d", "d/n", second)
    assert store.states()["d/n#q"] == second.after
    with store.reading() as session:
        row = session.get(ReviewLog, log.id)
        assert row is not None
        assert (row.schedule_before, row.after) == (first.after, second.after.to_json())
    assert log.id is not None
    assert store.undo(log.id) == first.after == store.states()["d/n#q"]
