"""Joining a class and syncing with it: the review log is the unit of sync.

A sync sends every rating (and retraction) the server has not confirmed, brings the student's
own rows from their other devices, and rebuilds the state of each item whose log changed by
replaying it. Whatever fails, the local log keeps every rating: it is sent at the next sync.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path

from crmcards.errors import CrmcardsError
from crmcards.scheduling.planner import Planner
from crmcards.scheduling.replay import replay
from crmcards.services.hub_text import hub_failure, hub_message
from crmcards.services.membership import Membership, joined, read_join_file, remember
from crmcards.store.flags import flags_on_server, unsent_flags
from crmcards.store.hub import Hub, HubError, class_info
from crmcards.store.hub_sync import exchange
from crmcards.store.repository import Store
from crmcards.store.synclog import (
    claim_unsent,
    merge_pulled,
    meta_value,
    set_class,
    unsent_count,
    watermarks,
)
from crmcards.store.tables import CLASS_ID


@dataclass(frozen=True)
class SyncResult:
    student: str
    sent: int  # ratings, retractions, resets and suspension changes the server now has
    received: int  # ratings from the student's other devices
    retracted: int  # ratings undone on another device
    rebuilt: int  # items whose state was rebuilt from the merged log
    queued: int  # still waiting to be sent (0 after a sync that went through)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def join(store: Store, home: Path, join_file: Path, language: str) -> Membership:
    """Check the join file against its server and this study history, then remember it."""
    membership = read_join_file(join_file)
    try:
        hub = Hub.at(membership.url)
        with hub.transaction() as connection:
            info = class_info(connection, hub.where)
        mine = meta_value(store, CLASS_ID)
        if (membership.class_id and membership.class_id != info.class_id) or (
            mine is not None and mine != info.class_id
        ):
            raise HubError("other_class", hub.where)
    except HubError as error:
        raise hub_failure(error, language) from None
    remember(home, Membership(membership.url, membership.student, info.class_id))
    set_class(store, info.class_id, info.parameters)
    return membership


def sync(store: Store, home: Path, planner: Planner, language: str) -> SyncResult:
    """One sync; a failure is a CrmcardsError saying the ratings stay queued."""
    membership = joined(home)
    if membership is None:
        raise hub_failure(HubError("not_joined", ""), language)
    outgoing = claim_unsent(store)
    flags = unsent_flags(store)
    try:
        hub = Hub.at(membership.url)
        info, pulled, flags_sent, events_sent = exchange(
            hub,
            outgoing,
            watermarks(store),
            meta_value(store, CLASS_ID) or membership.class_id,
            flags,
        )
    except HubError as error:
        raise hub_failure(error, language, queued=error.kind != "other_class") from None
    if flags_sent:
        flags_on_server(store, [flag.uid for flag in flags])
    if not events_sent:  # a class made before they travelled: they wait (see hub_sync._EVENTS)
        outgoing = replace(outgoing, resets=[], suspensions=[])
    merged = merge_pulled(store, pulled, partial(replay, planner), sent=outgoing)
    set_class(store, info.class_id, info.parameters)
    return SyncResult(
        student=membership.student,
        sent=outgoing.count,
        received=merged.added,
        retracted=merged.retracted,
        rebuilt=merged.items,
        queued=unsent_count(store),
    )


def sync_if_joined(store: Store, home: Path, planner: Planner, language: str) -> str | None:
    """After a session: sync when a class is joined. Returns a short line to show (a result or
    a warning), or None when no class is joined. Never raises for a server problem."""
    if joined(home) is None:
        return None
    try:
        result = sync(store, home, planner, language)
    except CrmcardsError as error:
        return f"sync: {error.message}"
    return hub_message("synced", language, sent=result.sent, received=result.received)
