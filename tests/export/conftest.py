"""Fixtures for the export tests: the reference report and golden files.

Golden files live in ``tests/export/golden``. To rewrite them after an intended change, run
``NEWSTRACE_UPDATE_GOLDEN=1 pytest tests/export`` (or ``--update-golden`` where the top-level
conftest registers it) and review the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newstrace.model import Report

from .reports import build_report

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def report_dict(report: Report) -> dict[str, Any]:
    return report.to_dict()


def _updating(config: pytest.Config) -> bool:
    if os.environ.get("NEWSTRACE_UPDATE_GOLDEN") == "1":
        return True
    return bool(config.getoption("--update-golden", default=False))


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, actual)``: compare with ``golden/<name>``, or rewrite it when updating."""
    update = _updating(request.config)

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.exists():
            pytest.fail(f"{path} is missing; run with NEWSTRACE_UPDATE_GOLDEN=1 to create it")
        assert actual == path.read_text(encoding="utf-8"), (
            f"{name} differs from the golden file; if the change is intended, rerun with "
            "NEWSTRACE_UPDATE_GOLDEN=1 and review the diff"
        )

    return check
