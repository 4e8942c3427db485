"""Text from decks, imports, reports and file names is shown, never obeyed.

Terminal control characters (C0 such as ESC and BEL, DEL, C1 such as CSI U+009B and NEL U+0085)
can set a window title, leave the alternate screen or write the clipboard (OSC 52) when they
reach a terminal raw. `visible` turns each into a harmless sign that still shows something was
there (ESC becomes ␛, other C1 controls <U+009B>); `without_controls` drops them, for importers,
which note how many they dropped. Every renderer and writer of text crmcards did not write
itself passes it through here.
"""

from __future__ import annotations

import re

KEEP = "\n"  # in running text; whole documents also keep their tabs and line ends
DOCUMENT_KEEP = "\n\r\t"

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _sign(character: str) -> str:
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ␛ ␇ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def first_control(text: str, keep: str = KEEP) -> str | None:
    """The first control character in `text` that `visible` would show as a sign, if any."""
    return next((m[0] for m in _CONTROLS.finditer(text) if m[0] not in keep), None)


def visible(text: str, keep: str = KEEP) -> str:
    """`text` with every control character except those in `keep` shown as a sign."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: m[0] if m[0] in keep else _sign(m[0]), text)


def without_controls(text: str, keep: str = KEEP) -> tuple[str, int]:
    """`text` without control characters (except those in `keep`), and how many were dropped."""
    dropped = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal dropped
        if match[0] in keep:
            return match[0]
        dropped += 1
        return ""

    return _CONTROLS.sub(drop, text), dropped
