"""Every error newstrace raises, on one screen.

Each has a stable ``code`` and a sentence a user understands. The library raises; the CLI and
the API (``newstrace/serve/errors.py``) translate, each in one place.
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


class ApiError(NewstraceError):
    """A request the API refuses; ``status`` is the HTTP status it answers with."""

    code = "api.bad_request"
    status = 400


class Unauthorized(ApiError):
    code = "api.unauthorized"
    status = 401


class NotFound(ApiError):
    code = "api.not_found"
    status = 404


class MethodNotAllowed(ApiError):
    code = "api.method_not_allowed"
    status = 405


class RequestTooLarge(ApiError):
    code = "api.too_large"
    status = 413


class UnsupportedMediaType(ApiError):
    code = "api.media_type"
    status = 415


class InvalidRequest(ApiError):
    """A parameter or body that does not validate; the message names it."""

    code = "api.invalid"
    status = 422


class InternalError(ApiError):
    """An unexpected failure inside the server (a bug); the server log has the traceback."""

    code = "api.internal"
    status = 500


class ServiceUnavailable(ApiError):
    code = "api.unavailable"
    status = 503


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
    ApiError,
    Unauthorized,
    NotFound,
    MethodNotAllowed,
    RequestTooLarge,
    UnsupportedMediaType,
    InvalidRequest,
    InternalError,
    ServiceUnavailable,
)
