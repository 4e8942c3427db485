"""The report's formats: the figures come out right, and hostile deck text comes out inert."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from string import Formatter

import pytest
from markdown_it import MarkdownIt

from crmcards.decks.catalog import Library
from crmcards.decks.loader import load_file
from crmcards.errors import CrmcardsError
from crmcards.services.report.figures import Report, build_report
from crmcards.services.report.json import SCHEMA_VERSION, parse_report, report_json
from crmcards.services.report.labels import LABELS
from crmcards.services.report.output import render_report, write
from crmcards.services.report.tables import duration, plural
from crmcards.services.settings import LANGUAGES
from crmcards.store.repository import Store
from tests.reports import (
    HOSTILE_STUDENT,
    HOSTILE_TEXTS,
    NOW,
    PLANNER,
    assert_labels,
    exam_of,
    hostile_deck_dir,
    hostile_history,
    record,
    utc,
)


@pytest.fixture
def hostile(store: Store, tmp_path: Path) -> Report:
    library = Library((load_file(hostile_deck_dir(tmp_path) / "hostile.yaml"),))
    record(store, library, hostile_history(library))  # type: ignore[arg-type]
    exam = exam_of(library, store, date(2027, 1, 15), NOW)
    return build_report(library, store, NOW, planner=PLANNER, student=HOSTILE_STUDENT, exam=exam)


@pytest.fixture
def report(store: Store, library: Library) -> Report:
    record(store, library, HISTORY_SAMPLE)
    exam = exam_of(library, store, date(2026, 12, 10), NOW)
    return build_report(library, store, NOW, planner=PLANNER, student="Ada", exam=exam)


HISTORY_SAMPLE = [
    ("voorbeeld/crm-definitie#q", 1, utc(2026, 11, 25, 9), 10),
    ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 25, 10), 20),
    ("voorbeeld/een-gat#all", 5, utc(2026, 11, 25, 11), 30),
]


# -- JSON -------------------------------------------------------------------------------------
def test_json_has_a_versioned_header_and_reads_back_to_the_same_report(report: Report) -> None:
    text = report_json(report)
    data = json.loads(text)
    assert (data["format"], data["schema_version"]) == ("crmcards-report", SCHEMA_VERSION)
    assert data["student"] == "Ada" and data["study_day"] == "2026-11-25"
    assert data["generated_at"] == "2026-11-25T12:00:00+00:00"
    deck = data["decks"][0]
    assert deck["ratings"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 1}
    assert (deck["reviews_7d"], deck["seconds_7d"], deck["mastered"]) == (3, 60, 0)
    assert data["exam"]["date"] == "2026-12-10" and data["exam"]["days_left"] == 15
    item = next(i for i in data["items"] if i["id"] == "voorbeeld/een-gat#all")
    assert item["prompt"] == "Het is […] keer zo duur om nieuwe klanten te werven."
    assert (item["state"], item["mastered"], item["reviews"], item["failures"]) == (
        "review",
        False,  # rated once: not mastered yet
        1,
        0,
    )
    assert parse_report(text, "ada.json") == report


def test_the_documented_schema_names_every_key(report: Report) -> None:
    schema = (Path(__file__).parents[2] / "docs" / "report-schema.md").read_text(encoding="utf-8")
    data = json.loads(report_json(report))
    keys = set(data) | set(data["total"]) | set(data["items"][0]) | set(data["days"][0])
    keys |= set(data["exam"]) | set(data["exam"]["total"])
    statistics = data["statistics"][0]
    period = statistics["periods"][0]
    keys |= set(statistics) | set(statistics["cards"]) | set(statistics["forecast"])
    keys |= (
        set(period) | set(period["reviews"]) | set(period["retention"]) | set(period["hours"][0])
    )
    keys |= set(statistics["days"][0]) | set(statistics["recall"])
    assert {key for key in keys if f"`{key}`" not in schema} == set()
    assert f"`schema_version`: {SCHEMA_VERSION}" in schema


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: "not json {", "not JSON"),
        (lambda d: json.dumps([1, 2]), "not a crmcards report"),
        (lambda d: json.dumps({**d, "format": "other"}), "not a crmcards report"),
        (lambda d: json.dumps({**d, "schema_version": 99}), "report schema version 99"),
        (lambda d: json.dumps({k: v for k, v in d.items() if k != "decks"}), "'decks' is missing"),
        (lambda d: json.dumps({**d, "streak": "3"}), "report.streak: expected int"),
        (lambda d: json.dumps({**d, "streak": True}), "report.streak: expected int"),
        (lambda d: json.dumps({**d, "study_day": "gisteren"}), "report.study_day: not a date"),
        (lambda d: json.dumps({**d, "generated_at": "2026-11-25T12:00:00"}), "time zone"),
        (lambda d: json.dumps({**d, "total": {**d["total"], "ratings": {"x": 1}}}), "whole"),
        (lambda d: json.dumps({**d, "items": {}}), "report.items: expected a list"),
        (lambda d: json.dumps({**d, "exam": 3}), "report.exam: expected an object"),
        (lambda d: json.dumps({**d, "total": {**d["total"], "ratings": {"1": 1}}}), "ratings must"),
        (lambda d: json.dumps({**d, "total": {**d["total"], "forecast": [1]}}), "14 days"),
        (lambda d: json.dumps({**d, "total": {**d["total"], "hardest": ["x#q"]}}), "hardest item"),
        (
            lambda d: json.dumps({**d, "items": [{**d["items"][0], "deck": "x"}, *d["items"][1:]]}),
            "an item belongs to no deck",
        ),
        (lambda d: json.dumps({**d, "exam": {**d["exam"], "decks": []}}), "the same decks"),
    ],
)
def test_a_broken_report_is_one_clear_error(report: Report, change: object, message: str) -> None:
    data = json.loads(report_json(report))
    with pytest.raises(CrmcardsError) as raised:
        parse_report(change(data), "ada.json")  # type: ignore[operator]
    assert raised.value.message.startswith("ada.json: ")
    assert message in raised.value.message
    dutch = raised.value.shown("nl")  # `report --merge` tells a Dutch teacher in Dutch
    assert dutch.startswith("ada.json: ") and message not in dutch


# -- Labels -----------------------------------------------------------------------------------
def test_every_label_has_the_same_placeholders_in_every_language() -> None:
    def shape(text: str) -> tuple[set[str | None], int]:
        fields = {field for _, field, _, _ in Formatter().parse(text) if field is not None}
        return fields, text.count("|")

    english = LABELS["en"]
    for language in LANGUAGES:
        assert LABELS[language].keys() == english.keys()
        assert {k: shape(t) for k, t in LABELS[language].items()} == {
            k: shape(t) for k, t in english.items()
        }


def test_plurals_and_durations_in_both_languages() -> None:
    assert [plural(n, "day", "nl") for n in (0, 1, 2)] == ["0 dagen", "1 dag", "2 dagen"]
    assert [plural(n, "day", "en") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert plural(1, "student", "nl") == "1 student" and plural(3, "student", "nl") == "3 studenten"
    assert plural(1, "study_day", "en") == "1 study day"
    assert plural(15, "study_day", "nl") == "15 studiedagen"
    assert (duration(3900, "nl"), duration(3900, "en")) == ("1 u 05 min", "1 h 05 min")
    assert (duration(59, "nl"), duration(600, "en")) == ("59 s", "10 min")


# -- Markdown ---------------------------------------------------------------------------------
MARKDOWN = {
    "en": [
        "# Progress report\n\nStudent: Ada · study day 2026-11-25 · made 2026-11-25 13:00"
        " · streak 1 day · 0 of 24 items mastered\n",
        "| Deck | Items | New | Learning | Review | Mastered | Recall | Overdue | Reviews 7 d |",
        "| Voorbeeld | 24 | 22 | 1 | 1 | 0 | 8% | 0 | 3 | 3 | 1 min | 1 min |",
        "| Deck | 1 not at all | 2 barely | 3 with effort | 4 well | 5 perfectly |",
        "| Total | 1 | 0 | 0 | 1 | 1 |",
        "## Exam readiness: 2026-12-10, 15 study days left, target 98%",
        "Your exam plan aims at 98% predicted recall per item on exam morning. If you stop"
        " studying today: predicted recall 6% on the exam day; if you follow the plan: 99%.",
        "| Deck | Today | 26/11 | 27/11 |",
        "| Wat is CRM? | Voorbeeld | 1 | 2 | 100% |",  # the hardest item
        "## Hardest items\n",
    ],
    "nl": [
        "# Voortgangsrapport\n\nStudent: Ada · studiedag 25-11-2026 · gemaakt 25-11-2026 13:00"
        " · reeks 1 dag · 0 van 24 kaarten beheerst\n",
        "| Deck | Kaarten | Nieuw | In leerfase | Herhaling | Beheerst | Verwachte kennis"
        " | Achterstallig | Herhalingen 7 d | Herhalingen 30 d | Studietijd 7 d | Studietijd 30 d |",
        "| Voorbeeld | 24 | 22 | 1 | 1 | 0 | 8% | 0 | 3 | 3 | 1 min | 1 min |",
        "| Deck | 1 helemaal niet | 2 nauwelijks | 3 met moeite | 4 goed | 5 perfect |",
        "| Totaal | 1 | 0 | 0 | 1 | 1 |",
        "## Examen 10-12-2026: nog 15 studiedagen, doel 98%",
        "Je examenplan mikt op 98% verwachte kennis per kaart op de examenochtend. Als je vandaag"
        " stopt met studeren: verwachte kennis 6% op de examendag; als je het plan volgt: 99%.",
        "| Deck | Vandaag | 26-11 | 27-11 |",
        "| Wat is CRM? | Voorbeeld | 1 | 2 | 100% |",
        "## Moeilijkste kaarten\n",
    ],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_markdown_tables_hold_the_figures(amsterdam: None, report: Report, language: str) -> None:
    """(The time it was made is local time: 12:00 UTC is 13:00 in Amsterdam.)"""
    text = render_report(report, "md", language=language)
    assert text.startswith(MARKDOWN[language][0])
    assert_labels(text, MARKDOWN, language)


def test_markdown_is_in_the_settings_default_language(report: Report) -> None:
    assert render_report(report, "md") == render_report(report, "md", language="nl")


def test_markdown_keeps_hostile_text_as_text(hostile: Report) -> None:
    text = render_report(hostile, "md")
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    for tag in ("<script", "<img", "<a ", "<em", "<strong"):
        assert tag not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[klik](javascript:alert(3)) *vet* | pipe &amp; co" in rendered
    assert "&lt;b&gt;Eve&lt;/b&gt;" in rendered


# -- HTML -------------------------------------------------------------------------------------
class Elements(HTMLParser):
    """Every element and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "div", "b", "span",
    "section", "table", "thead", "tbody", "tr", "th", "td", "br", "figure", "figcaption",
    "svg", "rect", "text", "line",
}  # fmt: skip


