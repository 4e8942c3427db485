"""Writing a file safely, for every file crmcards writes (decks, exports, reports, settings,
backups): an existing file is only replaced when allowed, the content goes to a temporary file
beside the target first, and only a complete file replaces it (os.replace is atomic), so a
failure never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crmcards.errors import CrmcardsError


@contextmanager
def replacing(path: Path, *, force: bool, what: str = "the file") -> Iterator[Path]:
    """A temporary path to write; it becomes `path` when the block ends without an error.

    `force` allows replacing an existing file; `what` names the file in error messages.
    """
    if path.is_dir():
        raise CrmcardsError(f"{path}: is a folder; name a file to write")
    if path.exists() and not force:
        raise CrmcardsError(f"{path}: already exists; pass --force to replace it")
    if not path.parent.is_dir():
        raise CrmcardsError(f"{path.parent}: no such folder; cannot write {what}")
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise CrmcardsError(f"{path}: cannot write {what} here: {error.strerror}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as error:
        raise CrmcardsError(f"{path}: cannot write {what}: {error.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)
