"""Short, human durations for interval previews and the session clock."""

from __future__ import annotations

from datetime import timedelta

UNITS = {
    "nl": ("min", "u", "d", "mnd", "j"),
    "en": ("min", "h", "d", "mo", "y"),
}


def interval(delta: timedelta, language: str = "nl") -> str:
    """`<1 min`, `10 min`, `3 u`, `8 d`, `2 mnd`, `1,5 j` (decimal comma in Dutch)."""
    minute, hour, day, month, year = UNITS[language]
    minutes = delta.total_seconds() / 60
    if minutes < 1:
        return f"<1 {minute}"
    if minutes < 60:
        return f"{round(minutes)} {minute}"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)} {hour}"
    days = hours / 24
    if days < 31:
        return f"{round(days)} {day}"
    if days < 365:
        return f"{round(days / 30.4)} {month}"
    years = f"{days / 365:.1f}"
    return f"{years.replace('.', ',') if language == 'nl' else years} {year}"


def clock(seconds: float) -> str:
    """`4:05` or `1:02:03`."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
