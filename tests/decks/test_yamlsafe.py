from __future__ import annotations

import time

import pytest

from crmcards.decks.yamlsafe import MAX_BYTES, YamlProblems, YMap, YScalar, YSeq, decode, parse


def problems_of(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(YamlProblems) as raised:
        parse(text)
    return [(p.position.line, p.position.column, p.message) for p in raised.value.problems]


def test_values_keep_their_positions_and_raw_text() -> None:
    root, problems = parse("a: [1, no]\nb:\n  c: 1.10\n")
    assert problems == []
    assert isinstance(root, YMap)
    seq = root.get("a")
    assert isinstance(seq, YSeq)
    # plain scalars keep their text: `no` is not turned into False, `1.10` not into 1.1
    assert [s.value for s in seq.items if isinstance(s, YScalar)] == ["1", "no"]
    c = root.get("b")
    assert isinstance(c, YMap)
    value = c.get("c")
    assert isinstance(value, YScalar)
    assert (value.value, value.position.line, value.position.column) == ("1.10", 3, 6)


def test_empty_document_is_none() -> None:
    assert parse("") == (None, [])


def test_duplicate_keys_are_all_reported_and_parsing_goes_on() -> None:
    root, problems = parse("a: 1\na: 2\nb: {c: 1, c: 3}\n")
    assert [(p.position.line, p.message) for p in problems] == [
        (2, "duplicate key 'a' (first at line 1)"),
        (3, "duplicate key 'c' (first at line 3)"),
    ]
    assert isinstance(root, YMap)
    first = root.get("a")
    assert isinstance(first, YScalar) and first.value == "1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", "anchor '&x' is not allowed"),
        ("a: 1\nb: *x\n", "alias '*x' is not allowed"),  # an alias without its anchor
        (
            "a: !!python/object/apply:os.system [ls]\n",
            "tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        ),
        ("a: !custom x\n", "tag '!custom' is not allowed"),
        ("a: !!str x\n", "is not allowed"),
        ("---\na: 1\n---\nb: 2\n", "only one YAML document"),
        ("a:\n\t- b\n", "tab used for indentation"),
        ("a: [\n", "YAML syntax error"),
        ("[" * 100 + "]" * 100, "nested more than"),
    ],
)
def test_unsafe_or_broken_yaml_is_rejected(text: str, expected: str) -> None:
    assert any(expected in message for _, _, message in problems_of(text))


def test_billion_laughs_is_rejected_at_the_first_anchor_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(ord("b"), ord("j")):
        prev = chr(n - 1)
        lines.append(f"{chr(n)}: &{chr(n)} [{', '.join(['*' + prev] * 9)}]")
    started = time.perf_counter()
    problems = problems_of("\n".join(lines))
    assert problems[0][:2] == (1, 4)
    assert time.perf_counter() - started < 5  # generous: the point is that nothing is expanded


def test_decode_reports_the_position_of_the_first_non_utf8_byte() -> None:
    with pytest.raises(YamlProblems) as raised:
        decode(b"deck: X\ncards:\n  - q: caf\xe9\n")
    problem = raised.value.problems[0]
    assert (problem.position.line, problem.position.column) == (3, 11)
    assert "not UTF-8" in problem.message


def test_decode_drops_a_byte_order_mark() -> None:
    assert decode("\ufeffdeck: X".encode()) == "deck: X"


def test_decode_refuses_oversized_input() -> None:
    with pytest.raises(YamlProblems) as raised:
        decode(b"#" * (MAX_BYTES + 1))
    assert "at most" in raised.value.problems[0].message


@pytest.mark.parametrize("control", ["\x1b", "\x00", "\x07"])
def test_a_raw_control_character_is_reported_where_it_stands(control: str) -> None:
    (problem,) = problems_of(f'deck: X\ncards:\n  - id: a\n    q: "hallo{control}"\n')
    assert problem[:2] == (4, 14)
    assert f"U+{ord(control):04X}" in problem[2]


@pytest.mark.parametrize("yaml_only_break", ["\x85", "\u2028", "\u2029"])
def test_line_numbers_do_not_shift_after_a_break_only_yaml_counts(yaml_only_break: str) -> None:
    root, _ = parse(f"a: x{yaml_only_break}  y\nb: z\n")
    assert isinstance(root, YMap)
    b = root.get("b")
    assert isinstance(b, YScalar)
    assert (b.position.line, b.position.column) == (2, 4)
