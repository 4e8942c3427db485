"""A new teacher can fix the commonest YAML slips from lint's message alone: each message says
what to change, at the slip's own line and column, in the UI language; doing what it says makes
lint pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import RunCli

DECK = """\
deck: Test
id: test
cards:
  - id: a
    q: Wat is CRM?
    a: Een strategie
  - id: b
    q: Noem de stappen
    type: list
    items:
      - een
      - twee
"""

# (the slip: a line of DECK and what it becomes, where lint points, the English message)
SLIPS = [
    (
        ("    a: Een strategie", '    a: Een strategie: "klantgericht" en \\ data'),
        (6, 21),
        r'put the text in quotes: a: "Een strategie: \"klantgericht\" en \\ data" '
        "(a ': ' in text without quotes starts a new key)",
    ),
    (
        ("    q: Noem de stappen", "    q: Stappen: noem ze"),
        (8, 15),
        "put the text in quotes: q: \"Stappen: noem ze\" (a ': ' in text without quotes starts "
        "a new key)",
    ),
    (("  - id: a", "  -id: a"), (4, 3), "put a space after '-': - id: a"),
    (("  - id: b", "  -id: b"), (7, 3), "put a space after '-': - id: b"),
    (("      - twee", "      -twee"), (12, 7), "put a space after '-': - twee"),
    (
        ("    a: Een strategie", "   a: Een strategie"),
        (6, 4),
        "indent like line 5 above: 4 spaces (this line has 3)",
    ),
    (
        ("    a: Een strategie", "     a: Een strategie"),
        (6, 6),
        "indent like line 5 above: 4 spaces (this line has 5)",
    ),
    (
        ("    type: list", "      type: list"),
        (9, 7),
        "indent like line 8 above: 4 spaces (this line has 6)",
    ),
    (("  - id: b", " - id: b"), (7, 2), "indent like line 4 above: 2 spaces (this line has 1)"),
    (("  - id: b", "   - id: b"), (7, 4), "indent like line 4 above: 2 spaces (this line has 3)"),
    (
        ("      - twee", "     - twee"),
        (12, 6),
        "indent like line 11 above: 6 spaces (this line has 5)",
    ),
]


def lint(crmcards: RunCli, home: Path, deck: Path, language: str) -> tuple[int, str]:
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    code, out, err = crmcards("lint", str(deck))
    assert "Traceback" not in out + err
    return code, out


def follow(message: str, source: str, line: int) -> str:
    """What a teacher does who reads only `message`: the line it names, changed as it says."""
    lines = source.split("\n")
    fixed = re.match(r"(?:put the text in quotes|put a space after '-'): (.*?)(?: \(|$)", message)
    if fixed:
        # the line keeps its indentation (and a list entry its "- ")
        kept = r"\s*(?:- )?" if message.startswith("put the text") else r"\s*"
        lead = re.match(kept, lines[line - 1])
        assert lead is not None
        lines[line - 1] = lead.group() + fixed.group(1)
    else:
        spaces = re.match(r"indent like line \d+ above: (\d+) spaces", message)
        assert spaces is not None, message
        lines[line - 1] = " " * int(spaces.group(1)) + lines[line - 1].lstrip(" ")
    return "\n".join(lines)


@pytest.mark.parametrize(("change", "where", "message"), SLIPS)
def test_the_message_says_what_to_do_and_doing_it_makes_lint_pass(
    crmcards: RunCli,
    home: Path,
    tmp_path: Path,
    change: tuple[str, str],
    where: tuple[int, int],
    message: str,
) -> None:
    assert DECK.count(change[0] + "\n") == 1
    deck = tmp_path / "test.yaml"
    deck.write_text(DECK.replace(change[0] + "\n", change[1] + "\n"), encoding="utf-8")
    code, out = lint(crmcards, home, deck, "en")
    assert code == 1
    assert out.splitlines()[0] == f"{deck}:{where[0]}:{where[1]}: {message}"

    deck.write_text(follow(message, deck.read_text(encoding="utf-8"), where[0]), encoding="utf-8")
    code, out = lint(crmcards, home, deck, "en")
    assert code == 0, out


def test_the_advice_is_in_the_ui_language(crmcards: RunCli, home: Path, tmp_path: Path) -> None:
    deck = tmp_path / "test.yaml"
    deck.write_text(DECK.replace("a: Een strategie", "a: Een strategie: klant"), encoding="utf-8")
    code, out = lint(crmcards, home, deck, "nl")
    assert code == 1
    assert out.splitlines()[0] == (
        f'{deck}:6:21: zet de tekst tussen aanhalingstekens: a: "Een strategie: klant" '
        "(een ': ' in tekst zonder aanhalingstekens begint een nieuwe sleutel)"
    )
    deck.write_text(DECK.replace("    a: Een strategie", "   a: Een strategie"), encoding="utf-8")
    assert lint(crmcards, home, deck, "nl")[1].splitlines()[0] == (
        f"{deck}:6:4: spring in zoals regel 5 erboven: 4 spaties (deze regel heeft er 3)"
    )
    deck.write_text(DECK.replace("  - id: a", "  -id: a"), encoding="utf-8")
    assert lint(crmcards, home, deck, "nl")[1].splitlines()[0] == (
        f"{deck}:4:3: zet een spatie na '-': - id: a"
    )


def test_other_syntax_errors_keep_the_parsers_words(
    crmcards: RunCli, home: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "test.yaml"
    deck.write_text(DECK.replace("q: Wat is CRM?", "q: [Wat is CRM?"), encoding="utf-8")
    code, out = lint(crmcards, home, deck, "en")
    assert code == 1
    assert f"{deck}:6:6: YAML syntax error: " in out
