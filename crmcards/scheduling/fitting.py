"""Fitting and judging FSRS parameters on a student's own review log, with fsrs-rs (the Rust
FSRS that Anki runs).

The log is turned into *examples* the way Anki does it: for every review of an item after its
first, the item's history up to and including that review, with the days between reviews counted
in study days. Only examples whose last review fell on a later day than the one before count:
fsrs-rs judges long-term recall, and rejects same-day reviews there. Learning steps on the same
day stay in the histories, where FSRS-6 models them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import fsrs_rs_python as fsrs_rs

from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel
from crmcards.scheduling.queue import study_day_start
from crmcards.scheduling.ratings import TwoMeans, to_fsrs

# fsrs-rs fits nothing below 8 examples from an item's second study day on, and only the first
# day's stabilities below 64 (fsrs-rs training.rs: compute_parameters).
PARTIAL_FIT_MINIMUM = 8
FULL_FIT_MINIMUM = 64
RELEARNING_STEPS = 1  # the scheduler's (py-fsrs) relearning steps: one of 10 minutes
SPLIT_TRAIN_SHARE = 0.8


@dataclass(frozen=True)
class LoggedReview:
    item_id: str
    rating: int  # the raw 1–5
    at: datetime


@dataclass(frozen=True)
class Example:
    """One prediction a model is judged on: an item's history ending in the review to predict."""

    steps: tuple[tuple[int, int], ...]  # (FSRS rating, days since the review before)
    at: datetime
    raw_rating: int  # of that last review

    @property
    def recalled(self) -> bool:
        return self.steps[-1][0] > 1

    @property
    def elapsed_days(self) -> int:
        return self.steps[-1][1]

    @property
    def item(self) -> fsrs_rs.FSRSItem:
        return _item(self.steps)

    @property
    def history(self) -> fsrs_rs.FSRSItem:
        """The reviews before the one to predict."""
        return _item(self.steps[:-1])


def _item(steps: Sequence[tuple[int, int]]) -> fsrs_rs.FSRSItem:
    return fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(rating, days) for rating, days in steps])


@dataclass(frozen=True)
class Metrics:
    log_loss: float
    rmse_bins: float
    auc: float | None  # None when every example has the same outcome

    def as_dict(self) -> dict[str, float | None]:
        return {"log_loss": self.log_loss, "rmse_bins": self.rmse_bins, "auc": self.auc}


def _study_day(moment: datetime) -> int:
    return study_day_start(moment).date().toordinal()


@dataclass(frozen=True)
class ItemHistory:
    """One item's reviews in the order they were made, as FSRS steps."""

    item_id: str
    reviews: tuple[LoggedReview, ...]
    days: tuple[int, ...]  # the study day of each review
    steps: tuple[tuple[int, int], ...]  # (FSRS rating, days since the review before)


def item_histories(history: Iterable[LoggedReview], two_means: TwoMeans) -> list[ItemHistory]:
    by_item: dict[str, list[LoggedReview]] = defaultdict(list)
    for review in history:
        by_item[review.item_id].append(review)
    found = []
    for item_id, reviews in by_item.items():
        reviews.sort(key=lambda r: r.at)
        days = tuple(_study_day(r.at) for r in reviews)
        steps = tuple(
            (int(to_fsrs(r.rating, two_means)), days[i] - days[i - 1] if i else 0)
            for i, r in enumerate(reviews)
        )
        found.append(ItemHistory(item_id, tuple(reviews), days, steps))
    return found


def examples(history: Iterable[LoggedReview], two_means: TwoMeans) -> list[Example]:
    """Every example in `history`, oldest prediction first (the order of a time-ordered split)."""
    found: list[Example] = []
    for item in item_histories(history, two_means):
        for i in range(1, len(item.steps)):
            if item.days[i] > item.days[i - 1]:
                found.append(
                    Example(item.steps[: i + 1], item.reviews[i].at, item.reviews[i].rating)
                )
    found.sort(key=lambda e: e.at)
    return found


def memory_states(
    model: MemoryModel, history: Iterable[LoggedReview]
) -> dict[str, tuple[float, float]]:
    """Each item's (stability, difficulty) after its whole history, by `model`: what a new fit
    makes of the memory built so far (Anki recomputes these whenever the parameters change)."""
    items = item_histories(history, model.two_means)
    states = fsrs_rs.FSRS(model.parameters).memory_state_batch([_item(i.steps) for i in items])
    return {
        item.item_id: (state.stability, state.difficulty)
        for item, state in zip(items, states, strict=True)
    }


def long_term_examples(found: Sequence[Example]) -> int:
    """The examples fsrs-rs trains on beyond the first day's stabilities."""
    return sum(1 for e in found if sum(1 for _, days in e.steps if days > 0) >= 2)


def fit(found: Sequence[Example], two_means: TwoMeans) -> MemoryModel:
    """FSRS-6 parameters fitted to `found` (fsrs-rs returns the defaults when there is too
    little history; see PARTIAL_FIT_MINIMUM)."""
    if not found:
        return MemoryModel(DEFAULT_MODEL.parameters, two_means)
    parameters = fsrs_rs.FSRS(DEFAULT_MODEL.parameters).compute_parameters(
        [e.item for e in found], enable_short_term=True, num_relearning_steps=RELEARNING_STEPS
    )
    return MemoryModel.of(parameters, two_means)


def predictions(model: MemoryModel, found: Sequence[Example]) -> list[float]:
    """The model's predicted recall for each example's last review."""
    engine = fsrs_rs.FSRS(model.parameters)
    states = engine.memory_state_batch([e.history for e in found])
    return [
        model.recall(e.elapsed_days, state.stability)
        for e, state in zip(found, states, strict=True)
    ]


def auc(scores: Sequence[float], positives: Sequence[bool]) -> float | None:
    """Area under the ROC curve (Mann–Whitney, ties counted half)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    n_pos = sum(positives)
    n_neg = len(positives) - n_pos
    if not n_pos or not n_neg:
        return None
    rank_sum = sum(rank for rank, positive in zip(ranks, positives, strict=True) if positive)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def evaluate(model: MemoryModel, found: Sequence[Example]) -> Metrics | None:
    """Log loss and RMSE(bins) as fsrs-rs (and so Anki's Evaluate) computes them, plus AUC;
    None without examples."""
    if not found:
        return None
    result = fsrs_rs.FSRS(model.parameters).evaluate([e.item for e in found])
    predicted = predictions(model, found)
    return Metrics(
        log_loss=float(result.log_loss),
        rmse_bins=float(result.rmse_bins),
        auc=auc(predicted, [e.recalled for e in found]),
    )


def split(found: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """The older share of the examples to fit on, the newer share to test on."""
    cut = int(len(found) * SPLIT_TRAIN_SHARE)
    return list(found[:cut]), list(found[cut:])