def test_html_is_one_self_contained_file_with_inline_svg_charts(report: Report) -> None:
    page = render_report(report, "html", language="en")
    found = elements(page)
    assert found.tags <= SAFE_TAGS
    assert ("http-equiv", "Content-Security-Policy") in found.attributes
    for name, value in found.attributes:  # nothing fetched, nothing linked, nothing run
        assert name not in ("src", "href") and not name.startswith("on")
        assert "http" not in value or value == "http://www.w3.org/2000/svg"
    assert "@import" not in page and "url(" not in page
    charts = page.split("<svg")[1:]
    # heatmap, reviews and time per day by stage and the forecast (each twice: for wide and for
    # narrow screens), success by hour, items by stage, four distributions, ratings, mastery
    assert len(charts) == 15
    assert page.count('<figure class="narrow-only">') == 3
    for chart in charts:  # each chart is well-formed XML
        ET.fromstring("<svg" + chart.split("</svg>")[0] + "</svg>")
    text = "".join(found.text)
    assert "Student: Ada" in text and "2026-11-25: 3 reviews" in text


HTML = {
    "en": [
        "Progress report",
        "0 (0%)mastered",  # a tile: its figure, then its name
        "8%predicted recall",
        "1 daystudy streak",
        "recall on 2026-12-10",
        "Mon",  # the heatmap
        "Dec",
        "2026-11-25: 3 reviews",
        "Due: overdue, the next 31 days, and later",
        "26/11",
        "4well",  # the ratings chart: "4 well" over two lines
        "Mastery per deck",
        "8% recall",
        "Total",
        "Hardest items",
    ],
    "nl": [
        "Voortgangsrapport",
        "0 (0%)beheerst",
        "8%verwachte kennis",
        "1 dagreeks studiedagen",
        "verwachte kennis op 10-12-2026",
        "ma",
        "dec",
        "25-11-2026: 3 herhalingen",
        "Te herhalen: achterstallig, de komende 31 dagen en later",
        "26-11",
        "4goed",
        "Beheersing per deck",
        "verwachte kennis 8%",
        "Totaal",
        "Moeilijkste kaarten",
    ],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_labels_are_in_the_language_asked_for(report: Report, language: str) -> None:
    page = render_report(report, "html", language=language)
    assert f'<html lang="{language}">' in page
    text = "".join(elements(page).text)
    assert_labels(text, HTML, language)


def test_html_keeps_hostile_text_as_text(hostile: Report) -> None:
    page = render_report(hostile, "html")
    found = elements(page)
    assert found.tags <= SAFE_TAGS
    assert not any(name.startswith("on") for name, _ in found.attributes)
    text = "".join(found.text)
    for hostile_text in HOSTILE_TEXTS:
        assert hostile_text in text
    assert HOSTILE_STUDENT in text
    assert "<script>alert('deck')</script>" in text  # the deck title, in the mastery chart too
    assert (
        "&lt;script&gt;alert(&#x27;deck&#x27;)&lt;/script&gt;" in page.split("<svg")[-1]
    )  # the mastery chart


# -- CSV --------------------------------------------------------------------------------------
def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_one_row_per_deck(report: Report) -> None:
    (deck,) = rows(render_report(report, "csv"))
    assert deck["student"] == "Ada" and deck["deck_id"] == "voorbeeld"
    assert (deck["items"], deck["new"], deck["learning"], deck["review"]) == ("24", "22", "1", "1")
    assert (deck["mastered"], deck["reviews_7d"], deck["seconds_30d"]) == ("0", "3", "60")
    assert [deck[f"rating_{r}"] for r in range(1, 6)] == ["1", "0", "0", "1", "1"]
    assert deck["due_day_1"] == "1" and deck["due_day_14"] == "0"
    assert deck["exam_date"] == "2026-12-10" and int(deck["exam_reviews_a_day"]) >= 1
    assert float(deck["recall"]) == round(report.decks[0].recall, 4)


def test_csv_one_row_per_item(report: Report) -> None:
    items = rows(render_report(report, "csv", items=True))
    assert len(items) == 24
    gap = next(i for i in items if i["item"] == "voorbeeld/een-gat#all")
    assert (gap["state"], gap["mastered"], gap["reviews"], gap["failures"]) == (
        "review",
        "False",  # rated once: not mastered yet
        "1",
        "0",
    )


def test_csv_neutralises_formulas(hostile: Report) -> None:
    items = rows(render_report(hostile, "csv", items=True))
    prompts = {i["prompt"] for i in items}
    assert '\'=HYPERLINK("http://evil.example","klik")' in prompts
    assert "'+1+1" in prompts and "'@SUM(A1:A2)" in prompts and "'-2+3 [red]rood[/red]" in prompts
    assert not any(i["prompt"][0] in "=+-@" for i in items)
    assert items[0]["student"] == "<b>Eve</b> =cmd|' /C calc'!A0"  # starts with <: harmless
    (deck,) = rows(render_report(hostile, "csv"))
    assert deck["deck"].startswith("<script>")  # text, not a formula


def test_csv_columns_are_the_same_in_every_language(report: Report) -> None:
    """CSV is data, as JSON is: fixed column names (docs/report-schema.md), raw cells."""
    for items in (False, True):
        texts = {render_report(report, "csv", items=items, language=lang) for lang in LANGUAGES}
        assert len(texts) == 1
    header = render_report(report, "csv", language="nl").splitlines()[0]
    assert header.startswith("student,deck_id,deck,items,new,learning,review,mastered,recall,")


def test_csv_files_carry_a_byte_order_mark(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    write(target, render_report(report, "csv"), "csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfstudent,deck_id,")
    assert b"\r\n" in raw and b"\r\r\n" not in raw
    write(tmp_path / "report.md", render_report(report, "md", language="en"), "md")
    assert (tmp_path / "report.md").read_bytes().startswith(b"# Progress report")


def test_writing_into_a_missing_folder_is_one_clear_error(report: Report, tmp_path: Path) -> None:
    with pytest.raises(CrmcardsError, match="cannot write the report"):
        write(tmp_path / "no" / "such" / "report.md", "x", "md")
