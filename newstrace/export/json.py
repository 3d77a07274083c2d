"""A report as JSON: one compact object per line (JSON Lines).

Keys keep the order ``Report.to_dict()`` gives them; non-ASCII text is written as is (UTF-8);
NaN and infinities are refused, so every line is strict JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


def render_json(report: Mapping[str, Any], text: str | None = None) -> str:
    """One report as one line of JSON, without the newline. ``text`` is not used."""
    return json.dumps(report, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def render_reports(
    reports: Sequence[Mapping[str, Any]], texts: Mapping[str, str] | None = None
) -> str:
    """JSON Lines: each report on its own line, every line ending in a newline."""
    return "".join(render_json(report) + "\n" for report in reports)
