"""The cards a class flagged most (key f in review), with the students' notes: what the deck's
author should look at first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from crmcards.services.flags import FlagEntry
from crmcards.services.report.figures import Report

MOST_FLAGGED = 20


@dataclass(frozen=True)
class FlaggedCard:
    id: str  # the item id
    deck: str  # the deck's title
    text: str  # the item's prompt (the id when no report knows the item any more)
    students: int  # students who flagged it
    flags: int
    notes: tuple[str, ...]  # every note given, newest first
    last_flagged: datetime


def most_flagged(reports: Sequence[tuple[str, Report]]) -> tuple[FlaggedCard, ...]:
    """The most-flagged items over the students' reports (see flagged_cards)."""
    flags: list[tuple[str, FlagEntry]] = []
    texts: dict[str, str] = {}
    titles: dict[str, str] = {}
    for name, report in reports:
        titles.update((deck.id, deck.title) for deck in report.decks)
        known = {item.id: item.prompt for item in report.items}
        for flag in report.flags:
            flags.append((name, flag))
            if flag.item in known:
                texts.setdefault(flag.item, known[flag.item])
    return flagged_cards(flags, texts, titles)


def flagged_cards(
    flags: Sequence[tuple[str, FlagEntry]], texts: Mapping[str, str], titles: Mapping[str, str]
) -> tuple[FlaggedCard, ...]:
    """The most-flagged items among `flags` ((student, flag) pairs): most flags first, then
    most students, then the latest flag. `texts` are the items' prompts and `titles` the decks'
    (an item or deck they do not know is shown by its id)."""
    by_item: dict[str, list[tuple[str, FlagEntry]]] = defaultdict(list)
    for name, flag in flags:
        by_item[flag.item].append((name, flag))
    cards = []
    for item_id, flagged in by_item.items():
        newest_first = sorted((flag for _, flag in flagged), key=lambda f: f.time, reverse=True)
        deck = newest_first[0].deck
        cards.append(
            FlaggedCard(
                id=item_id,
                deck=titles.get(deck, deck),
                text=texts.get(item_id, item_id),
                students=len({name for name, _ in flagged}),
                flags=len(flagged),
                notes=tuple(f.note for f in newest_first if f.note),
                last_flagged=newest_first[0].time,
            )
        )
    cards.sort(key=lambda c: (-c.flags, -c.students, -c.last_flagged.timestamp(), c.id))
    return tuple(cards[:MOST_FLAGGED])
