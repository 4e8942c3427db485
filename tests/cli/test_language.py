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
    # teachers' commands
    (
        ["preview", "{home}/nothing.yaml"],
        "crmcards: {home}/nothing.yaml: dit bestand bestaat niet",
        "crmcards: {home}/nothing.yaml: no such file",
    ),
    (
        ["preview", f"{SAMPLE_DECKS / 'sample.yaml'}:crm-defnitie"],
        f"crmcards: {SAMPLE_DECKS / 'sample.yaml'}: er is geen kaart 'crm-defnitie' (bedoel je ",
        f"crmcards: {SAMPLE_DECKS / 'sample.yaml'}: no card 'crm-defnitie' (did you mean ",
    ),
    (
        ["new", "{home}/Week 1"],
        "crmcards: {home}/Week 1.yaml: de bestandsnaam is de id van het deck en mag alleen",
        "crmcards: {home}/Week 1.yaml: the file name is the deck's id and may only use",
    ),
    (
        ["new", "{home}/week-1", "--title", " "],
        "crmcards: --title: de titel is leeg",
        "crmcards: --title: the title is empty",
    ),
    (
        ["new", "{home}/no/such/week-1"],
        "crmcards: {home}/no/such: deze map bestaat niet; het deck kan niet worden geschreven",
        "crmcards: {home}/no/such: no such folder; cannot write the deck",
    ),
    (
        ["schema", "-o", "{home}/no/such/deck.schema.json"],
        "crmcards: {home}/no/such: deze map bestaat niet; het schema kan niet worden geschreven",
        "crmcards: {home}/no/such: no such folder; cannot write the schema",
    ),
    (
        ["lint", "{home}"],
        "crmcards: geen deckbestanden (*.yaml) in {home}",
        "crmcards: no deck files (*.yaml) in {home}",
    ),
    (
        ["report", "--merge", "{home}/notes.json"],
        "crmcards: {home}/notes.json: geen JSON (",
        "crmcards: {home}/notes.json: not JSON (",
    ),
    (
        ["report", "--merge", "{home}/other.json"],
        'crmcards: {home}/other.json: geen crmcards-rapport (geen "format": "crmcards-report")',
        'crmcards: {home}/other.json: not a crmcards report (no "format": "crmcards-report")',
    ),
    (
        ["report", "--merge", "{home}/missing.json"],
        "crmcards: {home}/missing.json: geen geldig crmcards-rapport: report: 'student' ontbreekt",
        "crmcards: {home}/missing.json: not a valid crmcards report: report: 'student' is missing",
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
    (home / "notes.json").write_text("{nope", encoding="utf-8")
    (home / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    (home / "missing.json").write_text(
        '{"format": "crmcards-report", "schema_version": 3}', encoding="utf-8"
    )
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


BROKEN = "deck: Kapot\nid: kapot\ncards:\n  - id: b1\n    q: Wat?\n    bogus: x\n"


@pytest.mark.parametrize(
    ("language", "missing", "unknown", "skipped", "tally"),
    [
        (
            "nl",
            "kaart 'b1' (basic) mist 'a'",
            "onbekende sleutel 'bogus' in kaart 'b1'",
            "(deck overgeslagen; `crmcards lint` toont alles)",
            "1 van 1 deckbestand(en)",
        ),
        (
            "en",
            "card 'b1' (basic) is missing 'a'",
            "unknown key 'bogus' in card 'b1'",
            "(deck skipped; `crmcards lint` shows everything)",
            "1 of 1 deck file(s)",
        ),
    ],
)
def test_a_broken_deck_is_told_in_the_ui_language_by_status_and_lint(
    crmcards: RunCli,
    home: Path,
    language: str,
    missing: str,
    unknown: str,
    skipped: str,
    tally: str,
) -> None:
    choose(home, language)
    (home / "decks").mkdir()
    deck = home / "decks" / "kapot.yaml"
    deck.write_text(BROKEN, encoding="utf-8")
    code, _, err = crmcards("--decks", str(SAMPLE_DECKS), "status")
    prefix = "waarschuwing" if language == "nl" else "warning"
    assert code == 0 and err == f"crmcards: {prefix}: {deck}:4:5: {missing} {skipped}\n"
    code, out, err = crmcards("lint", str(deck))
    assert code == 1 and out == f"{deck}:4:5: {missing}\n{deck}:6:5: {unknown}\n"
    assert err.startswith("2 ") and err.endswith(f" {tally}\n")


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("nl", "1 deck(s), 7 kaarten, 24 herhaalitems: geen problemen\n"),
        ("en", "1 deck(s), 7 cards, 24 review items: no problems\n"),
    ],
)
def test_lints_summary_is_in_the_ui_language(
    crmcards: RunCli, home: Path, language: str, summary: str
) -> None:
    choose(home, language)
    code, out, _ = crmcards("lint", str(SAMPLE_DECKS / "sample.yaml"))
    assert code == 0 and out == summary


@pytest.mark.parametrize(
    ("language", "written", "schema", "clock"),
    [
        (
            "nl",
            "{deck}: een nieuw deck met één kaart van elke soort (en deck.schema.json voor "
            "editors)\ncontroleer het met: crmcards lint {deck}",
            "{path}: het JSON-schema van het deckformaat\n",
            "crmcards: CRMCARDS_NOW='gisteren' is geen ISO 8601-tijdstip (bijvoorbeeld "
            "2026-12-10T09:00+01:00)\n",
        ),
        (
            "en",
            "{deck}: a new deck with one card of each kind (and deck.schema.json for editors)\n"
            "check it with: crmcards lint {deck}",
            "{path}: the deck format's JSON Schema\n",
            "crmcards: CRMCARDS_NOW='gisteren' is not an ISO 8601 moment (for example "
            "2026-12-10T09:00+01:00)\n",
        ),
    ],
)
def test_new_schema_and_the_clock_speak_the_ui_language(
    crmcards: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    tmp_path: Path,
    language: str,
    written: str,
    schema: str,
    clock: str,
) -> None:
    choose(home, language)
    code, out, _ = crmcards("new", str(tmp_path / "week-1"))
    assert code == 0 and out.startswith(written.format(deck=tmp_path / "week-1.yaml")), out
    code, out, _ = crmcards("schema", "-o", str(tmp_path / "s.json"))
    assert code == 0 and out == schema.format(path=tmp_path / "s.json")
    monkeypatch.setenv("CRMCARDS_NOW", "gisteren")
    code, _, err = crmcards("status")
    assert code == 1 and err == clock
