"""`import --with-history`: an Anki collection's review log comes along, and crmcards' fit on it
predicts at least as well as Anki's own (compute_fsrs_params + evaluate_params)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from crmcards.decks.catalog import Library
from crmcards.decks.items import Item
from crmcards.services.imports.history import item_for
from crmcards.services.personal_model import optimize
from crmcards.store.memory import review_count
from crmcards.store.repository import Store
from crmcards.store.tables import ReviewLog, stage_before
from tests.anki_history import AnkiFit, anki_collection
from tests.conftest import RunCli


@pytest.fixture(scope="module")
def anki(tmp_path_factory: pytest.TempPathFactory) -> AnkiFit:
    return anki_collection(tmp_path_factory.mktemp("anki"), cards=300, days=120)


@pytest.mark.usefixtures("english")
def test_the_history_comes_along_and_fits_as_well_as_ankis_own(
    crmcards: RunCli,
    anki: AnkiFit,
    home: Path,
    tmp_path: Path,
) -> None:
    deck = tmp_path / "student.yaml"
    code, out, err = crmcards("import", str(anki.package), "--with-history", "-o", str(deck))
    assert code == 0, err
    assert f"{anki.graded} ratings of 300 items brought along" in out
    assert "2 manual or cram entries left out" in out
    store = Store.open(home=home)
    try:
        assert review_count(store) == anki.graded  # learning steps and relearning included
        assert len(store.states()) == 300  # every item's state rebuilt by the replay
        with store.reading() as session:
            logs = session.exec(select(ReviewLog)).all()
        result = optimize(store, datetime.now(UTC))
    finally:
        store.close()
    assert result.saved and result.after is not None
    assert result.after.log_loss <= anki.log_loss * 1.01
    # each rating's stage (what the statistics group by) is that of the state it was given in
    assert all(
        (log.state_before, log.interval_before_s) == stage_before(log.schedule_before)
        for log in logs
    )
    assert {log.state_before for log in logs} == {0, 1, 2, 3}

    code, out, err = crmcards(
        "import",
        str(anki.package),
        "--with-history",
        "--force",
        "-o",
        str(deck),
    )
    assert code == 0, err
    assert f"0 ratings of 0 items brought along ({anki.graded} already here" in out
    store = Store.open(home=home)
    try:
        assert review_count(store) == anki.graded  # importing twice adds nothing twice
    finally:
        store.close()


def test_history_needs_an_anki_package(
    crmcards: RunCli,
    tmp_path: Path,
) -> None:
    source = tmp_path / "cards.csv"
    source.write_text("front,back\nWat is CRM?,Een strategie\n", encoding="utf-8")
    code, out, err = crmcards(
        "import", str(source), "--with-history", "-o", str(tmp_path / "d.yaml")
    )
    assert code == 1 and out == ""
    assert "--with-history vraagt een Anki-pakket" in err and err.count("\n") == 1


def test_anki_cards_map_to_the_items_they_became(library: Library) -> None:
    by_note: dict[str, list[Item]] = {}
    for item in library.items():
        by_note.setdefault(item.note.id, []).append(item)
    cloze = next(items for items in by_note.values() if items[0].note.type == "cloze")
    gaps = [item_for(cloze, n) for n in range(len(cloze) - 1)]
    assert [gap.variant if gap else None for gap in gaps] == [
        str(n + 1) for n in range(len(cloze) - 1)
    ]
    assert item_for(cloze, len(cloze)) is None
    basic = next(items for items in by_note.values() if items[0].note.type == "basic")
    assert item_for(basic, 0) == basic[0]
    assert item_for(basic, 1) == (basic[1] if len(basic) > 1 else None)
