"""The command line, through its real entry point (`crmcards.cli.main:run`, the console script)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crmcards import __version__
from tests.conftest import BAD_DECKS, SAMPLE_DECKS, RunCli, open_session
from tests.decks.bad_decks import BAD_CASES


@pytest.mark.parametrize(("name", "line", "message"), BAD_CASES)
@pytest.mark.usefixtures("english")
def test_lint_rejects_each_bad_deck_with_file_and_line(
    crmcards: RunCli,
    name: str,
    line: int,
    message: str,
) -> None:
    code, out, err = crmcards("lint", str(BAD_DECKS / name))
    assert code == 1
    assert f"{BAD_DECKS / name}:{line}:" in out
    assert message in out
    assert "Traceback" not in out + err


@pytest.mark.usefixtures("english")
def test_lint_on_good_decks(
    crmcards: RunCli,
) -> None:
    code, out, _ = crmcards("lint", str(SAMPLE_DECKS))
    assert code == 0
    assert out.strip() == "1 deck(s), 7 cards, 24 review items: no problems"


@pytest.mark.usefixtures("english")
def test_lint_defaults_to_every_known_deck(
    crmcards: RunCli,
) -> None:
    code, out, _ = crmcards("lint")
    assert code == 0 and "no problems" in out


@pytest.mark.usefixtures("english")
def test_missing_path_is_one_clear_error(
    crmcards: RunCli,
) -> None:
    code, _, err = crmcards("lint", "no/such/folder")
    assert code == 1
    assert err == "crmcards: no/such/folder: no such file or folder\n"


def broken_teacher_deck(folder: Path) -> Path:
    """A good deck and, next to it, a teacher's deck with the commonest slip: an unquoted colon."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sample.yaml").write_bytes((SAMPLE_DECKS / "sample.yaml").read_bytes())
    broken = folder / "leraar.yaml"
    broken.write_text(
        "deck: Leraar\ncards:\n  - id: a\n    q: Wat is CRM: een strategie?\n    a: Ja\n",
        encoding="utf-8",
    )
    return broken


@pytest.mark.parametrize(
    "command",
    [["status"], ["status", "--json"], ["cards", "--json"], ["report", "--format", "json"]],
)
def test_study_commands_skip_a_broken_deck_with_one_warning_line(
    crmcards: RunCli,
    tmp_path: Path,
    command: list[str],
) -> None:
    broken = broken_teacher_deck(tmp_path / "decks")
    code, out, err = crmcards("--decks", str(tmp_path / "decks"), *command)
    assert code == 0, err
    warnings = err.splitlines()
    assert len(warnings) == 1 and f"{broken}:4:" in warnings[0]
    assert "overgeslagen" in warnings[0]
    assert "oorbeeld" in out and "leraar" not in out.lower()  # id in JSON, title in tables


def test_lint_stays_strict_about_a_broken_deck(crmcards: RunCli, tmp_path: Path) -> None:
    broken = broken_teacher_deck(tmp_path / "decks")
    code, out, _ = crmcards("lint", str(tmp_path / "decks"))
    assert code == 1 and f"{broken}:4:" in out


@pytest.mark.usefixtures("english")
def test_naming_a_broken_deck_says_why_it_is_not_there(crmcards: RunCli, tmp_path: Path) -> None:
    broken = broken_teacher_deck(tmp_path / "decks")
    code, _, err = crmcards("--decks", str(tmp_path / "decks"), "cards", "leraar")
    assert code == 1
    assert f"deck 'leraar' does not load: {broken}:4:" in err and "Traceback" not in err


@pytest.mark.usefixtures("english")
def test_every_bad_deck_case_is_skipped_by_status(
    crmcards: RunCli,
) -> None:
    code, _, err = crmcards("--decks", str(BAD_DECKS), "status", "--json")
    assert code == 0
    assert f"{BAD_DECKS / 'tabs.yaml'}:3:1: tab used for indentation" in err
    assert len(err.splitlines()) == len(list(BAD_DECKS.iterdir()))  # one line per broken file
    assert "Traceback" not in err


def test_cards_json(crmcards: RunCli) -> None:
    code, out, _ = crmcards("--decks", str(SAMPLE_DECKS), "cards", "voorbeeld", "--json")
    assert code == 0
    cards = json.loads(out)
    assert len(cards) == 24
    assert cards[0] == {
        "id": "voorbeeld/crm-definitie#q",
        "deck": "voorbeeld",
        "note": "crm-definitie",
        "kind": "basic",
        "prompt": "Wat is CRM?",
        "answer": "Een strategie waarmee een bedrijf relaties optimaliseert.",
    }
    assert {c["kind"] for c in cards} == {
        "basic",
        "reverse",
        "list",
        "list-item",
        "table",
        "table-row",
        "parts",
        "part",
        "cloze",
        "cloze-gap",
    }


