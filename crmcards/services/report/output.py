"""Choosing a report format and writing the result: what the command line and scripts call."""

from __future__ import annotations

from pathlib import Path

from crmcards.messages import Said
from crmcards.safetext import DOCUMENT_KEEP, visible
from crmcards.services.output_file import replacing
from crmcards.services.report import csv, html, json, markdown
from crmcards.services.report.figures import Report
from crmcards.services.report.labels import DEFAULT_LANGUAGE
from crmcards.services.report.merge import ClassView

FORMATS = ("md", "html", "csv", "json")
CLASS_FORMATS = FORMATS
CSV_ROWS = ("deck", "item", "student")
TO_STDOUT = ("md", "json")  # the formats that make sense in a terminal without -o


def render_report(
    report: Report,
    fmt: str,
    *,
    items: bool = False,
    language: str = DEFAULT_LANGUAGE,
    csv_dialect: str = "raw",
) -> str:
    """The report in format `fmt`; `items`: CSV rows per item instead of per deck. Markdown and
    HTML are written in `language`; CSV and JSON are data, the same in every language."""
    if fmt == "md":
        text = markdown.report_markdown(report, language)
    elif fmt == "html":
        text = html.report_html(report, language)
    elif fmt == "csv":
        text = csv.report_csv(report, items=items, dialect=csv_dialect)
    else:
        text = json.report_json(report)
    return visible(text, keep=DOCUMENT_KEEP)  # names and notes come from students and decks


def render_class(
    view: ClassView,
    fmt: str,
    *,
    rows: str = "deck",
    language: str = DEFAULT_LANGUAGE,
    csv_dialect: str = "raw",
) -> str:
    """The class view in format `fmt`; `rows`: what a CSV row is (one of CSV_ROWS)."""
    if fmt == "md":
        text = markdown.class_markdown(view, language)
    elif fmt == "html":
        text = html.class_html(view, language)
    elif fmt == "csv":
        text = csv.class_csv(view, rows=rows, dialect=csv_dialect)
    else:
        text = json.class_json(view)
    return visible(text, keep=DOCUMENT_KEEP)  # merged from students' files


def write(path: Path, text: str, fmt: str) -> None:
    """Write `text` to `path` whole or not at all (through a temporary file beside it)."""
    encoding = csv.ENCODING if fmt == "csv" else "utf-8"
    # newline="": CSV brings its own line ends, and the others are written as they are.
    with (
        replacing(path, force=True, what=Said.of("file_the_report")) as temporary,
        temporary.open("w", encoding=encoding, newline="") as handle,
    ):
        handle.write(text)
