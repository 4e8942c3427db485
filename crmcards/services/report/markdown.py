"""The report and the class view as Markdown (GitHub flavour: tables).

Deck text and names are escaped, so a card that contains `<script>` or `[a](b)` shows exactly
that text instead of becoming markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crmcards.services.report.figures import Report
from crmcards.services.report.labels import LABELS
from crmcards.services.report.merge import ClassView
from crmcards.services.report.tables import (
    Table,
    class_tables,
    exam_sentences,
    mastered_fact,
    plural,
    report_facts,
    report_tables,
    streak_fact,
)

# Characters that start markup anywhere in a line: emphasis, code, links, HTML, entities,
# table cells, strikethrough, headings' closing marks, and the escape itself.
_MARKUP = re.compile(r"([\\`*_\[\]<>&|~#])")


def escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", " / ".join(text.splitlines()))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(table: Table) -> str:
    heading = f"## {escape(table.title)}\n\n"
    if not table.rows:
        return heading + escape(table.empty)
    aligns = ["---" if n < table.text_columns else "---:" for n in range(len(table.columns))]
    rows = [[escape(cell) for cell in row] for row in (table.columns, *table.rows)]
    return heading + "\n".join(_row(row) for row in [rows[0], aligns, *rows[1:]])


def _document(
    title: str, facts: list[str], tables: list[Table], sentences: Sequence[str] = ()
) -> str:
    head = [f"# {escape(title)}", "", " · ".join(map(escape, facts))]
    if sentences:
        head += ["", " ".join(map(escape, sentences))]
    return "\n\n".join(["\n".join(head), *map(_table, tables)]) + "\n"


def report_markdown(report: Report, language: str) -> str:
    facts = [
        *report_facts(report, language),
        streak_fact(report, language),
        mastered_fact(report, language),
    ]
    title = LABELS[language]["progress_report"]
    sentences = [] if report.exam is None else exam_sentences(report.exam, language)
    return _document(title, facts, report_tables(report, language), sentences)


def class_markdown(view: ClassView, language: str) -> str:
    labels = LABELS[language]
    facts = [
        plural(len(view.students), "student", language),
        labels["behind_fact"].format(count=len(view.behind)),
    ]
    return _document(labels["class_progress"], facts, class_tables(view, language))
