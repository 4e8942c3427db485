"""Any interleaving of ratings, undos and syncs on a student's two devices ends, once both have
synced, in the same history on both: the model's (every rating made, minus those undone).
Nothing is overwritten or lost; the server keeps every row it received."""

from __future__ import annotations

import secrets
from collections import Counter
from functools import partial
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from crmcards.scheduling.planner import Planner
from crmcards.scheduling.replay import replay
from crmcards.services.class_admin import add_student, init_class
from crmcards.services.sync import join, sync
from crmcards.store.hub import LOG_SUMMARIES, SUMMARY_COLUMNS
from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog
from tests.conftest import FakeClock
from tests.hub.helpers import server_rows

ITEMS = ("d/a#q", "d/b#q", "d/c#q")
action = st.one_of(
    st.tuples(st.just("rate"), st.integers(0, 1), st.sampled_from(ITEMS), st.integers(1, 5)),
    st.tuples(st.just("undo"), st.integers(0, 1), st.none(), st.none()),
    st.tuples(st.just("sync"), st.integers(0, 1), st.none(), st.none()),
)


def _log(store: Store) -> dict[str, tuple[str, int]]:
    with store.reading() as session:
        return {log.uid: (log.item_id, log.rating) for log in session.exec(select(ReviewLog))}


def _states(store: Store) -> dict[str, tuple[object, ...]]:
    return {
        item: (s.state, s.stability, s.difficulty, s.due, s.reps, s.lapses)
        for item, s in store.states().items()
    }


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=st.lists(action, max_size=30))
# undo of a sent rating; undo of a rating another device's later one builds on
@example(actions=[("rate", 0, "d/a#q", 4), ("sync", 0, None, None), ("undo", 0, None, None)])
@example(
    actions=[
        ("rate", 0, "d/a#q", 4),
        ("rate", 1, "d/a#q", 3),
        ("sync", 1, None, None),
        ("sync", 0, None, None),
        ("undo", 0, None, None),
    ]
)
def test_two_devices_converge_to_the_model(
    actions: list[tuple[str, int, str | None, int | None]], class_db: str, tmp_path: Path
) -> None:
    example = tmp_path / secrets.token_hex(4)
    example.mkdir()
    init_class(class_db, "en")
    add_student(class_db, example.name, example / "join.toml", "en")
    planner = Planner()
    homes = [example / "laptop", example / "phone"]
    stores = [Store.open(home=home) for home in homes]
    try:
        for store, home in zip(stores, homes, strict=True):
            join(store, home, example / "join.toml", "en")
        clock = FakeClock()
        model: dict[str, tuple[str, int]] = {}  # uid -> (item, rating): what should count
        made: list[list[int]] = [[], []]  # each device's own ratings (log ids), oldest first
        for kind, device, item, rating in actions:
            clock.advance(hours=1)
            store = stores[device]
            if kind == "rate" and item is not None and rating is not None:
                state = store.states([item]).get(item)
                review = planner.review(state, rating, clock(), note_key=item)
                log = store.record(item, "d", item, review)
                assert log.id is not None
                made[device].append(log.id)
                model[log.uid] = (item, rating)
            elif kind == "undo" and made[device]:
                log_id = made[device].pop()
                with store.reading() as session:
                    undone = session.get(ReviewLog, log_id)
                assert undone is not None
                store.undo(log_id, rebuild=partial(replay, planner))
                del model[undone.uid]
            elif kind == "sync":
                sync(store, homes[device], planner, "en")
        for device in (0, 1, 0):
            sync(stores[device], homes[device], planner, "en")
        assert _log(stores[0]) == _log(stores[1]) == model
        assert _states(stores[0]) == _states(stores[1])
        for store in stores:  # each state is the replay of the merged log
            with store.reading() as session:
                logs = list(session.exec(select(ReviewLog)))
            for item in ITEMS:
                rebuilt = replay(planner, [log for log in logs if log.item_id == item])
                assert bool(rebuilt) == (item in store.states())
                if rebuilt:
                    assert store.states()[item] == rebuilt[-1].after
        counted = server_rows(
            class_db,
            "SELECT r.uid::text FROM crmcards.reviews r JOIN crmcards.students s"
            f" ON s.login = r.student WHERE s.name = '{example.name}'"
            " AND NOT EXISTS (SELECT 1 FROM crmcards.retractions x"
            " WHERE x.review_uid = r.uid AND x.student = r.student)",
        )
        assert {uid for (uid,) in counted} == set(model)
        # the summary the class view reads, kept at each push, is the log's
        summaries = f"SELECT {SUMMARY_COLUMNS} FROM crmcards.item_summaries"
        assert server_rows(class_db, f"{summaries} ORDER BY 1, 2") == server_rows(
            class_db, f"SELECT * FROM ({LOG_SUMMARIES}) s ORDER BY 1, 2"
        )
        reviews = server_rows(
            class_db,
            f"SELECT item_id, reviews FROM ({summaries}) m JOIN crmcards.students s"
            f" ON s.login = m.student WHERE s.name = '{example.name}'",
        )
        assert dict(reviews) == Counter(item for item, _ in model.values())
    finally:
        for store in stores:
            store.close()
