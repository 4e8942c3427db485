"""The class hub: `crmcards class init|add-student|join|remove-student|optimize` and `sync`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmcards.cli.app import CommandGroup, JsonFlag, answered_yes, app
from crmcards.messages import say

if TYPE_CHECKING:
    from crmcards.services.sync import SyncResult

class_app = typer.Typer(
    cls=CommandGroup,
    name="class",
    help="The class hub: one PostgreSQL database for a class (teachers and students).",
    no_args_is_help=True,
)
app.add_typer(class_app)

AdminUrl = Annotated[
    str,
    typer.Argument(
        metavar="ADMIN_URL",
        help="postgresql://USER:PASSWORD@HOST:PORT/DATABASE of the class, as its owner.",
        show_default=False,
    ),
]


def _language(ctx: typer.Context) -> str:
    language: str = ctx.obj.settings.language
    return language


@class_app.command("init")
def init(ctx: typer.Context, admin_url: AdminUrl) -> None:
    """Set up the class database: schema, roles, row-level security (safe to run again)."""
    from crmcards.services.class_admin import init_class

    class_id = init_class(admin_url, _language(ctx))
    print(say("class_ready", _language(ctx), id=class_id))


@class_app.command("add-student")
def add_student(
    ctx: typer.Context,
    admin_url: AdminUrl,
    name: Annotated[str, typer.Argument(help="The student's name as the teacher reads it.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the student's join file.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """A login for a student (random password) and their join file (readable only by you)."""
    from crmcards.services.class_admin import add_student as add

    add(admin_url, name, output, _language(ctx), force=force)
    print(say("class_join_written", _language(ctx), name=name, path=output))


@class_app.command("remove-student")
def remove_student(
    ctx: typer.Context,
    admin_url: AdminUrl,
    name: Annotated[str, typer.Argument(help="The student's name.")],
    delete_rows: Annotated[
        bool | None,
        typer.Option(
            "--delete-reviews/--keep-reviews",
            help="Also delete the student's reviews (asked when not given).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Remove a student's login; their reviews are kept in the class view or deleted."""
    from crmcards.services.class_admin import remove_student as remove

    language = _language(ctx)
    if delete_rows is None:
        delete_rows = answered_yes(say("class_delete_reviews", language, name=name), language)
    deleted = remove(admin_url, name, language, delete_rows=delete_rows)
    what = (
        say("class_reviews_deleted", language, n=deleted)
        if delete_rows
        else say("class_reviews_kept", language)
    )
    print(say("class_removed", language, name=name, what=what))


@class_app.command("optimize")
def optimize(ctx: typer.Context, admin_url: AdminUrl, as_json: JsonFlag = False) -> None:
    """Fit FSRS parameters on the whole class's reviews (students' syncs take them)."""
    from crmcards.services.class_admin import optimize_class

    fit = optimize_class(admin_url, _language(ctx))
    if as_json:
        print(fit.as_json())
    else:
        print(say("class_fitted", _language(ctx), n=fit.examples))


@class_app.command("join")
def join(
    ctx: typer.Context,
    join_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The join file from your teacher.")
    ],
) -> None:
    """Join your class with the file your teacher gave you, then sync."""
    from crmcards.services.hub_text import hub_message
    from crmcards.services.sync import join as join_class
    from crmcards.services.sync import sync as sync_now

    workspace = ctx.obj
    membership = join_class(workspace.open_store(), workspace.home, join_file, _language(ctx))
    print(hub_message("joined", _language(ctx), student=membership.student))
    result = sync_now(workspace.open_store(), workspace.home, workspace.planner(), _language(ctx))
    print(_result_line(result, _language(ctx)))


def _result_line(result: SyncResult, language: str) -> str:
    from crmcards.services.hub_text import hub_message

    return hub_message("synced", language, sent=result.sent, received=result.received)


@app.command()
def sync(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Send your ratings to your class and bring those of your other devices."""
    from crmcards.services.sync import sync as sync_now

    workspace = ctx.obj
    result = sync_now(workspace.open_store(), workspace.home, workspace.planner(), _language(ctx))
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(_result_line(result, _language(ctx)))
