"""Students rate 1–5 ("How well did you know this?"). This table is the only place that maps
those ratings to FSRS; the raw 1–5 rating is always stored as well."""

from __future__ import annotations

from fsrs import Rating

RATINGS = (1, 2, 3, 4, 5)

TO_FSRS: dict[int, Rating] = {
    1: Rating.Again,
    2: Rating.Again,
    3: Rating.Hard,
    4: Rating.Good,
    5: Rating.Easy,
}

LABELS: dict[str, dict[int, str]] = {
    "nl": {1: "helemaal niet", 2: "nauwelijks", 3: "met moeite", 4: "goed", 5: "perfect"},
    "en": {1: "not at all", 2: "barely", 3: "with effort", 4: "well", 5: "perfectly"},
}

FAILED = frozenset(r for r, fsrs_rating in TO_FSRS.items() if fsrs_rating == Rating.Again)


def to_fsrs(rating: int) -> Rating:
    try:
        return TO_FSRS[rating]
    except KeyError:
        raise ValueError(f"a rating is 1 to 5, not {rating!r}") from None
