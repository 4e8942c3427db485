"""Writing an output file safely, for imports and exports alike: an existing file is only replaced
when the user says so, the content goes to a temporary file beside the target first, and only a
complete file replaces it (os.replace is atomic), so a failure never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crmcards.errors import CrmcardsError


@contextmanager
def replacing(path: Path, *, force: bool) -> Iterator[Path]:
    """A temporary path to write; it becomes `path` when the block ends without an error."""
    if path.is_dir():
        raise CrmcardsError(f"{path}: is a folder; name a file to write")
    if path.exists() and not force:
        raise CrmcardsError(f"{path}: already exists; pass --force to replace it")
    if not path.parent.is_dir():
        raise CrmcardsError(f"{path.parent}: no such folder")
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise CrmcardsError(f"{path}: cannot write here: {error.strerror}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as error:
        raise CrmcardsError(f"{path}: cannot write the file: {error.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)
