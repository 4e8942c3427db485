"""Students rate 1–5 ("How well did you know this?"). This table is the only place that maps
those ratings to FSRS; the raw 1–5 rating is always stored as well.

Only "2 nauwelijks" (barely) is ambiguous: for one student it means "forgotten, but it rang a
bell", for another "remembered, with great effort". The default reads it as Again; a student's
own history can show that Hard predicts their memory better (see scheduling.fitting), and the
mapping is then chosen per student.
"""

from __future__ import annotations

from typing import Literal

from fsrs import Rating

RATINGS = (1, 2, 3, 4, 5)

TwoMeans = Literal["again", "hard"]
TWO_MEANINGS: tuple[TwoMeans, ...] = ("again", "hard")
DEFAULT_TWO_MEANS: TwoMeans = "again"

TO_FSRS: dict[int, Rating] = {
    1: Rating.Again,
    2: Rating.Again,
    3: Rating.Hard,
    4: Rating.Good,
    5: Rating.Easy,
}
_TWO: dict[TwoMeans, Rating] = {"again": Rating.Again, "hard": Rating.Hard}

LABELS: dict[str, dict[int, str]] = {
    "nl": {1: "helemaal niet", 2: "nauwelijks", 3: "met moeite", 4: "goed", 5: "perfect"},
    "en": {1: "not at all", 2: "barely", 3: "with effort", 4: "well", 5: "perfectly"},
}

FAILED = frozenset(r for r, fsrs_rating in TO_FSRS.items() if fsrs_rating == Rating.Again)


def to_fsrs(rating: int, two_means: TwoMeans = DEFAULT_TWO_MEANS) -> Rating:
    """The FSRS rating for a raw 1–5 rating; `two_means` is how this student uses "2"."""
    if rating == 2:
        return _TWO[two_means]
    try:
        return TO_FSRS[rating]
    except KeyError:
        raise ValueError(f"a rating is 1 to 5, not {rating!r}") from None
