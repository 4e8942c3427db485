"""Screenshots of the main screens, compared with approved SVGs in __snapshots__/.

After an intended change to the look: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then open snapshot_report.html / the SVGs and check them before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.tui.helpers import make_app, settled

SnapCompare = Any


def test_home(snap_compare: SnapCompare, home: Path) -> None:
    assert snap_compare(make_app(home, review=False), terminal_size=(80, 24), run_before=settled)


def test_question(snap_compare: SnapCompare, home: Path) -> None:
    assert snap_compare(make_app(home), terminal_size=(80, 24))


def test_answer(snap_compare: SnapCompare, home: Path) -> None:
    assert snap_compare(make_app(home), press=["space"], terminal_size=(80, 24))


def test_table_item(snap_compare: SnapCompare, home: Path) -> None:
    keys = ["space", "5"] * 3 + ["space"]  # the personalisation continuum, revealed
    assert snap_compare(make_app(home), press=keys, terminal_size=(80, 24))


def test_parts_item(snap_compare: SnapCompare, home: Path) -> None:
    keys = ["space", "5"] * 4 + ["space"]  # the S-CRM house, revealed
    assert snap_compare(make_app(home), press=keys, terminal_size=(80, 24))


def test_summary(snap_compare: SnapCompare, home: Path) -> None:
    keys = ["space", "1", "space", "3", "space", "5", "q"]
    assert snap_compare(make_app(home), press=keys, terminal_size=(80, 24))


@pytest.mark.parametrize("theme", ["textual-light"])
def test_large_terminal_light_theme(snap_compare: SnapCompare, home: Path, theme: str) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text(f'theme = "{theme}"\n', encoding="utf-8")
    keys = ["space", "5", "space"]  # an ordered list, revealed
    assert snap_compare(make_app(home), press=keys, terminal_size=(140, 45))


def test_home_with_a_broken_teacher_deck(snap_compare: SnapCompare, home: Path) -> None:
    folder = home / "decks"
    folder.mkdir(parents=True)
    (folder / "leraar.yaml").write_text("deck: L\ncards:\n  - id: a\n    q: Wat: dit?\n", "utf-8")
    app = make_app(home, review=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


def test_table_answer_on_a_large_terminal(snap_compare: SnapCompare, home: Path) -> None:
    keys = ["space", "5"] * 3 + ["space"]
    assert snap_compare(make_app(home), press=keys, terminal_size=(160, 50))


def test_card_browser(snap_compare: SnapCompare, home: Path) -> None:
    async def search(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("b")
        await settled(pilot)
        await pilot.press(*"crm", "down")

    assert snap_compare(make_app(home, review=False), terminal_size=(80, 24), run_before=search)


def test_card_info_on_a_large_terminal(snap_compare: SnapCompare, home: Path) -> None:
    async def rate_then_open(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("enter", "space", "3", "space", "4", "q", "enter", "b")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)

    app = make_app(home, review=False)
    assert snap_compare(app, terminal_size=(160, 50), run_before=rate_then_open)
