"""What every importer produces: cards still in plain text, and what it had to leave out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from crmcards.errors import CrmcardsError
from crmcards.messages import Said

# What `--from` accepts; without it the format is detected from the file.
FORMATS = {
    "quizlet": "Quizlet's text export (term and definition separated by --sep, rows by --row-sep)",
    "brainscape": "Brainscape's CSV export (question, answer)",
    "anki": "an Anki package (.apkg or .colpkg, legacy or current format)",
    "anki-text": "Anki's 'Notes in Plain Text' export (#separator: and #html: headers)",
    "csv": "a CSV or TSV file, with or without a header row (front, back, extra, tags)",
    "quizlet-page": "a Quizlet set copied from its web page into a text file",
    "brainscape-page": "a Brainscape deck copied from its web page into a text file",
    "studysmart-page": "a StudySmart summary copied from its web page into a text file",
}


@dataclass(frozen=True)
class RawCard:
    """One card as read from the source. `front` is a cloze text with {{answer}} gaps when
    `cloze` is set; `where` says where it came from ("12" for line 12, "note 3")."""

    front: str
    back: str
    where: str
    extra: str = ""
    tags: tuple[str, ...] = ()
    cloze: bool = False
    reverse: bool = False
    key: str = ""  # a preferred card id, e.g. the item id of a note crmcards exported


@dataclass(frozen=True)
class Skipped:
    """Input that did not become a card, reported to the user with its position."""

    where: str
    reason: Said
    text: str = ""

    def told(self, origin: object, kind: str = "import_skipped") -> Said:
        """The line that tells the user: FILE:WHERE: skipped, why: the text (or a note)."""
        text = f": {self.text}" if self.text else ""
        return Said.of(kind, where=f"{origin}:{self.where}", reason=self.reason, text=text)


@dataclass(frozen=True)
class ImportedReview:
    """One rating from another tool's review log: of card `ord` of the note read at `where`."""

    where: str
    ord: int
    source_id: str  # the rating's id in the source: importing it again adds nothing
    at: datetime
    rating: int  # crmcards' raw 1–5
    duration_ms: int | None


@dataclass
class Imported:
    format: str
    cards: list[RawCard] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    title: str = ""
    layout: list[int] = field(default_factory=list)  # lines of a pasted page's own layout
    history: list[ImportedReview] = field(default_factory=list)  # oldest first
    history_skipped: int = 0  # ratings left out: manual changes, cramming


def input_error(
    path: Path, message: str | Said, line: int | None = None, column: int | None = None
) -> CrmcardsError:
    """An error about the input file, naming the line (and column) when there is one."""
    where = "".join(f":{n}" for n in (line, column) if n is not None)
    return CrmcardsError(Said.of("at", where=f"{path}{where}", message=message))
