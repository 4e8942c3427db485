"""The Typer application and the options every command shares.

Command modules (study, authoring, progress, ...) register themselves on `app`; heavy modules
(Textual, the database) are imported inside the commands that need them, so `lint`, `cards` and
`--help` start quickly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmcards import __version__
from crmcards.errors import CrmcardsError

if TYPE_CHECKING:
    from crmcards.decks.loader import FileProblem
    from crmcards.services.workspace import Workspace

app = typer.Typer(
    name="crmcards",
    help="Spaced-repetition flashcards for the CRM course. Without a command: open the study app.",
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
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ForceFlag = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
ExamDateOption = Annotated[
    str | None,
    typer.Option(
        "--exam-date",
        metavar="YYYY-MM-DD",
        help="Study toward an exam on this day (default: 'exam_date' in the settings).",
        show_default=False,
    ),
]


def parse_exam_date(text: str, today: date) -> date:
    """An --exam-date value: a date after today."""
    try:
        exam = date.fromisoformat(text)
    except ValueError:
        raise CrmcardsError(f"--exam-date: '{text}' is not a date written YYYY-MM-DD") from None
    if exam <= today:
        raise CrmcardsError(f"--exam-date: {text} is not after today ({today.isoformat()})")
    return exam


def _version(value: bool) -> None:
    if value:
        print(f"crmcards {__version__}")
        raise typer.Exit()


SKIPPED_WARNING = {
    "nl": "crmcards: waarschuwing: {problem} (deck overgeslagen; `crmcards lint` toont alles)",
    "en": "crmcards: warning: {problem} (deck skipped; `crmcards lint` shows everything)",
}


def _warn_skipped(workspace: Workspace) -> Callable[[FileProblem], None]:
    """One warning line on stderr per deck file that does not load, in the UI language."""

    def warn(problem: FileProblem) -> None:
        template = SKIPPED_WARNING.get(workspace.settings.language, SKIPPED_WARNING["en"])
        print(template.format(problem=problem), file=sys.stderr)

    return warn


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
    from crmcards import api
    from crmcards.services.clock import utc_now

    utc_now()  # a malformed CRMCARDS_NOW is one clear error before anything starts
    ctx.obj = ctx.with_resource(api.open(home=home, decks=decks or ()))
    ctx.obj.settings  # noqa: B018 - a wrong config.toml is one clear error in every command
    ctx.obj.on_skipped = _warn_skipped(ctx.obj)
    if ctx.invoked_subcommand is None:
        from crmcards.tui.launch import open_app

        open_app(ctx.obj)
