"""JSON Schemas of the records newstrace publishes, shipped as package data.

``report-1.json`` describes ``newstrace.report/1``, the object :meth:`Report.to_dict` produces
(see docs/report-format.md).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

REPORT_SCHEMA_FILE = "report-1.json"
_MAX_MESSAGE = 240


def load_report_schema() -> dict[str, Any]:
    """The JSON Schema of ``newstrace.report/1`` (a fresh dict on every call)."""
    text = resources.files(__name__).joinpath(REPORT_SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _report_validator() -> Draft202012Validator:
    schema = load_report_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_report(report: dict[str, Any]) -> None:
    """Check ``report`` against ``newstrace.report/1``.

    Raises :class:`ValueError` with a one-line message, ``<path>: <reason>``, for the most
    relevant error (``$`` is the report itself, e.g. ``$.events[0].confidence``).
    """
    error = best_match(_report_validator().iter_errors(report))
    if error is not None:
        raise ValueError(describe_error(error))


def describe_error(error: ValidationError) -> str:
    """``$.events[0].items[2].quantity.kind: 'some' is not one of [...]`` on one line."""
    path = "$" + "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    )
    reason = " ".join(error.message.split())
    if len(reason) > _MAX_MESSAGE:
        reason = reason[: _MAX_MESSAGE - 1] + "…"
    return f"{path}: {reason}"


__all__ = ["REPORT_SCHEMA_FILE", "describe_error", "load_report_schema", "validate_report"]
