"""Hypothesis writes decks with one mistake at a known line and column (a raw control character,
an unquoted colon, an unknown key, a wrong value, a tab in the indentation), after lines that hold
U+0085, U+2028 or U+2029 (YAML ends a line there, editors do not) and with LF or CRLF line ends.
The position lint prints, and the one in the study commands' warning, must be exactly that place.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcards.cli.main import run
from crmcards.decks.loader import check_file

# Letters only, so a generated text is never YAML syntax itself; é, € and 😀 check that columns
# count characters, not bytes.
WORDS = st.text(alphabet=st.sampled_from("abcdefghijkmnopqrstuvwxyzé€😀"), min_size=1, max_size=8)
BREAKS = st.sampled_from(["\x85", "\u2028", "\u2029"])
# What YAML refuses raw in a file: C0 controls (not tab/LF/CR), DEL and C1 controls (not NEL).
CONTROLS = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x9b"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Words, sometimes run on after a YAML-only line break (an indented continuation)."""
    parts = draw(st.lists(WORDS, min_size=1, max_size=4))
    text = parts[0]
    for part in parts[1:]:
        text += draw(BREAKS) + "      " + part if draw(st.booleans()) else " " + part
    return text


@dataclass(frozen=True)
class Slip:
    text: bytes
    line: int
    column: int
    what: str  # a word of the expected message


@st.composite
def decks_with_one_slip(draw: st.DrawFn) -> Slip:
    lines = ["deck: Fuzz", "cards:"]
    for number in range(draw(st.integers(0, 4))):
        lines += [f"  - id: c{number}", f'    q: "{draw(texts())}"', f'    a: "{draw(texts())}"']
    lines.append("  - id: slip")
    kind = draw(st.sampled_from(["control", "colon", "key", "value", "tab"]))
    if kind == "control":
        control = draw(CONTROLS)
        before, after = draw(texts()), draw(WORDS)
        lines.append(f'    q: "{before}{control}{after}"')
        column = lines[-1].index(control) + 1
        what = f"U+{ord(control):04X}"
    elif kind == "colon":
        lines.append(f"    q: {draw(WORDS)} {draw(WORDS)}: {draw(WORDS)}")
        column = lines[-1].index(": ", 7) + 1
        what = "put the text in quotes"  # lint says what to do (decks/yamlslips.py)
    elif kind == "key":
        lines += [f'    q: "{draw(texts())}"', f"    {draw(st.sampled_from(['qq', 'vraag']))}: x"]
        column = 5
        what = "unknown key"
    elif kind == "value":
        lines += [f'    q: "{draw(texts())}"', f"    reverse: {draw(st.integers(2, 99))}"]
        column = len("    reverse: ") + 1
        what = "true or false"
    else:
        spaces = draw(st.integers(0, 4))
        lines += [f'    q: "{draw(texts())}"', " " * spaces + "\t" + "    a: x"]
        column = spaces + 1
        what = "tab"
    line = len(lines)
    lines.append('    a: "einde"')
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return Slip((end.join(lines) + end).encode(), line, column, what)


POSITIONS = settings(max_examples=300, deadline=None)


@POSITIONS
@given(decks_with_one_slip())
def test_the_loader_names_the_exact_line_and_column(slip: Slip) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(slip.text)
        deck, problems = check_file(path)
    assert deck is None and problems
    first = problems[0].problem
    assert (first.position.line, first.position.column) == (slip.line, slip.column), slip
    assert slip.what in first.message


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    saved = sys.argv
    sys.argv = ["crmcards", *args]
    try:
        run()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        sys.argv = saved
    out, err = capsys.readouterr()
    return code, out, err


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(decks_with_one_slip())
def test_lint_and_the_study_warning_print_that_position(
    capsys: pytest.CaptureFixture[str], slip: Slip
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(slip.text)
        where = f"{path}:{slip.line}:{slip.column}: "

        code, out, _ = run_cli(capsys, "lint", str(path))
        assert code == 1
        assert out.splitlines()[0].startswith(where), (out, slip)

        code, _, err = run_cli(capsys, "--decks", folder, "status", "--json")
        assert code == 0
        (warning,) = [line for line in err.splitlines() if str(path) in line]
        assert where in warning, (warning, slip)
