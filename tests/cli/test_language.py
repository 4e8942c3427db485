"""The command line speaks the student's language (`language` in config.toml, Dutch until it is
set), as the study app does; JSON output is the same in both."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from crmcards.messages import MESSAGES
from tests.conftest import SAMPLE_DECKS, RunCli


def test_both_languages_have_every_message_with_the_same_fields() -> None:
    assert MESSAGES["nl"].keys() == MESSAGES["en"].keys()
    for key, english in MESSAGES["en"].items():
        fields = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        dutch = {name for _, name, _, _ in string.Formatter().parse(MESSAGES["nl"][key]) if name}
        assert fields == dutch, key


def choose(home: Path, language: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f'language = "{language}"\n', encoding="utf-8")


CASES = [
    (
        ["review", "--tag", "nope"],
        "crmcards: geen enkele kaart heeft het label 'nope' (bekende labels: ",
        "crmcards: no card has the tag 'nope' (known tags: ",
    ),
    (
        ["plan"],
        "crmcards: geen examendatum: geef --exam-date JJJJ-MM-DD",
        "crmcards: no exam date: give --exam-date YYYY-MM-DD",
    ),
    (
        ["restore", "{home}/nothing.db"],
        "crmcards: {home}/nothing.db: dit bestand bestaat niet",
        "crmcards: {home}/nothing.db: no such file",
    ),
    (
        ["import", "{home}/nothing.csv", "-o", "{home}/out.yaml"],
        "crmcards: {home}/nothing.csv: dit bestand bestaat niet",
        "crmcards: {home}/nothing.csv: no such file",
    ),
    (
        ["cards", "geen-deck"],
        "crmcards: er is geen deck 'geen-deck' (bekende decks: ",
        "crmcards: no deck called 'geen-deck' (known decks: ",
    ),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("args", "dutch", "english"), CASES)
def test_errors_are_one_line_in_the_ui_language(
    crmcards: RunCli,
    home: Path,
    language: str,
    args: list[str],
    dutch: str,
    english: str,
) -> None:
    choose(home, language)
    filled = [arg.format(home=home) for arg in args]
    code, _, err = crmcards("--decks", str(SAMPLE_DECKS), *filled)
    expected = (dutch if language == "nl" else english).format(home=home)
    assert code == 1 and err.startswith(expected), err
    assert len(err.splitlines()) == 1


def test_a_damaged_database_is_told_in_dutch(crmcards: RunCli, home: Path) -> None:
    home.mkdir()
    (home / "crmcards.db").write_bytes(b"")
    code, _, err = crmcards("status")
    assert code == 1
    assert err == (
        f"crmcards: {home / 'crmcards.db'}: het databasebestand is leeg (0 bytes) en dus "
        "beschadigd; zet een reservekopie terug (crmcards restore BESTAND), of verwijder het "
        "bestand om zonder geschiedenis te beginnen\n"
    )


@pytest.mark.parametrize(
    ("language", "headers", "total"),
    [
        ("nl", "deck items nieuw te doen te laat herhaald beheerst pauze", "totaal"),
        ("en", "deck items new due overdue reviews mastered suspended", "total"),
    ],
)
def test_status_headers_are_in_the_ui_language_and_its_json_is_not(
    crmcards: RunCli,
    home: Path,
    language: str,
    headers: str,
    total: str,
) -> None:
    choose(home, language)
    code, out, _ = crmcards("--decks", str(SAMPLE_DECKS), "--home", str(home), "status")
    heading = set(re.findall(r"\w+", out.split("┡")[0]))  # a heading may take two lines
    assert code == 0 and set(headers.split()) <= heading
    assert re.search(rf"^\W*{total}\W", out, re.M)
    code, out, _ = crmcards("--decks", str(SAMPLE_DECKS), "status", "--json")
    assert code == 0 and "total" in json.loads(out)


@pytest.mark.parametrize(("answer", "restored"), [("j", True), ("ja", True), ("nee", False)])
def test_restore_asks_in_dutch_and_understands_a_dutch_yes(
    crmcards: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    tmp_path: Path,
    answer: str,
    restored: bool,
) -> None:
    assert crmcards("backup", "-o", str(tmp_path / "copy.db"))[0] == 0
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    code, out, err = crmcards("restore", str(tmp_path / "copy.db"))
    assert asked == [f"Je studiegeschiedenis vervangen door {tmp_path / 'copy.db'}? [j/N]: "]
    if restored:
        assert code == 0 and "teruggezet; de vorige database is bewaard als" in out
    else:
        assert code == 1 and err == (
            "crmcards: er is niets veranderd (antwoord j om door te gaan, of geef --yes)\n"
        )
        assert not list(home.glob("crmcards.db.before-restore-*"))


def test_import_tells_what_it_made_and_skipped_in_dutch(crmcards: RunCli, tmp_path: Path) -> None:
    source = Path(__file__).parent.parent / "data" / "imports" / "brainscape-page.txt"
    deck = tmp_path / "deck.yaml"
    code, out, err = crmcards("import", str(source), "-o", str(deck))
    assert code == 0 and out.startswith(f"{deck}: 4 kaarten (") and f" uit {source} " in out
    assert f"{source}:2: overgeslagen, tekst buiten een kaart: " in err
    assert "regel(s) van de opmaak van de pagina zelf weggelaten" in err
    assert "skipped" not in err and "left out" not in err
