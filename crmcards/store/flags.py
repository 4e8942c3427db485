"""Flags: cards a student marked for the deck's author, each with a short note."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select

from crmcards.store.repository import Store
from crmcards.store.tables import ON_SERVER, Flag


def add_flag(store: Store, item_id: str, deck_id: str, note: str, at: datetime) -> Flag:
    """Store one flag durably (committed before this returns)."""
    flag = Flag(item_id=item_id, deck_id=deck_id, note=note, flagged_at=at)
    with store.writing() as session:
        session.add(flag)
        session.commit()
    return flag


def all_flags(store: Store) -> list[Flag]:
    """Every flag, oldest first."""
    with store.reading() as session:
        return list(session.exec(select(Flag).order_by(col(Flag.flagged_at), col(Flag.id))))


def unsent_flags(store: Store) -> list[Flag]:
    """The flags the class server has not confirmed yet (sending one twice is harmless)."""
    with store.reading() as session:
        unsent = session.connection().exec_driver_sql(
            f"SELECT count(*) FROM flag WHERE sync != {ON_SERVER}"
        )
        if not unsent.scalar_one():  # as for most syncs: no ORM query to compile
            return []
        return list(session.exec(select(Flag).where(col(Flag.sync) != ON_SERVER)))


def flags_on_server(store: Store, uids: list[str]) -> None:
    if not uids:
        return
    with store.writing() as session:
        session.execute(update(Flag).where(col(Flag.uid).in_(uids)).values(sync=ON_SERVER))
        session.commit()
