"""Studying: the app's home screen and `crmcards review`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crmcards.cli.app import DeckNames, ExamDateOption, app, no_such_tag, parse_exam_date
from crmcards.errors import CrmcardsError

if TYPE_CHECKING:
    from crmcards.services.workspace import Workspace


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
    exam_date: ExamDateOption = None,
) -> None:
    """Start a review session right away (all decks, or the decks named)."""
    from crmcards.scheduling.queue import study_date
    from crmcards.services.session_request import SessionRequest
    from crmcards.tui.launch import open_app

    workspace: Workspace = ctx.obj
    decks = workspace.select(deck or [])  # their outlines: the session decodes what it shows
    if tag is not None:
        known_tags = workspace.library.tags(workspace.library.select(deck or []))
        if tag not in known_tags:
            raise CrmcardsError(no_such_tag(tag, known_tags))
    exam = parse_exam_date(exam_date, study_date(workspace.clock())) if exam_date else None
    request = SessionRequest(decks=decks, tag=tag, cram=cram, typed=typed, exam_date=exam)
    open_app(workspace, request)
