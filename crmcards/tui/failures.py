"""What the app says when a rating, an undo or the database fails: in the student's language
for the failures the app knows, the error's own line otherwise."""

from __future__ import annotations

from crmcards.errors import CrmcardsError
from crmcards.services.session import RatingConflict, UndoRefused
from crmcards.store.database import DatabaseBusy

KNOWN: tuple[tuple[type[CrmcardsError], str], ...] = (
    (UndoRefused, "undo_refused"),
    (RatingConflict, "rating_conflict"),
    (DatabaseBusy, "database_stayed_busy"),
)


def failure_text(error: CrmcardsError, text: dict[str, str], language: str) -> str:
    for kind, key in KNOWN:
        if isinstance(error, kind):
            return text[key]
    return error.shown(language)
