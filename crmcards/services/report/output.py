"""Choosing a report format and writing the result: what the command line and scripts call."""

from __future__ import annotations

from pathlib import Path

from crmcards.services.output_file import replacing
from crmcards.services.report import csv, html, json, markdown
from crmcards.services.report.figures import Report
from crmcards.services.report.labels import DEFAULT_LANGUAGE
from crmcards.services.report.merge import ClassView

FORMATS = ("md", "html", "csv", "json")
CLASS_FORMATS = ("md", "html", "csv")
TO_STDOUT = ("md", "json")  # the formats that make sense in a terminal without -o


def render_report(
    report: Report, fmt: str, *, items: bool = False, language: str = DEFAULT_LANGUAGE
) -> str:
    """The report in format `fmt`; `items`: CSV rows per item instead of per deck. Markdown and
    HTML are written in `language`; CSV and JSON are data, the same in every language."""
    if fmt == "md":
        return markdown.report_markdown(report, language)
    if fmt == "html":
        return html.report_html(report, language)
    if fmt == "csv":
        return csv.report_csv(report, items=items)
    return json.report_json(report)


def render_class(
    view: ClassView, fmt: str, *, items: bool = False, language: str = DEFAULT_LANGUAGE
) -> str:
    if fmt == "md":
        return markdown.class_markdown(view, language)
    if fmt == "html":
        return html.class_html(view, language)
    return csv.class_csv(view, items=items)


def write(path: Path, text: str, fmt: str) -> None:
    """Write `text` to `path` whole or not at all (through a temporary file beside it)."""
    encoding = csv.ENCODING if fmt == "csv" else "utf-8"
    # newline="": CSV brings its own line ends, and the others are written as they are.
    with (
        replacing(path, force=True, what="the report") as temporary,
        temporary.open("w", encoding=encoding, newline="") as handle,
    ):
        handle.write(text)
