"""`crmcards export --format apkg`: an Anki package with one note per review item.

genanki writes the Anki schema. Each note's GUID is derived from its item id, so importing a
later export into Anki updates the notes instead of adding them again; the item id is also kept
in the note's `Item` field. With progress, each card gets the item's schedule and its review log,
the student's 1–5 ratings mapped to Anki's four buttons through the ratings table.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import genanki  # type: ignore[import-untyped]

from crmcards.decks.blocks import Paragraph, Span
from crmcards.decks.blocks_html import blocks_html
from crmcards.decks.content import item_view
from crmcards.decks.items import Item, expand
from crmcards.decks.model import Deck
from crmcards.schedule import Schedule
from crmcards.scheduling.ratings import RATINGS, to_fsrs
from crmcards.services.exports.ankimodel import MODEL_FIELDS, MODEL_ID, MODEL_NAME
from crmcards.services.output_file import replacing
from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog
from crmcards.store.transfer import review_history

# Anki's buttons are numbered as FSRS numbers its ratings: 1 Again, 2 Hard, 3 Good, 4 Easy.
ANKI_BUTTON = {rating: int(to_fsrs(rating)) for rating in RATINGS}
ANKI_CARD_TYPE = {1: 1, 2: 2, 3: 3}  # fsrs.State -> Anki card type (learning, review, relearning)
ANKI_REVIEW_KIND = {None: 0, 1: 0, 2: 1, 3: 2}  # state before a review -> revlog type
DAY = 86_400

CSS = """\
.card { font-family: sans-serif; font-size: 20px; line-height: 1.5; text-align: left; }
.gap { color: #1565c0; font-weight: bold; }
.answer { color: #2e7d32; font-weight: bold; }
.muted { color: #888; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 2px 8px; }
.extra { margin-top: 1em; color: #555; font-size: 85%; }
"""
MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": name} for name in MODEL_FIELDS],
    templates=[
        {
            "name": "crmcards",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"
            '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}',
        }
    ],
    css=CSS,
)


@dataclass(frozen=True)
class Progress:
    """A student's review log and the current schedule of the exported items."""

    logs: list[ReviewLog]
    states: dict[str, Schedule]


@dataclass(frozen=True)
class ApkgExport:
    path: Path
    decks: int
    notes: int
    reviews: int


def load_progress(store: Store, decks: Sequence[Deck]) -> Progress:
    item_ids = [item.id for deck in decks for item in expand(deck)]
    return Progress(review_history(store, [d.id for d in decks]), store.states(item_ids))


def anki_deck_id(deck_id: str) -> int:
    """A stable Anki deck id for a crmcards deck."""
    digest = hashlib.sha256(f"crmcards deck {deck_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4]) % (1 << 30)


def _note(item: Item) -> genanki.Note:
    card = item_view(item)
    extra = blocks_html((Paragraph((Span(card.extra),)),)) if card.extra else ""
    tags = dict.fromkeys(t.replace(" ", "_") for t in (*item.deck.tags, *item.note.tags))
    return genanki.Note(
        model=MODEL,
        fields=[blocks_html(card.prompt), blocks_html(card.answer), extra, item.id],
        guid=genanki.guid_for(item.id),
        tags=list(tags),
    )


def _interval(schedule: Schedule) -> int:
    """Anki's interval: days for a review card, negative seconds while learning."""
    if schedule.last_review is None:
        return 0
    seconds = int((schedule.due - schedule.last_review).total_seconds())
    return max(1, round(seconds / DAY)) if schedule.state == 2 else -max(0, seconds)


def _schedule_cards(
    db: sqlite3.Connection, states: dict[str, Schedule], cards: dict[str, int]
) -> None:
    """Give each card (item id -> card id) the schedule its item has in crmcards."""
    created, conf = db.execute("SELECT crt, conf FROM col").fetchone()
    # genanki leaves the v1 scheduler set, whose learning buttons Anki would shift on import
    db.execute("UPDATE col SET conf = ?", (json.dumps({**json.loads(conf), "schedVer": 2}),))
    for item_id, state in states.items():
        if item_id not in cards:
            continue
        learning = state.state != 2
        due = int(state.due.timestamp())
        memory = {"s": state.stability, "d": state.difficulty} if state.stability else {}
        db.execute(
            "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = 2500, reps = ?, "
            "lapses = ?, data = ? WHERE id = ?",
            (
                ANKI_CARD_TYPE[state.state],
                1 if learning else 2,
                due if learning else (due - created) // DAY,  # review cards: collection days
                max(0, _interval(state)),
                state.reps,
                state.lapses,
                json.dumps(memory) if memory else "",
                cards[item_id],
            ),
        )


def _review_rows(progress: Progress, cards: dict[str, int]) -> list[tuple[int, ...]]:
    """Anki review log rows for the ratings of the items in `cards`."""
    per_item: dict[str, list[ReviewLog]] = defaultdict(list)
    for log in progress.logs:
        if log.item_id in cards:
            per_item[log.item_id].append(log)
    used: set[int] = set()
    rows: list[tuple[int, ...]] = []
    for item_id, logs in per_item.items():
        # the schedule after each rating is the one stored before the next rating
        after = [*(log.schedule_before for log in logs[1:]), progress.states.get(item_id)]
        last_interval = 0
        for log, schedule in zip(logs, after, strict=True):
            review_id = int(log.reviewed_at.timestamp() * 1000)
            while review_id in used:
                review_id += 1
            used.add(review_id)
            before = log.schedule_before
            interval = 0 if schedule is None else _interval(schedule)
            kind = ANKI_REVIEW_KIND[None if before is None else before.state]
            button = ANKI_BUTTON[log.rating]
            time_ms = max(0, log.duration_ms or 0)
            rows.append(
                (review_id, cards[item_id], -1, button, interval, last_interval, 0, time_ms, kind)
            )
            last_interval = interval
    return rows


def export_apkg(
    decks: Sequence[Deck],
    out: Path,
    *,
    now: datetime,
    force: bool = False,
    progress: Progress | None = None,
) -> ApkgExport:
    """Write `decks` to the Anki package `out`, each deck as the Anki deck `crmcards::Title`."""
    anki_decks = []
    guids: dict[str, str] = {}
    for deck in decks:
        anki_deck = genanki.Deck(anki_deck_id(deck.id), f"crmcards::{deck.title}")
        for item in expand(deck):
            note = _note(item)
            guids[note.guid] = item.id
            anki_deck.add_note(note)
        anki_decks.append(anki_deck)
    timestamp = now.timestamp()
    reviews = 0
    with replacing(out, force=force) as temporary, tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        with closing(sqlite3.connect(database)) as db:
            genanki.Package(anki_decks).write_to_db(
                db.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            if progress is not None:
                cards = {
                    guids[guid]: card_id
                    for card_id, guid in db.execute(
                        "SELECT cards.id, notes.guid FROM cards JOIN notes ON notes.id = cards.nid"
                    )
                }
                _schedule_cards(db, progress.states, cards)
                rows = _review_rows(progress, cards)
                db.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                reviews = len(rows)
            db.commit()
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    return ApkgExport(out, len(anki_decks), len(guids), reviews)
