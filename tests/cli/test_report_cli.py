"""`crmcards report`, through the real entry point, at a fixed time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from crmcards.decks.catalog import Library
from crmcards.store.repository import Store
from tests.conftest import SAMPLE_DECKS, RunCli
from tests.reports import HOSTILE_TEXTS, NOW, hostile_deck_dir, record, utc

HISTORY = [
    ("voorbeeld/crm-definitie#q", 1, utc(2026, 11, 25, 9), 10),
    ("voorbeeld/crm-definitie#q", 4, utc(2026, 11, 25, 10), 20),
    ("voorbeeld/een-gat#all", 5, utc(2026, 11, 25, 11), 30),
]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crmcards.services.clock.utc_now", lambda: NOW)


def studied(home: Path, library: Library, *, seconds_later: int = 0) -> None:
    """The history HISTORY, each review `seconds_later` (two students never study the very
    same moment, and a class merge tells them apart by when they began)."""
    store = Store.open(home=home)
    later = timedelta(seconds=seconds_later)
    record(store, library, [(i, r, when + later, s) for i, r, when, s in HISTORY])
    store.close()


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(crmcards: RunCli) -> Run:
    """`crmcards [--home HOME] --decks SAMPLE_DECKS report ARGS...`: exit code, stdout, stderr."""

    def run(
        *args: str, home: Path | None = None, decks: Path | None = None
    ) -> tuple[int, str, str]:
        options = ["--decks", str(SAMPLE_DECKS)]
        options += ["--home", str(home)] if home else []
        options += ["--decks", str(decks)] if decks else []
        return crmcards(*options, "report", *args)

    return run


def test_markdown_on_the_terminal(run: Run, home: Path, library: Library) -> None:
    studied(home, library)
    code, out, err = run("--language", "en")
    assert (code, err) == (0, "")
    assert out.startswith("# Progress report\n")
    assert "| Voorbeeld | 24 | 22 | 1 | 1 | 0 | 8% | 0 | 3 | 3 | 1 min | 1 min |" in out


def test_the_language_comes_from_the_settings_or_the_option(
    run: Run, home: Path, library: Library
) -> None:
    studied(home, library)
    out = run()[1]  # the settings' default: Dutch
    assert out.startswith("# Voortgangsrapport\n") and "\n| Totaal | " in out
    assert "| Voorbeeld | 24 | 22 | 1 | 1 | 0 | 8% | 0 | 3 | 3 | 1 min | 1 min |" in out
    (home / "config.toml").write_text('language = "en"\n')
    assert run()[1].startswith("# Progress report\n")
    assert run("--language", "nl")[1] == out
    english = json.loads(run("-f", "json")[1])
    assert json.loads(run("-f", "json", "--language", "nl")[1]) == english  # data: no language
    assert english["total"]["title"] == "Total"


def test_json_with_student_and_exam(run: Run, home: Path, library: Library) -> None:
    studied(home, library)
    code, out, _ = run("--format", "json", "--student", "Ada", "--exam-date", "2026-12-10")
    assert code == 0
    report = json.loads(out)
    assert (report["format"], report["student"], report["exam"]["date"]) == (
        "crmcards-report",
        "Ada",
        "2026-12-10",
    )
    voorbeeld = next(d for d in report["decks"] if d["id"] == "voorbeeld")
    assert (voorbeeld["reviews_7d"], voorbeeld["ratings"]["1"], voorbeeld["mastered"]) == (3, 1, 0)
    assert len(report["decks"]) > 1  # the bundled decks are there too


def test_name_and_exam_date_come_from_the_settings(run: Run, home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text('student = "Bea"\nexam_date = "2027-01-15"\n')
    report = json.loads(run("-f", "json")[1])
    assert (report["student"], report["exam"]["date"]) == ("Bea", "2027-01-15")
    (home / "config.toml").write_text('student = "Bea"\nexam_date = "2026-01-15"\n')
    assert json.loads(run("-f", "json")[1])["exam"] is None  # that exam has passed


def test_html_and_csv_files(run: Run, home: Path, library: Library, tmp_path: Path) -> None:
    studied(home, library)
    assert run("-f", "html", "-o", str(tmp_path / "r.html"))[0] == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run("-f", "csv", "-o", str(tmp_path / "r.csv"), "--items")[0] == 0
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("student,item,deck,kind,prompt")
    assert any(line.startswith(",voorbeeld/crm-definitie#q,voorbeeld,basic") for line in lines)
    assert run("-f", "md", "-o", str(tmp_path / "r.md"))[1] == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "pdf"], "--format: 'pdf' is not one of md, html, csv, json"),
        (["-f", "html"], "--format html needs a file to write: add -o FILE"),
        (["-f", "csv"], "--format csv needs a file to write"),
        (
            ["--exam-date", "15-01-2027"],
            "--exam-date: '15-01-2027' is not a date written YYYY-MM-DD",
        ),
        (["--exam-date", "2026-11-25"], "--exam-date: 2026-11-25 is not after today (2026-11-25)"),
        (["a.json"], "report files are only read with --merge"),
        (["--anonymise"], "--anonymise goes with --merge"),
        (["--items"], "--items goes with --format csv"),
        (["--language", "fr"], "--language: 'fr' is not one of nl, en"),
        (["--merge"], "--merge needs the students' JSON reports"),
        (["--students", "-f", "csv", "-o", "s.csv"], "--students goes with --merge"),
        (["--merge", "--students", "a.json"], "--students goes with --format csv"),
        (["--merge", "no-such.json"], "no-such.json: cannot read the report"),
        (["-f", "md", "-o", "/no/such/folder/r.md"], "cannot write the report"),
    ],
)
@pytest.mark.usefixtures("english")
def test_mistakes_are_one_clear_line(run: Run, args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 1
    assert err.startswith("crmcards: ") and message in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.usefixtures("english")
def test_merge_refuses_a_file_that_is_not_a_report(run: Run, tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text('{"hello": 1}')
    code, _, err = run("--merge", str(tmp_path / "notes.json"))
    assert code == 1 and f"{tmp_path / 'notes.json'}: not a crmcards report" in err


def test_a_class_merge_of_several_students(run: Run, library: Library, tmp_path: Path) -> None:
    files = []
    for n, name in enumerate(("Ada", "Bob", "Cem")):
        home = tmp_path / name
        if name != "Cem":  # Cem has not studied yet
            studied(home, library, seconds_later=n)
        files.append(str(tmp_path / f"{name}.json"))
        assert run("-f", "json", "--student", name, "-o", files[-1], home=home)[0] == 0
    code, out, err = run("--merge", *files, "-f", "md", "--language", "en")
    assert (code, err) == (0, "")
    assert "3 students" in out and "| Ada | 2026-11-25 |" in out and "| Cem | 2026-11-25 |" in out
    # een-gat, rated 5 once by Ada and Bob: not mastered yet, recall (1 + 1 + 0) / 3
    assert (
        "| Het is \\[…\\] keer zo duur om nieuwe klanten te werven. | Voorbeeld | 2 | 1.0 | 0% | 0"
        " | 2 | 0 of 3 | 67% |" in out
    )
    code, out, _ = run("--merge", *files, "-f", "md", "--anonymise")  # the settings' Dutch
    assert code == 0 and "| Student 3 | 25-11-2026 |" in out and "Ada" not in out
    assert "3 studenten" in out and "| Voorbeeld | 2 | 1,0 | 0% | 0 | 2 | 0 van 3 | 67% |" in out
    assert run("--merge", *files, "-f", "html", "-o", str(tmp_path / "class.html"))[0] == 0
    assert "Voortgang van de klas" in (tmp_path / "class.html").read_text(encoding="utf-8")
    assert run("--merge", *files, "-f", "csv", "--items", "-o", str(tmp_path / "class.csv"))[0] == 0
    assert "mastered_by" in (tmp_path / "class.csv").read_text(encoding="utf-8-sig")
    code, out, _ = run("--merge", *files, "-f", "json")
    view = json.loads(out)
    assert code == 0 and (view["format"], view["schema_version"]) == ("crmcards-class", 2)
    assert [s["name"] for s in view["students"]] == ["Ada", "Bob", "Cem"]
    args = ("--merge", *files, "-f", "csv", "--students", "-o", str(tmp_path / "students.csv"))
    assert run(*args)[0] == 0
    rows = (tmp_path / "students.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("student,study_day,generated_at,last_review") and len(rows) == 4


@pytest.mark.usefixtures("english")
def test_a_class_merge_refuses_one_student_twice(
    run: Run, library: Library, tmp_path: Path
) -> None:
    studied(tmp_path / "ada", library)
    files = [str(tmp_path / "ada-1.json"), str(tmp_path / "ada-2.json")]
    assert run("-f", "json", "--student", "Ada", "-o", files[0], home=tmp_path / "ada")[0] == 0
    assert run("-f", "json", "--student", "Ada L", "-o", files[1], home=tmp_path / "ada")[0] == 0
    code, _, err = run("--merge", files[0], files[0], "-f", "md")
    assert code == 1 and f"{files[0]} and {files[0]} are reports of the same student" in err
    code, _, err = run("--merge", *files, "-f", "md")
    assert code == 1 and f"{files[0]} and {files[1]} are reports of the same student" in err


def test_hostile_deck_text_stays_text(run: Run, home: Path, tmp_path: Path) -> None:
    code, out, _ = run("-f", "json", decks=hostile_deck_dir(tmp_path))
    assert code == 0
    report = json.loads(out)
    prompts = {item["prompt"] for item in report["items"]}
    assert set(HOSTILE_TEXTS) <= prompts  # JSON keeps the text exactly, as data


def test_report_runs_as_a_program_without_loading_textual(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crmcards", "report", "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "CRMCARDS_HOME": str(home)},
        check=True,
    )
    assert json.loads(result.stdout)["format"] == "crmcards-report"
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "sqlmodel" in imported and not any(m.startswith("textual") for m in imported)


def test_the_csv_dialect_option(run: Run, home: Path, library: Library, tmp_path: Path) -> None:
    studied(home, library)
    out = tmp_path / "nl.csv"
    assert run("-f", "csv", "--csv-dialect", "excel-nl", "-o", str(out), home=home)[0] == 0
    header, row, *_ = out.read_text(encoding="utf-8-sig").splitlines()
    assert header.startswith("student;deck_id;deck;items;") and ";0,0" in row
    code, _, err = run("-f", "csv", "--csv-dialect", "excel", "-o", str(out), home=home)
    assert code == 1 and "--csv-dialect: 'excel' is geen van raw, excel-nl" in err
    code, _, err = run("-f", "md", "--csv-dialect", "excel-nl", home=home)
    assert code == 1 and "--csv-dialect hoort bij --format csv" in err
