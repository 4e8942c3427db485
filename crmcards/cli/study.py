"""Studying: the app's home screen and `crmcards review`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crmcards.cli.app import DeckNames, app

if TYPE_CHECKING:
    from crmcards.services.session_request import SessionRequest
    from crmcards.services.workspace import Workspace


def open_app(workspace: Workspace, request: SessionRequest | None = None) -> None:
    """Open the study app: on its home screen, or straight into the session `request` asks for."""
    from crmcards.tui.app import CrmcardsApp

    workspace.on_skipped = None  # the app shows broken decks in a banner, not on stderr
    app = CrmcardsApp(workspace, start=request)
    app.run()
    if app.failure is not None:  # e.g. a damaged database, found once the app was open
        raise app.failure


@app.command()
def review(
    ctx: typer.Context,
    deck: DeckNames = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only cards with this tag.")] = None,
    cram: Annotated[
        bool,
        typer.Option(
            "--cram",
            help="Cram before an exam: go through every card of the selection "
            "without changing its schedule.",
        ),
    ] = False,
    typed: Annotated[
        bool, typer.Option("--type", help="Type the answer of short cards before seeing it.")
    ] = False,
) -> None:
    """Start a review session right away (all decks, or the decks named)."""
    from crmcards.services.session_request import SessionRequest

    workspace: Workspace = ctx.obj
    decks = workspace.library.select(deck or [])
    open_app(workspace, SessionRequest(decks=decks, tag=tag, cram=cram, typed=typed))
