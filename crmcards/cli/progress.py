"""Where a student stands: `status`, and progress reports: `report`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmcards.cli.app import JsonFlag, app, parse_exam_date
from crmcards.errors import CrmcardsError
from crmcards.messages import Said, say

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from crmcards.services.workspace import Workspace


@app.command()
def status(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Per deck and in total: review items, new, to review now, overdue and reviews logged."""
    workspace: Workspace = ctx.obj
    if as_json:
        print(json.dumps(workspace.status(), ensure_ascii=False, indent=2))
        return
    result, orphans = workspace.deck_status_and_orphans()
    orphaned = len(orphans)
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    language = workspace.language
    columns = ("deck", "items", "new", "due", "overdue", "reviews", "mastered", "suspended")
    table = Table(
        *(say(f"status_{c}", language) for c in columns),
        title="crmcards status",
        show_edge=False,
        pad_edge=False,
    )
    for number_column in table.columns[1:]:
        number_column.justify = "right"
    for deck in result.decks:
        # Text, not str: a deck title is the teacher's text, never Rich markup
        table.add_row(Text(deck.title), *(str(v) for v in vars(deck.counts).values()))
    table.add_section()
    total = say("status_total", language)
    table.add_row(total, *(str(v) for v in vars(result.total).values()), style="bold")
    console = Console()
    _wrap_titles_between_words(table, console, [deck.title for deck in result.decks])
    console.print(table)
    if orphaned:
        console.print(say("status_orphaned", language, n=orphaned))


def _wrap_titles_between_words(table: Table, console: Console, titles: list[str]) -> None:
    """Keep the first column as wide as the titles' longest word when the terminal has room,
    so a narrow terminal wraps a deck's title between its words instead of cutting one."""
    from rich.measure import Measurement

    table.columns[0].min_width = max((len(w) for t in titles for w in t.split()), default=0)
    unbounded = console.options.update_width(10_000)
    if Measurement.get(console, unbounded, table).minimum > console.width:
        table.columns[0].min_width = None


