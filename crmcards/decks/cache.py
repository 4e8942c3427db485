"""Parsed decks kept between runs, so that a command does not parse every YAML file again.

Parsing and checking a deck costs far more than reading it back as plain data (25,000 cards take
seconds). Each deck file that loaded without problems gets two JSON files in the cache folder,
named by a hash of its path: the deck, and its outline (crmcards.decks.outline: what `status`
needs, read without decoding a single note). Each holds:
  - the key: the deck file's resolved path, size and mtime_ns, the crmcards version and the
    cache format; a file whose key differs in anything is stale;
  - a SHA-256 digest of the deck's data, so a damaged (cut off, edited) cache file is noticed;
  - the deck (or outline) as plain JSON data (no objects: nothing in the cache can run code).
A cache file is never trusted: anything stale, unreadable or not exactly of the expected shape
counts as a miss, the deck is parsed from its YAML again and the entry rewritten. Writing is
best-effort (a read-only data folder only costs speed) and atomic (a complete file replaces the
old one), so two programs filling the cache at once do no harm.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from crmcards import __version__
from crmcards.decks.kinds.basic import Basic
from crmcards.decks.kinds.cloze import ClozeBody, ClozeSegment, Gap
from crmcards.decks.kinds.listing import ListBody, ListEntry
from crmcards.decks.kinds.parts import PartsBody
from crmcards.decks.kinds.table import TableBody
from crmcards.decks.model import Deck, DeckInfo, Note, NoteBody
from crmcards.decks.outline import DeckOutline

FORMAT = 2
OUTLINE = ".outline"  # the outline's file: the deck's own name with this before ".json"


class _Mismatch(Exception):
    """The cached data is not of the shape this version writes."""


def _key(path: Path, stat: os.stat_result) -> dict[str, Any]:
    return {
        "path": str(path),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "version": __version__,
        "format": FORMAT,
    }


class DeckCache:
    """The cache folder of one data folder (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entry(self, path: Path, kind: str = "") -> Path:
        digest = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()
        return self.folder / f"{digest[:32]}{kind}.json"

    def get(self, path: Path) -> Deck | None:
        """The deck parsed earlier from `path` if the file is unchanged since; else None."""
        try:
            body = self._read(path, "")
            return None if body is None else decode_deck(json.loads(body), path)
        except (OSError, ValueError, _Mismatch):  # json's errors are ValueErrors
            return None

    def get_outline(self, path: Path) -> DeckOutline | None:
        """The outline of the deck in `path` if the file is unchanged since it was kept; else
        None."""
        try:
            body = self._read(path, OUTLINE)
            return None if body is None else decode_outline(json.loads(body), path)
        except (OSError, ValueError, _Mismatch):
            return None

    def get_notes(self, path: Path) -> CachedNotes | None:
        """The deck parsed earlier from `path`, its notes decoded only when asked for, if the
        file is unchanged since; else None."""
        try:
            body = self._read(path, "")
            if body is None:
                return None
            value = json.loads(body)
            if type(value) is not dict or type(value["notes"]) is not list:
                raise _Mismatch
            return CachedNotes(DeckInfo(**_info_fields(value, path)), value["notes"])
        except (OSError, KeyError, IndexError, TypeError, ValueError, _Mismatch):
            return None

    def put(self, path: Path, deck: Deck) -> None:
        """Keep `deck`, parsed from `path`, and its outline for the next run (silently skipped
        when the cache folder cannot be written)."""
        self._write(path, "", encode_deck(deck))
        self._write(path, OUTLINE, encode_outline(DeckOutline.of(deck)))

    def put_outline(self, path: Path, outline: DeckOutline) -> None:
        self._write(path, OUTLINE, encode_outline(outline))

    def _read(self, path: Path, kind: str) -> bytes | None:
        """The data kept of `kind` for the deck file `path`, if its key and digest match."""
        resolved = path.resolve()
        key = _key(resolved, resolved.stat())
        header, _, body = self._entry(resolved, kind).read_bytes().partition(b"\n")
        if json.loads(header) != {**key, "sha256": hashlib.sha256(body).hexdigest()}:
            return None
        return body

    def _write(self, path: Path, kind: str, value: object) -> None:
        try:
            resolved = path.resolve()
            stat = resolved.stat()
            body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            data = body.encode("utf-8")
            header = json.dumps(
                {**_key(resolved, stat), "sha256": hashlib.sha256(data).hexdigest()}
            )
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(header.encode("utf-8") + b"\n" + data)
                os.replace(temporary, self._entry(resolved, kind))
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass


class CachedNotes:
    """A cached deck whose notes are decoded one by one, when asked for: a study session shows
    a few hundred of 25,000. Each note is checked as strictly as `decode_deck` checks them."""

    def __init__(self, info: DeckInfo, notes: list[Any]) -> None:
        self.info = info
        self._raw = {note[0]: note for note in notes}  # a note's data starts with its id
        self._decoded: dict[str, Note] = {}

    def note(self, note_id: str) -> Note | None:
        """The note `note_id`; None when the cache has none of that id or of the right shape
        (then the deck file is to be read again)."""
        note = self._decoded.get(note_id)
        if note is None and note_id in self._raw:
            try:
                note = self._decoded[note_id] = _decode_note(self._raw[note_id])
            except (KeyError, TypeError, ValueError, _Mismatch):
                return None
        return note


# -- plain data <-> Deck ----------------------------------------------------------------------
# A note is the list [id, line, q, extra, sources, tags, kind, body]; `body` is its kind's own
# content as a list (JSON has no tuples), in the order of the kind's dataclass fields.


def encode_deck(deck: Deck) -> dict[str, Any]:
    return {
        "id": deck.id,
        "title": deck.title,
        "language": deck.language,
        "source": deck.source,
        "description": deck.description,
        "tags": list(deck.tags),
        "notes": [_encode_note(note) for note in deck.notes],
    }


def encode_outline(outline: DeckOutline) -> dict[str, Any]:
    return {"id": outline.id, "title": outline.title, "items": list(outline.item_ids)}


def decode_outline(value: object, path: Path) -> DeckOutline:
    """The DeckOutline of the deck in `path` that `encode_outline` turned into `value`;
    _Mismatch if it is anything else."""
    if type(value) is not dict:
        raise _Mismatch
    deck_id, title, items = value.get("id"), value.get("title"), value.get("items")
    if type(deck_id) is not str or type(title) is not str:
        raise _Mismatch
    return DeckOutline(deck_id, title, _texts(items), path)


def _encode_body(body: NoteBody) -> list[Any]:
    match body:
        case Basic():
            return [body.a, body.reverse]
        case ListBody():
            return [[[entry.term, entry.explanation] for entry in body.items], body.ordered]
        case TableBody():
            return [list(body.columns), [list(row) for row in body.rows]]
        case PartsBody():
            return [[[name, list(elements)] for name, elements in body.parts]]
        case ClozeBody():
            return [[s if isinstance(s, str) else [s.answer, s.hint] for s in body.segments]]
    raise TypeError(f"no cache encoding for the card kind {body.NAME!r}")


def _encode_note(note: Note) -> list[Any]:
    return [
        note.id,
        note.line,
        note.q,
        note.extra,
        list(note.sources),
        list(note.tags),
        note.type,
        _encode_body(note.body),
    ]


def _texts(value: object) -> tuple[str, ...]:
    if type(value) is not list:
        raise _Mismatch
    texts = tuple(value)
    for text in texts:
        if type(text) is not str:
            raise _Mismatch
    return texts


def _optional_text(value: object) -> str | None:
    if value is not None and type(value) is not str:
        raise _Mismatch
    return value


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise _Mismatch
    return value


def _entry(term: object, explanation: object) -> ListEntry:
    if type(term) is not str:
        raise _Mismatch
    return ListEntry(term, _optional_text(explanation))


def _segment(value: object) -> ClozeSegment:
    if type(value) is str:
        return value
    if type(value) is not list:
        raise _Mismatch
    answer, hint = value
    if type(answer) is not str:
        raise _Mismatch
    return Gap(answer, _optional_text(hint))


def _part(name: object, elements: object) -> tuple[str, tuple[str, ...]]:
    if type(name) is not str:
        raise _Mismatch
    return name, _texts(elements)


def _decode_body(kind: object, value: object) -> NoteBody:
    if type(value) is not list:
        raise _Mismatch
    match kind:
        case Basic.NAME:
            a, reverse = value
            if type(a) is not str:
                raise _Mismatch
            return Basic(a, _flag(reverse))
        case ListBody.NAME:
            items, ordered = value
            return ListBody(tuple(_entry(*entry) for entry in items), _flag(ordered))
        case TableBody.NAME:
            columns, rows = value
            return TableBody(_texts(columns), tuple(_texts(row) for row in rows))
        case PartsBody.NAME:
            (parts,) = value
            return PartsBody(tuple(_part(*part) for part in parts))
        case ClozeBody.NAME:
            (segments,) = value
            return ClozeBody(tuple(_segment(segment) for segment in segments))
    raise _Mismatch


def _decode_note(value: object) -> Note:
    # Written for speed (a large collection has tens of thousands of notes): plain checks;
    # a wrong shape raises _Mismatch, TypeError or ValueError.
    if type(value) is not list:
        raise _Mismatch
    note_id, line, q, extra, sources, tags, kind, body = value
    if not (type(note_id) is str and type(line) is int and type(q) is str and type(extra) is str):
        raise _Mismatch
    return Note(
        note_id,
        line,
        _decode_body(kind, body),
        q,
        extra,
        _texts(sources) if sources else (),
        _texts(tags) if tags else (),
    )


def _info_fields(value: dict[str, Any], path: Path) -> dict[str, Any]:
    """The DeckInfo fields of a deck's plain data; _Mismatch (or KeyError) if of another shape."""
    texts = [value[name] for name in ("id", "title", "language", "source", "description")]
    if any(type(text) is not str for text in texts):
        raise _Mismatch
    deck_id, title, language, source, description = texts
    return {
        "id": deck_id,
        "title": title,
        "path": path,
        "language": language,
        "source": source,
        "description": description,
        "tags": _texts(value["tags"]),
    }


def decode_deck(value: object, path: Path) -> Deck:
    """The Deck that `encode_deck` turned into `value`; _Mismatch if it is anything else."""
    try:
        if type(value) is not dict or type(value["notes"]) is not list:
            raise _Mismatch
        notes = tuple(_decode_note(note) for note in value["notes"])
        return Deck(**_info_fields(value, path), notes=notes)
    except (KeyError, TypeError, ValueError) as error:
        raise _Mismatch from error
