"""The teachers' commands (`schema`, ...) through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import RunCli


def test_schema_prints_the_deck_format(
    crmcards: RunCli,
) -> None:
    code, out, _ = crmcards("schema")
    assert code == 0
    schema = json.loads(out)
    Draft202012Validator.check_schema(schema)
    assert "Antwoord / Answer" in out


@pytest.mark.usefixtures("english")
def test_schema_writes_a_file_and_keeps_an_existing_one(crmcards: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "deck.schema.json"
    code, printed, _ = crmcards("schema")
    assert crmcards("schema", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == printed
    target.write_text("mine", encoding="utf-8")
    code, _, err = crmcards("schema", "-o", str(target))
    assert code == 1 and "already exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    assert crmcards("schema", "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8") == printed


def test_flags_lists_what_the_student_flagged(crmcards: RunCli, home: Path) -> None:
    from datetime import UTC, datetime

    from crmcards.decks.catalog import Library
    from crmcards.services.flags import flag_item
    from crmcards.store.repository import Store
    from tests.conftest import SAMPLE_DECKS

    code, out, _ = crmcards("flags")
    assert code == 0 and "geen gemelde kaarten" in out
    assert not (home / "crmcards.db").exists()  # listing creates no database

    item = Library.load([SAMPLE_DECKS]).items()[0]
    store = Store.open(home=home)
    flag_item(store, item, "antwoord klopt\tniet", datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    store.close()
    code, out, _ = crmcards("flags", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "item": item.id,
            "deck": "voorbeeld",
            "note": "antwoord klopt niet",
            "time": "2026-12-01T09:30:00+00:00",
        }
    ]
    code, out, _ = crmcards("flags")
    assert f"{item.id}  antwoord klopt niet" in out and "1 gemelde kaart(en)" in out


def test_new_writes_a_deck_of_every_kind_that_lints_clean_and_validates(
    crmcards: RunCli, tmp_path: Path
) -> None:
    from crmcards.decks.kinds import NOTE_TYPES
    from crmcards.decks.loader import load_file
    from tests.decks.test_json_schema import schema_accepts

    code, out, _ = crmcards("new", str(tmp_path / "mijn-deck"), "--title", 'Mijn "eerste": deck')
    assert code == 0 and "mijn-deck.yaml" in out
    deck_file = tmp_path / "mijn-deck.yaml"
    text = deck_file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=deck.schema.json"
    deck = load_file(deck_file)
    assert (deck.id, deck.title, deck.language) == ("mijn-deck", 'Mijn "eerste": deck', "nl")
    assert sorted(note.type for note in deck.notes) == sorted(NOTE_TYPES)
    assert text.count("\n  # ") >= len(NOTE_TYPES)  # each card comes with a comment
    code, out, _ = crmcards("lint", str(deck_file))
    assert code == 0 and "geen problemen" in out  # in the UI language, Dutch by default
    assert schema_accepts(deck_file)
    _, schema, _ = crmcards("schema")
    assert (tmp_path / "deck.schema.json").read_text(encoding="utf-8") == schema


def test_new_follows_the_ui_language_and_never_overwrites_a_deck(
    crmcards: RunCli, home: Path, tmp_path: Path
) -> None:
    from crmcards.decks.loader import load_file

    home.mkdir()
    (home / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    assert crmcards("new", str(tmp_path / "week-1.yaml"))[0] == 0
    deck = load_file(tmp_path / "week-1.yaml")
    assert (deck.title, deck.language, deck.notes[0].id) == ("Week 1", "en", "example-question")
    (tmp_path / "week-1.yaml").write_text("mine", encoding="utf-8")
    code, _, err = crmcards("new", str(tmp_path / "week-1.yaml"))
    assert code == 1 and "already exists; pass --force" in err
    assert (tmp_path / "week-1.yaml").read_text(encoding="utf-8") == "mine"
    code, _, err = crmcards("new", str(tmp_path / "Week 2"))
    assert code == 1 and "e.g. 'week-2.yaml'" in err and "Traceback" not in err


def test_preview_shows_the_question_the_answer_and_every_drill_item(
    crmcards: RunCli,
) -> None:
    from tests.conftest import SAMPLE_DECKS

    sample = SAMPLE_DECKS / "sample.yaml"
    code, out, _ = crmcards("preview", f"{sample}:crm-proces-stappen")
    assert code == 0
    for variant in ("all", "1", "2", "3", "4", "5"):
        assert f"voorbeeld/crm-proces-stappen#{variant}" in out
    assert out.count("Vraag") == out.count("Na het omdraaien") == 6
    assert "segmenteren" in out
    code, out, _ = crmcards("preview", str(sample))
    assert code == 0 and out.count("Vraag") == 24  # the whole deck: every item


@pytest.mark.usefixtures("english")
def test_preview_names_what_is_wrong(crmcards: RunCli, tmp_path: Path) -> None:
    from tests.conftest import BAD_DECKS, SAMPLE_DECKS

    sample = SAMPLE_DECKS / "sample.yaml"
    code, _, err = crmcards("preview", f"{sample}:crm-proces-stapen")
    assert code == 1 and "no card 'crm-proces-stapen' (did you mean 'crm-proces-stappen'?)" in err
    code, _, err = crmcards("preview", str(BAD_DECKS / "missing-field.yaml"))
    assert code == 1 and f"{BAD_DECKS / 'missing-field.yaml'}:3:" in err
    code, _, err = crmcards("preview", str(tmp_path / "nope.yaml:a"))
    assert code == 1 and "no such file" in err and "Traceback" not in err


@pytest.mark.usefixtures("english")
def test_lint_watch_checks_again_on_every_save_until_ctrl_c(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    deck = tmp_path / "deck.yaml"
    good = "deck: X\ncards:\n  - id: a\n    q: Vraag\n    a: Antwoord\n"
    deck.write_text(good, encoding="utf-8")
    saves = iter(
        [
            lambda: deck.write_text(good.replace("    a:", "    anwser:"), encoding="utf-8"),
            lambda: None,  # nothing saved: nothing printed
            lambda: deck.write_text(good + "  - id: b\n    q: V\n    a: A\n", encoding="utf-8"),
        ]
    )

    def next_poll(seconds: float) -> None:
        save = next(saves, None)
        if save is None:
            raise KeyboardInterrupt
        save()

    monkeypatch.setattr("time.sleep", next_poll)
    code, out, err = crmcards("lint", "--watch", str(deck))
    assert code == 0 and "stopped watching" in err
    rounds = out.split("--- ")
    assert len(rounds) == 3
    assert "1 deck(s), 1 cards" in rounds[0]
    assert "saved: deck.yaml" in rounds[1] and "unknown key 'anwser'" in rounds[1]
    assert "1 deck(s), 2 cards, 2 review items: no problems" in rounds[2]


def test_a_students_flag_reaches_the_teachers_class_view(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from crmcards.decks.catalog import Library
    from crmcards.services.flags import flag_item
    from crmcards.store.repository import Store
    from tests.conftest import SAMPLE_DECKS

    monkeypatch.setenv("CRMCARDS_NOW", "2026-12-01T12:00+00:00")
    item = Library.load([SAMPLE_DECKS]).items()[0]
    reports = []
    for name, note, hour in (("ada", "antwoord klopt niet", 9), ("bob", "typfout in de vraag", 10)):
        home = tmp_path / name
        store = Store.open(home=home)
        flag_item(store, item, note, datetime(2026, 12, 1, hour, tzinfo=UTC))
        store.close()
        report = tmp_path / f"{name}.json"
        args = ["--home", str(home), "--decks", str(SAMPLE_DECKS), "report", "--format", "json"]
        code, _, err = crmcards(*args, "--student", name, "-o", str(report))
        assert code == 0, err
        reports.append(str(report))
    merge = ["--decks", str(SAMPLE_DECKS), "report", "--merge", *reports, "--format", "md"]
    code, out, err = crmcards(*merge, "--language", "en")
    assert code == 0, err
    flagged = out[out.index("Most-flagged cards") :]
    assert "typfout in de vraag · antwoord klopt niet" in flagged
    assert "typfout in de vraag · antwoord klopt niet | 2 | 2 |" in flagged  # 2 students, 2 flags
