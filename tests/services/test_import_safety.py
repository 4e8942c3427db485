"""Bad input gets one clear error and nothing is written: wrong format, truncated or oversized
zip, zip bombs, text that is not UTF-8, empty files, ragged CSV. And any input at all (fuzzed)
gives a deck or a CrmcardsError, never another exception."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcards.decks.catalog import Library
from crmcards.errors import CrmcardsError
from crmcards.services.exports.apkg import export_apkg
from crmcards.services.imports import ankipackage
from crmcards.services.imports.imported import FORMATS
from crmcards.services.imports.run import ImportOptions, import_file
from tests.conftest import DATA

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def fails(source: Path, message: str, **options: str) -> str:
    out = source.parent / "out.yaml"
    with pytest.raises(CrmcardsError) as error:
        import_file(source, out, ImportOptions(**options))
    assert not out.exists()
    assert [p.name for p in source.parent.iterdir() if p.name.startswith(".out")] == []
    assert message in error.value.message, error.value.message
    return error.value.message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def zipped(tmp_path: Path, members: dict[str, bytes], name: str = "x.apkg") -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return write(tmp_path, name, buffer.getvalue())


@pytest.fixture
def package(tmp_path: Path, library: Library) -> Path:
    path = tmp_path / "sample.apkg"
    export_apkg(library.decks, path, now=NOW)
    return path


def test_empty_and_blank_files(tmp_path: Path) -> None:
    fails(write(tmp_path, "empty.txt", b""), "the file is empty")
    fails(write(tmp_path, "blank.txt", b" \n\t\n"), "the file is empty")
    fails(write(tmp_path, "empty.apkg", b""), "the file is empty")


def test_text_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    message = fails(
        write(
            tmp_path, "latin.txt", "a\tb\nklantwaarde\tde waarde van één klant".encode("latin-1")
        ),
        "not UTF-8",
    )
    assert message.startswith(f"{tmp_path / 'latin.txt'}:2:27: not UTF-8 text (byte 0xe9)")


def test_binary_and_oversized_text(tmp_path: Path) -> None:
    fails(write(tmp_path, "image.txt", b"PNG\r\n\x00\x00"), "binary data")
    fails(write(tmp_path, "huge.txt", b"a\tb\n" * 300_000), "more than one deck can hold")


def test_ragged_csv_names_the_row(tmp_path: Path) -> None:
    message = fails(DATA / "imports" / "ragged.csv", "has 3 columns but the first row has 2")
    assert "ragged.csv:3:" in message


def test_broken_csv_quoting(tmp_path: Path) -> None:
    fails(write(tmp_path, "open.csv", b'"Wat is CRM?","Een strategie\n'), "not valid CSV")


def test_wrong_format_given(tmp_path: Path) -> None:
    fails(DATA / "imports" / "cards.tsv", "not an Anki package", source_format="anki")
    fails(DATA / "imports" / "cards.tsv", "unknown format 'word'", source_format="word")
    fails(
        DATA / "imports" / "quizlet-page.txt",
        "has 2 columns but the first row has 1",
        source_format="brainscape",
    )


def test_a_text_in_no_known_format(tmp_path: Path) -> None:
    article = "Online CRM\nCRM is een strategie.\nHet doel is klantwaarde.\n"
    fails(write(tmp_path, "article.txt", article.encode()), "name it with --from (quizlet,")


def test_a_zip_that_is_no_anki_package(tmp_path: Path) -> None:
    fails(zipped(tmp_path, {"word/document.xml": b"<w/>"}), "no collection inside")
    fails(zipped(tmp_path, {"collection.anki21": b"not sqlite" * 10}), "not a SQLite database")


def test_a_damaged_collection(tmp_path: Path) -> None:
    damaged = b"SQLite format 3\x00" + b"\x07" * 5000
    fails(zipped(tmp_path, {"collection.anki2": damaged}), "damaged")


def test_truncated_package(tmp_path: Path, package: Path) -> None:
    data = package.read_bytes()
    for cut in (len(data) // 3, len(data) - 30):
        fails(write(tmp_path, "cut.apkg", data[:cut]), "damaged or truncated")


def test_oversized_package(tmp_path: Path, package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ankipackage, "MAX_PACKAGE_BYTES", 1000)
    fails(package, "at most 1,000")


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ankipackage, "MAX_MEMBERS", 3)
    fails(zipped(tmp_path, {str(n): b"" for n in range(5)}), "the archive has 5 files")


def test_too_much_unpacked_in_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ankipackage, "MAX_UNPACKED_BYTES", 1000)
    fails(
        zipped(tmp_path, {"collection.anki2": b"x", "0": b"\x00" * 2000}), "would unpack to 2,001"
    )


def test_zip_bomb(tmp_path: Path) -> None:
    bomb = zipped(tmp_path, {"collection.anki21": b"\x00" * (40 * 1024 * 1024)})
    assert bomb.stat().st_size < 100_000
    fails(bomb, "zip bomb")


def test_zstd_bomb_inside_the_zip(tmp_path: Path) -> None:
    frame = zstandard.ZstdCompressor().compress(b"\x00" * (64 * 1024 * 1024))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("collection.anki21b", frame)
    fails(write(tmp_path, "bomb.apkg", buffer.getvalue()), "refusing a suspicious archive")


def test_output_rules(tmp_path: Path) -> None:
    source = DATA / "imports" / "cards.tsv"
    with pytest.raises(CrmcardsError, match=r"ends in \.yaml"):
        import_file(source, tmp_path / "deck.txt", ImportOptions())
    existing = tmp_path / "deck.yaml"
    existing.write_text("keep me", encoding="utf-8")
    with pytest.raises(CrmcardsError, match="already exists; pass --force"):
        import_file(source, existing, ImportOptions())
    assert existing.read_text(encoding="utf-8") == "keep me"
    import_file(source, existing, ImportOptions(force=True))
    assert "Wat is KPI?" in existing.read_text(encoding="utf-8")
    with pytest.raises(CrmcardsError, match="no such folder"):
        import_file(source, tmp_path / "missing" / "deck.yaml", ImportOptions())


def test_nothing_usable_is_an_error_listing_what_was_skipped(tmp_path: Path) -> None:
    source = write(
        tmp_path, "chrome.txt", b"Samenvatting Flashcards\n  \xe2\x80\xa2 Deze samenvatting\n"
    )
    with pytest.raises(CrmcardsError, match="no cards found") as error:
        import_file(source, tmp_path / "deck.yaml", ImportOptions(source_format="studysmart-page"))
    assert [str(line) for line in error.value.details] == [
        f"{source}:2: skipped, no answer follows: Deze samenvatting"
    ]


def _never_crashes(tmp_path: Path, name: str, data: bytes, source_format: str | None) -> None:
    source = write(tmp_path, name, data)
    out = tmp_path / "fuzz.yaml"
    try:
        import_file(source, out, ImportOptions(source_format=source_format, force=True))
    except CrmcardsError:
        assert not out.exists()
    else:
        assert out.exists()
    out.unlink(missing_ok=True)


LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Q",
                "A",
                "How well did you know this?",
                "#html:true",
                "#separator:tab",
                "- ",
                "• x",
                "    ",
                "1",
                ":",
                "{{c1::x}}",
                '"',
                "\t",
                ",",
                ";",
                "naam, a, b",
                "a | b",
                "kop:",
            ]
        ),
        st.text(max_size=30),
    ),
    max_size=30,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=LINES, source_format=st.sampled_from([None, *(f for f in FORMATS if f != "anki")]))
def test_any_text_gives_a_deck_or_a_clear_error(
    tmp_path: Path, lines: list[str], source_format: str | None
) -> None:
    _never_crashes(
        tmp_path, "fuzz.txt", "\n".join(lines).encode("utf-8", "surrogatepass"), source_format
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_damaged_package_gives_a_deck_or_a_clear_error(
    tmp_path: Path, data: st.DataObject
) -> None:
    package = tmp_path / "base.apkg"
    if not package.exists():
        from crmcards.decks.loader import load_file
        from tests.conftest import SAMPLE_DECKS

        export_apkg([load_file(SAMPLE_DECKS / "sample.yaml")], package, now=NOW)
    raw = bytearray(package.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _never_crashes(tmp_path, "fuzz.apkg", bytes(raw), None)
