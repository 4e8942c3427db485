"""`class optimize`: FSRS parameters pooled over the class, kept on the server, taken by each
student's next sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crmcards.errors import CrmcardsError
from crmcards.scheduling.planner import Planner
from crmcards.services.class_admin import add_student, init_class, optimize_class
from crmcards.services.personal_model import current_model
from crmcards.services.sync import join, sync
from crmcards.store.repository import Store
from crmcards.store.synclog import CLASS_PARAMETERS, meta_value
from tests.conftest import FakeClock


def test_class_parameters_are_fitted_and_reach_the_students(class_db: str, tmp_path: Path) -> None:
    init_class(class_db, "en")
    with pytest.raises(CrmcardsError, match="at least 64 are needed"):
        optimize_class(class_db, "en")  # nobody has studied yet
    planner = Planner()
    stores = {}
    for n, name in enumerate(("anna", "bram")):
        home = tmp_path / name
        add_student(class_db, name, tmp_path / f"{name}.toml", "en")
        store = stores[name] = Store.open(home=home)
        join(store, home, tmp_path / f"{name}.toml", "en")
        clock = FakeClock()
        for day in range(8):
            for i in range(40):
                item = f"d/card-{i}#q"
                state = store.states([item]).get(item)
                rating = 1 + (i + day + n) % 5
                review = planner.review(state, rating, clock(), note_key=item)
                store.record(item, "d", item, review)
                clock.advance(minutes=2)
            clock.advance(days=2)
        sync(store, home, planner, "en")
    try:
        fit = optimize_class(class_db, "en")
        assert fit.examples == 2 * 40 * 7
        assert not fit.model.is_default
        sync(stores["anna"], tmp_path / "anna", planner, "en")
        assert current_model(stores["anna"]) == fit.model  # her cold start: no fit of her own
        saved = meta_value(stores["anna"], CLASS_PARAMETERS)
        assert saved is not None and json.loads(saved) == list(fit.model.parameters)
    finally:
        for store in stores.values():
            store.close()
