"""Where a student stands: `status`."""

from __future__ import annotations

import json

import typer

from crmcards.cli.app import JsonFlag, app


@app.command()
def status(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Per deck and in total: review items, new, due now and reviews logged."""
    from crmcards.scheduling.planner import Planner
    from crmcards.services.session import utc_now
    from crmcards.services.status import status as compute_status

    workspace = ctx.obj
    planner = Planner(workspace.settings.desired_retention)
    result = compute_status(workspace.library, workspace.store, planner, utc_now())
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("deck", "items", "new", "due", "reviews", "mastered", title="crmcards status")
    for deck in result.decks:
        table.add_row(deck.title, *(str(v) for v in vars(deck.counts).values()))
    table.add_section()
    table.add_row("total", *(str(v) for v in vars(result.total).values()), style="bold")
    console = Console()
    console.print(table)
    if result.orphaned:
        console.print(
            f"{result.orphaned} item(s) have review history but their card is in no deck "
            "(orphaned). Their history is kept; `crmcards gc` deletes it after asking."
        )
