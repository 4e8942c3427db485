"""FSRS parameters fitted on a whole class's reviews (with fsrs-rs, the Rust FSRS that Anki
runs): the start point for a student whose own log is still too short to fit.

The log becomes training examples as Anki makes them: for each review of an item after its
first, the item's reviews up to and including it, days between reviews counted in study days;
only examples whose last review fell on a later day than the one before count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from crmcards.scheduling.queue import study_day_start

MINIMUM_EXAMPLES = 64  # fsrs-rs fits the first stabilities only from this many on


class TooFewReviews(ValueError):
    def __init__(self, examples: int) -> None:
        super().__init__(f"{examples} usable reviews; at least {MINIMUM_EXAMPLES} are needed")
        self.examples = examples


def _day(moment: datetime) -> int:
    return study_day_start(moment).date().toordinal()


def training_steps(
    histories: Iterable[Sequence[tuple[int, datetime]]],
) -> list[list[tuple[int, int]]]:
    """Each history is one student's reviews of one item, (FSRS rating, time), oldest first;
    returns the examples as (rating, days since the review before) steps."""
    examples = []
    for history in histories:
        steps: list[tuple[int, int]] = []
        previous: int | None = None
        for rating, moment in history:
            day = _day(moment)
            elapsed = 0 if previous is None else day - previous
            steps.append((rating, elapsed))
            previous = day
            if len(steps) > 1 and elapsed > 0:
                examples.append(list(steps))
    return examples


def fit_parameters(histories: Iterable[Sequence[tuple[int, datetime]]]) -> tuple[list[float], int]:
    """FSRS-6 parameters fitted on `histories` and the number of examples they rest on."""
    import fsrs_rs_python as fsrs_rs

    examples = training_steps(histories)
    if len(examples) < MINIMUM_EXAMPLES:
        raise TooFewReviews(len(examples))
    items = [
        fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(rating, days) for rating, days in steps])
        for steps in examples
    ]
    fsrs = fsrs_rs.FSRS(fsrs_rs.DEFAULT_PARAMETERS)
    return [float(w) for w in fsrs.compute_parameters(items)], len(examples)