@pytest.mark.usefixtures("english")
def test_unknown_deck_name(
    crmcards: RunCli,
) -> None:
    code, _, err = crmcards("cards", "geen-deck")
    assert code == 1 and "no deck called 'geen-deck'" in err


def test_status_json_on_a_fresh_home(crmcards: RunCli, home: Path) -> None:
    code, out, _ = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    assert code == 0
    status = json.loads(out)
    sample = next(d for d in status["decks"] if d["id"] == "voorbeeld")
    assert sample == {
        "id": "voorbeeld",
        "title": "Voorbeeld",
        "cards": 24,
        "new": 24,
        "due": 0,
        "overdue": 0,
        "reviews": 0,
        "mastered": 0,
        "suspended": 0,
    }
    assert status["total"]["cards"] == sum(d["cards"] for d in status["decks"])
    assert (home / "crmcards.db").exists()


def test_home_option_overrides_the_environment(crmcards: RunCli, tmp_path: Path) -> None:
    code, _, _ = crmcards("--home", str(tmp_path / "other"), "status", "--json")
    assert code == 0 and (tmp_path / "other" / "crmcards.db").exists()


@pytest.mark.usefixtures("english")
def test_corrupt_database_is_one_clear_error(crmcards: RunCli, home: Path) -> None:
    home.mkdir(exist_ok=True)
    (home / "crmcards.db").write_text("garbage")
    code, _, err = crmcards("status")
    assert code == 1 and "not a crmcards database" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "command", [[], ["review"], ["lint"], ["cards"], ["status"], ["class", "join"]]
)
def test_help_on_each_command(crmcards: RunCli, command: list[str]) -> None:
    code, out, _ = crmcards(*command, "--help")
    assert code == 0 and "Usage" in out
    assert not re.search(r"<(bool|str|path|list\[\w+\])>", out), out  # no Python types


def test_help_lists_the_study_commands_first(
    crmcards: RunCli,
) -> None:
    _, out, _ = crmcards("--help")
    commands = re.findall(r"^│ ([a-z]+) ", out.split("Commands")[1], re.M)
    assert commands[:6] == ["review", "status", "report", "plan", "flags", "sync"]
    assert commands.index("lint") > commands.index("restore")


def test_version(crmcards: RunCli) -> None:
    assert crmcards("--version")[:2] == (0, f"crmcards {__version__}\n")


def console_script() -> str:
    return str(Path(sys.executable).with_name("crmcards"))


