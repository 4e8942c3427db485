"""The report and the class view as Markdown (GitHub flavour: tables).

Deck text and names are escaped, so a card that contains `<script>` or `[a](b)` shows exactly
that text instead of becoming markup.
"""

from __future__ import annotations

import re

from crmcards.services.report.figures import Report
from crmcards.services.report.merge import ClassView
from crmcards.services.report.tables import (
    Table,
    class_tables,
    plural,
    report_facts,
    report_tables,
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


def _document(title: str, facts: list[str], tables: list[Table]) -> str:
    head = [f"# {escape(title)}", "", " · ".join(map(escape, facts))]
    return "\n\n".join(["\n".join(head), *map(_table, tables)]) + "\n"


def report_markdown(report: Report) -> str:
    total = report.total
    facts = [
        *report_facts(report),
        f"streak {plural(report.streak, 'day')}",
        f"{total.mastered} of {total.items} items mastered",
    ]
    return _document("Progress report", facts, report_tables(report))


def class_markdown(view: ClassView) -> str:
    facts = [
        plural(len(view.students), "student"),
        f"{len(view.behind)} behind schedule",
    ]
    return _document("Class progress", facts, class_tables(view))
