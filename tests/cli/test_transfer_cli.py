"""`crmcards import` and `crmcards export` through the real entry point."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, SAMPLE_DECKS, RunCli

IMPORTS = DATA / "imports"


@pytest.mark.usefixtures("english")
def test_import_writes_a_deck_that_lints_clean(
    crmcards: RunCli,
    tmp_path: Path,
) -> None:
    deck = tmp_path / "brainscape.yaml"
    source = IMPORTS / "brainscape-page.txt"
    code, out, err = crmcards("import", str(source), "-o", str(deck))
    assert code == 0
    assert out == (
        f"{deck}: 4 cards (1 basic, 1 list, 1 table, 1 parts) from {source} (brainscape-page)\n"
    )
    assert err == (
        f"{source}: left out 29 line(s) of the page's own layout (its title, labels and "
        "buttons): lines 1, 4-5, 9, 13-22, 26, 31-40, 44, 52-53, 57\n"
        f"{source}:2: skipped, text outside a card: Study these flashcards\n"
    )
    code, out, _ = crmcards("lint", str(deck))
    assert code == 0 and "no problems" in out


@pytest.mark.usefixtures("english")
def test_import_options_reach_the_quizlet_reader(
    crmcards: RunCli,
    tmp_path: Path,
) -> None:
    deck = tmp_path / "q.yaml"
    source = str(IMPORTS / "quizlet-semicolon.txt")
    args = ("import", source, "-o", str(deck), "--sep", "comma", "--row-sep", ";")
    code, out, _ = crmcards(*args)
    assert code == 0 and "3 cards (3 basic)" in out and "(quizlet)" in out
    code, _, err = crmcards(*args)
    assert code == 1
    assert err == f"crmcards: {deck}: already exists; pass --force to replace it\n"
    code, _, _ = crmcards(*args, "--force")
    assert code == 0


def test_a_bad_file_is_one_line_on_stderr_and_writes_nothing(
    crmcards: RunCli,
    tmp_path: Path,
) -> None:
    deck = tmp_path / "deck.yaml"
    bad = tmp_path / "broken.apkg"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    code, out, err = crmcards("import", str(bad), "-o", str(deck))
    assert (code, out) == (1, "")
    assert err == (
        f"crmcards: {bad}: geen Anki-pakket, of een beschadigd of afgebroken pakket (het is niet "
        "uit te pakken)\n"
    )
    assert list(tmp_path.iterdir()) == [bad]


def test_export_apkg_and_csv(
    crmcards: RunCli,
    tmp_path: Path,
) -> None:
    package = tmp_path / "v.apkg"
    decks = ("--decks", str(SAMPLE_DECKS))
    code, out, _ = crmcards(*decks, "export", "voorbeeld", "-o", str(package), "--with-progress")
    assert code == 0
    assert out == f"{package}: 24 notities in 1 Anki-deck(s), 0 beoordelingen\n"  # UI language
    assert zipfile.ZipFile(package).namelist() == ["collection.anki2", "media"]
    table = tmp_path / "v.csv"
    code, out, _ = crmcards(*decks, "export", "voorbeeld", "--format", "csv", "-o", str(table))
    assert code == 0 and out == f"{table}: 24 kaarten uit 1 deck(s)\n"
    assert len(list(csv.reader(table.open(encoding="utf-8", newline="")))) == 24


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "docx"), "--format: 'docx' is not one of apkg, csv"),
        (("--format", "csv", "--with-progress"), "--with-progress needs --format apkg"),
        (("nope",), "no deck called 'nope'"),
    ],
)
@pytest.mark.usefixtures("english")
def test_export_errors(
    crmcards: RunCli,
    tmp_path: Path,
    args: tuple[str, ...],
    message: str,
) -> None:
    out_file = tmp_path / "out.apkg"
    code, _, err = crmcards("--decks", str(SAMPLE_DECKS), "export", *args, "-o", str(out_file))
    assert code == 1 and message in err and "Traceback" not in err
    assert not out_file.exists()
