"""Strict, safe YAML reading that keeps the position of every value.

Built on libyaml's event parser (the C one when available): events are turned into a small tree of
`YMap` / `YSeq` / `YScalar` nodes by an iterative loop, so there is no constructor that could run
code, no recursion to exhaust, and every value knows its line and column for error messages.
Anchors, aliases, tags, duplicate keys, several documents, deep nesting, tab indentation, non-UTF-8
bytes and oversized files are rejected with a `Problem` naming the exact position.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

import yaml

from crmcards.decks.yamlslips import advice
from crmcards.messages import Said

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 16

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Problem:
    """What is wrong at `position`, put into words where it is shown (in the UI language)."""

    position: Position
    said: Said

    @property
    def message(self) -> str:
        """In English, for the Python API and logs."""
        return str(self.said)


PlainType = Literal["text", "nothing", "boolean", "number"]

# YAML 1.2 core schema, as editors (yaml-language-server) and most YAML tools read plain scalars.
_PLAIN_TYPES: tuple[tuple[PlainType, re.Pattern[str]], ...] = (
    ("nothing", re.compile(r"(?:null|Null|NULL|~|)")),
    ("boolean", re.compile(r"(?:true|True|TRUE|false|False|FALSE)")),
    ("number", re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (
        "number",
        re.compile(
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
    ),
)


def plain_type(value: str) -> PlainType:
    """What YAML 1.2 makes of `value` written without quotes."""
    return next((name for name, pattern in _PLAIN_TYPES if pattern.fullmatch(value)), "text")


@dataclass
class YScalar:
    value: str
    plain: bool  # written without quotes or block style, so `true` / `12` may mean a bool / number
    position: Position

    @property
    def yaml_type(self) -> PlainType:
        """What YAML 1.2 makes of this scalar: quoted and block scalars are always text."""
        return plain_type(self.value) if self.plain else "text"


@dataclass
class YSeq:
    position: Position
    items: list[YNode] = field(default_factory=list)


@dataclass
class YMap:
    position: Position
    entries: list[tuple[YScalar, YNode]] = field(default_factory=list)

    def get(self, key: str) -> YNode | None:
        for entry_key, value in self.entries:
            if entry_key.value == key:
                return value
        return None


YNode = YScalar | YSeq | YMap


class YamlProblems(Exception):
    """The file is not acceptable YAML; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else str(Said.of("yaml_invalid")))
        self.problems = problems


# PyYAML also ends a line at these, editors do not: counted its way, every later line would shift.
_YAML_ONLY_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


