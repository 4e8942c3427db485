"""The review screen is three widgets (status bar, card view, rating bar) styled through
component classes, so a theme or a stylesheet restyles the content; the session's end is a
message the app answers with the summary; undo in a cram session puts a failed last card back."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App

from crmcards.api import Workspace
from crmcards.services.session_request import SessionRequest
from crmcards.tui.card_view import CardView
from crmcards.tui.rating_bar import RatingBar
from crmcards.tui.review import ReviewScreen
from crmcards.tui.status_bar import StatusBar
from crmcards.tui.strings import STRINGS
from crmcards.tui.summary import SummaryScreen
from tests.conftest import SAMPLE_DECKS, FakeClock
from tests.tui.helpers import make_app, text_of


def key_style(bar: RatingBar, key: int) -> Style:
    """The style the rating bar draws key `key` ("4") in."""
    shown = bar.content
    assert isinstance(shown, Group)
    grid = shown.renderables[1]
    assert isinstance(grid, Table)
    cell = grid.columns[key - 1]._cells[0]
    assert isinstance(cell, Text) and cell.plain.startswith(str(key))
    return cell.get_style_at_offset(bar.app.console, 0)


async def test_the_screen_is_made_of_the_three_widgets(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for widget in (StatusBar, CardView, RatingBar):
            assert len(screen.query(widget)) == 1
        assert "Voorbeeld" in text_of(app, "#status-bar")
        await pilot.press("space")
        assert "Hoe goed wist je dit?" in text_of(app, "#hint")


async def test_a_stylesheet_restyles_the_rating_keys_through_their_component_class(
    home: Path,
) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        bar = app.screen.query_one(RatingBar)
        before = key_style(bar, 4)
        assert before.reverse and before.color is not None
        app.stylesheet.add_source(
            "RatingBar > .rating-bar--key-4 { color: #123456; text-style: underline; }",
            read_from=("test", "override"),
        )
        app.stylesheet.reparse()
        app.stylesheet.update(app)
        await pilot.press("u", "space")  # nothing to undo; the card is drawn again
        await pilot.pause()
        after = key_style(bar, 4)
        assert after.underline and not after.reverse
        assert after.color is not None and after.color.triplet is not None
        assert after.color.triplet.hex == "#123456"


class Host(App[None]):
    """Any app can show the review screen: it is given its session and strings, and says by a
    message when the session ends."""

    def __init__(self, screen: ReviewScreen) -> None:
        super().__init__()
        self.review, self.ended = screen, list[ReviewScreen.Ended]()
        self.text, self.language = STRINGS["en"], "en"

    def on_mount(self) -> None:
        self.push_screen(self.review)

    def on_review_screen_ended(self, ended: ReviewScreen.Ended) -> None:
        self.ended.append(ended)


async def test_the_screen_needs_no_crmcards_app_and_says_when_the_session_ends(
    home: Path,
) -> None:
    workspace = Workspace(home, [SAMPLE_DECKS], with_bundled_decks=False, clock=FakeClock())
    request = SessionRequest(workspace.library.select(["voorbeeld"]))
    session = workspace.session(request)
    host = Host(ReviewScreen(session, request, STRINGS["en"], "en"))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert "How well did you know this?" in text_of(host, "#hint")  # type: ignore[arg-type]
        await pilot.press("4", "q")
        await pilot.pause()
        assert [(m.session, m.request, m.direct) for m in host.ended] == [(session, request, False)]
        assert host.screen is host.review  # what comes next is the host's to decide
        assert len(session.store.logs_since(session.started)) == 1


async def test_the_study_app_answers_the_end_with_the_summary(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4", "q")
        assert isinstance(app.screen, SummaryScreen)


async def test_undoing_the_last_failed_card_of_a_cram_session_shows_it_again(home: Path) -> None:
    app = make_app(home, cram=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.session.cram
        session = screen.session
        while session.remaining > 1:  # know every card but the last
            await pilot.press("space", "5")
        last = session.current
        await pilot.press("space", "1")  # failed: it comes back at once, the only one left
        assert session.current == last
        await pilot.press("space", "1", "u", "u")
        assert isinstance(app.screen, ReviewScreen)
        assert session.current == last and session.remaining == 1 and not session.revealed
        prompt = text_of(app, "#prompt")
        await pilot.press("space", "5")
        assert isinstance(app.screen, SummaryScreen) and prompt
