"""Every error newstrace raises, on one screen.

Each has a stable ``code`` and a sentence a user understands. The library raises; the CLI (and
later the API) translate, each in one place.
"""

from __future__ import annotations


class NewstraceError(Exception):
    """Base class. ``str(err)`` is the one-line message shown to the user."""

    code = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(NewstraceError):
    """An input could not be read as an article; the run goes on with the others."""

    code = "input"


class EmptyInput(InputError):
    code = "input.empty"


class BinaryInput(InputError):
    code = "input.binary"


class UndecodableInput(InputError):
    code = "input.encoding"


class TooLargeInput(InputError):
    code = "input.too_large"


class NoArticleText(InputError):
    code = "input.no_text"


class UnsupportedLanguage(InputError):
    code = "input.language"


class BadRecord(InputError):
    """A JSON Lines line that is not a JSON object with text."""

    code = "input.bad_record"


class MissingInput(InputError):
    code = "input.missing"


class KnowledgeError(NewstraceError):
    """A knowledge data file is malformed; the message names the file and line."""

    code = "knowledge"


class ModelNotInstalled(NewstraceError):
    code = "nlp.model_missing"


class StoreError(NewstraceError):
    code = "store"


class UsageError(NewstraceError):
    code = "usage"


class GoldError(NewstraceError):
    """An evaluation gold file, floors file or PLOVER file is malformed; names file and field."""

    code = "eval.gold"


ALL_ERRORS: tuple[type[NewstraceError], ...] = (
    NewstraceError,
    InputError,
    EmptyInput,
    BinaryInput,
    UndecodableInput,
    TooLargeInput,
    NoArticleText,
    UnsupportedLanguage,
    BadRecord,
    MissingInput,
    KnowledgeError,
    ModelNotInstalled,
    StoreError,
    UsageError,
    GoldError,
)
