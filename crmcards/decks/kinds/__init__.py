"""The card kinds, a closed set: one module each, registered here with one line.

To add a kind: write a module with a frozen dataclass subclassing `model.NoteBody` (its keys,
`read`, items, rendering, typed answer and fingerprint text; mypy checks that none is missing)
and add it to KINDS below. The loader, lint, `crmcards schema`, every renderer and the scheduler
then know it.
"""

from __future__ import annotations

from crmcards.decks.kinds.basic import Basic
from crmcards.decks.kinds.cloze import ClozeBody
from crmcards.decks.kinds.listing import ListBody
from crmcards.decks.kinds.parts import PartsBody
from crmcards.decks.kinds.table import TableBody
from crmcards.decks.model import NoteBody

KINDS: dict[str, type[NoteBody]] = {
    kind.NAME: kind for kind in (Basic, ListBody, TableBody, PartsBody, ClozeBody)
}
NOTE_TYPES: tuple[str, ...] = tuple(KINDS)
DEFAULT_KIND = Basic
