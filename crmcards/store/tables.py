"""The database tables. Deck text is never stored here: only scheduling state and the review log."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, Table, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Column, Field, SQLModel

from crmcards.schedule import Review, Schedule, new_uid


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite itself keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def core_table(model: type[SQLModel]) -> Table:
    """The Core table of a model, for statements without the ORM's bookkeeping."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


def _utc_column(*, nullable: bool = False, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


class ItemState(SQLModel, table=True):
    """The FSRS state of one review item. No row means the item is new."""

    __tablename__ = "item_state"
    # the items in (re)learning that are due: a session shows all of them, past any limit
    __table_args__ = (Index("ix_item_state_state_due", "state", "due"),)

    item_id: str = Field(primary_key=True, max_length=300)
    deck_id: str = Field(index=True, max_length=100)
    note_key: str = Field(index=True, max_length=300)
    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime = Field(sa_column=_utc_column(index=True))
    last_review: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    reps: int = 0
    lapses: int = 0

    @classmethod
    def of(cls, item_id: str, deck_id: str, note_key: str, schedule: Schedule) -> ItemState:
        return cls(
            item_id=item_id,
            deck_id=deck_id,
            note_key=note_key,
            state=schedule.state,
            step=schedule.step,
            stability=schedule.stability,
            difficulty=schedule.difficulty,
            due=schedule.due,
            last_review=schedule.last_review,
            reps=schedule.reps,
            lapses=schedule.lapses,
        )

    def set_schedule(self, schedule: Schedule) -> None:
        self.state, self.step = schedule.state, schedule.step
        self.stability, self.difficulty = schedule.stability, schedule.difficulty
        self.due, self.last_review = schedule.due, schedule.last_review
        self.reps, self.lapses = schedule.reps, schedule.lapses

    @property
    def schedule(self) -> Schedule:
        return Schedule(
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
            reps=self.reps,
            lapses=self.lapses,
        )


def schedule_of(row: ItemState | None) -> Schedule | None:
    """The schedule an item_state row holds (None when the item has no row: it is new)."""
    return None if row is None else row.schedule


NEW_STATE = 0  # ReviewLog.state_before of an item that had never been reviewed
# the columns of the log's time index (ReviewLog): the time, then what a period's tally reads
TALLIED = ("reviewed_at", "deck_id", "state_before", "interval_before_s", "rating", "duration_ms")


def stage_before(before: Schedule | None) -> tuple[int, int | None]:
    """ReviewLog's state_before and interval_before_s of a rating given to an item whose
    schedule was `before` (None: a new item). The interval runs from the last review to the due
    date, in whole seconds."""
    if before is None:
        return NEW_STATE, None
    if before.last_review is None:
        return before.state, None
    return before.state, round((before.due - before.last_review).total_seconds())


# The `sync` of a retraction, flag or reset: how far it has travelled to the class server.
LOCAL_ONLY = 0  # never sent
ON_SERVER = 2  # the server has confirmed it
# A negative value (left by crmcards before 2026-12): a sync has sent the row, or was sending
# it; the next sync sends it again.
# On a device in a class (meta CLASS_ID), any sync may be sending an unsent rating right now,
# so undoing one records a retraction too (for a rating the server never gets it is harmless).
CLASS_ID = "class.id"  # meta: the class this history belongs to


class ReviewLog(SQLModel, table=True):
    """One rating a student gave. `previous` and `after` hold the item's schedule before and
    after it (`Schedule.to_json`; `previous` is NULL when the item was new), so undo restores
    the schedule exactly and the class server learns the state a rating led to."""

    __tablename__ = "review_log"
    __table_args__ = (
        # a note's reviews since a moment, from the index alone (overdue looks at thousands of
        # notes)
        Index("ix_review_log_note_key_reviewed_at", "note_key", "reviewed_at"),
        # the time index, carrying what the statistics sum up of each review in a period
        # (store.history.day_tallies), so that they read the index and never the rows
        Index("ix_review_log_reviewed_at_tally", *TALLIED),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, max_length=36, unique=True, index=True)
    item_id: str = Field(index=True, max_length=300)
    deck_id: str = Field(index=True, max_length=100)
    note_key: str = Field(max_length=300)
    rating: int  # the student's own 1-5
    fsrs_rating: int  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    reviewed_at: datetime = Field(sa_column=_utc_column())
    duration_ms: int | None = None
    state_after: int
    previous: str | None = None
    after: str | None = None
    # What `previous` says of the stage the item was in, as columns the statistics group by
    # (see stage_before): its fsrs.State (0 when new) and interval in seconds (NULL when new).
    state_before: int = Field(default=NEW_STATE, sa_column_kwargs={"server_default": "0"})
    interval_before_s: int | None = None

    @classmethod
    def of(cls, item_id: str, deck_id: str, note_key: str, review: Review) -> ReviewLog:
        log = cls(
            uid=review.uid,
            item_id=item_id,
            deck_id=deck_id,
            note_key=note_key,
            rating=review.rating,
            reviewed_at=review.reviewed_at,
            duration_ms=review.duration_ms,
            fsrs_rating=review.fsrs_rating,
            state_after=review.after.state,
        )
        log.set_schedules(review)
        return log

    def set_schedules(self, review: Review) -> None:
        """What the rating did, as computed (again, by a replay) from the rating itself."""
        self.fsrs_rating, self.state_after = review.fsrs_rating, review.after.state
        self.previous = None if review.before is None else review.before.to_json()
        self.after = review.after.to_json()
        self.state_before, self.interval_before_s = stage_before(review.before)

    @property
    def schedule_before(self) -> Schedule | None:
        return None if self.previous is None else Schedule.from_json(self.previous)


class UnsentReview(SQLModel, table=True):
    """A rating the class server has not confirmed yet (every rating, until a sync's server has
    it). Kept apart from the log so that confirming a class's first sync deletes thousands of
    narrow rows instead of rewriting thousands of ratings. The trigger of `unsent_on_insert`
    (made with the table, see store.migrations) adds every new rating, whichever code writes
    it; deleting a rating deletes its row here. `seq` is never reused (AUTOINCREMENT), so a
    sync confirms what it read as "every row up to the highest seq it read": rows added since,
    even for a rating in the place (id) of one undone meanwhile, come after it."""

    __tablename__ = "review_unsent"
    __table_args__ = {"sqlite_autoincrement": True}

    seq: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("review_log.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        )
    )


_UNSENT_ON_INSERT = {
    "sqlite": (
        "CREATE TRIGGER review_log_unsent AFTER INSERT ON review_log"
        " BEGIN INSERT OR IGNORE INTO review_unsent (review_id) VALUES (NEW.id); END",
    ),
    "postgresql": (
        "CREATE FUNCTION review_log_unsent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " INSERT INTO review_unsent (review_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;"
        " RETURN NULL; END $$",
        "CREATE TRIGGER review_log_unsent AFTER INSERT ON review_log"
        " FOR EACH ROW EXECUTE FUNCTION review_log_unsent()",
    ),
}


def unsent_on_insert(dialect: str) -> tuple[str, ...]:
    """The statements that make the trigger adding each new rating to review_unsent."""
    return _UNSENT_ON_INSERT[dialect]


class Retraction(SQLModel, table=True):
    """An undone rating that may already be on the class server. The rating leaves the local log
    as every undone rating does; this row tells the server and the student's other devices that
    it no longer counts (the server never deletes anything)."""

    __tablename__ = "review_retraction"

    uid: str = Field(default_factory=new_uid, primary_key=True, max_length=36)
    review_uid: str = Field(max_length=36, unique=True, index=True)
    item_id: str = Field(max_length=300)
    retracted_at: datetime = Field(sa_column=_utc_column())
    sync: int = Field(
        default=LOCAL_ONLY, index=True, sa_column_kwargs={"server_default": str(LOCAL_ONLY)}
    )


class Suspension(SQLModel, table=True):
    """A card the student set aside: it is in no session, cram or plan until taken back."""

    __tablename__ = "item_suspension"

    item_id: str = Field(primary_key=True, max_length=300)
    deck_id: str = Field(max_length=100)
    suspended_at: datetime = Field(sa_column=_utc_column())


class SuspensionChange(SQLModel, table=True):
    """A card set aside (suspended) or taken back, as an event: what travels to the class
    server and the student's other devices (Suspension is the state it leaves; the latest
    change of a card, by time and then uid, decides)."""

    __tablename__ = "suspension_change"

    uid: str = Field(default_factory=new_uid, primary_key=True, max_length=36)
    item_id: str = Field(index=True, max_length=300)
    deck_id: str = Field(max_length=100)
    suspended: bool
    changed_at: datetime = Field(sa_column=_utc_column())
    sync: int = Field(
        default=LOCAL_ONLY, index=True, sa_column_kwargs={"server_default": str(LOCAL_ONLY)}
    )


class ItemReset(SQLModel, table=True):
    """A card the student put back to new. Its ratings stay in the log (they are synced by uid and
    never deleted); a rebuild of the card's state from its log starts after its last reset."""

    __tablename__ = "item_reset"

    uid: str = Field(default_factory=new_uid, primary_key=True, max_length=36)
    item_id: str = Field(index=True, max_length=300)
    reset_at: datetime = Field(sa_column=_utc_column())
    sync: int = Field(
        default=LOCAL_ONLY, index=True, sa_column_kwargs={"server_default": str(LOCAL_ONLY)}
    )


class Meta(SQLModel, table=True):
    """Key/value facts about the database itself, such as its schema version."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True, max_length=100)
    value: str


class NoteFingerprint(SQLModel, table=True):
    """The content fingerprint (crmcards.decks.fingerprint) of a note when it was last reviewed."""

    __tablename__ = "note_fingerprint"

    note_key: str = Field(primary_key=True, max_length=300)
    fingerprint: int = Field(sa_type=BigInteger)
    recorded_at: datetime = Field(sa_column=_utc_column())


class Flag(SQLModel, table=True):
    """A card a student flagged for the author, with their short note ("antwoord klopt niet")."""

    __tablename__ = "flag"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, max_length=36, unique=True, index=True)
    item_id: str = Field(index=True, max_length=300)
    deck_id: str = Field(max_length=100)
    note: str = Field(max_length=500)
    flagged_at: datetime = Field(sa_column=_utc_column())
    sync: int = LOCAL_ONLY  # LOCAL_ONLY until the class server has it (then ON_SERVER)


class MemoryParameters(SQLModel, table=True):
    """A student's fitted memory model (see crmcards.scheduling.memory), one row per profile
    ("own": fitted on their own history)."""

    __tablename__ = "memory_model"

    profile: str = Field(primary_key=True, max_length=100)
    parameters: str  # JSON list of the 21 FSRS-6 parameters
    two_means: str = Field(max_length=10)  # how rating 2 is read: "again" or "hard"
    fitted_at: datetime = Field(sa_column=_utc_column())
    reviews: int  # the review log's size when fitted: the automatic re-fit counts from here
    log_loss: float | None = None
