"""The teacher's side of the class hub: setting the class up, adding and removing students."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from crmcards.errors import CrmcardsError
from crmcards.messages import Said
from crmcards.scheduling.memory import MemoryModel
from crmcards.scheduling.ratings import DEFAULT_TWO_MEANS
from crmcards.services.hub_text import hub_failure
from crmcards.services.membership import Membership, write_join_file
from crmcards.store import hub
from crmcards.store.hub import Hub, HubError


def init_class(admin_url: str, language: str) -> str:
    """Set up (or complete) the class on the database at `admin_url`; returns its id."""
    try:
        return hub.init_class(Hub.at(admin_url))
    except HubError as error:
        raise hub_failure(error, language) from None


def add_student(
    admin_url: str, name: str, join_file: Path, language: str, *, force: bool = False
) -> Membership:
    """A login for `name`, and the join file (mode 0600) the student needs.

    The join file is checked for writability before the login is made, so a wrong path leaves
    no login without a file."""
    if join_file.exists() and not force:
        raise CrmcardsError(Said.of("out_exists", path=join_file))
    if not join_file.parent.is_dir():
        raise CrmcardsError(
            Said.of("out_no_folder", path=join_file.parent, what=Said.of("file_the_join_file"))
        )
    try:
        admin = Hub.at(admin_url)
        student = hub.add_student(admin, name)
    except HubError as error:
        raise hub_failure(error, language) from None
    url = admin.url.set(
        drivername="postgresql", username=student.login, password=student.password
    ).render_as_string(hide_password=False)
    membership = Membership(url, name, student.class_id)
    try:
        write_join_file(join_file, membership, force=force)
    except Exception:
        remove_student(admin_url, name, language, delete_rows=True)
        raise
    return membership


def remove_student(admin_url: str, name: str, language: str, *, delete_rows: bool) -> int:
    """Drop the student's login; their reviews are kept (or deleted). Returns reviews deleted."""
    try:
        return hub.remove_student(Hub.at(admin_url), name, delete_rows=delete_rows)
    except HubError as error:
        raise hub_failure(error, language) from None


@dataclass(frozen=True)
class ClassFit:
    model: MemoryModel
    examples: int  # the reviews (with the history before each) the fit rests on

    def as_json(self) -> str:
        return json.dumps(
            {
                "parameters": list(self.model.parameters),
                "two_means": self.model.two_means,
                "examples": self.examples,
            }
        )


def optimize_class(admin_url: str, language: str) -> ClassFit:
    """Fit FSRS parameters on the whole class's reviews (scheduling.fitting, as for one student,
    with each student's items kept apart) and keep them on the server: each student's next sync
    brings them, and services.personal_model starts from them while the student has no fit of
    their own."""
    from crmcards.scheduling.fitting import (
        FULL_FIT_MINIMUM,
        LoggedReview,
        examples,
        fit,
        long_term_examples,
    )
    from crmcards.store.hub_report import class_ratings, save_class_parameters

    try:
        admin = Hub.at(admin_url)
        found = examples(
            (
                LoggedReview(f"{student}/{item}", rating, at)
                for student, item, rating, at in class_ratings(admin)
            ),
            DEFAULT_TWO_MEANS,
        )
        if long_term_examples(found) < FULL_FIT_MINIMUM:
            raise CrmcardsError(
                Said.of("class_too_few", n=long_term_examples(found), needed=FULL_FIT_MINIMUM)
            )
        result = ClassFit(fit(found, DEFAULT_TWO_MEANS), len(found))
        save_class_parameters(admin, json.dumps(list(result.model.parameters)))
    except HubError as error:
        raise hub_failure(error, language) from None
    return result