class _Locator:
    """Line and column of a character of `text` as an editor shows them (only "\n" ends a line)."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] | None = None
        if any(br in text for br in _YAML_ONLY_LINE_BREAKS):
            self._starts = [0] + [n + 1 for n, char in enumerate(text) if char == "\n"]

    def at(self, index: int) -> Position:
        assert self._starts is not None
        line = bisect.bisect_right(self._starts, index)
        return Position(line, index - self._starts[line - 1] + 1)

    def mark(self, mark: yaml.Mark | None) -> Position:
        if mark is None:
            return Position(1, 1)
        if self._starts is None:
            return Position(mark.line + 1, mark.column + 1)
        return self.at(mark.index)


def decode(data: bytes) -> str:
    """UTF-8 text of `data` (a BOM is dropped), or YamlProblems at the first bad byte."""
    if len(data) > MAX_BYTES:
        raise YamlProblems(
            [Problem(Position(1, 1), Said.of("deck_too_big", size=len(data), limit=MAX_BYTES))]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblems(
            [Problem(Position(line, column), Said.of("deck_not_utf8", byte=data[error.start]))]
        ) from None


def _tab_problems(text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): see _Locator
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(Position(number, indent.index("\t") + 1), Said.of("deck_tab")))
    return problems


def parse(text: str) -> tuple[YNode | None, list[Problem]]:
    """The single document in `text` as a node tree (None for an empty file).

    Duplicate keys are returned as problems (the later value is dropped) so that a teacher sees
    all of them at once; anything that stops parsing raises YamlProblems.
    """
    tab_problems = _tab_problems(text)
    if tab_problems:
        raise YamlProblems(tab_problems)
    problems: list[Problem] = []
    locate = _Locator(text)
    try:
        return _build(yaml.parse(text, Loader=_Loader), problems, locate), problems
    except yaml.reader.ReaderError as error:
        # libyaml gives a byte offset, PyYAML a character one; the first occurrence of the
        # refused character is where the reader stopped either way
        index = text.find(chr(error.character))
        before = text[:index]
        raise YamlProblems(
            [
                Problem(
                    Position(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1),
                    Said.of("deck_control_character", code=error.character),
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message: str | Said = error.problem or Said.of("yaml_invalid")
        if mark is not None:
            at = locate.mark(mark)
            slip = advice(text, at.line, at.column, str(message))
            if slip is not None:
                raise YamlProblems([Problem(Position(slip.line, slip.column), slip.said)]) from None
        context: str | Said = ""
        if error.context:
            started = error.context_mark
            context = (
                Said.of("yaml_context_at", context=error.context, line=locate.mark(started).line)
                if started
                else Said.of("yaml_context", context=error.context)
            )
        said = Said.of("yaml_syntax", problem=message, context=context)
        raise YamlProblems([Problem(locate.mark(mark), said)]) from None
    except yaml.YAMLError as error:
        said = Said.of("yaml_syntax", problem=str(error), context="")
        raise YamlProblems([Problem(Position(1, 1), said)]) from None


# The event types of PyYAML (and of libyaml's binding, which makes the same ones): those that
# close a collection, and those of a node, which may carry an anchor and a tag.
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODES = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _build(events: object, problems: list[Problem], locate: _Locator) -> YNode | None:
    root: YNode | None = None
    documents = 0
    stack: list[YSeq | YMap] = []
    # per open mapping: the key waiting for its value, and whether that value is kept
    pending_keys: list[tuple[YScalar, bool] | None] = []

    def attach(node: YNode) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return
        pending = pending_keys[-1]
        if pending is None:
            if not isinstance(node, YScalar):
                raise YamlProblems([Problem(node.position, Said.of("deck_key_not_text"))])
            first = next((k for k, _ in parent.entries if k.value == node.value), None)
            if first is not None:
                problems.append(
                    Problem(
                        node.position,
                        Said.of("deck_duplicate_key", key=node.value, line=first.position.line),
                    )
                )
            pending_keys[-1] = (node, first is None)
        else:
            key, keep = pending
            if keep:
                parent.entries.append((key, node))
            pending_keys[-1] = None

    for event in events:  # type: ignore[attr-defined]
        kind = type(event)
        if kind in _CLOSING:  # a third of the events: no position, anchor or tag to look at
            stack.pop()
            pending_keys.pop()
            continue
        position = locate.mark(event.start_mark)
        if kind in _NODES:
            if kind is yaml.AliasEvent:
                raise YamlProblems([Problem(position, Said.of("deck_alias", name=event.anchor))])
            if event.anchor is not None:
                raise YamlProblems([Problem(position, Said.of("deck_anchor", name=event.anchor))])
            if event.tag is not None:
                raise YamlProblems([Problem(position, Said.of("deck_tag", tag=event.tag))])
            if kind is yaml.ScalarEvent:
                attach(YScalar(event.value, plain=event.style in (None, ""), position=position))
                continue
            if len(stack) >= MAX_DEPTH:
                raise YamlProblems([Problem(position, Said.of("deck_too_deep", depth=MAX_DEPTH))])
            node: YSeq | YMap = YMap(position) if kind is yaml.MappingStartEvent else YSeq(position)
            attach(node)
            stack.append(node)
            pending_keys.append(None)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblems([Problem(position, Said.of("deck_documents"))])
    return root