def heavy_modules_imported(home: Path, *args: str) -> set[str]:
    """Which of Textual, SQLAlchemy, psycopg and pydantic (SQLModel's, or Typer's when it
    coerces a value) a command imports, in a fresh interpreter."""
    code = (
        f"import sys; sys.argv = ['crmcards', *{list(args)!r}]\n"
        "from crmcards.cli.main import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'textual', 'sqlalchemy', 'psycopg', 'pydantic'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "CRMCARDS_HOME": str(home)},
        check=True,
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_commands_without_the_tui_do_not_import_textual(home: Path) -> None:
    assert heavy_modules_imported(home, "status", "--json") == {"sqlalchemy", "pydantic"}


def test_status_and_lint_of_a_current_database_do_not_import_sqlalchemy(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the database is at the current schema and today's backup is made, status and lint
    read it through plain sqlite3 (crmcards.store.sqlite_reader)."""
    monkeypatch.setenv("CRMCARDS_NOW", "2026-12-01T09:00+00:00")  # one day for both runs
    assert heavy_modules_imported(home, "status", "--json") == {
        "sqlalchemy",
        "pydantic",
    }  # makes them
    assert heavy_modules_imported(home, "status", "--json") == set()
    assert heavy_modules_imported(home, "status") == set()
    assert heavy_modules_imported(home, "lint") == set()  # reads the notes' fingerprints


def test_only_the_class_hub_imports_psycopg(home: Path) -> None:
    assert heavy_modules_imported(home, "report", "--format", "json") == {"sqlalchemy", "pydantic"}
    assert heavy_modules_imported(home, "class", "--help") == set()
    assert heavy_modules_imported(home, "sync") == {
        "sqlalchemy",
        "pydantic",
    }  # not joined: no server


def test_authoring_commands_do_not_import_the_database_either(home: Path) -> None:
    """Teachers run lint over and over: it starts in a third of a second."""
    assert heavy_modules_imported(home, "lint") == set()
    assert heavy_modules_imported(home, "cards", "--json") == set()


def test_console_script_is_installed_and_errors_without_traceback(home: Path) -> None:
    result = subprocess.run(
        [console_script(), "lint", str(BAD_DECKS / "python-tag.yaml")],
        capture_output=True,
        text=True,
        env={**os.environ, "CRMCARDS_HOME": str(home)},
    )
    assert result.returncode == 1
    assert "python-tag.yaml:4:8:" in result.stdout
    assert "Traceback" not in result.stderr


def test_status_table_shows_a_deck_title_that_looks_like_markup_as_written(
    crmcards: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "x.yaml").write_text(
        "deck: '[/bold] Vals'\ncards:\n  - id: a\n    q: V\n    a: A\n", encoding="utf-8"
    )
    code, out, err = crmcards("--decks", str(tmp_path), "status")
    assert code == 0, err
    assert "[/bold] Vals" in out


def test_status_table_fits_80_columns_and_wraps_deck_titles_between_words(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = crmcards("status")
    assert code == 0, err
    rows = out.splitlines()
    assert max(len(row) for row in rows) <= 80
    # "Marketingmanagement" whole, not "Marketingmanage…"
    assert any(row.startswith("Marketingmanagement ") for row in rows), out


@pytest.mark.usefixtures("english")
def test_review_with_an_unknown_tag_names_the_known_ones(
    crmcards: RunCli,
) -> None:
    code, _, err = crmcards("--decks", str(SAMPLE_DECKS), "review", "voorbeeld", "--tag", "examen")
    assert code == 1
    assert err.strip() == "crmcards: no card has the tag 'examen' (known tags: test)"


@pytest.mark.usefixtures("english")
def test_review_with_an_unknown_deck_names_the_known_ones(
    crmcards: RunCli,
) -> None:
    code, _, err = crmcards("review", "geen-deck")
    assert code == 1 and "no deck called 'geen-deck' (known decks: " in err and "online-crm" in err


@pytest.mark.parametrize("command", [[], ["review"], ["review", "--tag", "test"]])
def test_the_study_app_without_a_terminal_says_so(crmcards: RunCli, command: list[str]) -> None:
    """Under pytest stdin and stdout are no terminal, as in a pipe or a cron job."""
    code, _, err = crmcards("--decks", str(SAMPLE_DECKS), *command)
    assert code == 1 and "heeft een terminal nodig" in err


def test_cards_filters_by_text_tag_kind_and_state(crmcards: RunCli, home: Path) -> None:
    def ids(*args: str) -> list[str]:
        code, out, err = crmcards(
            "--decks", str(SAMPLE_DECKS), "cards", "voorbeeld", *args, "--json"
        )
        assert code == 0, err
        return [card["id"] for card in json.loads(out)]

    found = ids("--search", "DIFFERENTIEREN")  # case and accents do not count
    assert len(found) == 6 and all(i.startswith("voorbeeld/crm-proces-stappen#") for i in found)
    assert ids("--search", "strategie optimaliseert") == [
        "voorbeeld/crm-definitie#q",
        "voorbeeld/crm-definitie#reverse",
    ]
    assert ids("--kind", "table-row") == [
        f"voorbeeld/personalisatiecontinuum#{n}" for n in (1, 2, 3)
    ]
    assert len(ids("--tag", "test")) == 24 and len(ids("--state", "new")) == 24
    assert ids("--state", "due") == [] and ids("--state", "mastered") == []
    session = open_session(home)  # one card failed on 25 November: learning, and due by now
    session.reveal()
    session.rate(1)
    session.store.close()
    assert ids("--state", "learning") == ids("--state", "due") == ["voorbeeld/crm-definitie#q"]
    assert len(ids("--state", "new")) == 23


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--state", "oud", "no state called 'oud' (known states: new, due,"),
        ("--tag", "examen", "no card has the tag 'examen' (known tags:"),
        ("--kind", "plaatje", "no item kind 'plaatje' (known kinds: basic,"),
    ],
)
@pytest.mark.usefixtures("english")
def test_cards_with_an_unknown_filter_names_the_known_values(
    crmcards: RunCli,
    option: str,
    value: str,
    message: str,
) -> None:
    code, _, err = crmcards("--decks", str(SAMPLE_DECKS), "cards", option, value)
    assert code == 1 and message in err
