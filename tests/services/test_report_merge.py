"""The class view: three students' reports merged, every figure worked out by hand.

Ada (today, 25 Nov): crm-definitie#q 5, een-gat#all 5, immersion#all 1 then 4 and 4 (learnt
  again within the hour): three items in review, nothing overdue.
Bob: crm-definitie#q 5 today; immersion#all 1 on 10 Nov and 2 on 11 Nov: still in learning and
  overdue since 11 Nov, so he is behind schedule.
Cem: nothing yet, with an exam on 15 Jan: his pace (0 a day) is below what the exam needs.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.services.report.csv import PERIOD_FIGURES, STATISTICS_COLUMNS
from crmcards.services.report.figures import Report, build_report
from crmcards.services.report.json import class_document, parse_report, report_json
from crmcards.services.report.merge import ClassView, class_view, concept_of
from crmcards.services.report.output import render_class
from crmcards.services.report.statistics import Retention, Stages
from crmcards.services.settings import LANGUAGES
from crmcards.store.repository import Store
from tests.reports import NOW, PLANNER, assert_labels, exam_of, record, utc

NAMES = ("Ada Lovelace", "Bob Marley", "Cem Karaca")
HISTORIES: dict[str, list[tuple[str, int, datetime, int]]] = {
    # an easy rating five weeks ago and one today: mastered (stability over 21 days)
    "Ada Lovelace": [
        ("voorbeeld/crm-definitie#q", 5, utc(2026, 10, 20, 9), 5),
        ("voorbeeld/een-gat#all", 5, utc(2026, 10, 20, 9, 1), 5),
        ("voorbeeld/crm-definitie#q", 5, utc(2026, 11, 25, 9), 5),
        ("voorbeeld/een-gat#all", 5, utc(2026, 11, 25, 9, 1), 5),
        ("voorbeeld/immersion#all", 1, utc(2026, 11, 25, 9, 2), 5),
        ("voorbeeld/immersion#all", 4, utc(2026, 11, 25, 9, 3), 5),
        ("voorbeeld/immersion#all", 4, utc(2026, 11, 25, 9, 13), 5),
    ],
    "Bob Marley": [
        ("voorbeeld/crm-definitie#q", 5, utc(2026, 10, 20, 9), 5),
        ("voorbeeld/crm-definitie#q", 5, utc(2026, 11, 25, 9), 5),
        ("voorbeeld/immersion#all", 1, utc(2026, 11, 10, 10), 5),
        ("voorbeeld/immersion#all", 2, utc(2026, 11, 11, 10), 5),
    ],
    "Cem Karaca": [],
}


def student_report(tmp_path: Path, library: Library, name: str) -> Report:
    store = Store.open(home=tmp_path / name)
    record(store, library, HISTORIES[name])
    exam = exam_of(library, store, date(2027, 1, 15), NOW) if name == "Cem Karaca" else None
    report = build_report(library, store, NOW, planner=PLANNER, student=name, exam=exam)
    store.close()
    return parse_report(report_json(report), f"{name}.json")  # as the teacher receives it


@pytest.fixture
def reports(tmp_path: Path, library: Library) -> list[tuple[str, Report]]:
    return [(name, student_report(tmp_path, library, name)) for name in NAMES]


@pytest.fixture
def view(reports: list[tuple[str, Report]]) -> ClassView:
    return class_view(reports)


def test_students_and_who_is_behind(view: ClassView) -> None:
    ada, bob, cem = view.students
    assert [s.name for s in view.students] == list(NAMES)
    assert (ada.overdue, ada.pace, ada.behind) == (0, 5 / 7, False)
    assert (bob.overdue, bob.behind) == (1, True)
    assert cem.exam_per_day is not None and cem.exam_per_day > 0
    assert (cem.overdue, cem.pace, cem.behind) == (0, 0.0, True)
    assert view.behind == (bob, cem)


def test_when_each_student_last_studied(view: ClassView) -> None:
    ada, bob, cem = view.students
    assert (ada.last_review, ada.idle_days) == (utc(2026, 11, 25, 9, 13), 0)
    assert (bob.last_review, bob.idle_days) == (utc(2026, 11, 25, 9), 0)
    assert (cem.last_review, cem.idle_days) == (None, None)


def test_per_item_how_many_students_mastered_it(view: ClassView) -> None:
    items = {m.id: m for m in view.items}
    assert len(items) == 24
    definitie = items["voorbeeld/crm-definitie#q"]
    assert (definitie.students, definitie.mastered) == (3, 2)  # Ada and Bob, rated 5 twice
    assert definitie.recall == pytest.approx(2 / 3)  # 100 %, 100 % and a new item's 0
    assert (definitie.reviews, definitie.failures) == (4, 0)
    assert (definitie.deck, definitie.text) == ("Voorbeeld", "Wat is CRM?")
    immersion = items["voorbeeld/immersion#all"]
    # Ada learnt immersion today: known now, but not mastered (crmcards.scheduling.mastery)
    assert (immersion.mastered, immersion.reviews, immersion.failures) == (0, 5, 3)
    assert (items["voorbeeld/een-gat#all"].mastered, items["voorbeeld/s-crm-huis#1"].mastered) == (
        1,
        0,
    )


def test_per_deck_how_many_students_mastered_every_item(
    view: ClassView, reports: list[tuple[str, Report]]
) -> None:
    (deck,) = view.decks
    assert (deck.id, deck.deck, deck.students, deck.mastered) == ("voorbeeld", "Voorbeeld", 3, 0)
    assert deck.recall == pytest.approx(sum(r.decks[0].recall for _, r in reports) / 3)
    assert (deck.reviews, deck.failures) == (11, 3)


def test_weakest_concepts(view: ClassView, reports: list[tuple[str, Report]]) -> None:
    """Only studied cards count, ranked by what the class finds hard: the mean FSRS difficulty,
    then the failure rate. Immersion was failed 3 times in 5 reviews (Ada 1, 4, 4; Bob 1, 2);
    crm-definitie and een-gat were rated easy (the same difficulty, no failures): then by id."""
    assert [m.id for m in view.weakest] == [
        "voorbeeld/immersion",
        "voorbeeld/crm-definitie",
        "voorbeeld/een-gat",
    ]
    immersion = view.weakest[0]
    ada, bob = (r.item("voorbeeld/immersion#all") for _, r in reports[:2])
    assert ada.difficulty is not None and bob.difficulty is not None
    assert immersion.difficulty == pytest.approx((ada.difficulty + bob.difficulty) / 2)
    assert (immersion.studied, immersion.failures, immersion.reviews) == (2, 3, 5)
    assert immersion.failure_rate == pytest.approx(3 / 5)
    assert immersion.last_review == utc(2026, 11, 25, 9, 13)  # Ada's, the latest
    assert immersion.text == "Welke vormen van immersion zijn er?\n(2)"  # its first item's prompt
    assert concept_of("voorbeeld/immersion#all") == "voorbeeld/immersion"


def test_the_per_item_table_is_sorted_hardest_first(view: ClassView) -> None:
    assert [m.id for m in view.items[:3]] == [
        "voorbeeld/immersion#all",
        "voorbeeld/crm-definitie#q",
        "voorbeeld/een-gat#all",
    ]
    assert all(m.difficulty is None for m in view.items[3:])  # never studied: last


def test_anonymise_numbers_the_students_in_every_format(
    reports: list[tuple[str, Report]],
) -> None:
    view = class_view(reports, anonymise=True)
    assert [s.name for s in view.students] == ["Student 1", "Student 2", "Student 3"]
    for fmt in ("md", "html", "csv", "json"):
        text = render_class(view, fmt, rows="student")
        assert not any(part in text for name in NAMES for part in name.split())


CLASS_MARKDOWN = {
    "en": [
        "# Class progress\n\n3 students · 2 behind schedule\n",
        "| Student | Report of | Last studied | Mastered | Recall | Reviews 7 d | Streak | Overdue"
        " | Exam: recall if they stop now, reviews a day needed | Behind |",
        "| Ada Lovelace | 2026-11-25 | 2026-11-25 (today) | 2 of 24 | 13% | 5 | 1 day | 0 | - |  |",
        "| Bob Marley | 2026-11-25 (today) | 1 | 0.1 | - |",  # behind: overdue, pace
        "| Cem Karaca | 2026-11-25 | never | 0 of 24 | 0% | 0 | 0 days | 0 | 0% on 2027-01-15, ",
        " a day | yes |",  # Cem is behind
        "## Students behind schedule",
        "| Voorbeeld | 3 | 0 |",
        "| Welke vormen van immersion zijn er? / (2) | Voorbeeld | 2 | 7.6 | 60% | 3 | 5 | 2026-11-25 |",
        "| Wat is CRM? | Voorbeeld | 2 | 1.0 | 0% | 0 | 4 | 2 of 3 | 67% |",
    ],
    "nl": [
        "# Voortgang van de klas\n\n3 studenten · 2 met achterstand\n",
        "| Student | Rapport van | Laatst gestudeerd | Beheerst | Verwachte kennis | Herhalingen 7 d"
        " | Reeks | Achterstallig | Examen: verwachte kennis als ze nu stoppen, herhalingen per dag"
        " nodig | Achterstand |",
        "| Ada Lovelace | 25-11-2026 | 25-11-2026 (vandaag) | 2 van 24 | 13% | 5 | 1 dag | 0 | - |  |",
        "| Bob Marley | 25-11-2026 (vandaag) | 1 | 0,1 | - |",
        "| Cem Karaca | 25-11-2026 | nooit | 0 van 24 | 0% | 0 | 0 dagen | 0 | 0% op 15-01-2027, ",
        " per dag | ja |",
        "## Studenten met achterstand",
        "| Voorbeeld | 3 | 0 |",
        "| Welke vormen van immersion zijn er? / (2) | Voorbeeld | 2 | 7,6 | 60% | 3 | 5 | 25-11-2026 |",
        "| Wat is CRM? | Voorbeeld | 2 | 1,0 | 0% | 0 | 4 | 2 van 3 | 67% |",
    ],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_class_markdown(view: ClassView, language: str) -> None:
    text = render_class(view, "md", language=language)
    assert text.startswith(CLASS_MARKDOWN[language][0])
    assert_labels(text, CLASS_MARKDOWN, language)


def test_class_csv(view: ClassView) -> None:
    (deck,) = list(csv.DictReader(io.StringIO(render_class(view, "csv"))))
    assert deck == {
        "deck_id": "voorbeeld",
        "deck": "Voorbeeld",
        "students": "3",
        "studied_by": "2",
        "mastered_by": "0",
        "recall": str(round(view.decks[0].recall, 4)),
        "reviews": "11",
        "failures": "3",
        "failure_rate": "0.2727",
        "difficulty": str(round(view.decks[0].difficulty or 0, 2)),
        "last_review": "2026-11-25T09:13:00+00:00",
    }
    items = list(csv.DictReader(io.StringIO(render_class(view, "csv", rows="item"))))
    definitie = next(i for i in items if i["item"] == "voorbeeld/crm-definitie#q")
    assert (definitie["prompt"], definitie["students"], definitie["mastered_by"]) == (
        "Wat is CRM?",
        "3",
        "2",
    )
    students = list(csv.DictReader(io.StringIO(render_class(view, "csv", rows="student"))))
    assert [(s["student"], s["last_review"], s["overdue"], s["behind"]) for s in students] == [
        ("Ada Lovelace", "2026-11-25T09:13:00+00:00", "0", "False"),
        ("Bob Marley", "2026-11-25T09:00:00+00:00", "1", "True"),
        ("Cem Karaca", "", "0", "True"),
    ]
    assert students[2]["exam_date"] == "2027-01-15" and students[0]["idle_days"] == "0"
    for rows in ("deck", "item", "student"):  # data: the same columns in every language
        assert len({render_class(view, "csv", rows=rows, language=lang) for lang in LANGUAGES}) == 1


CLASS_HTML = {
    "en": ("<h2>Students behind schedule</h2>", "0 of 3 mastered all", "3</b><span>students"),
    "nl": ("<h2>Studenten met achterstand</h2>", "0 van 3 beheersen alles", "3</b><span>studenten"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_class_html(view: ClassView, language: str) -> None:
    page = render_class(view, "html", language=language)
    heading, chart_note, tile = CLASS_HTML[language]
    assert heading in page and '<td data-label="' in page and ">Cem Karaca</td>" in page
    assert chart_note in page  # the recall-per-deck chart
    assert tile in page and f'<html lang="{language}">' in page
    assert "<script" not in page
    # a date is never broken at its hyphens ("25-11-" / "2026" in a narrow column)
    day = "25-11-2026" if language == "nl" else "2026-11-25"
    assert f'<span class="date">{day}</span> (' in page
    assert (
        ".date { white-space: nowrap; }" in page or "td.n, .date { white-space: nowrap; }" in page
    )


def test_csv_for_dutch_spreadsheets(view: ClassView) -> None:
    """excel-nl: semicolons between cells and decimal commas, so Dutch Excel opens columns."""
    text = render_class(view, "csv", rows="deck", csv_dialect="excel-nl")
    header, row = text.splitlines()
    assert header.startswith("deck_id;deck;students;studied_by;mastered_by;recall;")
    cells = row.split(";")
    assert cells[:2] == ["voorbeeld", "Voorbeeld"]
    assert cells[8] == "0,2727"  # the failure rate, as a Dutch number
    assert (cells[2], cells[6]) == ("3", "11")  # whole numbers stay as they are
    (deck,) = csv.DictReader(io.StringIO(text), delimiter=";")
    assert deck["last_review"] == "2026-11-25T09:13:00+00:00"  # times keep their points
    raw = render_class(view, "csv", rows="deck")
    assert raw.splitlines()[1].split(",")[8] == "0.2727"


def test_class_statistics_read_from_the_reports(view: ClassView) -> None:
    """The window: 27 Oct - 25 Nov, 7 days: 19-25 Nov; every answer took 5 s.
    Ada on 25 Nov: crm-definitie#q and een-gat#all (rated 5 on 20 Oct: an 8-day interval)
    review, young, passed; immersion 1, 4, 4: learning (it graduates with the last).
    Bob: immersion on 10 and 11 Nov (learning), crm-definitie#q on 25 Nov: review, young.
    Cem: nothing."""
    ada, bob, cem = (student.statistics for student in view.students)
    assert ada is not None and bob is not None and cem is not None
    assert [(p.period, p.days, p.days_studied) for p in ada] == [("7d", 7, 1), ("30d", 30, 1)]
    assert ada[0].reviews == ada[1].reviews == Stages(learning=3, review=2)
    assert ada[0].seconds == Stages(learning=15, review=10)
    assert ada[0].retention == Retention(2, 2, 0, 0)
    assert [(p.days_studied, p.reviews) for p in bob] == [
        (1, Stages(review=1)),
        (3, Stages(learning=2, review=1)),
    ]
    assert bob[1].reviews_per_day == 0.1 and bob[1].retention == Retention(1, 1, 0, 0)
    assert all(p.reviews == Stages() and p.days_studied == 0 for p in cem)
    statistics = view.statistics
    assert statistics is not None and statistics.students == 3
    assert len(statistics.days) == 30 and statistics.days[0].date == date(2026, 10, 27)
    busy = {d.date.day: (d.reviews, d.seconds) for d in statistics.days if d.reviews.total}
    assert busy == {
        10: (Stages(learning=1), Stages(learning=5)),
        11: (Stages(learning=1), Stages(learning=5)),
        25: (Stages(learning=3, review=3), Stages(learning=15, review=15)),
    }


def test_a_report_without_statistics_says_so(reports: list[tuple[str, Report]]) -> None:
    """A report made before the statistics (schema 2): "not in this report", never zeros; the
    class's days add up the others and say of how many students."""
    data = json.loads(report_json(reports[1][1]))
    del data["statistics"]
    data["schema_version"] = 2
    old = parse_report(json.dumps(data), "bob.json")
    view = class_view([reports[0], (NAMES[1], old), reports[2]])
    assert view.students[1].statistics is None
    assert view.statistics is not None and view.statistics.students == 2
    assert view.statistics.days[-1].reviews == Stages(learning=3, review=2)  # Ada's alone
    markdown = render_class(view, "md", language="en")
    assert "| Bob Marley | not in this report (made before the statistics) | - |" in markdown
    assert "(last 30 days), of 2 of the 3 students (the other reports" in markdown
    assert "niet in dit rapport" in render_class(view, "md", language="nl")
    rows = list(csv.DictReader(io.StringIO(render_class(view, "csv", rows="student"))))
    assert {rows[1][column] for column in STATISTICS_COLUMNS} == {""}
    assert rows[0]["retention_young_7d"] == "1.0" and rows[2]["days_studied_30d"] == "0"


