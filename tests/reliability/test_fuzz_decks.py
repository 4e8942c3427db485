"""Hypothesis feeds the deck loader arbitrary bytes and arbitrary YAML: the outcome is always a
deck or a list of problems with positions, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcards.decks.loader import check_file

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.sampled_from(
                [
                    "deck",
                    "cards",
                    "id",
                    "type",
                    "q",
                    "a",
                    "items",
                    "rows",
                    "columns",
                    "parts",
                    "text",
                    "ordered",
                    "reverse",
                    "x",
                ]
            ),
            children,
            max_size=6,
        ),
    ),
    max_leaves=30,
)
card_like = st.fixed_dictionaries(
    {"id": st.text(max_size=8), "q": scalars},
    optional={
        "type": st.sampled_from(["basic", "list", "table", "parts", "cloze", "x"]),
        "a": values,
        "items": values,
        "columns": values,
        "rows": values,
        "parts": values,
        "text": values,
        "ordered": values,
    },
)
deck_like = st.fixed_dictionaries(
    {"deck": scalars, "cards": st.lists(card_like, max_size=4)},
    optional={"id": values, "tags": values},
)


def outcome(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        deck, problems = check_file(path)
    assert (deck is None) == bool(problems)
    for problem in problems:
        assert problem.problem.position.line >= 1 and problem.problem.message


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    outcome(data)


@FUZZ
@given(values)
def test_arbitrary_yaml(value: object) -> None:
    outcome(yaml.safe_dump(value, allow_unicode=True).encode())


@FUZZ
@given(deck_like)
def test_almost_valid_decks(value: object) -> None:
    outcome(yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode())


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n\t {{}}:x")), max_size=300))
def test_yaml_punctuation_soup(text: str) -> None:
    outcome(text.encode())
