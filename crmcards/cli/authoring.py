"""For teachers writing decks: `new`, `lint`, `preview`, `cards` and `schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmcards.cli.app import DeckNames, ForceFlag, JsonFlag, app, no_such_tag
from crmcards.errors import CrmcardsError
from crmcards.messages import Said, say

if TYPE_CHECKING:
    from crmcards.decks.loader import FileProblem
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
    watch: Annotated[
        bool, typer.Option("--watch", help="Check again every time a deck file is saved.")
    ] = False,
) -> None:
    """Check deck files; every problem is printed as FILE:LINE:COL: message."""
    folders = paths or [p for p in ctx.obj.deck_dirs if p.is_dir()]
    ok = _lint(ctx.obj, folders)
    if not watch:
        if not ok:
            raise typer.Exit(1)
        return
    import time

    from crmcards.services.deck_watch import saves

    language = ctx.obj.language
    print(say("lint_watching", language), file=sys.stderr)
    try:
        for changed in saves(folders, time.sleep):
            names = ", ".join(p.name for p in changed)
            print("\n" + say("lint_saved", language, time=time.strftime("%H:%M:%S"), names=names))
            try:
                _lint(ctx.obj, folders)
            except CrmcardsError as error:  # e.g. the last deck file was removed
                print(error.shown(language))
    except KeyboardInterrupt:
        print(say("lint_stopped", language), file=sys.stderr)


def _lint(workspace: Workspace, folders: list[Path]) -> bool:
    """Check the deck files in `folders` and print the result; whether they are all fine.

    With the cycle collector off, as while the library loads: 25,000 cards make a million
    objects, which its collections would walk again and again while they are built and while
    the changed-card check imports the database (half the time of the whole check)."""
    from crmcards.collector import collector_paused

    with collector_paused():
        return _check_and_tell(workspace, folders)


def _check_and_tell(workspace: Workspace, folders: list[Path]) -> bool:
    from crmcards.decks.catalog import check_files, deck_files
    from crmcards.decks.controls import control_characters
    from crmcards.decks.items import item_count

    language = workspace.language
    files = deck_files(folders)
    if not files:
        raise CrmcardsError(Said.of("lint_no_files", folders=", ".join(map(str, folders))))
    decks, problems = check_files(files)
    for problem in problems:
        print(problem.text(language))
    if problems:
        bad = len({p.path for p in problems})
        tally = say("lint_problems", language, n=len(problems), bad=bad, files=len(files))
        print(tally, file=sys.stderr)
        return False
    warnings: list[FileProblem | ChangedCard] = [
        *(warning for path in files for warning in control_characters(path)),
        *_changed_cards(workspace, decks),
    ]
    for warning in warnings:
        print(warning.said.shown(language))
    verdict = Said.of("lint_warnings", n=len(warnings)) if warnings else Said.of("lint_no_problems")
    summary = Said.of(
        "lint_summary",
        decks=len(decks),
        cards=sum(len(deck.notes) for deck in decks),
        items=sum(item_count(deck) for deck in decks),
        verdict=verdict,
    )
    print(summary.shown(language))
    return True


def _changed_cards(workspace: Workspace, decks: list[Deck]) -> list[ChangedCard]:
    """Warnings for cards reused for other content; only when a study history exists."""
    if not workspace.has_database:
        return []
    from crmcards.services.card_changes import changed_cards

    return changed_cards(decks, workspace.fingerprints())


@app.command()
def cards(
    ctx: typer.Context,
    deck: DeckNames = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Only cards with these words (case and accents do not count).",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", help="Only cards with this tag.", show_default=False)
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="Only items of this kind (basic, list-item, ...).", show_default=False
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="Only cards that are new, due, learning, leech, mastered, flagged or suspended.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List the review items: id, deck, note, kind, prompt and answer."""
    from crmcards.decks.content import item_view
    from crmcards.decks.plaintext import blocks_text
    from crmcards.services.card_search import STATES, CardQuery
    from crmcards.services.card_search import search as find

    workspace: Workspace = ctx.obj
    library = workspace.library
    if state is not None and state not in STATES:
        raise CrmcardsError(Said.of("no_such_state", state=state, known=", ".join(STATES)))
    known_tags = library.tags()
    if tag is not None and tag not in known_tags:
        raise CrmcardsError(no_such_tag(tag, known_tags))
    items = library.items(library.select(deck or []))
    kinds = sorted({item.kind for item in library.items()})
    if kind is not None and kind not in kinds:
        raise CrmcardsError(Said.of("no_such_kind", kind=kind, known=", ".join(kinds)))
    query = CardQuery(text=search, tag=tag, kind=kind, state=state)
    found = find(
        items,
        query,
        # the database only for a state: lint and a plain listing start without it
        store=workspace.open_store() if state else None,
        now=workspace.clock(),
        leech_lapses=workspace.settings.leech_lapses,
    )
    rows = []
    for item in found:
        card = item_view(item)
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
    ctx: typer.Context,
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
    print(say("schema_written", ctx.obj.language, path=output))


@app.command()
def new(
    ctx: typer.Context,
    deck: Annotated[
        Path, typer.Argument(help="The deck file to write (.yaml is added).", show_default=False)
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", help="The title students see (default: from the file name)."),
    ] = None,
    force: ForceFlag = False,
) -> None:
    """Start a deck: one commented card of each kind, and the schema for your editor."""
    from crmcards.services.authoring import SCHEMA_FILE, new_deck

    language = ctx.obj.settings.language
    written = new_deck(deck, title=title, language=language, force=force)
    print(say("new_written", language, path=written, schema=SCHEMA_FILE))
    print(say("new_next", language, path=written))


@app.command()
def preview(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            help="A deck file, or FILE:CARD for one card.",
            metavar="FILE[:CARD]",
            show_default=False,
        ),
    ],
) -> None:
    """Show cards as students will see them: the question, and what the reveal adds, for the
    whole card and each item it is drilled by."""
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from crmcards.decks.content import item_view
    from crmcards.services.preview import preview_items
    from crmcards.tui.blocks import render_blocks
    from crmcards.tui.strings import STRINGS

    text = STRINGS[ctx.obj.settings.language]
    console = Console(highlight=False)
    for item in preview_items(target):
        card = item_view(item)
        revealed = [render_blocks(card.revealed_prompt), Text(""), render_blocks(card.answer)]
        if card.extra:
            revealed += [Text(""), Text.assemble((f"{text['extra']}: ", "bold"), card.extra)]
        console.print(Rule(Text(f"{item.id}  ({item.kind})"), align="left"))
        console.print(Text(text["question"], style="bold underline"))
        console.print(Padding(render_blocks(card.prompt), (0, 0, 1, 2), expand=False))
        console.print(Text(text["answer"], style="bold underline"))
        console.print(Padding(Group(*revealed), (0, 0, 1, 2), expand=False))
