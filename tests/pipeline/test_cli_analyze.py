"""``newstrace analyze`` end to end: formats, bad input, exit statuses, the store."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.schemas import validate_report

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "000_de89d05e413b82ac.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SAMPLES = ROOT / "samples"
GOOD = FIXTURES / "seed_paraphrase.txt"


def invoke(*args: str, stdin: bytes | None = None) -> Any:
    runner = CliRunner()
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


def json_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


BAD_INPUTS: list[tuple[str, bytes | None, str]] = [
    ("empty.txt", b"", "empty"),
    (
        "report.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
        "PDF",
    ),
    ("picture.png", None, "PNG"),
    (
        "broken.txt",
        ("Caf\u00e9 " * 50).encode("utf-8")
        + b"\xc3\x28 invalid \xff\xfe "
        + ("word " * 50).encode(),
        "UTF-8",
    ),
    ("nav_only.html", (FIXTURES / "html_no_text.html").read_bytes(), "no article text"),
    ("noticia.txt", (FIXTURES / "non_english.txt").read_bytes(), "Spanish"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_one_line_and_the_rest_goes_on(
    tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(_png() if data is None else data)
    result = invoke(
        "analyze",
        str(bad),
        str(GOOD),
        "--published",
        "2025-10-31",
        "--format",
        "json",
        "--db",
        "sqlite://",
    )
    assert result.exit_code == 0
    reports = json_lines(result.stdout)
    assert len(reports) == 1 and reports[0]["events"]
    errors = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(errors) == 1, result.stderr
    assert reason.lower() in errors[0].lower(), errors[0]
    assert "skipped 1" in result.stderr


def test_bad_jsonl_line_keeps_the_other_lines() -> None:
    result = invoke(
        "analyze", str(FIXTURES / "bad_lines.jsonl"), "--format", "json", "--db", "sqlite://"
    )
    assert result.exit_code == 0
    assert len(json_lines(result.stdout)) == 2
    errors = [line for line in result.stderr.splitlines() if "bad_lines.jsonl:2" in line]
    assert len(errors) == 1, result.stderr


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"Russia delivered missiles to Venezuela. " * 100)
        fh.truncate(50 * 1024 * 1024)
    result = invoke("analyze", str(big), str(GOOD), "--format", "json", "--db", "sqlite://")
    assert result.exit_code == 0
    line = next(line for line in result.stderr.splitlines() if "big.txt" in line)
    assert "52,428,800" in line and "limit" in line


def test_nothing_analysed_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("analyze", str(empty), "--db", "sqlite://")
    assert result.exit_code == 1
    assert "analysed 0" in result.stderr
    assert "(input.empty: 1)" in result.stderr.splitlines()[-1]


def test_usage_errors_exit_2() -> None:
    assert invoke("analyze").exit_code == 2
    assert invoke("analyze", str(GOOD), "--format", "yaml").exit_code == 2
    result = invoke("analyze", str(GOOD), "--published", "31/10/2025")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_missing_file_is_reported(tmp_path: Path) -> None:
    result = invoke(
        "analyze", str(tmp_path / "nope.txt"), str(GOOD), "--db", "sqlite://", "--format", "json"
    )
    assert result.exit_code == 0
    assert any("nope.txt" in line for line in result.stderr.splitlines())


def test_stdin_and_outlet_option() -> None:
    data = GOOD.read_bytes()
    result = invoke(
        "analyze",
        "-",
        "--published",
        "2025-10-31",
        "--outlet",
        "Reuters",
        "--format",
        "json",
        "--db",
        "sqlite://",
        stdin=data,
    )
    assert result.exit_code == 0, result.stderr
    (report,) = json_lines(result.stdout)
    assert report["article"]["outlet"] == {"id": "reuters", "name": "Reuters"}
    assert report["article"]["published"] == "2025-10-31"
    assert report["article"]["published_basis"] == "option"


def test_no_date_warns_and_leaves_relative_dates_unresolved() -> None:
    result = invoke("analyze", str(GOOD), "--format", "json", "--db", "sqlite://")
    (report,) = json_lines(result.stdout)
    assert report["article"]["published"] is None
    assert any("no publication date" in w for w in report["warnings"])
    consult = next(e for e in report["events"] if e["type"] == "CONSULT")
    assert consult["when"]["text"] == "mid-October"
    assert consult["when"]["start"] is None


def test_samples_are_analysed_and_schema_valid(tmp_path: Path) -> None:
    result = invoke(
        "analyze",
        *(str(SAMPLES / d) for d in ("html", "jsonl", "text")),
        "--format",
        "json",
        "--db",
        f"sqlite:///{tmp_path}/s.db",
    )
    assert result.exit_code == 0, result.stderr
    reports = json_lines(result.stdout)
    assert len(reports) >= 20
    for report in reports:
        validate_report(report)
    assert sum(len(r["events"]) for r in reports) >= 3 * len(reports)
    assert "analysed" in result.stderr and "failed 0" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_readable_formats(fmt: str) -> None:
    result = invoke(
        "analyze", str(SEED), "--published", "2025-10-31", "--format", fmt, "--db", "sqlite://"
    )
    assert result.exit_code == 0
    out = result.stdout
    assert "REQUEST" in out and "Su-30MK2" in out
    assert "The Moscow Times → The Washington Post → internal U.S. government documents" in out


def _count(url: str, table: str) -> int:
    eng = create_engine(url)
    with eng.connect() as conn:
        n = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    eng.dispose()
    return int(n)


def test_store_is_idempotent_on_both_databases(db_url: str) -> None:
    args = (
        "analyze",
        str(SEED),
        str(GOOD),
        "--published",
        "2025-10-31",
        "--format",
        "json",
        "--db",
        db_url,
    )
    first = invoke(*args)
    assert first.exit_code == 0, first.stderr
    counts = (_count(db_url, "articles"), _count(db_url, "events"), _count(db_url, "items"))
    assert counts[0] == 2 and counts[1] >= 8 and counts[2] >= 10
    second = invoke(*args)
    assert "2 already stored unchanged" in second.stderr
    assert (_count(db_url, "articles"), _count(db_url, "events"), _count(db_url, "items")) == counts
    briefing = invoke("briefing", "--db", db_url, "--format", "json")
    assert len(json_lines(briefing.stdout)) == 2


def test_failed_article_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newstrace.extract.analyze import Analyzer

    original = Analyzer.analyze

    def flaky(self: Analyzer, parsed: Any) -> Any:
        if "Moscow Times" in parsed.article.text and "paraphrase" not in parsed.article.source:
            raise RuntimeError("boom")
        return original(self, parsed)

    monkeypatch.setattr(Analyzer, "analyze", flaky)
    url = f"sqlite:///{tmp_path}/f.db"
    result = invoke(
        "analyze",
        str(SEED),
        str(GOOD),
        "--published",
        "2025-10-31",
        "--format",
        "json",
        "--db",
        url,
    )
    assert result.exit_code == 0
    assert len(json_lines(result.stdout)) == 1
    assert "failed 1" in result.stderr
    assert any("analysis failed" in line and "boom" in line for line in result.stderr.splitlines())
    assert _count(url, "articles") == 1


def test_console_script_keeps_stdout_pure_json(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "newstrace"
    proc = subprocess.run(
        [
            str(script),
            "analyze",
            str(SEED),
            str(tmp_path / "missing.txt"),
            "--published",
            "2025-10-31",
            "--format",
            "json",
            "--db",
            f"sqlite:///{tmp_path}/c.db",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (report,) = json_lines(proc.stdout)
    assert report["schema"] == "newstrace.report/1"
    assert "missing.txt" in proc.stderr and "analysed 1" in proc.stderr


def test_worker_processes_give_the_same_reports(tmp_path: Path) -> None:
    from newstrace.pipeline import Engine, run
    from newstrace.settings import Settings

    paths = [str(SAMPLES / "jsonl"), str(SEED)]
    one = [
        o.report.to_dict()
        for o in run(paths, engine=Engine(Settings(processes=1)), published=None)
        if o.report is not None
    ]
    two = [
        o.report.to_dict()
        for o in run(paths, engine=Engine(Settings(processes=2)), chunk=4)
        if o.report is not None
    ]
    assert len(one) >= 10
    assert one == two
