"""Join files: how a student's device reaches their class (TOML with `url`, `student` and the
class's id). The file holds the student's password, so it is written readable by its owner only
(mode 0600). `class join` keeps a copy as `class.toml` in the data folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from crmcards.errors import CrmcardsError
from crmcards.locations import Locations
from crmcards.messages import Said
from crmcards.services.output_file import replacing


@dataclass(frozen=True)
class Membership:
    url: str
    student: str
    class_id: str | None = None


def read_join_file(path: Path) -> Membership:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CrmcardsError(Said.of("join_missing", path=path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CrmcardsError(Said.of("join_unreadable", path=path, error=error)) from None
    except tomllib.TOMLDecodeError as error:
        raise CrmcardsError(Said.of("join_not", path=path, error=error)) from None
    values = {key: data.get(key) for key in ("url", "student", "class")}
    for key in ("url", "student"):
        if not isinstance(values[key], str) or not values[key]:
            raise CrmcardsError(Said.of("join_key_missing", path=path, key=key))
    class_id = values["class"]
    if class_id is not None and not isinstance(class_id, str):
        raise CrmcardsError(Said.of("join_class_not_text", path=path))
    return Membership(str(values["url"]), str(values["student"]), class_id)


def write_join_file(path: Path, membership: Membership, *, force: bool = False) -> None:
    document = tomlkit.document()
    document.add(tomlkit.comment("crmcards class join file: keep it private, it holds a password."))
    document.add(tomlkit.comment("The student runs: crmcards class join THIS_FILE"))
    document["url"] = membership.url
    document["student"] = membership.student
    if membership.class_id:
        document["class"] = membership.class_id
    with replacing(
        path, force=force, what=Said.of("file_the_join_file"), private=True
    ) as temporary:
        temporary.write_text(tomlkit.dumps(document), encoding="utf-8")


def joined(home: Path) -> Membership | None:
    """The class this data folder has joined (None when it has joined none)."""
    path = Locations(home).class_membership
    return read_join_file(path) if path.exists() else None


def remember(home: Path, membership: Membership) -> None:
    home.mkdir(parents=True, exist_ok=True)
    write_join_file(Locations(home).class_membership, membership, force=True)