@app.command()
def report(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="With --merge: students' JSON reports.",
            metavar="[REPORT.json]...",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md, html, csv or json.", metavar="FORMAT")
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (md and json may go to the terminal)."
        ),
    ] = None,
    student: Annotated[
        str | None,
        typer.Option(help="Your name or id in the report (default: 'student' in the settings)."),
    ] = None,
    exam_date: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="Readiness for an exam on this day (default: 'exam_date' in the settings).",
        ),
    ] = None,
    items: Annotated[bool, typer.Option("--items", help="CSV: a row per item.")] = False,
    students: Annotated[
        bool, typer.Option("--students", help="With --merge, CSV: a row per student.")
    ] = False,
    merge: Annotated[
        bool, typer.Option("--merge", help="Teachers: a class view of the reports given.")
    ] = False,
    class_url: Annotated[
        str | None,
        typer.Option(
            "--class",
            metavar="ADMIN_URL",
            help="Teachers: the live class view, read from the class database.",
        ),
    ] = None,
    anonymise: Annotated[
        bool,
        typer.Option(
            "--anonymise", "--anonymize", help="With --merge or --class: number the students."
        ),
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            metavar="nl|en",
            help="Language of md and html (default: 'language' in the settings).",
        ),
    ] = None,
    csv_dialect: Annotated[
        str,
        typer.Option(
            metavar="raw|excel-nl",
            help="CSV: raw (commas, decimal points) or excel-nl (semicolons, decimal commas).",
        ),
    ] = "raw",
) -> None:
    """Progress report: per deck and in total, or (--merge) a class view of students' reports."""
    from crmcards.services.report.csv import DIALECTS
    from crmcards.services.report.output import CLASS_FORMATS, FORMATS, TO_STDOUT, write
    from crmcards.services.settings import LANGUAGES

    if merge and class_url is not None:
        raise CrmcardsError(Said.of("merge_or_class"))
    whole_class = merge or class_url is not None
    if fmt not in (CLASS_FORMATS if whole_class else FORMATS):
        allowed = ", ".join(CLASS_FORMATS if whole_class else FORMATS)
        raise CrmcardsError(Said.of("not_one_of", option="--format", value=fmt, known=allowed))
    if output is None and fmt not in TO_STDOUT:
        raise CrmcardsError(Said.of("format_needs_file", format=fmt))
    if files and not merge:
        raise CrmcardsError(Said.of("files_need_merge"))
    if anonymise and not whole_class:
        raise CrmcardsError(Said.of("goes_with", option="--anonymise", other="--merge / --class"))
    if (items or students) and fmt != "csv":
        raise CrmcardsError(
            Said.of(
                "goes_with", option=f"--{'items' if items else 'students'}", other="--format csv"
            )
        )
    if students and not whole_class:
        raise CrmcardsError(Said.of("goes_with", option="--students", other="--merge / --class"))
    if items and students:
        raise CrmcardsError(Said.of("items_or_students"))
    if csv_dialect not in DIALECTS:
        raise CrmcardsError(
            Said.of(
                "not_one_of", option="--csv-dialect", value=csv_dialect, known=", ".join(DIALECTS)
            )
        )
    if csv_dialect != "raw" and fmt != "csv":
        raise CrmcardsError(Said.of("goes_with", option="--csv-dialect", other="--format csv"))
    if language is not None and language not in LANGUAGES:
        raise CrmcardsError(
            Said.of("not_one_of", option="--language", value=language, known=", ".join(LANGUAGES))
        )
    if language is None:
        language = ctx.obj.settings.language
    rows = "item" if items else "student" if students else "deck"
    if class_url is not None:
        text = _live_class(ctx, class_url, fmt, rows, anonymise, language, csv_dialect)
    elif merge:
        text = _merged(files or [], fmt, rows, anonymise, language, csv_dialect)
    else:
        text = _own(ctx, fmt, items, student, exam_date, language, csv_dialect)
    if output is None:
        print(text, end="")
    else:
        write(output, text, fmt)


def _own(
    ctx: typer.Context,
    fmt: str,
    items: bool,
    student: str | None,
    exam: str | None,
    language: str,
    dialect: str,
) -> str:
    from crmcards.services.report.days import study_date
    from crmcards.services.report.output import render_report

    workspace: Workspace = ctx.obj
    report = workspace.build_report(
        student=student,
        exam=None if exam is None else parse_exam_date(exam, study_date(workspace.clock())),
    )
    return render_report(report, fmt, items=items, language=language, csv_dialect=dialect)


def _merged(
    files: list[Path], fmt: str, rows: str, anonymise: bool, language: str, dialect: str
) -> str:
    from crmcards.services.report.json import read_report
    from crmcards.services.report.merge import class_view, refuse_duplicates
    from crmcards.services.report.output import render_class

    if not files:
        raise CrmcardsError(Said.of("merge_needs_reports"))
    reports = [(path, read_report(path)) for path in files]
    refuse_duplicates([(str(path), report) for path, report in reports])
    named = [(report.student or path.stem, report) for path, report in reports]
    view = class_view(named, anonymise=anonymise)
    return render_class(view, fmt, rows=rows, language=language, csv_dialect=dialect)


def _live_class(
    ctx: typer.Context,
    url: str,
    fmt: str,
    rows: str,
    anonymise: bool,
    language: str,
    dialect: str,
) -> str:
    from crmcards.services.class_report import live_class_view
    from crmcards.services.report.output import render_class

    workspace: Workspace = ctx.obj
    view = live_class_view(
        workspace.library,
        url,
        workspace.clock(),
        planner=workspace.planner(fuzz=False),
        language=language,
        anonymise=anonymise,
        answer_seconds_cap=workspace.settings.answer_seconds_cap,
    )
    return render_class(view, fmt, rows=rows, language=language, csv_dialect=dialect)
