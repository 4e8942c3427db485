"""Moving cards between crmcards and other tools: `import` and `export`."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmcards.cli.app import DeckNames, ForceFlag, app
from crmcards.errors import CrmcardsError
from crmcards.messages import Said, say
from crmcards.services.imports.imported import FORMATS

if TYPE_CHECKING:
    from crmcards.services.workspace import Workspace

EXPORT_FORMATS = ("apkg", "csv")

OutputOption = Annotated[
    Path, typer.Option("-o", "--output", help="The file to write.", show_default=False)
]


def _ranges(numbers: list[int]) -> str:
    """'1, 3-5, 9' for [1, 3, 4, 5, 9]."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The file to import.", show_default=False)],
    output: OutputOption,
    source_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            help=f"The file's format (default: detected): {', '.join(FORMATS)}.",
            show_default=False,
        ),
    ] = None,
    sep: Annotated[
        str | None,
        typer.Option(
            "--sep",
            help="Quizlet/CSV: separator between term and definition "
            "(tab, comma, semicolon or the text itself).",
            show_default=False,
        ),
    ] = None,
    row_sep: Annotated[
        str | None,
        typer.Option(
            "--row-sep",
            help="Quizlet: separator between rows (newline, semicolon or the text itself).",
            show_default=False,
        ),
    ] = None,
    force: ForceFlag = False,
    with_history: Annotated[
        bool,
        typer.Option(
            "--with-history",
            help="Anki packages: also bring the review log, so your memory comes along.",
        ),
    ] = False,
) -> None:
    """Turn flashcards from Quizlet, Brainscape, Anki, StudySmart or a CSV file into a deck."""
    from crmcards.services.imports.run import ImportOptions, import_file

    options = ImportOptions(source_format, sep, row_sep, force)
    language = ctx.obj.language
    if with_history:
        from crmcards.services.imports.history import import_with_history

        workspace: Workspace = ctx.obj
        planner = workspace.planner(fuzz=True, follow_exam=False)
        written, history = import_with_history(
            file, output, options, workspace.open_store(), planner
        )
        unmatched = (
            say("history_unmatched", language, n=history.unmatched) if history.unmatched else ""
        )
        print(
            say(
                "history_brought",
                language,
                path=output,
                added=history.added,
                items=history.items,
                known=history.known,
                left_out=history.left_out,
                unmatched=unmatched,
            )
        )
    else:
        written = import_file(file, output, options)
    kinds = Counter(note.type for note in written.deck.notes)
    detail = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    print(
        say(
            "imported",
            language,
            path=output,
            n=len(written.deck.notes),
            detail=detail,
            source=file,
            format=written.format,
        )
    )
    if written.layout:
        lines = _ranges(written.layout)
        print(
            say("import_layout", language, path=file, n=len(written.layout), lines=lines),
            file=sys.stderr,
        )
    for skipped in written.skipped:
        print(skipped.told(file).shown(language), file=sys.stderr)
    for note in written.notes:
        print(note.told(file, "import_note").shown(language), file=sys.stderr)


@app.command()
def export(
    ctx: typer.Context,
    output: OutputOption,
    deck: DeckNames = None,
    export_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="apkg (Anki, the default) or csv (Quizlet, Brainscape).",
            show_default=False,
        ),
    ] = "apkg",
    with_progress: Annotated[
        bool,
        typer.Option("--with-progress", help="apkg: include the schedule and review history."),
    ] = False,
    force: ForceFlag = False,
) -> None:
    """Write decks (all, or the ones named) as an Anki package or a two-column CSV file."""
    if export_format not in EXPORT_FORMATS:
        known = ", ".join(EXPORT_FORMATS)
        raise CrmcardsError(
            Said.of("not_one_of", option="--format", value=export_format, known=known)
        )
    if with_progress and export_format != "apkg":
        raise CrmcardsError(Said.of("with_progress_needs_apkg"))
    workspace: Workspace = ctx.obj
    decks = workspace.library.select(deck or [])
    if export_format == "csv":
        from crmcards.services.exports.flashcard_csv import export_csv

        rows = export_csv(decks, output, force=force).rows
        print(say("exported_csv", workspace.language, path=output, n=rows, decks=len(decks)))
        return
    from crmcards.services.exports.apkg import export_apkg, load_progress

    progress = load_progress(workspace.open_store(), decks) if with_progress else None
    result = export_apkg(decks, output, now=workspace.clock(), force=force, progress=progress)
    reviews = Said.of("exported_reviews", n=result.reviews) if with_progress else ""
    exported = Said.of(
        "exported_apkg", path=output, n=result.notes, decks=result.decks, reviews=reviews
    )
    print(exported.shown(workspace.language))
