"""Text crmcards did not write (decks, imports, students' reports, file names, settings) is
shown, never obeyed: no control character reaches a terminal or a written file, Textual markup
in a message is printed as it is, and bad settings are one line in every command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crmcards.decks.loader import load_file
from crmcards.services.settings import THEMES
from tests.conftest import RunCli
from tests.tui.helpers import backup_done, make_app

# a window title (OSC 0 ... BEL), leaving the alternate screen, colour, a C1 CSI, the clipboard
HOSTILE_YAML = r"""deck: "Vijandig \e]0;pwned\a deck"
id: vijandig
cards:
  - id: titel
    q: "Wat is CRM? \e[?1049l\e[31m"
    a: "Een strategie \u009b2J en \e]52;c;aGVsbG8=\a klaar."
"""
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile_decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "vijandig.yaml").write_text(HOSTILE_YAML, encoding="utf-8")
    return folder


def test_the_loaded_deck_shows_every_control_character_as_a_sign(hostile_decks: Path) -> None:
    deck = load_file(hostile_decks / "vijandig.yaml")
    (note,) = deck.notes
    assert deck.title == "Vijandig ␛]0;pwned␇ deck"
    assert note.q == "Wat is CRM? ␛[?1049l␛[31m"
    assert "<U+009B>2J" in note.body.a and "␛]52;c;aGVsbG8=␇" in note.body.a


@pytest.mark.parametrize(
    "command",
    [
        ("cards", "--json"),
        ("status",),
        ("report", "--format", "md"),
        ("lint",),
    ],
)
def test_no_command_prints_a_control_character(
    crmcards: RunCli,
    hostile_decks: Path,
    command: tuple[str, ...],
) -> None:
    code, out, err = crmcards("--decks", str(hostile_decks), *command)
    assert code == 0, err
    assert not RAW_CONTROL.search(out + err)
    assert "␛" in out or command == ("lint",)


def test_written_reports_and_exports_carry_no_control_character(
    crmcards: RunCli,
    hostile_decks: Path,
    tmp_path: Path,
) -> None:
    for fmt in ("md", "html", "csv", "json"):
        out = tmp_path / f"report.{fmt}"
        code, _, err = crmcards(
            "--decks",
            str(hostile_decks),
            "report",
            "--format",
            fmt,
            "-o",
            str(out),
        )
        assert code == 0, err
        assert not RAW_CONTROL.search(out.read_text(encoding="utf-8-sig")), fmt
    exported = tmp_path / "export.csv"
    code, _, err = crmcards(
        "--decks",
        str(hostile_decks),
        "export",
        "vijandig",
        "--format",
        "csv",
        "-o",
        str(exported),
    )
    assert code == 0, err
    assert not RAW_CONTROL.search(exported.read_text(encoding="utf-8-sig"))


def test_a_students_report_with_escape_codes_is_merged_harmlessly(
    crmcards: RunCli, tmp_path: Path
) -> None:
    mine = tmp_path / "anna.json"
    code, _, err = crmcards("report", "--format", "json", "-o", str(mine))
    assert code == 0, err
    document = json.loads(mine.read_text(encoding="utf-8"))
    document["student"] = "Anna \x1b]0;owned\x07\x1b[?1049l"
    mine.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = crmcards("report", "--merge", str(mine), "--format", "md")
    assert code == 0, err
    assert "Anna ␛\\]0;owned␇" in out and not RAW_CONTROL.search(out + err)


def test_an_import_drops_control_characters_with_a_note(crmcards: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "kaarten.csv"
    source.write_text(
        "front,back\nWat is CRM?\x1b]0;x\x07,Een strategie\x9b2J\nWat is een lead?,Een kans\n",
        encoding="utf-8",
    )
    deck = tmp_path / "kaarten.yaml"
    code, _, err = crmcards("import", str(source), "-o", str(deck))
    assert code == 0, err
    assert f"{source}:2: let op, 3 terminal-besturingsteken(s) weggelaten" in err
    text = deck.read_text(encoding="utf-8")
    assert "Wat is CRM?]0;x" in text and not RAW_CONTROL.search(text) and "\\e" not in text


def test_a_file_name_with_escape_codes_is_printed_harmlessly(
    crmcards: RunCli, tmp_path: Path
) -> None:
    name = tmp_path / "\x1b]0;pwned\x07.yaml"
    name.write_text("deck: x\ncards: []\n", encoding="utf-8")
    code, out, err = crmcards("lint", str(name))
    assert code == 1 and "␛]0;pwned␇.yaml" in out + err
    assert not RAW_CONTROL.search(out + err)


async def test_the_review_screen_shows_escape_codes_as_signs(
    hostile_decks: Path, home: Path
) -> None:
    from crmcards.api import Workspace
    from crmcards.services.session_request import SessionRequest
    from crmcards.tui import launch
    from tests.conftest import FakeClock
    from tests.tui.helpers import text_of

    workspace = Workspace(
        home, [hostile_decks], with_bundled_decks=False, clock=FakeClock(), fuzz=False
    )
    app = launch.make_app(workspace, SessionRequest(workspace.library.select(["vijandig"])))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        shown = text_of(app, "#prompt") + text_of(app, "#answer") + text_of(app, "#status-bar")
        assert "␛[?1049l" in shown and "<U+009B>2J" in shown
        assert not RAW_CONTROL.search(shown)


async def test_markup_in_a_message_is_shown_as_it_is(tmp_path: Path) -> None:
    """A data folder whose name looks like Textual markup: a warning naming it neither crashes
    (MarkupError on `[/]`) nor becomes an action (`[@click=app.quit]`)."""
    from textual.widgets._toast import Toast

    home = tmp_path / "map [/] [@click=app.quit]x[/]"
    home.mkdir(parents=True)
    (home / "backups").write_text("a file where the backups folder should be")
    app = make_app(home)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await backup_done(pilot)  # the warning comes from the day's backup
        await pilot.pause()
        toasts = [
            "".join(strip.text for strip in toast.render_lines(toast.region.reset_offset))
            for toast in app.screen.query(Toast)
        ]
        assert any("[@click=app.quit]x[/]" in text for text in toasts), toasts
        assert app.is_running and app.failure is None


@pytest.mark.parametrize(
    ("language", "warning"),
    [("", "crmcards: waarschuwing: "), ('language = "en"\n', "crmcards: warning: ")],
)
def test_a_theme_that_does_not_exist_is_one_warning_and_every_command_works(
    crmcards: RunCli,
    home: Path,
    language: str,
    warning: str,
) -> None:
    home.mkdir()
    (home / "config.toml").write_text(f'{language}theme = "nope"\n', encoding="utf-8")
    for command in (("status",), ("report", "--format", "md")):
        code, out, err = crmcards(*command)
        assert code == 0 and out and "Traceback" not in err
        (line,) = err.strip().splitlines()
        assert line.startswith(f"{warning}{home / 'config.toml'}: 'theme' ")
        assert "'textual-dark'" in line.split(";")[-1]


async def test_the_app_opens_with_the_default_theme_when_the_settings_name_none(
    home: Path,
) -> None:
    home.mkdir()
    (home / "config.toml").write_text('theme = "nope"\n', encoding="utf-8")
    app = make_app(home, review=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark" and app.is_running
        (toast,) = [n.message for n in app._notifications]
        assert "'theme' moet een van " in toast and "geldt 'textual-dark'" in toast


def test_the_themes_settings_accept_are_textuals() -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(THEMES) == set(BUILTIN_THEMES)


@pytest.mark.usefixtures("english")
def test_lint_warns_about_each_text_with_a_control_character(
    crmcards: RunCli, tmp_path: Path
) -> None:
    deck = tmp_path / "esc.yaml"
    deck.write_text(
        'deck: Esc\ncards:\n  - id: e1\n    q: "\\e]0;pwned\\a title"\n    a: plain\n'
        '  - id: e2\n    q: fine\n    a: "\\x9b?1049l"\n',
        encoding="utf-8",
    )
    code, out, _ = crmcards("lint", str(deck))
    lines = out.splitlines()
    assert code == 0 and lines[-1].endswith("no errors, 2 warning(s)")
    assert lines[0].startswith(f"{deck}:4:8: warning: ") and "(U+001B" in lines[0]
    assert lines[1].startswith(f"{deck}:8:8: warning: ") and "(U+009B" in lines[1]


@pytest.mark.usefixtures("english")
def test_lint_finds_a_raw_tab_in_a_text_and_nothing_in_a_plain_crlf_deck(
    crmcards: RunCli, tmp_path: Path
) -> None:
    """No backslash anywhere, so only the raw character tells lint to look closer; the CRLF
    line breaks of a plain deck are no control characters in its texts."""
    tab = tmp_path / "tab.yaml"
    tab.write_bytes(b'deck: Tab\r\ncards:\r\n  - id: t1\r\n    q: "links\trechts"\r\n    a: x\r\n')
    plain = tmp_path / "plain.yaml"
    plain.write_bytes(b"deck: Plain\r\ncards:\r\n  - id: p1\r\n    q: vraag\r\n    a: antwoord\r\n")
    code, out, _ = crmcards("lint", str(tab))
    assert code == 0 and out.splitlines()[0].startswith(f"{tab}:4:8: warning: ")
    assert "(U+0009" in out
    code, out, _ = crmcards("lint", str(plain))
    assert code == 0 and out.splitlines()[-1].endswith("no problems")
