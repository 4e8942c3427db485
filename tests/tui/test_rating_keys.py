"""The five rating keys are visibly distinct, and typing an answer shows esc to stop."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.tui.helpers import make_app, text_of


async def test_keys_1_and_2_say_they_both_relearn_and_the_raw_2_is_stored(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        hint = text_of(app, "#hint")
        assert "1 helemaal niet" in hint and "2 nauwelijks" in hint
        assert "↺ net als 1" in hint  # not the same interval twice
        assert hint.count("1 min") == 1
        await pilot.press("2")
    with sqlite3.connect(home / "crmcards.db") as connection:
        assert connection.execute("SELECT rating, fsrs_rating FROM review_log").fetchall() == [
            (2, 1)
        ]


def footer_keys(app: object) -> dict[str, str]:
    return {
        a.binding.action: app.get_key_display(a.binding)  # type: ignore[attr-defined]
        for a in app.screen.active_bindings.values()  # type: ignore[attr-defined]
        if a.binding.show
    }


async def test_while_typing_the_footer_offers_esc_not_q(home: Path) -> None:
    app = make_app(home, typed=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert footer_keys(app)["finish"] == "esc"
        await pilot.press("q")  # typed into the answer, the session goes on
        assert app.screen.query_one("#typed").value == "q"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert footer_keys(app)["finish"] == "q"  # revealed: q stops again
        await pilot.press("escape")
        assert "Sessie gestopt" in text_of(app, "#summary")


async def test_undoing_again_and_again_shows_one_toast(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.press("space", "5")
        await pilot.press("u", "u", "u", "u")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Niets om ongedaan te maken."]


async def test_rating_labels_keep_a_gap_and_the_cram_badge_is_never_cut(home: Path) -> None:
    """QA 5: at 80 columns "1 helemaal niet2 nauwelijks" ran together and the cram status line
    lost "planning blijft ongewijzigd" after a dangling ·."""
    for size in ((80, 24), (160, 50)):
        app = make_app(home / str(size[0]), cram=True)
        async with app.run_test(size=size) as pilot:
            status = text_of(app, "#status-bar")
            assert "oefenen: planning blijft ongewijzigd" in status
            assert not status.rstrip().endswith("·") and "…" not in status
            assert (status.count("\n") == 1) == (size[0] == 80)  # the badge wraps only when needed
            await pilot.press("space")
            hint = text_of(app, "#hint")
            assert "helemaal niet  " in hint and "…" not in hint
            for label in ("nauwelijks", "met moeite", "goed", "perfect"):
                assert f"{label}" in hint
