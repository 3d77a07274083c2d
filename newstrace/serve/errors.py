"""Errors to HTTP, in one place: every error answers ``{"error": {"code", "message"}}``.

=====================================  ======  =========================================
what                                   status  code
=====================================  ======  =========================================
:class:`~newstrace.errors.ApiError`    its     its own (``api.not_found``, ...)
a parameter that does not validate     422     ``api.invalid`` (``details``: one per param)
an input that is not an article        422     the input error's (``input.language``, ...)
:class:`~newstrace.errors.UsageError`  400     ``usage``
any other ``NewstraceError``           500     its own (``store``, ``nlp.model_missing``)
anything else (a bug)                  500     ``api.internal`` (traceback in the log)
=====================================  ======  =========================================
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newstrace.errors import (
    ApiError,
    InputError,
    InternalError,
    InvalidRequest,
    MethodNotAllowed,
    NewstraceError,
    NotFound,
    Unauthorized,
    UsageError,
)

log = logging.getLogger(__name__)

_HTTP_ERRORS: dict[int, type[ApiError]] = {
    401: Unauthorized,
    404: NotFound,
    405: MethodNotAllowed,
}

#: What the OpenAPI document says every route may answer besides its success.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"description": "A parameter does not validate (api.invalid)."},
    500: {"description": "A failure of the server or its database."},
}


def error_response(
    status: int, code: str, message: str, details: list[str] | None = None
) -> JSONResponse:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": error}, status_code=status, headers=headers)


def status_of(err: NewstraceError) -> int:
    if isinstance(err, ApiError):
        return err.status
    if isinstance(err, InputError):
        return InvalidRequest.status
    if isinstance(err, UsageError):
        return 400
    return 500


async def _newstrace_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NewstraceError)
    status = status_of(exc)
    if status >= 500:
        log.error("%s: %s", exc.code, exc)
    return error_response(status, exc.code, str(exc))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [_describe(e) for e in exc.errors()]
    message = details[0] if len(details) == 1 else f"{len(details)} parameters do not validate"
    return error_response(InvalidRequest.status, InvalidRequest.code, message, details)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    cls = _HTTP_ERRORS.get(exc.status_code)
    if cls is not None:
        code = cls.code
    elif exc.status_code >= 500:
        code = InternalError.code
    else:
        code = ApiError.code
    message = str(exc.detail) if exc.detail else "request refused"
    if exc.status_code == 404 and message == "Not Found":
        message = "no such route; the routes are listed at /api/docs"
    return error_response(exc.status_code, code, message)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error while answering a request", exc_info=exc)
    return error_response(
        InternalError.status,
        InternalError.code,
        f"internal error ({type(exc).__name__}); the server log has the details",
    )


def install(app: FastAPI) -> None:
    """Register the translations on ``app``."""
    app.add_exception_handler(NewstraceError, _newstrace_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def _describe(error: Any) -> str:
    """``limit: Input should be greater than or equal to 1 (got '-1')``."""
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    where = ".".join(loc) or "request"
    text = f"{where}: {error.get('msg', 'invalid')}"
    if "input" in error and error["input"] is not None and not isinstance(error["input"], dict):
        text += f" (got {error['input']!r})"
    return text
