"""Reading deck files: the one path from a file on disk to a validated Deck."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crmcards.decks.cache import DeckCache
from crmcards.decks.model import Deck
from crmcards.decks.schema import check_deck
from crmcards.decks.yamlsafe import MAX_BYTES, Position, Problem, YamlProblems, decode, parse
from crmcards.errors import CrmcardsError
from crmcards.messages import Said

DECK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FileProblem:
    path: Path
    problem: Problem

    def __str__(self) -> str:
        return self.text("en")

    @property
    def said(self) -> Said:
        """`FILE:LINE:COL: message`, to be put into words in the UI language."""
        position = self.problem.position
        where = f"{self.path}:{position.line}:{position.column}"
        return Said.of("at", where=where, message=self.problem.said)

    def text(self, language: str) -> str:
        return self.said.shown(language)


class DeckProblems(CrmcardsError):
    """One or more deck files are broken; each problem names its file, line and column."""

    def __init__(self, problems: list[FileProblem]) -> None:
        files = len({p.path for p in problems})
        super().__init__(
            Said.of("deck_problems", n=len(problems), files=files),
            details=tuple(p.said for p in problems),
        )
        self.problems = problems


def check_file(path: Path, cache: DeckCache | None = None) -> tuple[Deck | None, list[FileProblem]]:
    """The deck in `path`, or None and every problem found in it. With a `cache`, a file
    unchanged since it last loaded is not parsed again."""
    if cache is not None:
        cached = cache.get(path)
        if cached is not None:
            return cached, []
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # one byte more tells an oversized file
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(Position(1, 1), Said.of("deck_unreadable", reason=reason))
        return None, [FileProblem(path, problem)]
    try:
        root, problems = parse(decode(data))
    except YamlProblems as error:
        return None, [FileProblem(path, p) for p in error.problems]
    deck, deck_problems = check_deck(root, path)
    all_problems = sorted(
        problems + deck_problems, key=lambda p: (p.position.line, p.position.column)
    )
    if all_problems:
        return None, [FileProblem(path, p) for p in all_problems]
    if cache is not None and deck is not None:
        cache.put(path, deck)
    return deck, []


def load_file(path: Path) -> Deck:
    deck, problems = check_file(path)
    if deck is None:
        raise DeckProblems(problems)
    return deck
