"""A student's workspace: the data folder, the decks, the settings, the database and the clock.

This is where crmcards is wired together, once: the CLI, the TUI, the benches and scripts (through
`crmcards.api`) all get the database, the planner, sessions, status and reports from here.
Heavy modules (SQLAlchemy, FSRS) are imported inside the methods that need them, so `lint`,
`cards` and `--help` start quickly.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from crmcards import collector
from crmcards.decks.cache import DeckCache
from crmcards.decks.catalog import Library, load_outlines, select_decks
from crmcards.decks.loader import FileProblem
from crmcards.decks.model import Deck
from crmcards.decks.outline import DeckOutline
from crmcards.errors import CrmcardsError
from crmcards.locations import Locations, bundled_decks_dir, data_folder, database_url
from crmcards.messages import DEFAULT_LANGUAGE, Said, say
from crmcards.services.clock import Clock, Now, clock_of, utc_now
from crmcards.services.session_request import SessionRequest
from crmcards.services.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from crmcards.decks.on_demand import ItemsOnDemand
    from crmcards.scheduling.planner import Planner
    from crmcards.scheduling.queue import Limits, Studied
    from crmcards.services.exam_morning import ExamMorning
    from crmcards.services.exam_plan import ExamPlan, Forecast
    from crmcards.services.report.figures import Report
    from crmcards.services.report.readiness import Readiness
    from crmcards.services.session import ReviewSession
    from crmcards.services.status import Status
    from crmcards.services.today import TodaysCounts
    from crmcards.store.history_reads import HistoryReads
    from crmcards.store.repository import Store

T = TypeVar("T")


@dataclass
class Workspace:
    """`home` from --home, else $CRMCARDS_HOME, else the platform's user data folder.

    `clock` is what "now" means for everything done here; `fuzz` spreads review dates a little
    (as FSRS recommends), off in tests that compare exact dates."""

    home: Path
    extra_deck_dirs: Sequence[Path] = field(default_factory=tuple)
    with_bundled_decks: bool = True
    # told about each deck file that does not load (the command line prints a warning line;
    # the app shows a banner instead, so it leaves this None)
    on_skipped: Callable[[FileProblem], None] | None = field(default=None, repr=False)
    clock: Clock = utc_now
    fuzz: bool = True
    # Tells the student something that does not stop the command (a tidied-up crash, a backup
    # that could not be written, a wrong theme), already in the UI language; None: a warning
    # line on stderr. The TUI shows it in the app instead.
    warn: Callable[[str], None] | None = field(default=None, repr=False)
    # False: opening the database leaves the day's automatic backup to `make_daily_backup`,
    # which the app calls in a thread once its first screen is up (a checked copy of a large
    # database takes seconds). Everything else makes it when the database opens.
    backup_on_open: bool = True
    _store: Store | None = field(default=None, init=False, repr=False)
    _store_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    # held while the day's backup is made, so that closing waits for one under way
    _backup_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    # what was wrong in config.toml and replaced by a default, as told (the app shows it again)
    settings_warnings: tuple[str, ...] = field(default=(), init=False, repr=False)

    @classmethod
    def resolve(
        cls,
        home: Path | None = None,
        deck_dirs: Sequence[Path] = (),
        *,
        clock: Clock = utc_now,
        with_bundled_decks: bool = True,
        fuzz: bool = True,
    ) -> Workspace:
        return cls(
            data_folder(home),
            tuple(deck_dirs),
            with_bundled_decks=with_bundled_decks,
            clock=clock,
            fuzz=fuzz,
        )

    @property
    def locations(self) -> Locations:
        return Locations(self.home)

    @property
    def deck_dirs(self) -> list[Path]:
        bundled = [bundled_decks_dir()] if self.with_bundled_decks else []
        return [*bundled, self.locations.decks, *self.extra_deck_dirs]

    @property
    def deck_cache(self) -> DeckCache:
        return DeckCache(self.locations.deck_cache)

    @cached_property
    def library(self) -> Library:
        library = Library.load(self.deck_dirs, self.deck_cache)
        if self.on_skipped is not None:
            for problem in library.skipped:
                self.on_skipped(problem)
        # The decks live as long as the program: keep their (many) objects out of the cycle
        # collector's passes, which would otherwise walk all of them again a few times.
        collector.keep_what_was_built()
        return library

    @property
    def deck_outlines(self) -> tuple[DeckOutline, ...]:
        """Every deck's id, title and item ids: the library's when it is loaded, else read
        from the deck cache's outlines without decoding a single note (see decks.outline)."""
        if self.library_loaded:  # its own outlines cost nothing more
            return self.library.outlines
        return self._outlines[0]

    @cached_property
    def _outlines(self) -> tuple[tuple[DeckOutline, ...], tuple[FileProblem, ...]]:
        outlines, skipped = load_outlines(self.deck_dirs, self.deck_cache)
        if self.on_skipped is not None:
            for problem in skipped:
                self.on_skipped(problem)
        return outlines, skipped

    @cached_property
    def _items_on_demand(self) -> ItemsOnDemand:
        """The cards of the outlines' decks, decoded as sessions show them (once each, so
        that every session of this workspace shows the same Item for a card)."""
        from crmcards.decks.on_demand import ItemsOnDemand

        return ItemsOnDemand(self._outlines[0], self.deck_cache)

    @property
    def library_loaded(self) -> bool:
        return "library" in self.__dict__

    def select(self, names: Sequence[str]) -> tuple[Deck, ...] | tuple[DeckOutline, ...]:
        """The decks named (decks.catalog.select_decks): the library's once it is loaded,
        else their outlines, without decoding a note (enough to ask for a session)."""
        if self.library_loaded:
            return self.library.select(names)
        outlines, skipped = self._outlines
        return select_decks(outlines, skipped, names)

    @cached_property
    def settings(self) -> Settings:
        settings, warnings = load_settings(self.home)
        self.settings_warnings = tuple(warning.shown(settings.language) for warning in warnings)
        for warning in self.settings_warnings:
            self.tell(warning, settings.language)
        return settings

    @property
    def language(self) -> str:
        """The UI language: the settings', or the default while they cannot be read."""
        try:
            return self.settings.language
        except CrmcardsError:
            return DEFAULT_LANGUAGE

    def tell(self, notice: Said | str, language: str | None = None) -> None:
        """Tell the student something that does not stop the command (see `warn`)."""
        language = language or self.language
        text = notice.shown(language) if isinstance(notice, Said) else notice
        if self.warn is not None:
            self.warn(text)
        else:
            print(say("warning", language, message=text), file=sys.stderr)

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.home, settings)
        self.__dict__["settings"] = settings

    # -- the database -------------------------------------------------------------------------
    @property
    def has_database(self) -> bool:
        """Whether a study history exists here (checked without opening or creating it)."""
        return self.locations.database.exists() or database_url() is not None

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    def open_store(self) -> Store:
        """The database, opened (and migrated) on first use, when the day's automatic backup is
        made too (unless `backup_on_open` is off). Safe to call from several threads: the app
        opens it in a worker while a keypress may ask for it as well."""
        with self._store_lock:
            if self._store is None:
                # Imported here: SQLAlchemy takes about half a second to import, and `lint`,
                # `cards` and `--help` never touch the database.
                from crmcards.store.database import DamagedDatabase
                from crmcards.store.repository import Store

                store = Store.open(home=self.home, url=database_url())
                for notice in store.notices:
                    self.tell(notice)
                try:
                    problem = self._daily_backup(store) if self.backup_on_open else None
                except BaseException:
                    store.close()
                    raise
                if isinstance(problem, DamagedDatabase):  # studying on would add to the damage
                    store.close()
                    raise problem  # stop, with the way back in its message
                if problem is not None:  # e.g. a full disk: studying goes on
                    self.tell(problem.said or problem.message)
                self._store = store
            return self._store

    def make_daily_backup(self) -> CrmcardsError | None:
        """Make today's automatic backup of the open database unless it is made, and return why
        it could not be: a DamagedDatabase (no copy was made and the good backups are kept;
        studying on would only add to the damage) or another error (e.g. a full disk). For the
        app, which calls it in a thread once its first screen is up (`backup_on_open` off):
        the copy reads one consistent snapshot while ratings go on being committed."""
        with self._backup_lock:
            store = self._store
            return None if store is None else self._daily_backup(store)

    def _daily_backup(self, store: Store) -> CrmcardsError | None:
        from crmcards.services.backups import daily_backup

        try:
            daily_backup(store, self.home, self.clock().astimezone())
        except CrmcardsError as error:
            return error
        return None

    def close(self) -> None:
        """Close the database if this workspace opened it, after the day's backup if one is
        being made (quitting never leaves it half made)."""
        with self._backup_lock, self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    # -- scheduling ---------------------------------------------------------------------------
    def planner(
        self,
        *,
        fuzz: bool | None = None,
        exam_date: date | None = None,
        clock: Clock | None = None,
        follow_exam: bool = True,
    ) -> Planner:
        """The FSRS planner with this student's settings and memory model, following the exam
        plan toward `exam_date` (default: the settings' exam date, once it is set and after
        today; not with `follow_exam=False`); the one place a Planner is made.

        `fuzz=False` for look-aheads (readiness, reports) that must not vary from run to run."""
        from crmcards.services.planning import make_planner

        return make_planner(
            self.settings,
            self.open_store(),
            (clock or self.clock)(),
            exam_date=exam_date,
            fuzz=self.fuzz if fuzz is None else fuzz,
            follow_exam=follow_exam,
        )

    @property
    def limits(self) -> Limits:
        """Today's limits from the settings: new cards and reviews per day."""
        return self.settings.limits

    def session(self, request: SessionRequest, clock: Clock | None = None) -> ReviewSession:
        """The study session `request` asks for (one that changes no schedule with `cram`).

        Until something has loaded the whole library, the queue is chosen from the decks'
        outlines and only the cards shown are decoded (decks.on_demand): the same queue, the
        first card without decoding 25,000 notes. A tag is in the notes: it takes the library."""
        from crmcards.services.session import ReviewSession
        from crmcards.services.suspension import studyable

        suspended = self.suspended_ids()
        selection: Sequence[Studied]
        if request.tag is None and not self.library_loaded:
            outlines = self.deck_outlines
            selection = studyable(request.outline_items(outlines), suspended)
            collector.keep_what_was_built()  # as the library: the outlines' items are kept
            item_of, index = self._items_on_demand.item, None
        else:
            library = self.library
            selection = studyable(request.items(library), suspended)
            item_of, index = library.item, library.index
        return ReviewSession(
            self.open_store(),
            self.planner(exam_date=request.exam_date, clock=clock),
            selection,
            item_of=item_of,
            cram=request.cram,
            limits=self.limits,
            leech_lapses=self.settings.leech_lapses,
            clock=clock or self.clock,
            index=index,
        )

    def suspended_ids(self) -> set[str]:
        """The ids of the cards the student suspended: in no session, cram or plan."""
        return self.open_store().suspended_ids()

    # -- where the student stands -------------------------------------------------------------
    def deck_status(self) -> Status:
        """Per deck and in total: items, new, due now, overdue, reviews logged, mastered."""
        from crmcards.services.status import status

        return status(self.deck_outlines, self.open_store(), self.clock(), self.suspended_ids())

    def deck_status_and_orphans(self) -> tuple[Status, list[str]]:
        """`deck_status()` and `orphaned()`, reading the schedules once (`crmcards status`:
        through the plain sqlite3 reader when it can, see `_read_history`)."""
        from crmcards.services.status import item_marks, orphaned_items, status

        def read(history: HistoryReads) -> tuple[Status, list[str]]:
            now = self.clock()
            marks = item_marks(history, now)
            counts = status(self.deck_outlines, history, now, history.suspended_ids(), marks)
            return counts, orphaned_items(self.deck_outlines, history, marks.scheduled)

        return self._read_history(read)

    def fingerprints(self) -> dict[str, int]:
        """The content fingerprint of every studied note (`lint` warns of reused card ids;
        through the plain sqlite3 reader when it can, see `_read_history`)."""
        return self._read_history(lambda history: history.fingerprints())

    def _read_history(self, read: Callable[[HistoryReads], T]) -> T:
        """`read` on the open store; else, when opening the database would do nothing (today's
        backup is made, the schema is current: store.sqlite_reader), on a plain sqlite3 reader,
        which keeps SQLAlchemy's import out of `status` and `lint`; else on the store, opened."""
        if self._store is None and database_url() is None and self._backed_up_today():
            from crmcards.store.sqlite_reader import ReaderGaveUp, open_reader

            reader, notices = open_reader(self.locations.database)
            for notice in notices:
                self.tell(notice)
            if reader is not None:
                try:
                    with reader:
                        return read(reader)
                except ReaderGaveUp:
                    pass  # the store reads it again, and tells what is wrong
        return read(self.open_store())

    def _backed_up_today(self) -> bool:
        """Whether today's automatic backup is made (else opening the store makes it)."""
        return self.locations.daily_backup(self.clock().astimezone().date()).exists()

    def todays_counts(self) -> TodaysCounts:
        """Per deck and in total: the new and due items a session started now would show."""
        from crmcards.services.today import available_today

        return available_today(
            self.library,
            self.open_store(),
            self.planner(fuzz=False),
            self.limits,
            self.clock(),
            self.suspended_ids(),
        )

    def orphaned(self) -> list[str]:
        """Item ids with history but no card in any known deck."""
        from crmcards.services.status import orphaned_items

        return orphaned_items(self.deck_outlines, self.open_store())

    def upcoming_exam(self) -> date | None:
        """The exam date in the settings, if one is set and it is after today."""
        from crmcards.services.report.readiness import upcoming_exam

        return upcoming_exam(self.settings, self.clock())

    def exam_readiness(
        self, exam: date, plan: Forecast | None = None, *, stop: Callable[[], bool] | None = None
    ) -> Readiness | None:
        """Every deck's readiness for an exam on `exam`, read from its exam plan's forecast
        (`plan`, when the caller has the plan already); None unless the exam is after today.
        `stop`: as for exam_plan."""
        from crmcards.services.report.readiness import readiness
        from crmcards.services.suspension import studyable

        plan = plan or self.exam_forecast(exam, stop=stop)
        if plan is None:
            return None
        suspended = self.suspended_ids()
        decks = [
            (deck, studyable(self.library.items([deck]), suspended)) for deck in self.library.decks
        ]
        # plain FSRS predicts the recall if the student stops today
        planner = self.planner(fuzz=False, follow_exam=False)
        states = self.open_store().states()
        return readiness(decks, states, exam, plan, self.clock(), planner, self._exam_target(exam))

    def _exam_target(self, exam: date) -> float:
        """The recall the exam plan for `exam` aims every card at on exam morning (what
        `crmcards plan` shows as its target, and readiness counts as ready)."""
        exam_planner = self.planner(fuzz=False, exam_date=exam).exam
        assert exam_planner is not None, "a planner for an exam date has an exam plan"
        return exam_planner.target

    def _exam_plan_inputs(self, exam: date) -> dict[str, Any] | None:
        """What the plan until an exam on `exam` is made from; None unless it is after today."""
        from crmcards.scheduling.queue import study_date
        from crmcards.services.session import studied_today
        from crmcards.services.suspension import studyable
        from crmcards.store.memory import typical_durations

        now = self.clock()
        if exam <= study_date(now):
            return None
        store = self.open_store()
        return {
            "new_planner": lambda: self.planner(fuzz=False, exam_date=exam),
            "items": studyable(self.library.items(), self.suspended_ids()),
            "states": store.states(),
            "now": now,
            "seconds": typical_durations(store),
            "limits": self.limits,
            "studied": studied_today(store, now),
        }

    def exam_plan(self, exam: date, *, stop: Callable[[], bool] | None = None) -> ExamPlan | None:
        """The day-by-day plan until an exam on `exam`; None unless it is after today.
        `stop`: asked now and then while the plan is worked out (minutes with many thousands
        of cards); once it returns True, PlanStopped is raised (a screen's worker cancelled)."""
        from crmcards.services.exam_plan import exam_plan

        inputs = self._exam_plan_inputs(exam)
        return None if inputs is None else exam_plan(**inputs, stop=stop)

    def exam_forecast(
        self, exam: date, *, stop: Callable[[], bool] | None = None
    ) -> Forecast | None:
        """The exam plan's forecast from today alone (ExamPlan.forecast, without what skipping
        today would cost): what the report's readiness reads. `stop`: as for exam_plan."""
        from crmcards.services.exam_plan import forecast
        from crmcards.services.report.days import study_date

        inputs = self._exam_plan_inputs(exam)
        if inputs is None:
            return None
        del inputs["seconds"]  # the minutes a day are not read
        return forecast(**inputs, first=study_date(inputs["now"]), stop=stop)

    def exam_morning(self) -> ExamMorning | None:
        """On the day of the exam in the settings: the recall predicted now and the weakest
        cards for a last look; None on any other day."""
        from crmcards.scheduling.queue import study_date
        from crmcards.services.exam_morning import exam_morning
        from crmcards.services.suspension import studyable

        now = self.clock()
        exam = self.settings.exam_date
        if not exam or date.fromisoformat(exam) != study_date(now):
            return None
        items = studyable(self.library.items(), self.suspended_ids())
        return exam_morning(self.planner(fuzz=False), items, self.open_store().states(), now)

    def build_report(
        self, *, student: str | None = None, exam: date | None = None, readiness: bool = True
    ) -> Report:
        """The progress report: `student` defaults to the settings' name, `exam` to the
        settings' exam date (readiness when it is after today, read from its exam plan; left
        out without `readiness`, for exam_readiness to add later: the plan over many thousands
        of cards takes far longer than the rest of the report)."""
        from crmcards.services.report.figures import build_report

        exam = self.upcoming_exam() if exam is None else exam
        plan = None if exam is None or not readiness else self.exam_forecast(exam)
        return build_report(
            self.library,
            self.open_store(),
            self.clock(),
            planner=self.planner(fuzz=False, follow_exam=False),  # readiness: plain FSRS
            settings=self.settings,
            student=self.settings.student if student is None else student,
            exam=None if exam is None or plan is None else (exam, plan, self._exam_target(exam)),
        )

    # -- the public API (crmcards.api, docs/api.md): plain data, as the --json commands print -
    def status(self) -> dict[str, object]:
        """The dict `crmcards status --json` prints."""
        counts, orphans = self.deck_status_and_orphans()
        return counts.as_dict() | {"orphaned": len(orphans)}

    def review(
        self,
        decks: Sequence[str] = (),
        tag: str | None = None,
        now: Now = None,
        *,
        cram: bool = False,
    ) -> ReviewSession:
        """A session on the decks named (ids or titles; all when empty), optionally one tag.

        `now`: this session's clock (a datetime or a callable); default: the workspace's."""
        request = SessionRequest(self.library.select(list(decks)), tag=tag, cram=cram)
        return self.session(request, clock_of(now, self.clock))

    def report(self, *, student: str | None = None, exam: date | None = None) -> dict[str, Any]:
        """The dict `crmcards report --format json` writes."""
        from crmcards.services.report.json import report_document

        return report_document(self.build_report(student=student, exam=exam))

    def plan(self, exam_date: date | str) -> dict[str, object]:
        """The dict `crmcards plan --exam-date D --json` prints (see services/exam_plan.py)."""
        exam = date.fromisoformat(exam_date) if isinstance(exam_date, str) else exam_date
        plan = self.exam_plan(exam)
        if plan is None:
            raise CrmcardsError(Said.of("exam_not_after_today", day=exam.isoformat()))
        return plan.as_dict()
