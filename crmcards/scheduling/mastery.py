"""When an item counts as mastered: the one definition that the home screen, `crmcards status`,
the reports and the class view all use.

An item is mastered once FSRS expects the memory to last: it is past the learning steps (in the
review state) and its stability is at least 21 days. Stability is the time in which predicted
recall falls to 90 %, so at the default retention this is the interval at which Anki calls a
card "mature". One good rating never gets a new card there; a few successful reviews spread over
weeks do. (Predicted recall now would not do: a card answered a minute ago is at ~100 %.)

Code that counts in SQL uses the same two facts: `state = REVIEW_STATE` and
`stability >= MASTERED_STABILITY_DAYS`.
"""

from __future__ import annotations

from fsrs import State

from crmcards.schedule import Schedule

MASTERED_STABILITY_DAYS = 21.0
REVIEW_STATE = State.Review.value


def is_mastered(state: Schedule | None) -> bool:
    return (
        state is not None
        and state.state == REVIEW_STATE
        and (state.stability or 0.0) >= MASTERED_STABILITY_DAYS
    )
