"""Anki's "Notes in Plain Text" export: `#key:value` header lines (`#separator:tab`,
`#html:true`, `#notetype column:2`, `#deck column:3`, `#tags column:6`, ...) over delimited rows
whose fields are quoted where they hold the separator, quotes or line breaks."""

from __future__ import annotations

from pathlib import Path

from crmcards.messages import Said
from crmcards.services.imports.anki import Notetype, deck_title, field_texts, note_card, tags
from crmcards.services.imports.csvfile import read_rows
from crmcards.services.imports.imported import Imported, Skipped, input_error
from crmcards.services.imports.quizlet import separator

HEADER_KEYS = ("separator", "html", "tags", "notetype", "deck", "guid", "columns", "if matches")


def _header_key(line: str) -> str | None:
    """'tags column' for '#tags column:6'; None when `line` is no Anki header."""
    key, colon, _ = line[1:].partition(":")
    key = key.strip().lower()
    known = line.startswith("#") and colon and key.removesuffix(" column") in HEADER_KEYS
    return key if known else None


def is_anki_text(text: str) -> bool:
    return _header_key(text.lstrip().split("\n", 1)[0]) is not None


def parse(path: Path, text: str) -> Imported:
    result = Imported("anki-text")
    lines = text.split("\n")
    headers: dict[str, str] = {}
    body_start = 0
    for number, line in enumerate(lines):
        if not line.startswith("#"):
            break
        key = _header_key(line)
        if key is not None:
            headers[key] = line.partition(":")[2].strip()
        else:
            result.skipped.append(Skipped(str(number + 1), Said.of("skip_unknown_header"), line))
        body_start = number + 1
    delimiter = separator(headers.get("separator", "tab"))
    html = headers.get("html", "false").lower() == "true"
    columns: dict[str, int] = {}
    for key in ("guid", "notetype", "deck", "tags"):
        value = headers.get(f"{key} column")
        if value is not None:
            if not value.isdigit() or int(value) < 1:
                raise input_error(path, f"'#{key} column:{value}' must name a column number")
            columns[key] = int(value) - 1
    body = "\n" * body_start + "\n".join(lines[body_start:])
    decks = set()
    for line_number, row in read_rows(path, body, delimiter):
        special = {key: row[n] if n < len(row) else "" for key, n in columns.items()}
        values = [cell for n, cell in enumerate(row) if n not in columns.values()]
        notetype_name = special.get("notetype") or headers.get("notetype", "")
        notetype = Notetype(notetype_name, cloze=notetype_name.lower().startswith("cloze"))
        texts = field_texts(values, html)
        lowered = notetype_name.lower()
        optional = "optional" in lowered
        reverse = "reverse" in lowered and (not optional or (len(texts) > 2 and bool(texts[2])))
        note_tags = tags(special.get("tags", "") + " " + headers.get("tags", ""))
        decks.add(special.get("deck") or headers.get("deck", ""))
        result.cards.append(
            note_card(notetype, texts, where=str(line_number), note_tags=note_tags, reverse=reverse)
        )
    result.title = deck_title(decks - {""})
    return result
