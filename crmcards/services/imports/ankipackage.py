"""Anki packages: `.apkg` (decks) and `.colpkg` (a whole collection), in the legacy format
(`collection.anki2` / `collection.anki21`: SQLite, note types as JSON in `col.models`) and the
current one (`collection.anki21b`: zstd-compressed SQLite with a `notetypes` table).

A package is untrusted input: the zip is checked before anything is unpacked (file size, number
of members, unpacked size, compression ratio), unpacking stops at the declared size, and the
collection is opened read-only in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
import zlib
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import zstandard

from crmcards.messages import Said
from crmcards.services.imports.anki import (
    RAW_RATING,
    Notetype,
    deck_title,
    field_texts,
    is_graded,
    note_card,
    tags,
)
from crmcards.services.imports.imported import Imported, ImportedReview, Skipped, input_error

MAX_PACKAGE_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 100_000  # a .colpkg holds one member per media file
MAX_COLLECTION_BYTES = 512 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all members together, media included
MAX_RATIO = 200  # unpacked / packed; real collections stay far below, zip bombs far above
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
CHUNK = 1024 * 1024
SQLITE_HEADER = b"SQLite format 3\x00"
CLOZE_KIND = b"\x08\x01"  # Notetype.Config starts with field 1 (kind) = 1 (cloze) when set


@dataclass(frozen=True)
class _Note:
    notetype_id: int
    tags: str
    fields: list[str]


@dataclass
class _Collection:
    notetypes: dict[int, Notetype]
    decks: dict[int, str]
    notes: list[_Note]
    card_ords: dict[int, set[int]]  # per note
    card_decks: dict[int, int]  # per note: the deck of its first card
    card_notes: dict[int, tuple[int, int]]  # per card id: (note number, card ord)


def _member(path: Path, archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The collection inside the package, after checking the archive is safe to unpack."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise input_error(
            path, Said.of("apkg_members", n=f"{len(members):,}", limit=f"{MAX_MEMBERS:,}")
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise input_error(
            path,
            Said.of("apkg_unpacked", n=f"{unpacked:,}", limit=f"{MAX_UNPACKED_BYTES:,}"),
        )
    names = {member.filename: member for member in members}
    member = next((names[name] for name in COLLECTIONS if name in names), None)
    if member is None:
        raise input_error(path, Said.of("import_no_collection"))
    if member.file_size > MAX_COLLECTION_BYTES:
        raise input_error(
            path,
            Said.of(
                "apkg_collection_size",
                n=f"{member.file_size:,}",
                limit=f"{MAX_COLLECTION_BYTES:,}",
            ),
        )
    if member.file_size > CHUNK and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        raise input_error(
            path,
            Said.of("apkg_ratio", packed=f"{member.compress_size:,}", n=f"{member.file_size:,}"),
        )
    return member


def _copy(path: Path, source: IO[bytes], target: Path, limit: int) -> None:
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise input_error(path, Said.of("apkg_over", limit=f"{limit:,}"))
            out.write(chunk)


def _unpack(path: Path, folder: Path) -> Path:
    """The collection of the package at `path` as a SQLite file in `folder`."""
    size = path.stat().st_size
    if size == 0:
        raise input_error(path, Said.of("import_empty"))
    if size > MAX_PACKAGE_BYTES:
        raise input_error(path, Said.of("apkg_size", n=f"{size:,}", limit=f"{MAX_PACKAGE_BYTES:,}"))
    database = folder / "collection.db"
    try:
        with zipfile.ZipFile(path) as archive:
            member = _member(path, archive)
            with archive.open(member) as source:
                if member.filename.endswith("b"):  # zstd-compressed inside the zip
                    limit = min(MAX_COLLECTION_BYTES, max(CHUNK, MAX_RATIO * member.file_size))
                    with zstandard.ZstdDecompressor().stream_reader(source) as reader:
                        _copy(path, reader, database, limit)
                else:
                    _copy(path, source, database, member.file_size)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, zstandard.ZstdError):
        raise input_error(path, Said.of("apkg_not_zip")) from None
    except (RuntimeError, NotImplementedError) as error:  # encrypted, or an unknown compression
        raise input_error(path, Said.of("apkg_cannot_unzip", error=error)) from None
    except OSError as error:
        raise input_error(
            path, Said.of("apkg_cannot_unpack", error=error.strerror or error)
        ) from None
    with database.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise input_error(path, Said.of("apkg_not_sqlite"))
    return database


def _notetypes_current(db: sqlite3.Connection) -> dict[int, Notetype]:
    fields: dict[int, list[str]] = defaultdict(list)
    for ntid, name in db.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields[ntid].append(name)
    templates = dict(db.execute("SELECT ntid, count(*) FROM templates GROUP BY ntid").fetchall())
    return {
        ntid: Notetype(
            name,
            tuple(fields[ntid]),
            cloze=bytes(config).startswith(CLOZE_KIND),
            templates=templates.get(ntid, 1),
        )
        for ntid, name, config in db.execute("SELECT id, name, config FROM notetypes")
    }


def _notetypes_legacy(models: dict[str, Any]) -> dict[int, Notetype]:
    return {
        int(ntid): Notetype(
            str(model["name"]),
            tuple(str(f["name"]) for f in sorted(model["flds"], key=lambda f: int(f["ord"]))),
            cloze=model.get("type") == 1,
            templates=len(model["tmpls"]),
        )
        for ntid, model in models.items()
    }


def _read(database: Path) -> _Collection:
    uri = f"{database.as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if "notetypes" in tables:
            notetypes = _notetypes_current(db)
            decks = {
                i: n.replace("\x1f", "::") for i, n in db.execute("SELECT id, name FROM decks")
            }
        else:
            models, deck_json = db.execute("SELECT models, decks FROM col").fetchone()
            notetypes = _notetypes_legacy(json.loads(models))
            decks = {int(i): str(d["name"]) for i, d in json.loads(deck_json).items()}
        notes: list[_Note] = []
        ids: dict[int, int] = {}
        for note_id, mid, note_tags, flds in db.execute(
            "SELECT id, mid, tags, flds FROM notes ORDER BY id"
        ):
            ids[note_id] = len(notes)
            notes.append(_Note(mid, str(note_tags), str(flds).split("\x1f")))
        ords: dict[int, set[int]] = defaultdict(set)
        card_decks: dict[int, int] = {}
        card_notes: dict[int, tuple[int, int]] = {}
        for cid, nid, ord_, did in db.execute(
            "SELECT id, nid, ord, did FROM cards ORDER BY ord, id"
        ):
            if nid in ids:
                ords[ids[nid]].add(ord_)
                card_decks.setdefault(ids[nid], did)
                card_notes[cid] = (ids[nid], ord_)
    return _Collection(notetypes, decks, notes, ords, card_decks, card_notes)


def _history(database: Path, card_notes: dict[int, tuple[int, int]]) -> tuple[list[Any], int]:
    """The review log (revlog) as (note number, card ord, ImportedReview fields), oldest first,
    and how many entries were left out."""
    uri = f"{database.as_uri()}?mode=ro&immutable=1"
    kept, skipped = [], 0
    with closing(sqlite3.connect(uri, uri=True)) as db:
        rows = db.execute("SELECT id, cid, ease, type, factor, time FROM revlog ORDER BY id")
        for revlog_id, cid, ease, kind, factor, duration in rows:
            if not is_graded(ease, kind, factor) or cid not in card_notes:
                skipped += 1
                continue
            kept.append((*card_notes[cid], revlog_id, ease, duration))
    return kept, skipped


def parse(path: Path, *, with_history: bool = False) -> Imported:
    """The notes of the package; `with_history` also brings its review log (see anki.py)."""
    with tempfile.TemporaryDirectory(prefix="crmcards-import-") as folder:
        database = _unpack(path, Path(folder))
        try:
            collection = _read(database)
            history, left_out = (
                _history(database, collection.card_notes) if with_history else ([], 0)
            )
        except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError) as error:
            raise input_error(path, Said.of("apkg_damaged", error=error)) from None
    result = Imported("anki")
    result.history = [
        ImportedReview(
            where=f"note {number + 1}",
            ord=ord_,
            source_id=f"anki-revlog:{revlog_id}",
            at=datetime.fromtimestamp(revlog_id / 1000, UTC),
            rating=RAW_RATING[ease],
            duration_ms=duration if duration > 0 else None,
        )
        for number, ord_, revlog_id, ease, duration in history
    ]
    result.history_skipped = left_out
    deck_names = {n: collection.decks.get(d, "") for n, d in collection.card_decks.items()}
    several = len(set(deck_names.values())) > 1
    for number, note in enumerate(collection.notes):
        where = f"note {number + 1}"
        notetype = collection.notetypes.get(note.notetype_id)
        if notetype is None:
            result.skipped.append(Skipped(where, Said.of("skip_no_note_type")))
            continue
        deck = deck_names.get(number, "")
        note_tags = tags(note.tags) + ((deck,) if several and deck else ())
        reverse = notetype.templates > 1 and any(o > 0 for o in collection.card_ords[number])
        texts = field_texts(note.fields, html=True)
        result.cards.append(
            note_card(notetype, texts, where=where, note_tags=note_tags, reverse=reverse)
        )
    result.title = deck_title(set(deck_names.values()) - {""})
    return result
