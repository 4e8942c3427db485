"""What to do about the commonest slips in a hand-written deck, instead of the YAML parser's words.

PyYAML says "mapping values are not allowed in this context" for an unquoted colon in a card's
text, for a line indented too deep and, one line late, for a missing space after a list's `-`.
`advice` looks at the lines around the spot the parser stopped at and, when it recognises one
of these slips, says in plain words (Dutch or English) what to change, with the position of the
slip itself (the colon in the text; the `-` without a space, which the parser notices a line
late; the start of the wrongly indented line): put the text in quotes, indent like the line
above, put a space after '-'. Anything else keeps the parser's own message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crmcards.messages import Said

# `key: value` (a list entry's first key after `- ` too); group 3 is where the value starts.
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(:\s+)(\S.*?)\s*$")
_DASH_WITHOUT_SPACE = re.compile(r"^(\s*)-(?=[^\s-])")
_ENTRY = re.compile(r"^(\s*)-\s")
_KEY = re.compile(r"^(\s*(?:-\s+)?)[A-Za-z_][\w-]*:(?:\s|$)")


@dataclass(frozen=True)
class Slip:
    """A recognised slip at `line`:`column` (1-based), and what to do about it."""

    line: int
    column: int
    said: Said


def advice(text: str, line: int, column: int, problem: str) -> Slip | None:
    """The slip behind the parser's `problem` at `line`:`column` (1-based), if it is one of the
    common ones."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    return (
        _missing_space(lines, line)
        or _unquoted_colon(lines, line, column, problem)
        or _wrong_indent(lines, line, problem)
    )


def _missing_space(lines: list[str], line: int) -> Slip | None:
    """`-id: a` or `-twee`: the parser only notices on this line or the next one or two."""
    for number in range(line, max(0, line - 3), -1):
        source = lines[number - 1]
        found = _DASH_WITHOUT_SPACE.match(source)
        if found:
            dash = found.end(1)
            fixed = f"{source[: dash + 1]} {source[dash + 1 :]}".strip()
            return Slip(number, dash + 1, Said.of("slip_dash", fixed=fixed))
    return None


def _unquoted_colon(lines: list[str], line: int, column: int, problem: str) -> Slip | None:
    """`a: Een strategie: klantgericht`: the parser stops at the second ': '."""
    if not problem.startswith("mapping values are not allowed"):
        return None
    found = _KEY_LINE.match(lines[line - 1])
    if found is None or column - 1 < found.start(4):  # stopped at the key's own colon
        return None
    value = found.group(4)
    if value[0] in "\"'|>[{&*!":
        return None
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    fixed = f"{found.group(2)}{found.group(3)}{quoted}"
    return Slip(line, column, Said.of("slip_quote", fixed=fixed))  # at the colon that stopped it


def _indent(source: str) -> int:
    return len(source) - len(source.lstrip(" "))


def _wrong_indent(lines: list[str], line: int, problem: str) -> Slip | None:
    """A key or a list entry indented more or less than the ones it belongs with: compared with
    the earlier line of its kind (entry or key) whose indentation is nearest to its own."""
    if not problem.startswith(
        ("mapping values are not allowed", "did not find expected", "could not find expected")
    ):
        return None
    source = lines[line - 1]
    found = _indent(source)
    if _ENTRY.match(source):
        columns = [(_indent(s), n) for n, s in enumerate(lines[: line - 1], 1) if _ENTRY.match(s)]
    elif _KEY.match(source):
        columns = [
            (len(key.group(1)), n)
            for n, s in enumerate(lines[: line - 1], 1)
            if (key := _KEY.match(s)) is not None
        ]
    else:
        return None
    if not columns:
        return None
    spaces, like = min(columns, key=lambda c: (abs(c[0] - found), -c[1]))
    if spaces == found:
        return None
    return Slip(line, found + 1, Said.of("slip_indent", spaces=spaces, like=like, found=found))
