"""Feedback from students to the author: `flags`."""

from __future__ import annotations

import json

import typer

from crmcards.cli.app import JsonFlag, app
from crmcards.messages import say


@app.command()
def flags(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Cards flagged in review (key f), with their notes: item id, deck, note and time."""
    from crmcards.services.flags import flags as all_flags

    entries = all_flags(ctx.obj.open_store()) if ctx.obj.has_database else []
    if as_json:
        rows = [
            {"item": f.item, "deck": f.deck, "note": f.note, "time": f.time.isoformat()}
            for f in entries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    language = ctx.obj.language
    if not entries:
        print(say("flags_none", language))
        return
    for f in entries:
        print(f"{f.time.astimezone():%Y-%m-%d %H:%M}  {f.item}  {f.note or '-'}")
    print(say("flags_count", language, n=len(entries)))
