"""crmcards' fit of a student's Anki history against Anki's own, on the same collection.

A collection is made by the real Anki (the `anki` package of the test extra) with a long review
log of a simulated student (tests/anki_history.py), fitted with Anki's compute_fsrs_params and
judged with its evaluate_params (in-sample, as its Evaluate button). The package is imported
with `crmcards import --with-history`'s code into a temporary data folder and fitted with
crmcards' optimize. Prints both log losses and fit times (best of `--repeat`), side by side.
Goals: crmcards' log loss within 1 % of Anki's (or better), its fit at most 1.5x Anki's time.

    nice python bench/anki_fit.py [--cards 500] [--days 180] [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crmcards.scheduling.fitting import examples, fit
from crmcards.scheduling.planner import Planner
from crmcards.services.imports.history import import_with_history
from crmcards.services.imports.run import ImportOptions
from crmcards.services.personal_model import history, optimize
from crmcards.store.repository import Store
from tests.anki_history import anki_collection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        anki_seconds = []
        for n in range(args.repeat):  # the same collection each time (same seed)
            made = Path(folder) / f"anki{n}"
            made.mkdir()
            anki = anki_collection(made, cards=args.cards, days=args.days)
            anki_seconds.append(anki.seconds)
        store = Store.open(home=Path(folder) / "home")
        try:
            _, brought = import_with_history(
                anki.package, Path(folder) / "student.yaml", ImportOptions(), store, Planner()
            )
            logged = history(store)
            ours = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                found = examples(logged, "again")  # the log as fsrs-rs examples, then the fit
                fit(found, "again")
                ours.append(time.perf_counter() - started)
            result = optimize(store, datetime.now(UTC))
        finally:
            store.close()
    assert result.after is not None
    report = {
        "cards": args.cards,
        "ratings": brought.added,
        "predicted": result.used,
        "anki": {
            "log_loss": anki.log_loss,
            "rmse_bins": anki.rmse_bins,
            "fit_seconds": min(anki_seconds),
        },
        "crmcards": {
            "log_loss": result.after.log_loss,
            "rmse_bins": result.after.rmse_bins,
            "fit_seconds": min(ours),
        },
    }
    ratio_loss = result.after.log_loss / anki.log_loss
    ratio_time = min(ours) / min(anki_seconds)
    report["goals"] = {
        "log_loss_within_1%": ratio_loss <= 1.01,
        "fit_at_most_1.5x": ratio_time <= 1.5,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{brought.added} ratings of {args.cards} cards; {result.used} predictions judged")
    print(f"{'':<10}{'log loss':>10}{'RMSE(bins)':>12}{'fit':>10}")
    for name in ("anki", "crmcards"):
        row = report[name]
        print(
            f"{name:<10}{row['log_loss']:>10.4f}{row['rmse_bins']:>12.4f}{row['fit_seconds']:>9.3f}s"
        )
    print(f"crmcards/anki: log loss {ratio_loss:.3f}x, fit time {ratio_time:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
