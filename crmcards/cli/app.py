"""The Typer application and the options every command shares.

Command modules (study, authoring, progress, ...) register themselves on `app`; heavy modules
(Textual, the database) are imported inside the commands that need them, so `lint`, `cards` and
`--help` start quickly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer._click as click  # the click typer bundles: the types its classes hook into
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer.core import TyperArgument, TyperGroup, TyperOption

from crmcards import __version__, collector
from crmcards.errors import CrmcardsError
from crmcards.messages import DEFAULT_LANGUAGE, Said, say

if TYPE_CHECKING:
    from crmcards.decks.loader import FileProblem
    from crmcards.services.workspace import Workspace

# What a student needs first, then keeping the data, then writing decks, then the class hub.
COMMAND_ORDER = (
    "review",
    "status",
    "report",
    "plan",
    "flags",
    "sync",
    "backup",
    "restore",
    "optimize",
    "evaluate",
    "gc",
    "import",
    "export",
    "lint",
    "preview",
    "cards",
    "new",
    "schema",
    "class",
)

# The commands that open the study app (None: no command, the home screen): the app ends the
# start's time without the cycle collector once its first screen is drawn (crmcards.collector).
OPEN_THE_APP = (None, "review")

_VALUE = {"str": "TEXT", "Path": "PATH", "int": "NUMBER", "float": "NUMBER"}


def _plain_help(command: click.Command, ctx: click.Context) -> None:
    """Typer writes every parameter's Python type in the help (`--cram <bool>`, `deck...
    <list[str]>`): flags get no value placeholder, options the classic click one (PATH, TEXT),
    arguments their name only. Done as a command is looked up, so also for its own --help."""
    for param in command.get_params(ctx):
        if isinstance(param, TyperOption) and param.metavar is None:
            param.metavar = "" if param.is_flag or param.count else _VALUE[param.bare_type()]
        elif isinstance(param, TyperArgument):
            param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]


@dataclass(frozen=True)
class _CoercedWhenGiven(RuntimeParam):
    """Typer's own coercion of a parameter's value, built only once a value is given: Typer
    builds a pydantic TypeAdapter for every parameter it processes, left out or not, and
    pydantic's import costs a fifth of a second of every command (`--home` and `--decks` are
    processed for all of them). A value left out becomes () or None before this is asked."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: click.Context) -> Any:
        return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def _coerce_when_given(command: click.Command, ctx: click.Context) -> None:
    for param in command.get_params(ctx):
        if isinstance(param, TyperOption | TyperArgument) and param._runtime_param is None:
            descriptor = param.type_descriptor
            param._runtime_param = _CoercedWhenGiven(
                descriptor.parameter_info, descriptor.annotation, descriptor
            )


class CommandGroup(TyperGroup):
    """The `crmcards` command: its commands in COMMAND_ORDER, help without Python types, values
    coerced only when given."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _coerce_when_given(self, ctx)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: COMMAND_ORDER.index(n) if n in COMMAND_ORDER else 99)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _plain_help(command, ctx)
            _coerce_when_given(command, ctx)
        return command

    def format_help(self, ctx: click.Context, formatter: Any) -> None:
        _plain_help(self, ctx)
        super().format_help(ctx, formatter)


app = typer.Typer(
    cls=CommandGroup,
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
        metavar="FOLDER",
        help="Data folder (default: $CRMCARDS_HOME or the user data folder).",
        show_default=False,
    ),
]
DecksOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--decks",
        metavar="FOLDER",
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
        raise CrmcardsError(Said.of("exam_date_not_a_date", text=text)) from None
    if exam <= today:
        raise CrmcardsError(
            Said.of("exam_date_not_after_today", text=text, today=today.isoformat())
        )
    return exam


YES = ("j", "ja", "y", "yes")  # either language's yes is understood


def answered_yes(question: str, language: str) -> bool:
    """Whether the user answers yes to `question` [j/N] (no terminal to answer on: no)."""
    try:
        answer = input(say("ask", language, question=question))
    except (EOFError, OSError):
        answer = ""
    return answer.strip().lower() in YES


def confirm(question: str, language: str) -> None:
    """Go on only if the student answers yes; anything else (or no terminal to answer on) stops
    with exit 1 and nothing changed."""
    if not answered_yes(question, language):
        raise CrmcardsError(Said.of("not_confirmed"))


def no_such_tag(tag: str, known: Sequence[str]) -> Said:
    return Said.of("no_such_tag", tag=tag, known=", ".join(known) or Said.of("none"))


def _version(value: bool) -> None:
    if value:
        print(f"crmcards {__version__}")
        raise typer.Exit()


class Shown:
    """The language the command line speaks: the settings' once they are read (an error met
    before that, e.g. in config.toml itself, is told in the default language)."""

    language = DEFAULT_LANGUAGE


def _warn_skipped(workspace: Workspace) -> Callable[[FileProblem], None]:
    """One warning line on stderr per deck file that does not load, in the UI language."""

    def warn(problem: FileProblem) -> None:
        language = workspace.language
        print(say("deck_skipped", language, problem=problem.text(language)), file=sys.stderr)

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

    ctx.obj = ctx.with_resource(api.open(home=home, decks=decks or ()))
    Shown.language = ctx.obj.settings.language  # a wrong config.toml: one error, every command
    utc_now()  # a malformed CRMCARDS_NOW is one clear error before anything starts
    ctx.obj.on_skipped = _warn_skipped(ctx.obj)
    if ctx.invoked_subcommand not in OPEN_THE_APP:  # the app says so once its screen is drawn
        collector.started()
    if ctx.invoked_subcommand is None:
        from crmcards.tui.launch import open_app

        open_app(ctx.obj)
