"""Days of the week a student names, in Dutch or English: the days they take off from study.

Kept free of heavy imports: the settings are read before anything else loads.
"""

from __future__ import annotations

WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("mon", "monday", "ma", "maandag"),
            ("tue", "tuesday", "di", "dinsdag"),
            ("wed", "wednesday", "wo", "woensdag"),
            ("thu", "thursday", "do", "donderdag"),
            ("fri", "friday", "vr", "vrijdag"),
            ("sat", "saturday", "za", "zaterdag"),
            ("sun", "sunday", "zo", "zondag"),
        ]
    )
    for name in names
}


def parse_off_days(text: str) -> frozenset[int]:
    """Weekdays from a list such as "za, zo" or "sat,sun" (0 is Monday). ValueError names the
    word that is not a weekday."""
    days = set()
    for word in text.replace(";", ",").split(","):
        word = word.strip().lower()
        if not word:
            continue
        if word not in WEEKDAYS:
            raise ValueError(word)
        days.add(WEEKDAYS[word])
    return frozenset(days)
