"""Turning the log into fsrs-rs examples, and judging predictions as fsrs-rs does."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import fsrs_rs_python as fsrs_rs
import pytest

from crmcards.scheduling.fitting import (
    LoggedReview,
    auc,
    evaluate,
    examples,
    memory_states,
    predictions,
)
from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel
from tests.memory_histories import simulated_history

MORNING = datetime(2026, 10, 5, 9, tzinfo=UTC)


def test_examples_keep_same_day_steps_in_the_history_but_predict_only_later_days() -> None:
    history = [
        LoggedReview("a", 3, MORNING),
        LoggedReview("a", 4, MORNING + timedelta(minutes=10)),  # a learning step, same day
        LoggedReview("a", 2, MORNING + timedelta(days=3)),
        LoggedReview("a", 5, MORNING + timedelta(days=3, minutes=10)),
        LoggedReview("b", 4, MORNING + timedelta(hours=1)),
    ]
    found = examples(history, "again")
    assert [e.steps for e in found] == [((2, 0), (3, 0), (1, 3))]
    assert found[0].raw_rating == 2 and not found[0].recalled
    assert examples(history, "hard")[0].steps[-1] == (2, 3)


def test_study_days_start_at_four_in_the_morning() -> None:
    late = datetime(2026, 10, 5, 23, 30).astimezone()
    history = [
        LoggedReview("a", 4, late),
        LoggedReview("a", 4, late + timedelta(hours=3)),  # 02:30: still the same study day
        LoggedReview("a", 4, late + timedelta(hours=5)),  # 04:30: the next one
    ]
    assert [e.steps[-1] for e in examples(history, "again")] == [(3, 1)]


def test_predictions_reproduce_the_log_loss_fsrs_rs_reports() -> None:
    found = examples(
        simulated_history(DEFAULT_MODEL.parameters, items=60, days=40, seed=2), "again"
    )
    predicted = predictions(DEFAULT_MODEL, found)
    weights = [
        0.25 + 0.75 * (i / len(found)) ** 3 for i in range(len(found))
    ]  # fsrs-rs' recency weights
    loss = -sum(
        w * math.log(p if e.recalled else 1 - p)
        for w, p, e in zip(weights, predicted, found, strict=True)
    ) / sum(weights)
    reported = fsrs_rs.FSRS(DEFAULT_MODEL.parameters).evaluate([e.item for e in found]).log_loss
    assert abs(loss - reported) < 1e-3  # fsrs-rs computes in f32


def test_auc() -> None:
    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert auc([0.5, 0.5], [True, False]) == 0.5
    assert auc([0.2, 0.9], [True, True]) is None


def test_evaluate_has_nothing_to_say_without_examples() -> None:
    assert evaluate(DEFAULT_MODEL, []) is None


def test_memory_states_follow_each_items_history_in_the_order_it_was_made() -> None:
    history = [
        LoggedReview("a", 4, MORNING + timedelta(days=3)),
        LoggedReview("b", 1, MORNING),
        LoggedReview("a", 4, MORNING),
    ]
    engine = fsrs_rs.FSRS(DEFAULT_MODEL.parameters)
    first = engine.next_states(None, 0.9, 0).good.memory
    second = engine.next_states(first, 0.9, 3).good.memory
    states = memory_states(DEFAULT_MODEL, history)
    assert states["a"] == pytest.approx((second.stability, second.difficulty))
    assert states["b"][0] < states["a"][0]
    # a model that believes memory fades faster reads the same history as a weaker memory
    forgetful = MemoryModel.of((0.1, 0.6, 1.2, 4.0, *DEFAULT_MODEL.parameters[4:]))
    assert memory_states(forgetful, history)["a"][0] < states["a"][0]
