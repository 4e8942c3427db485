"""Review histories for the report tests (services, CLI and the statistics screen)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from crmcards.decks.catalog import Library
from crmcards.scheduling.exam import ExamPlanner
from crmcards.scheduling.planner import Planner
from crmcards.services.exam_plan import Forecast, exam_plan
from crmcards.services.settings import Settings
from crmcards.store.repository import Store


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


PLANNER = Planner(fuzz=False)  # reports never fuzz: the look-ahead must not vary


NOW = utc(2026, 11, 25, 12)


HISTORY = [
    ("voorbeeld/een-gat#all", 1, utc(2026, 10, 1, 10), 7),
    ("voorbeeld/een-gat#all", 3, utc(2026, 11, 10, 10), 30),
    ("voorbeeld/crm-definitie#q", 1, utc(2026, 11, 24, 2, 30), 10),
    ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 24, 18), 5),
    ("voorbeeld/crm-definitie#reverse", 2, utc(2026, 11, 25, 3, 30), 20),
    ("voorbeeld/crm-proces-stappen#all", 5, utc(2026, 11, 25, 10), 8),
    ("mini/a#q", 5, utc(2026, 11, 25, 9), 12),
]


def exam_of(
    library: Library, store: Store, exam: date, now: datetime
) -> tuple[date, Forecast, float]:
    """An exam on `exam`, the forecast of the plan a workspace with default settings makes for
    it (Workspace.exam_forecast) and the plan's target: what the report's readiness reads."""
    plan = exam_plan(
        lambda: Planner(fuzz=False, exam=ExamPlanner(exam)),
        library.items(),
        store.states(),
        now,
        limits=Settings().limits,
    )
    return exam, plan.forecast, plan.target


def record(
    store: Store, library: Library, history: list[tuple[str, int, datetime, int]] = HISTORY
) -> None:
    """Store each rating as a review session would: FSRS state and log entry together."""
    planner = Planner(fuzz=False)
    items = {item.id: item for item in library.items()}
    for item_id, rating, when, seconds in history:
        item = items[item_id]
        state = store.states([item_id]).get(item_id)
        review = planner.review(
            state, rating, when, duration_ms=seconds * 1000, note_key=item.note_key
        )
        store.record(item_id, item.deck.id, item.note_key, review)


HOSTILE = """\
deck: "<script>alert('deck')</script> [/bold] =HYPERLINK(\\"http://evil.example\\",\\"klik\\")"
id: hostile
cards:
  - id: script
    q: "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    a: "[klik](javascript:alert(3)) *vet* | pipe & co"
    reverse: true
  - id: formula
    q: '=HYPERLINK("http://evil.example","klik")'
    a: "+1+1"
    reverse: true
  - id: at
    q: "@SUM(A1:A2)"
    a: "-2+3 [red]rood[/red]"
    reverse: true
"""


HOSTILE_STUDENT = "<b>Eve</b> =cmd|' /C calc'!A0"


# What must reach the reader as text: never as markup, a link, a script or a formula.
HOSTILE_TEXTS = [
    "<script>alert(1)</script> <img src=x onerror=alert(2)>",
    "[klik](javascript:alert(3)) *vet* | pipe & co",
    '=HYPERLINK("http://evil.example","klik")',
    "-2+3 [red]rood[/red]",
]


def hostile_deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile-decks"
    folder.mkdir(exist_ok=True)
    (folder / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    return folder


def hostile_history(library: Library) -> list[tuple[str, int, object, int]]:
    """Every hostile item failed once, so each is among the hardest items with its prompt."""
    return [(item.id, 1, utc(2026, 11, 25, 9, n), 5) for n, item in enumerate(library.items())]


def assert_labels(text: str, expected: dict[str, list[str]], language: str) -> None:
    """Each of `language`'s expected texts is in `text`; the other language's first and last
    (chosen to be texts of that language only) are not."""
    for label in expected[language]:
        assert label in text
    (other,) = set(expected) - {language}
    assert expected[other][0] not in text and expected[other][-1] not in text


MINI = """\
deck: Mini
id: mini
cards:
  - id: a
    q: Vraag A
    a: Antwoord A
  - id: b
    q: Vraag B
    a: Antwoord B
"""


def mini_deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mini-decks"
    folder.mkdir(exist_ok=True)
    (folder / "mini.yaml").write_text(MINI, encoding="utf-8")
    return folder
