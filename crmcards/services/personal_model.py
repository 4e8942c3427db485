"""The student's personal memory model: fit it (`optimize`), judge it (`evaluate`), re-fit it
quietly as the log grows, and hand it to the scheduler.

A fit is saved only when it predicts the student's own history better than the parameters in
force (fsrs-rs log loss, in-sample, as Anki decides). Which meaning of rating 2 to use is decided
first, on the reviews whose outcome is not a 2: both readings are fitted, and the one whose
parameters predict those unambiguous outcomes better wins.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from crmcards.scheduling.fitting import (
    FULL_FIT_MINIMUM,
    LoggedReview,
    Metrics,
    evaluate,
    examples,
    fit,
    long_term_examples,
    memory_states,
    split,
)
from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel
from crmcards.scheduling.ratings import TWO_MEANINGS, TwoMeans
from crmcards.store.memory import (
    review_count,
    review_history,
    save_parameters_and_states,
    saved_parameters,
)
from crmcards.store.repository import Store
from crmcards.store.synclog import CLASS_PARAMETERS, meta_value
from crmcards.store.tables import MemoryParameters

OWN = "own"
REFIT_EVERY = 500  # new reviews after which a session's end re-fits quietly
TWO_MARGIN = 0.005  # the other reading of 2 must predict this much better (share of log loss)

FitKind = Literal["full", "first_day", "none"]


def _model(row: MemoryParameters) -> MemoryModel:
    two: TwoMeans = "hard" if row.two_means == "hard" else "again"
    return MemoryModel.of(json.loads(row.parameters), two)


def current_model(store: Store) -> MemoryModel:
    """The student's own fitted model, else the parameters pooled over their class (`crmcards
    class optimize`, brought by sync) as the cold start, else FSRS's defaults."""
    row = saved_parameters(store, OWN)
    if row is not None:
        return _model(row)
    pooled = meta_value(store, CLASS_PARAMETERS)
    if pooled is not None:
        return MemoryModel.of(json.loads(pooled))
    return DEFAULT_MODEL


def save_model(
    store: Store,
    model: MemoryModel,
    *,
    profile: str,
    now: datetime,
    logged: Sequence[LoggedReview],
    log_loss: float | None,
) -> None:
    """Save `model` and let it re-read every item's memory from `logged` (the whole log), so
    that its predictions (the exam plan's) rest on its own stabilities, not the old model's."""
    save_parameters_and_states(
        store,
        MemoryParameters(
            profile=profile,
            parameters=json.dumps(list(model.parameters)),
            two_means=model.two_means,
            fitted_at=now,
            reviews=len(logged),
            log_loss=log_loss,
        ),
        memory_states(model, logged),
    )


def history(store: Store) -> list[LoggedReview]:
    return [LoggedReview(*row) for row in review_history(store)]


def fit_kind(model: MemoryModel) -> FitKind:
    """What fsrs-rs could fit: everything, only the first day's stabilities, or nothing."""
    defaults = DEFAULT_MODEL.parameters

    def same(a: Sequence[float], b: Sequence[float]) -> bool:
        return all(abs(x - y) < 1e-6 for x, y in zip(a, b, strict=True))

    if same(model.parameters, defaults):
        return "none"
    if same(model.parameters[4:], defaults[4:]):
        return "first_day"
    return "full"


@dataclass(frozen=True)
class TwoChoice:
    """How rating 2 is read, and the log loss on unambiguous outcomes that decided it."""

    means: TwoMeans
    log_loss: dict[TwoMeans, float]
    reviews: int  # the outcomes compared (reviews not rated 2)

    def as_dict(self) -> dict[str, Any]:
        return {"means": self.means, "log_loss": dict(self.log_loss), "reviews": self.reviews}


def choose_two(logged: Sequence[LoggedReview], current: TwoMeans) -> TwoChoice | None:
    """Read 2 as Again and as Hard in the histories, fit each on the same predictions (the
    reviews not rated 2, so both are judged against the same outcomes), and keep the reading
    that predicts those better. None when no 2 was ever given or nothing can be judged."""
    if not any(r.rating == 2 for r in logged):
        return None
    losses: dict[TwoMeans, float] = {}
    compared = 0
    for two in TWO_MEANINGS:
        unambiguous = [e for e in examples(logged, two) if e.raw_rating != 2]
        metrics = evaluate(fit(unambiguous, two), unambiguous)
        if metrics is None:
            return None
        losses[two] = metrics.log_loss
        compared = len(unambiguous)
    other: TwoMeans = "hard" if current == "again" else "again"
    better = losses[other] < losses[current] * (1 - TWO_MARGIN)
    return TwoChoice(other if better else current, losses, compared)


@dataclass(frozen=True)
class Optimization:
    reviews: int  # ratings in the log
    used: int  # predictions judged: reviews on a later day than the one before
    before: Metrics | None
    after: Metrics | None
    saved: bool
    fit: FitKind
    needed: int  # more reviews (from a card's third study day on) a full fit needs
    two: TwoChoice | None
    model: MemoryModel  # in force now

    def as_dict(self) -> dict[str, Any]:
        return {
            "reviews": self.reviews,
            "used": self.used,
            "before": None if self.before is None else self.before.as_dict(),
            "after": None if self.after is None else self.after.as_dict(),
            "saved": self.saved,
            "fit": self.fit,
            "needed": self.needed,
            "rating_2": None if self.two is None else self.two.as_dict(),
            "parameters": list(self.model.parameters),
        }


def optimize(store: Store, now: datetime) -> Optimization:
    """Fit FSRS-6 on the student's log; save it only if it predicts that log better."""
    logged = history(store)
    current = current_model(store)
    two = choose_two(logged, current.two_means)
    means = two.means if two else current.two_means
    found = examples(logged, means)
    fitted = fit(found, means)
    before = evaluate(MemoryModel(current.parameters, fitted.two_means), found)
    after = evaluate(fitted, found)
    kind = fit_kind(fitted)
    better = (
        kind != "none"
        and before is not None
        and after is not None
        and after.log_loss < before.log_loss
    )
    if better:
        assert after is not None
        save_model(store, fitted, profile=OWN, now=now, logged=logged, log_loss=after.log_loss)
    return Optimization(
        reviews=len(logged),
        used=len(found),
        before=before,
        after=after,
        saved=better,
        fit=kind,
        needed=max(0, FULL_FIT_MINIMUM - long_term_examples(found)),
        two=two,
        model=fitted if better else current,
    )


def refit_if_due(
    store: Store, now: datetime, session_reviews: int, every: int = REFIT_EVERY
) -> Optimization | None:
    """At a session's end: re-fit when the session's `session_reviews` ratings took the log
    past a multiple of `every` reviews. The log is counted here, once, not when a session
    starts (a million rows would be counted before the first card)."""
    reviews = review_count(store)
    if reviews // every <= (reviews - session_reviews) // every:
        return None
    return optimize(store, now)


@dataclass(frozen=True)
class Evaluation:
    reviews: int
    default: Metrics | None
    current: Metrics | None
    split_train: int
    split_test: int
    split_default: Metrics | None
    split_fitted: Metrics | None
    two: TwoChoice | None
    two_means: TwoMeans

    def as_dict(self) -> dict[str, Any]:
        def m(metrics: Metrics | None) -> dict[str, float | None] | None:
            return None if metrics is None else metrics.as_dict()

        return {
            "reviews": self.reviews,
            "default": m(self.default),
            "current": m(self.current),
            "split": {
                "train": self.split_train,
                "test": self.split_test,
                "default": m(self.split_default),
                "fitted": m(self.split_fitted),
            },
            "rating_2": {"means": self.two_means}
            | (
                {}
                if self.two is None
                else {"log_loss": dict(self.two.log_loss), "reviews": self.two.reviews}
            ),
        }

    @property
    def improvement(self) -> float | None:
        """How much better the current parameters predict than the defaults (share of log loss)."""
        if self.default is None or self.current is None or not self.default.log_loss:
            return None
        return (self.default.log_loss - self.current.log_loss) / self.default.log_loss


def evaluation(store: Store) -> Evaluation:
    """The default and the current parameters judged on the log, in-sample as Anki's Evaluate
    does, and on a time-ordered split (fitted on the older 80 %, judged on the newest 20 %)."""
    logged = history(store)
    current = current_model(store)
    found = examples(logged, current.two_means)
    default = MemoryModel(DEFAULT_MODEL.parameters, current.two_means)
    train, test = split(found)
    return Evaluation(
        reviews=len(found),
        default=evaluate(default, found),
        current=evaluate(current, found),
        split_train=len(train),
        split_test=len(test),
        split_default=evaluate(default, test),
        split_fitted=evaluate(fit(train, current.two_means), test),
        two=choose_two(logged, current.two_means),
        two_means=current.two_means,
    )
