"""Finding decks: the bundled ones, the user's own, and any folder given on the command line."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar

from crmcards.collector import collector_paused
from crmcards.decks.cache import DeckCache
from crmcards.decks.items import Item, expand
from crmcards.decks.loader import DECK_SUFFIXES, FileProblem, check_file
from crmcards.decks.model import Deck
from crmcards.decks.outline import DeckOutline
from crmcards.decks.yamlsafe import Position, Problem
from crmcards.errors import CrmcardsError
from crmcards.messages import Said


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """Deck files in `paths` (files are taken as they are, folders are searched, sorted by name),
    each once: a folder given twice (`--decks` naming the data folder's own decks/) is one."""
    files: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in DECK_SUFFIXES and p.is_file())
        elif path.exists():
            found = [path]
        else:
            raise CrmcardsError(Said.of("no_such_file_or_folder", path=path))
        for file in found:
            files.setdefault(file.resolve(), file)
    return list(files.values())


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


Checked = TypeVar("Checked", bound=_Identified)


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def path(self) -> Path: ...


Named = TypeVar("Named", bound=_Named)


def select_decks(
    decks: Sequence[Named], skipped: Sequence[FileProblem], names: Sequence[str]
) -> tuple[Named, ...]:
    """The decks (or outlines) named by id, file or title (case-insensitive), in the order
    named; all of them when `names` is empty. A name that is none of them is an error that
    says why: its file does not load (one of `skipped`), or which decks there are."""
    if not names:
        return tuple(decks)
    chosen: list[Named] = []
    for name in names:
        match = next(
            (d for d in decks if name in (d.id, str(d.path)) or d.title.lower() == name.lower()),
            None,
        )
        if match is None:
            broken = next((p for p in skipped if name in (p.path.stem, str(p.path))), None)
            if broken is not None:
                raise CrmcardsError(Said.of("deck_does_not_load", name=name, problem=broken.said))
            known = ", ".join(d.id for d in decks) or Said.of("none")
            raise CrmcardsError(Said.of("no_such_deck", name=name, known=known))
        if match not in chosen:
            chosen.append(match)
    return tuple(chosen)


def check_files(
    files: Sequence[Path], cache: DeckCache | None = None
) -> tuple[list[Deck], list[FileProblem]]:
    """Every deck that loads, and every problem, including deck ids used by two files."""
    return _distinct(files, cache, check_file)


def _distinct(
    files: Sequence[Path],
    cache: DeckCache | None,
    read: Callable[[Path, DeckCache | None], tuple[Checked | None, list[FileProblem]]],
) -> tuple[list[Checked], list[FileProblem]]:
    """Every deck that loads (as `read` gives it: the Deck, or its outline), and every problem,
    including deck ids used by two files."""
    decks: list[Checked] = []
    problems: list[FileProblem] = []
    seen: dict[str, Path] = {}
    for path in files:
        deck, file_problems = read(path, cache)
        problems.extend(file_problems)
        if deck is None:
            continue
        if deck.id in seen:
            problems.append(
                FileProblem(
                    path,
                    Problem(
                        Position(1, 1), Said.of("deck_id_used", id=deck.id, path=seen[deck.id])
                    ),
                )
            )
            continue
        seen[deck.id] = path
        decks.append(deck)
    return decks, problems


def first_per_file(problems: Iterable[FileProblem]) -> tuple[FileProblem, ...]:
    """The first problem of each file (for one warning line per file that does not load)."""
    first: dict[Path, FileProblem] = {}
    for problem in problems:
        first.setdefault(problem.path, problem)
    return tuple(first.values())


def check_outline(
    path: Path, cache: DeckCache | None
) -> tuple[DeckOutline | None, list[FileProblem]]:
    """The outline of the deck in `path` (kept in `cache`), or None and every problem found."""
    outline = None if cache is None else cache.get_outline(path)
    if outline is not None:
        return outline, []
    deck, problems = check_file(path, cache)
    if deck is None:
        return None, problems
    outline = DeckOutline.of(deck)
    if cache is not None:
        cache.put_outline(path, outline)
    return outline, []


def load_outlines(
    folders: Sequence[Path], cache: DeckCache | None = None
) -> tuple[tuple[DeckOutline, ...], tuple[FileProblem, ...]]:
    """The outlines of the decks `Library.load(folders, cache)` would load, and the first
    problem of each file that does not load: the same decks, without decoding their notes."""
    outlines, problems = _distinct(
        deck_files(p for p in folders if p.is_dir()), cache, check_outline
    )
    return tuple(outlines), first_per_file(problems)


@dataclass(frozen=True)
class Library:
    """All decks available to a command, and their review items.

    A deck file that does not load is skipped, so one broken file never stops a student from
    studying the others: `skipped` holds the first problem of each such file (for one warning
    line per file; `lint` lists them all and fails).
    """

    decks: tuple[Deck, ...]
    skipped: tuple[FileProblem, ...] = ()

    @classmethod
    def load(cls, folders: Sequence[Path], cache: DeckCache | None = None) -> Library:
        with collector_paused():
            decks, problems = check_files(deck_files(p for p in folders if p.is_dir()), cache)
        return cls(tuple(decks), first_per_file(problems))

    @cached_property
    def index(self) -> dict[str, Item]:
        """Every item by its id, built once (a session's queue looks up the due items in it)."""
        return {item.id: item for item in self.items()}

    def item(self, item_id: str) -> Item | None:
        return self.index.get(item_id)

    @cached_property
    def outlines(self) -> tuple[DeckOutline, ...]:
        """Each deck's outline, from the items expanded here."""
        return tuple(
            DeckOutline(
                deck.id, deck.title, tuple(item.id for item in self._items(deck)), deck.path
            )
            for deck in self.decks
        )

    @cached_property
    def prompts(self) -> dict[str, str]:
        """Each item's prompt as plain text, rendered once (a class view shows every item of
        every student's report)."""
        from crmcards.decks.content import item_view
        from crmcards.decks.plaintext import blocks_text

        return {item.id: blocks_text(item_view(item).prompt) for item in self.items()}

    def select(self, names: Sequence[str]) -> tuple[Deck, ...]:
        """The decks named (see `select_decks`); all decks when `names` is empty."""
        return select_decks(self.decks, self.skipped, names)

    def tags(self, decks: Sequence[Deck] | None = None) -> list[str]:
        """Every tag of the decks (all when None) and of their cards, sorted."""
        chosen = self.decks if decks is None else decks
        return sorted({t for d in chosen for t in (*d.tags, *(t for n in d.notes for t in n.tags))})

    def items(self, decks: Sequence[Deck] | None = None) -> list[Item]:
        return [
            item for deck in (self.decks if decks is None else decks) for item in self._items(deck)
        ]

    @cached_property
    def _expanded(self) -> dict[int, tuple[Deck, tuple[Item, ...]]]:
        """Each deck's items, expanded once (a class view asks for them once per student)."""
        with collector_paused():
            return {id(deck): (deck, tuple(expand(deck))) for deck in self.decks}

    def _items(self, deck: Deck) -> Sequence[Item]:
        known = self._expanded.get(id(deck))
        return known[1] if known is not None and known[0] is deck else expand(deck)
