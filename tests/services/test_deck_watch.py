"""Noticing saves for `lint --watch`: edits, new files and removed files, in a folder."""

from __future__ import annotations

from pathlib import Path

from crmcards.services.deck_watch import saves


def test_edits_new_and_removed_deck_files_are_noticed(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("deck: A\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a deck", encoding="utf-8")
    steps = iter(
        [
            lambda: (tmp_path / "b.yaml").write_text("deck: B\n", encoding="utf-8"),
            lambda: (tmp_path / "notes.txt").write_text("still not a deck", encoding="utf-8"),
            lambda: (tmp_path / "a.yaml").write_text("deck: A2\n", encoding="utf-8"),
            lambda: (tmp_path / "b.yaml").unlink(),
        ]
    )
    seen = saves([tmp_path], wait=lambda seconds: next(steps)())
    assert next(seen) == [tmp_path / "b.yaml"]
    assert next(seen) == [tmp_path / "a.yaml"]  # the .txt change was no deck
    assert next(seen) == [tmp_path / "b.yaml"]
