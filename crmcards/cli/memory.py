"""The personal memory model and the exam plan: `optimize`, `evaluate` and `plan`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

from crmcards.cli.app import ExamDateOption, JsonFlag, app, parse_exam_date
from crmcards.errors import CrmcardsError
from crmcards.messages import Said

if TYPE_CHECKING:
    from crmcards.services.workspace import Workspace


def _print(data: dict[str, Any] | None, lines: list[str], as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines))


@app.command()
def optimize(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Fit FSRS-6 to your own review history; saved only when it predicts you better."""
    from crmcards.services.memory_words import optimization_lines
    from crmcards.services.personal_model import optimize as fit_model

    workspace: Workspace = ctx.obj
    result = fit_model(workspace.open_store(), workspace.clock())
    _print(result.as_dict(), optimization_lines(result, workspace.settings.language), as_json)


@app.command()
def evaluate(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """How well the default and your current FSRS parameters predict your history."""
    from crmcards.services.memory_words import evaluation_lines
    from crmcards.services.personal_model import evaluation

    workspace: Workspace = ctx.obj
    result = evaluation(workspace.open_store())
    _print(result.as_dict(), evaluation_lines(result, workspace.settings.language), as_json)


@app.command()
def plan(ctx: typer.Context, exam_date: ExamDateOption = None, as_json: JsonFlag = False) -> None:
    """The day-by-day plan until the exam, and what it predicts for exam morning."""
    from crmcards.scheduling.queue import study_date
    from crmcards.services.memory_words import plan_lines

    workspace: Workspace = ctx.obj
    today = study_date(workspace.clock())
    day = parse_exam_date(exam_date, today) if exam_date else workspace.upcoming_exam()
    if day is None:
        raise CrmcardsError(Said.of("no_exam_date"))
    result = workspace.exam_plan(day)
    assert result is not None  # the day is after today
    _print(result.as_dict(), plan_lines(result, workspace.settings.language), as_json)
