"""optimize / evaluate / the automatic re-fit on a student's own log, and the scheduler using
the saved parameters."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import partial

import pytest

from crmcards.scheduling.fitting import memory_states
from crmcards.scheduling.memory import DEFAULT_MODEL
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.replay import replay
from crmcards.services.personal_model import (
    current_model,
    evaluation,
    optimize,
    refit_if_due,
)
from crmcards.services.planning import make_planner
from crmcards.services.settings import Settings
from crmcards.store.memory import review_count
from crmcards.store.repository import Store
from crmcards.store.synclog import rebuild_items, set_class
from tests.memory_histories import FORGETFUL, simulated_history, store_history

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def test_optimize_never_makes_predictions_worse_when_the_defaults_are_right(store: Store) -> None:
    # The defaults are the truth here; on this history fsrs-rs' fit predicts worse than they do.
    store_history(store, simulated_history(DEFAULT_MODEL.parameters, items=60, days=40, seed=7))
    result = optimize(store, NOW)
    assert result.fit == "full" and result.before is not None and result.after is not None
    assert result.after.log_loss > result.before.log_loss
    assert not result.saved
    assert current_model(store) == DEFAULT_MODEL
    judged = evaluation(store)
    assert judged.current is not None and judged.default is not None
    assert judged.current.log_loss == judged.default.log_loss


def test_optimize_saves_parameters_that_predict_better_and_the_scheduler_uses_them(
    store: Store,
) -> None:
    store_history(store, simulated_history(FORGETFUL, items=120, days=60, seed=4))
    result = optimize(store, NOW)
    assert result.saved and result.fit == "full" and result.needed == 0
    assert result.before is not None and result.after is not None
    assert result.after.log_loss < result.before.log_loss
    assert result.used < result.reviews  # first reviews and same-day steps are not predicted
    assert current_model(store) == result.model != DEFAULT_MODEL
    planner = make_planner(Settings(), store, NOW)
    assert tuple(planner.scheduler.parameters) == result.model.parameters
    judged = evaluation(store)
    assert judged.current is not None and judged.default is not None
    assert judged.current.log_loss < judged.default.log_loss
    assert judged.split_test and judged.split_train and judged.split_fitted is not None
    assert (judged.improvement or 0) > 0
    again = optimize(store, NOW)  # the same history again: nothing better to find
    assert not again.saved and current_model(store) == result.model


def test_saved_parameters_re_read_every_items_memory_and_keep_its_due_date(
    store: Store,
) -> None:
    history = simulated_history(FORGETFUL, items=120, days=60, seed=4)
    store_history(store, history)
    with store.writing() as session:  # the states the default parameters built
        rebuild_items(session, sorted({r.item_id for r in history}), partial(replay, Planner()))
        session.commit()
    before = store.states()
    result = optimize(store, NOW)
    assert result.saved
    after = store.states()
    assert after.keys() == before.keys()
    expected = memory_states(result.model, history)
    for item_id, state in after.items():
        assert (state.stability, state.difficulty) == pytest.approx(expected[item_id])
        assert state.due == before[item_id].due
    changed = sum(abs(after[i].stability - before[i].stability) > 0.01 for i in after)  # type: ignore[operator]
    assert changed > len(after) / 2


def test_too_little_history_is_explained_not_fitted(store: Store) -> None:
    store_history(store, simulated_history(FORGETFUL, items=8, days=12, seed=3))
    result = optimize(store, NOW)
    assert result.fit == "none" and not result.saved and result.needed > 0
    assert current_model(store) == DEFAULT_MODEL


def test_the_meaning_of_rating_two_is_learnt_from_the_students_own_history(store: Store) -> None:
    history = simulated_history(
        DEFAULT_MODEL.parameters, items=150, days=60, seed=5, two_means="hard"
    )
    store_history(store, history)
    result = optimize(store, NOW)
    assert result.two is not None and result.two.means == "hard"
    assert result.two.log_loss["hard"] < result.two.log_loss["again"]
    assert evaluation(store).as_dict()["rating_2"]["means"] == ("hard" if result.saved else "again")


def test_class_parameters_are_the_cold_start_until_the_students_own_fit(store: Store) -> None:
    pooled = DEFAULT_MODEL.of(FORGETFUL)
    set_class(store, "class-1", json.dumps(list(pooled.parameters)))  # what sync brings
    assert current_model(store) == pooled
    assert tuple(make_planner(Settings(), store, NOW).scheduler.parameters) == FORGETFUL
    store_history(store, simulated_history(FORGETFUL, items=120, days=60, seed=4))
    result = optimize(store, NOW)  # judged against the class's parameters, not the defaults
    assert result.before is not None and result.after is not None
    assert result.saved == (result.after.log_loss < result.before.log_loss)
    assert current_model(store) == (result.model if result.saved else pooled)


def test_the_automatic_refit_waits_for_enough_new_reviews(store: Store) -> None:
    store_history(store, simulated_history(FORGETFUL, items=120, days=60, seed=4))
    count = review_count(store)
    assert refit_if_due(store, NOW, session_reviews=0, every=500) is None
    assert current_model(store) == DEFAULT_MODEL
    refit = refit_if_due(store, NOW, session_reviews=1, every=count)
    assert refit is not None and refit.saved
    assert current_model(store) == refit.model
