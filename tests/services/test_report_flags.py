"""Flags in reports: the student's report carries them, and the class view lists the cards the
class flagged most, with every note."""

from __future__ import annotations

import json
from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.services.flags import flag_item
from crmcards.services.report.figures import Report, build_report
from crmcards.services.report.json import parse_report, report_json
from crmcards.services.report.merge import class_view
from crmcards.services.report.output import render_class, render_report
from crmcards.store.repository import Store
from tests.reports import NOW, PLANNER, utc

DEFINITION = "voorbeeld/crm-definitie#q"
GAP = "voorbeeld/een-gat#all"


def report_with_flags(
    tmp_path: Path, library: Library, name: str, flags: list[tuple[str, str, int]]
) -> Report:
    """`flags`: (item id, note, hour of 25 Nov) each; the report as the teacher receives it."""
    items = {item.id: item for item in library.items()}
    store = Store.open(home=tmp_path / name)
    for item_id, note, hour in flags:
        flag_item(store, items[item_id], note, utc(2026, 11, 25, hour))
    report = build_report(library, store, NOW, planner=PLANNER, student=name)
    store.close()
    return parse_report(report_json(report), f"{name}.json")


def test_the_report_carries_the_students_flags(tmp_path: Path, library: Library) -> None:
    report = report_with_flags(tmp_path, library, "ada", [(GAP, "gat klopt niet", 9)])
    (flag,) = report.flags
    assert (flag.item, flag.deck, flag.note, flag.time) == (
        GAP,
        "voorbeeld",
        "gat klopt niet",
        utc(2026, 11, 25, 9),
    )
    markdown = render_report(report, "md", language="nl")
    assert "Gemelde kaarten" in markdown and "gat klopt niet" in markdown


def test_a_report_written_before_flags_reads_as_having_none(
    tmp_path: Path, library: Library
) -> None:
    data = json.loads(report_json(report_with_flags(tmp_path, library, "ada", [])))
    del data["flags"]
    assert parse_report(json.dumps(data), "old.json").flags == ()


def test_the_class_view_lists_the_most_flagged_cards_with_their_notes(
    tmp_path: Path, library: Library
) -> None:
    reports = [
        (
            "Ada",
            report_with_flags(
                tmp_path, library, "ada", [(DEFINITION, "antwoord klopt niet", 9), (GAP, "", 10)]
            ),
        ),
        ("Bob", report_with_flags(tmp_path, library, "bob", [(DEFINITION, "typfout", 11)])),
        ("Cem", report_with_flags(tmp_path, library, "cem", [(DEFINITION, "dubbel", 8)])),
    ]
    view = class_view(reports)
    assert [(f.id, f.students, f.flags) for f in view.flagged] == [(DEFINITION, 3, 3), (GAP, 1, 1)]
    top = view.flagged[0]
    assert top.notes == ("typfout", "antwoord klopt niet", "dubbel")  # newest first
    assert top.text.startswith("Wat is CRM") and top.deck == "Voorbeeld"
    for language, title in (("nl", "Meest gemelde kaarten"), ("en", "Most-flagged cards")):
        for fmt in ("md", "html"):
            shown = render_class(view, fmt, language=language)
            assert title in shown and "typfout · antwoord klopt niet · dubbel" in shown


def test_a_view_without_the_students_flags_says_so(tmp_path: Path, library: Library) -> None:
    reports = [("Ada", report_with_flags(tmp_path, library, "ada", [(GAP, "x", 9)]))]
    view = class_view(reports, with_flags=False)
    assert view.flagged is None
    shown = render_class(view, "md", language="nl")
    assert "Meest gemelde kaarten" in shown and "crmcards class init" in shown
    assert "Geen kaarten gemeld" not in shown
