"""Where inputs come from: paths, directories and standard input, as raw bytes.

:func:`iter_inputs` never raises for one bad input. It yields a :class:`RawInput` whose
``error`` is set, so that a caller loop can report one line per bad input and go on.
Files over the size limit are refused from ``os.stat`` alone and never read into memory.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from newstrace.errors import EmptyInput, InputError, MissingInput, TooLargeInput
from newstrace.settings import Settings, get_settings

log = logging.getLogger(__name__)

STDIN_NAME = "<stdin>"
"""``source`` of the input read from standard input (the path ``-``)."""


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as bytes, or the reason it could not be read.

    ``source`` is the path as given (joined with the relative path for files found in a
    directory), or ``"<stdin>"``. Exactly one of ``data`` (non-empty or not) and ``error``
    is meaningful: when ``error`` is set, ``data`` is ``b""``.
    """

    source: str
    data: bytes = b""
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def iter_inputs(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    settings: Settings | None = None,
) -> Iterator[RawInput]:
    """Yield one :class:`RawInput` per file named or found in ``paths``, in order.

    Directories are walked recursively in sorted order, skipping hidden files and
    directories (names starting with ``.``); every other regular file is an input. ``-``
    reads standard input (``stdin``, by default ``sys.stdin.buffer``).
    """
    limit = (settings or get_settings()).max_bytes
    for path in paths:
        if path == "-":
            yield _read_stream(stdin if stdin is not None else sys.stdin.buffer, limit)
        elif os.path.isdir(path):
            yield from _walk(path, limit)
        else:
            yield _read_file(path, limit)


def _walk(root: str, limit: int) -> Iterator[RawInput]:
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            try:
                mode = os.stat(path).st_mode
            except OSError as err:
                found = True
                yield _os_error(path, err)
                continue
            if not stat.S_ISREG(mode):
                log.debug("%s: skipped, not a regular file", path)
                continue
            found = True
            yield _read_file(path, limit)
    if not found:
        yield RawInput(
            root,
            error=MissingInput(
                "directory has no input files (hidden files are skipped)", source=root
            ),
        )


def _read_file(path: str, limit: int) -> RawInput:
    try:
        info = os.stat(path)
    except OSError as err:
        return _os_error(path, err)
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        return RawInput(path, error=_too_large(path, info.st_size, limit))
    try:
        # Regular files are read with a cap as well, in case the file grew after stat;
        # pipes and character devices (``<(cmd)``, ``/dev/stdin``) only this way.
        with open(path, "rb") as handle:
            return _read_capped(handle, path, limit)
    except OSError as err:
        return _os_error(path, err)


def _read_stream(stream: BinaryIO, limit: int) -> RawInput:
    try:
        return _read_capped(stream, STDIN_NAME, limit)
    except OSError as err:
        return _os_error(STDIN_NAME, err)


def _read_capped(handle: BinaryIO, source: str, limit: int) -> RawInput:
    data = handle.read(limit + 1)
    if len(data) > limit:
        return RawInput(source, error=_too_large(source, None, limit))
    if not data and source == STDIN_NAME:
        return RawInput(source, error=EmptyInput("standard input is empty", source=source))
    return RawInput(source, data)


def _too_large(source: str, size: int | None, limit: int) -> TooLargeInput:
    what = f"input is {size:,} bytes" if size is not None else f"input is over {limit:,} bytes"
    return TooLargeInput(f"{what}; the limit is {limit:,} (NEWSTRACE_MAX_BYTES)", source=source)


def _os_error(path: str, err: OSError) -> RawInput:
    if isinstance(err, FileNotFoundError):
        error: InputError = MissingInput("no such file or directory", source=path)
    else:
        reason = err.strerror or type(err).__name__
        error = InputError(f"cannot be read ({reason})", source=path)
    return RawInput(path, error=error)
