"""Review histories of simulated students whose memory follows known FSRS-6 parameters."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import fsrs_rs_python as fsrs_rs

from crmcards.scheduling.fitting import LoggedReview
from crmcards.scheduling.memory import DEFAULT_MODEL, MemoryModel
from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog

START = datetime(2026, 9, 1, 10, tzinfo=UTC)
FSRS_OF = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4}


def simulated_history(
    parameters: Sequence[float],
    *,
    items: int,
    days: int,
    seed: int,
    two_means: str = "again",
) -> list[LoggedReview]:
    """Each item is introduced on a random day and reviewed when FSRS says; recall is drawn
    from the true parameters. A student whose 2 means "hard" gives it on some successes, one
    whose 2 means "again" on some failures."""
    rng = random.Random(seed)
    engine = fsrs_rs.FSRS(list(parameters))
    model = MemoryModel.of(parameters)
    history = []
    for n in range(items):
        day, state, last = rng.randint(0, days // 2), None, 0
        while day < days:
            if state is None:
                rating = rng.choice([1, 3, 4, 4])
                options = engine.next_states(None, 0.9, 0)
            else:
                recalled = rng.random() < model.recall(day - last, state.stability)
                if recalled:
                    rating = rng.choice([2, 3, 4, 4, 5] if two_means == "hard" else [3, 4, 4, 5])
                else:
                    rating = rng.choice([1, 2] if two_means == "again" else [1])
                options = engine.next_states(state, 0.9, day - last)
            history.append(
                LoggedReview(f"d/i{n}#q", rating, START + timedelta(days=day, minutes=n))
            )
            fsrs_rating = 2 if rating == 2 and two_means == "hard" else FSRS_OF[rating]
            chosen = [options.again, options.hard, options.good, options.easy][fsrs_rating - 1]
            state, last = chosen.memory, day
            day += max(1, round(chosen.interval))
    return history


def store_history(store: Store, history: Sequence[LoggedReview]) -> None:
    """Put `history` into the review log as if it had been studied in crmcards."""
    with store.writing() as session:
        for review in history:
            session.add(
                ReviewLog(
                    item_id=review.item_id,
                    deck_id="d",
                    note_key=review.item_id.split("#")[0],
                    rating=review.rating,
                    fsrs_rating=FSRS_OF[review.rating],
                    reviewed_at=review.at,
                    state_after=2,
                )
            )
        session.commit()


# A student who forgets twice as fast as FSRS's defaults assume.
FORGETFUL = (0.1, 0.6, 1.2, 4.0, *DEFAULT_MODEL.parameters[4:8], 1.2, *DEFAULT_MODEL.parameters[9:])