def test_class_statistics_in_csv_and_json(view: ClassView) -> None:
    text = render_class(view, "csv", rows="student", csv_dialect="excel-nl")
    (ada, bob, _) = csv.DictReader(io.StringIO(text), delimiter=";")
    assert (ada["reviews_per_day_7d"], ada["reviews_learning_7d"], ada["seconds_7d"]) == (
        "0,71",
        "3",
        "25",
    )
    assert (bob["young_reviews_30d"], bob["young_passed_30d"], bob["retention_young_30d"]) == (
        "1",
        "1",
        "1,0",
    )
    assert bob["mature_reviews_30d"] == "0" and bob["retention_mature_30d"] == ""
    document = class_document(view)
    assert document["schema_version"] == 2
    period = document["students"][0]["statistics"][0]
    assert period["retention"] == {
        "young_reviews": 2,
        "young_passed": 2,
        "mature_reviews": 0,
        "mature_passed": 0,
    }
    assert period["reviews"] == {"learning": 3, "review": 2, "relearning": 0}
    day = document["statistics"]["days"][-1]
    assert day == {
        "date": "2026-11-25",
        "reviews": {"learning": 3, "review": 3, "relearning": 0},
        "seconds": {"learning": 15, "review": 15, "relearning": 0},
    }
    schema = (Path(__file__).parents[2] / "docs" / "report-schema.md").read_text(encoding="utf-8")
    part = schema[schema.index("## Class view JSON") :]
    keys = set(document) - {"format", "schema_version"}  # the header, written out
    keys |= set(document["students"][0]) | set(period) | set(day)
    keys |= set(document["statistics"]) | set(period["retention"])
    assert {key for key in keys if f"`{key}`" not in part} == set()
    assert '`"schema_version": 2`' in part
    # the CSV columns: each figure, for `_7d` and `_30d`
    assert {figure for figure in PERIOD_FIGURES if f"`{figure}`" not in schema} == set()
    assert "`retention_mature_30d`" in schema
