"""`crmcards optimize`, `evaluate` and `plan` through the real entry point."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from crmcards.store.repository import Store
from tests.conftest import RunCli
from tests.memory_histories import FORGETFUL, simulated_history, store_history


def test_optimize_then_evaluate_in_json(crmcards: RunCli, home: Path) -> None:
    store = Store.open(home=home)
    store_history(store, simulated_history(FORGETFUL, items=120, days=60, seed=4))
    store.close()
    code, out, err = crmcards("optimize", "--json")
    assert code == 0, err
    fitted = json.loads(out)
    assert fitted["saved"] and fitted["after"]["log_loss"] < fitted["before"]["log_loss"]
    assert fitted["used"] > 0 and len(fitted["parameters"]) == 21
    code, out, err = crmcards("evaluate", "--json")
    assert code == 0, err
    judged = json.loads(out)
    assert set(judged) >= {"reviews", "default", "current", "split", "rating_2"}
    assert set(judged["current"]) == {"log_loss", "rmse_bins", "auc"}
    assert judged["current"]["log_loss"] < judged["default"]["log_loss"]
    assert judged["split"]["test"] > 0 and judged["split"]["fitted"]["log_loss"] > 0
    code, out, err = crmcards("evaluate")
    assert code == 0 and "beter voorspeld" in out  # the settings' language is Dutch


def test_optimize_explains_a_short_history(crmcards: RunCli, home: Path) -> None:
    (home).mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('language = "en"\n')
    store = Store.open(home=home)
    store_history(store, simulated_history(FORGETFUL, items=5, days=10, seed=1))
    store.close()
    code, out, _ = crmcards("optimize")
    assert code == 0
    assert "Too little history for your own parameters yet" in out


def test_plan_json_follows_the_contract(
    crmcards: RunCli,
) -> None:
    exam = date.today() + timedelta(days=20)
    code, out, err = crmcards("plan", "--exam-date", exam.isoformat(), "--json")
    assert code == 0, err
    plan = json.loads(out)
    assert plan["exam_date"] == exam.isoformat() and 0 < plan["target"] < 1
    assert {"date", "new", "reviews", "minutes"} <= set(plan["days"][0])
    assert {"mean", "min", "at_target"} <= set(plan["predicted"])
    assert sum(day["new"] for day in plan["days"]) == plan["new_left"]  # every card in time
    assert plan["days"][-1]["date"] < exam.isoformat()


@pytest.mark.usefixtures("amsterdam")
def test_plan_in_a_time_zone_other_than_utc(crmcards: RunCli) -> None:
    """Study days begin at 04:00 local time; the plan hands FSRS its times in UTC."""
    exam = date.today() + timedelta(days=10)
    code, out, err = crmcards("plan", "--exam-date", exam.isoformat(), "--json")
    assert code == 0, err
    assert json.loads(out)["exam_date"] == exam.isoformat()


def test_plan_says_plainly_when_it_is_too_much(
    crmcards: RunCli,
) -> None:
    exam = date.today() + timedelta(days=4)
    code, out, err = crmcards("plan", "--exam-date", exam.isoformat())
    assert code == 0, err
    assert "Dit is te veel" in out
    skip = next(line for line in out.splitlines() if "overslaan kost" in line)
    assert re.search(r"kost \d+,\d procentpunt", skip), skip  # a Dutch decimal comma


@pytest.mark.usefixtures("english")
def test_plan_without_an_exam_date_is_one_clear_line(
    crmcards: RunCli,
) -> None:
    code, out, err = crmcards("plan")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "--exam-date" in err
    code, _, err = crmcards("plan", "--exam-date", "2020-01-01")
    assert code == 1 and "is not after today" in err


def test_the_plan_counts_the_next_study_day_after_days_off(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('off_days = "zo"\n', encoding="utf-8")
    monkeypatch.setenv("CRMCARDS_NOW", "2026-12-12T10:00")  # a Saturday
    code, out, err = crmcards("plan", "--exam-date", "2026-12-21")
    assert code == 0, err
    skip = next(line for line in out.splitlines() if "overslaan kost" in line)
    assert "geeft maandag " in skip and " 0 kaarten" not in skip, skip


def test_on_the_last_study_day_the_plan_says_no_day_is_left(
    crmcards: RunCli, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('off_days = "zo"\n', encoding="utf-8")
    monkeypatch.setenv("CRMCARDS_NOW", "2026-12-19T10:00")  # Saturday; Sunday off, exam Monday
    code, out, err = crmcards("plan", "--exam-date", "2026-12-21")
    assert code == 0, err
    assert "daarna is er geen studiedag meer voor het examen" in out
