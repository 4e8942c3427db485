"""The class hub on a real PostgreSQL server, through the real command line: a teacher and two
students, one of them on two devices."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.hub.helpers import Cli, history, server_rows, states, study, undo_latest


def test_init_is_idempotent_and_keeps_rows(cli: Cli, class_db: str, tmp_path: Path) -> None:
    first = cli.ok("class", "init", class_db)
    cli.ok("class", "add-student", class_db, "Anna", "-o", str(tmp_path / "anna.toml"))
    again = cli.ok("class", "init", class_db)
    assert first == again  # the same class id
    assert server_rows(class_db, "SELECT name FROM crmcards.students") == [("Anna",)]


def test_join_file_is_private_and_holds_url_and_student(
    cli: Cli, class_db: str, tmp_path: Path
) -> None:
    cli.ok("class", "init", class_db)
    join_file = tmp_path / "anna.toml"
    cli.ok("class", "add-student", class_db, "Anna", "-o", str(join_file))
    assert stat.S_IMODE(join_file.stat().st_mode) == 0o600
    data = tomllib.loads(join_file.read_text())
    assert data["student"] == "Anna"
    assert data["url"].startswith("postgresql://") and "crmcards_admin" not in data["url"]
    code, _, err = cli("class", "add-student", class_db, "Anna", "-o", str(tmp_path / "b.toml"))
    assert code == 1 and "Anna" in err


def test_two_students_one_on_two_devices(cli: Cli, class_db: str, tmp_path: Path) -> None:
    cli.ok("class", "init", class_db)
    for name in ("anna", "bram"):
        cli.ok("class", "add-student", class_db, name, "-o", str(tmp_path / f"{name}.toml"))
    laptop, phone, bram = tmp_path / "laptop", tmp_path / "phone", tmp_path / "bram"
    cli.ok("class", "join", str(tmp_path / "anna.toml"), home=laptop)
    cli.ok("class", "join", str(tmp_path / "anna.toml"), home=phone)
    cli.ok("class", "join", str(tmp_path / "bram.toml"), home=bram)

    clock = FakeClock()
    study(laptop, [4, 3, 1, 5], clock)
    study(bram, [2, 4], clock)
    sent = json.loads(cli.ok("sync", "--json", home=laptop))
    assert sent["sent"] == 4 and sent["queued"] == 0
    cli.ok("sync", home=bram)
    clock.advance(days=1)
    study(phone, [4, 4], clock)  # the phone studies before it has the laptop's ratings
    received = json.loads(cli.ok("sync", "--json", home=phone))
    assert received["received"] == 4 and received["sent"] == 2
    cli.ok("sync", home=laptop)

    assert history(laptop) == history(phone) and len(history(laptop)) == 6
    assert states(laptop) == states(phone)  # the same log replays to the same schedule
    assert set(history(bram)).isdisjoint(history(laptop))

    for home in (laptop, phone, bram, laptop):  # syncing again duplicates nothing
        assert json.loads(cli.ok("sync", "--json", home=home))["sent"] == 0
    rows = server_rows(
        class_db,
        "SELECT s.name, count(*) FROM crmcards.reviews r"
        " JOIN crmcards.students s ON s.login = r.student GROUP BY s.name ORDER BY 1",
    )
    assert rows == [("anna", 6), ("bram", 2)]


def test_undo_after_a_sync_is_a_retraction_on_the_server(
    cli: Cli, class_db: str, tmp_path: Path
) -> None:
    from crmcards.store.repository import Store
    from crmcards.store.synclog import claim_unsent

    cli.ok("class", "init", class_db)
    cli.ok("class", "add-student", class_db, "anna", "-o", str(tmp_path / "anna.toml"))
    laptop, phone = tmp_path / "laptop", tmp_path / "phone"
    for home in (laptop, phone):
        cli.ok("class", "join", str(tmp_path / "anna.toml"), home=home)
    clock = FakeClock()
    study(laptop, [4, 3], clock)
    cli.ok("sync", home=laptop)
    cli.ok("sync", home=phone)
    assert len(history(phone)) == 2
    # A sync starts (claims the next rating) while the student undoes it: still retracted.
    store = Store.open(home=laptop)
    study(laptop, [5], clock)
    claimed = claim_unsent(store)
    store.close()
    assert len(claimed.reviews) == 1
    undo_latest(laptop, 2)  # one on the server, one that a sync may have sent
    cli.ok("sync", home=laptop)
    cli.ok("sync", home=phone)
    assert history(phone) == history(laptop) and len(history(laptop)) == 1
    assert states(phone) == states(laptop)
    reviews = server_rows(class_db, "SELECT count(*) FROM crmcards.reviews")
    retractions = server_rows(class_db, "SELECT count(*) FROM crmcards.retractions")
    # The claimed rating never reached the server; its retraction is harmless there.
    assert (reviews, retractions) == ([(2,)], [(2,)])  # nothing deleted on the server


@pytest.mark.parametrize(
    ("language", "answer", "said"),
    [
        (
            "nl",
            "j",
            [
                "de klas is klaar (id ",
                "anna: deelnamebestand geschreven naar {join}; geef het de student persoonlijk",
                "Ook de herhalingen van anna uit de klas verwijderen? (Nee houdt ze in het "
                "klasoverzicht) [j/N]: ",
                "anna is uit de klas verwijderd (1 herhaling(en) verwijderd)",
            ],
        ),
        (
            "en",
            "n",
            [
                "class ready (id ",
                "anna: join file written to {join}; give it to the student privately",
                "Also delete anna's reviews from the class? (No keeps them in the class view) "
                "[y/N]: ",
                "anna removed from the class (reviews kept)",
            ],
        ),
    ],
)
def test_a_teachers_class_commands_and_question_are_in_the_ui_language(
    cli: Cli,
    class_db: str,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    answer: str,
    said: list[str],
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    join_file = tmp_path / "anna.toml"
    ready, written, question, removed = (line.format(join=join_file) for line in said)
    assert cli.ok("class", "init", class_db).startswith(ready)
    assert cli.ok("class", "add-student", class_db, "anna", "-o", str(join_file)) == written + "\n"
    cli.ok("class", "join", str(join_file), home=tmp_path / "anna")
    study(tmp_path / "anna", [4], FakeClock())
    cli.ok("sync", home=tmp_path / "anna")
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    assert cli.ok("class", "remove-student", class_db, "anna") == removed + "\n"
    assert asked == [question]
    kept = server_rows(class_db, "SELECT count(*) FROM crmcards.reviews")
    assert kept == [(0 if answer == "j" else 1,)]
