"""The `crmcards` command. Heavy modules (Textual, the database) are imported inside the commands
that need them, so `lint`, `cards` and `--help` start quickly."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from crmcards import __version__
from crmcards.errors import CrmcardsError

app = typer.Typer(
    name="crmcards",
    help="Spaced-repetition flashcards for the CRM course. Without a command: open the study app.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home",
        help="Data folder (default: $CRMCARDS_HOME or the user data folder).",
        show_default=False,
    ),
]
DecksOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--decks",
        help="Extra folder with deck files (may be given several times).",
        show_default=False,
    ),
]
DeckNames = Annotated[
    list[str] | None,
    typer.Argument(help="Deck ids or titles (default: all decks).", show_default=False),
]


def _version(value: bool) -> None:
    if value:
        print(f"crmcards {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    home: HomeOption = None,
    decks: DecksOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    from crmcards.services.workspace import Workspace

    ctx.obj = Workspace.resolve(home, decks or ())
    if ctx.invoked_subcommand is None:
        _open_tui(ctx.obj, review=None)


def _open_tui(workspace: Any, review: list[str] | None) -> None:
    from crmcards.tui.app import CrmcardsApp

    library = workspace.library
    decks = None if review is None else library.select(review)
    workspace.store  # noqa: B018 - open (and migrate) the database before the screen appears
    CrmcardsApp(workspace, review_decks=decks).run()


@app.command()
def review(ctx: typer.Context, deck: DeckNames = None) -> None:
    """Start a review session right away (all due decks, or the decks named)."""
    _open_tui(ctx.obj, review=deck or [])


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

    workspace = ctx.obj
    folders = paths or [p for p in workspace.deck_dirs if p.is_dir()]
    files = deck_files(folders)
    if not files:
        raise CrmcardsError(f"no deck files (*.yaml) in {', '.join(str(p) for p in folders)}")
    decks, problems = check_files(files)
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"{len(problems)} problem(s) in {len({p.path for p in problems})} of "
            f"{len(files)} deck file(s)",
            file=sys.stderr,
        )
        raise typer.Exit(1)
    items = sum(len(workspace_items) for workspace_items in map(_items_of, decks))
    print(
        f"{len(decks)} deck(s), {sum(len(d.notes) for d in decks)} cards, {items} review items: "
        "no problems"
    )


def _items_of(deck: Any) -> list[Any]:
    from crmcards.decks.items import expand

    return expand(deck)


@app.command()
def cards(
    ctx: typer.Context,
    deck: DeckNames = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
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
def status(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Per deck and in total: review items, new, due now and reviews logged."""
    from crmcards.services.session import utc_now
    from crmcards.services.status import status as compute_status

    workspace = ctx.obj
    result = compute_status(workspace.library, workspace.store, utc_now())
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("deck", "items", "new", "due", "reviews", title="crmcards status")
    for deck in result.decks:
        table.add_row(deck.title, *(str(v) for v in vars(deck.counts).values()))
    table.add_section()
    table.add_row("total", *(str(v) for v in vars(result.total).values()), style="bold")
    Console().print(table)


def run() -> None:
    """Entry point: user errors become one clear message on stderr and a non-zero exit."""
    try:
        app()
    except CrmcardsError as error:
        print(f"crmcards: {error.message}", file=sys.stderr)
        for line in error.details:
            print(line, file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
