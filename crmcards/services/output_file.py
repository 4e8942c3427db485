"""Writing a file safely, for every file crmcards writes (decks, exports, reports, settings,
backups): an existing file is only replaced when allowed, the content goes to a temporary file
beside the target first, and only a complete file replaces it (os.replace is atomic), so a
failure never leaves a half-written file. The file gets the permissions the user's umask gives
a new file (a class view on a shared folder must be readable by others), not the owner-only
ones of a temporary file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crmcards.errors import CrmcardsError
from crmcards.messages import Said

NEW_FILE_MODE = 0o666  # what open() asks for; the umask takes away from it
PRIVATE_FILE_MODE = 0o600


def _umask() -> int:
    """The process's umask (os.umask can only be read by setting it, so set it back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


THE_FILE = Said.of("file_the_file")  # what a file is called when nothing more is known


@contextmanager
def replacing(
    path: Path, *, force: bool, what: Said = THE_FILE, private: bool = False
) -> Iterator[Path]:
    """A temporary path to write; it becomes `path` when the block ends without an error.

    `force` allows replacing an existing file; `what` names the file in error messages;
    `private` makes it readable by its owner only (a file holding a password).
    """
    if path.is_dir():
        raise CrmcardsError(Said.of("out_is_folder", path=path))
    if path.exists() and not force:
        raise CrmcardsError(Said.of("out_exists", path=path))
    if not path.parent.is_dir():
        raise CrmcardsError(Said.of("out_no_folder", path=path.parent, what=what))
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise CrmcardsError(
            Said.of("out_cannot_write_here", path=path, what=what, error=error.strerror)
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, PRIVATE_FILE_MODE if private else NEW_FILE_MODE & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        raise CrmcardsError(
            Said.of("out_cannot_write", path=path, what=what, error=error.strerror)
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
