"""Looking after the database: `backup`, `restore` and `gc`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmcards.cli.app import app, confirm
from crmcards.messages import say

YesFlag = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


@app.command()
def backup(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write the copy (default: the backups folder in the data folder).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Copy the database (safe while a review session is running)."""
    from crmcards.services.backups import backup as make_backup
    from crmcards.services.backups import numbered_backup

    workspace = ctx.obj
    written = (
        make_backup(workspace.open_store(), output, workspace.home)
        if output
        else numbered_backup(workspace.open_store(), workspace.home, workspace.clock())
    )
    print(say("backup_written", workspace.language, path=written))


@app.command()
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by crmcards.")],
    yes: YesFlag = False,
) -> None:
    """Replace the database with a backup; the current database is kept aside."""
    from crmcards.services.backups import restore as restore_backup
    from crmcards.store.database import check_database_file

    workspace = ctx.obj
    check_database_file(file)
    if not yes:
        confirm(say("restore_confirm", workspace.language, path=file), workspace.language)
    aside = restore_backup(workspace.home, file, workspace.clock().astimezone())
    if aside:
        print(say("restored_kept", workspace.language, path=file, aside=aside))
    else:
        print(say("restored", workspace.language, path=file))


@app.command()
def gc(ctx: typer.Context, yes: YesFlag = False) -> None:
    """Delete the review history of cards that are in no deck any more (asks first)."""
    workspace = ctx.obj
    language = workspace.language
    orphans = workspace.orphaned()
    if not orphans:
        print(say("gc_none", language))
        return
    print(say("gc_found", language, n=len(orphans)))
    for item_id in orphans[:20]:
        print(f"  {item_id}")
    if len(orphans) > 20:
        print(say("gc_more", language, n=len(orphans) - 20))
    print(say("gc_decks_hint", language))
    if not yes:
        confirm(say("gc_confirm", language), language)
    deleted = workspace.open_store().forget(orphans)
    print(say("gc_deleted", language, n=len(orphans), ratings=deleted))
