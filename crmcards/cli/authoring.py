"""For teachers writing decks: `lint`, `cards` and `schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmcards.cli.app import DeckNames, ForceFlag, JsonFlag, app
from crmcards.errors import CrmcardsError

if TYPE_CHECKING:
    from crmcards.decks.model import Deck
    from crmcards.services.card_changes import ChangedCard
    from crmcards.services.workspace import Workspace


@app.command()
def lint(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Deck files or folders (default: every known deck).", show_default=False
        ),
    ] = None,
) -> None:
    """Check deck files; every problem is printed as FILE:LINE:COL: message."""
    from crmcards.decks.catalog import check_files, deck_files
    from crmcards.decks.items import expand

    folders = paths or [p for p in ctx.obj.deck_dirs if p.is_dir()]
    files = deck_files(folders)
    if not files:
        raise CrmcardsError(f"no deck files (*.yaml) in {', '.join(str(p) for p in folders)}")
    decks, problems = check_files(files)
    for problem in problems:
        print(problem)
    if problems:
        files_with_problems = len({p.path for p in problems})
        print(
            f"{len(problems)} problem(s) in {files_with_problems} of {len(files)} deck file(s)",
            file=sys.stderr,
        )
        raise typer.Exit(1)
    warnings = _changed_cards(ctx.obj, decks)
    for warning in warnings:
        print(warning)
    items = sum(len(expand(deck)) for deck in decks)
    cards = sum(len(deck.notes) for deck in decks)
    verdict = f"no errors, {len(warnings)} warning(s)" if warnings else "no problems"
    print(f"{len(decks)} deck(s), {cards} cards, {items} review items: {verdict}")


def _changed_cards(workspace: Workspace, decks: list[Deck]) -> list[ChangedCard]:
    """Warnings for cards reused for other content; only when a study history exists."""
    if not workspace.has_database:
        return []
    from crmcards.services.card_changes import changed_cards

    return changed_cards(decks, workspace.open_store())


@app.command()
def cards(ctx: typer.Context, deck: DeckNames = None, as_json: JsonFlag = False) -> None:
    """List the review items: id, deck, note, kind, prompt and answer."""
    from crmcards.decks.content import card_for
    from crmcards.decks.plaintext import blocks_text

    library = ctx.obj.library
    rows = []
    for item in library.items(library.select(deck or [])):
        card = card_for(item)
        rows.append(
            {
                "id": item.id,
                "deck": item.deck.id,
                "note": item.note.id,
                "kind": item.kind,
                "prompt": blocks_text(card.prompt),
                "answer": blocks_text(card.answer),
            }
        )
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        first_line = row["prompt"].splitlines()[0]
        print(f"{row['id']:<60} {row['kind']:<10} {first_line}")


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write it to this file (default: print it).", show_default=False
        ),
    ] = None,
    force: ForceFlag = False,
) -> None:
    """The deck format as JSON Schema (draft 2020-12), for editors (see docs/deck-format.md)."""
    from crmcards.services.authoring import schema_text, write_schema

    if output is None:
        sys.stdout.write(schema_text())
        return
    write_schema(output, force=force)
    print(f"{output}: the deck format's JSON Schema")
