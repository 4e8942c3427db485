"""`crmcards import`: read a file in another tool's format and write it as a deck."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crmcards.decks.loader import DECK_SUFFIXES
from crmcards.errors import CrmcardsError
from crmcards.messages import Said
from crmcards.services.imports import (
    ankipackage,
    ankitext,
    brainscapepage,
    csvfile,
    quizlet,
    quizletpage,
    studysmartpage,
)
from crmcards.services.imports.detect import SPREADSHEET_SUFFIXES, detect_text, is_package
from crmcards.services.imports.imported import FORMATS, Imported, input_error
from crmcards.services.imports.text import MAX_TEXT_BYTES, decode_text
from crmcards.services.imports.writer import Written, write_deck


@dataclass(frozen=True)
class ImportOptions:
    source_format: str | None = None  # None: detect it
    sep: str | None = None
    row_sep: str | None = None
    force: bool = False
    with_history: bool = False  # Anki packages: bring the review log along


def _read_start(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        raise CrmcardsError(Said.of("no_such_file", path=path)) from None
    except OSError as error:
        raise CrmcardsError(Said.of("import_unreadable", path=path, error=error.strerror)) from None


def _choose(path: Path, start: bytes, options: ImportOptions) -> str:
    if options.source_format is not None:
        if options.source_format not in FORMATS:
            raise CrmcardsError(
                Said.of(
                    "import_unknown_format", name=options.source_format, known=", ".join(FORMATS)
                )
            )
        return options.source_format
    if is_package(path, start):
        return "anki"
    if options.sep or options.row_sep:
        return "csv" if path.suffix.lower() in SPREADSHEET_SUFFIXES else "quizlet"
    return ""  # decided from the text


def read(path: Path, options: ImportOptions) -> Imported:
    """The cards in `path`, in the format asked for or detected."""
    if path.is_dir():
        raise CrmcardsError(Said.of("import_folder", path=path))
    start = _read_start(path, MAX_TEXT_BYTES + 1)
    chosen = _choose(path, start, options)
    if options.with_history and chosen != "anki":
        raise input_error(path, Said.of("import_history_needs_anki"))
    if chosen == "anki":
        return ankipackage.parse(path, with_history=options.with_history)
    text = decode_text(path, start)
    chosen = chosen or detect_text(path, text)
    if options.sep and chosen not in ("quizlet", "csv"):
        raise input_error(path, Said.of("import_sep_not_for", format=chosen))
    if options.row_sep and chosen != "quizlet":
        raise input_error(path, Said.of("import_row_sep_not_for", format=chosen))
    if chosen == "quizlet":
        return quizlet.parse(text, options.sep, options.row_sep)
    if chosen in ("csv", "brainscape"):
        return csvfile.parse(path, text, sep=options.sep, brainscape=chosen == "brainscape")
    if chosen == "anki-text":
        return ankitext.parse(path, text)
    pages = {
        "quizlet-page": quizletpage.parse,
        "brainscape-page": brainscapepage.parse,
        "studysmart-page": studysmartpage.parse,
    }
    return pages[chosen](text)


def import_file(path: Path, out: Path, options: ImportOptions) -> Written:
    return write_deck(read_for(path, out, options), out, origin=path, force=options.force)


def read_for(path: Path, out: Path, options: ImportOptions) -> Imported:
    """What `path` holds, once `out` is known to be a name a deck can have."""
    if out.suffix not in DECK_SUFFIXES:
        raise CrmcardsError(Said.of("import_out_not_yaml", path=out))
    return read(path, options)
