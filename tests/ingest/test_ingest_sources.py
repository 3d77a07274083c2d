"""iter_inputs: files, directories, standard input, missing and oversized inputs."""

from __future__ import annotations

import io
import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from newstrace.errors import EmptyInput, InputError, MissingInput, TooLargeInput
from newstrace.ingest import RawInput, iter_inputs
from newstrace.settings import Settings


def _settings(**values: int) -> Settings:
    return Settings.model_validate(values)


def test_file_is_read_with_its_path_as_source(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Some text.\n")
    assert list(iter_inputs([str(path)])) == [RawInput(str(path), b"Some text.\n")]


def test_directory_is_walked_sorted_recursively_skipping_hidden(tmp_path: Path) -> None:
    files = {
        "b.txt": b"b",
        "a.html": b"a",
        "sub/c.jsonl": b"c",
        "sub/deeper/d.txt": b"d",
        "sub/e.expected.md": b"e",
        ".hidden.txt": b"no",
        ".git/config": b"no",
        "sub/.cache/x.txt": b"no",
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    got = [
        (os.path.relpath(raw.source, tmp_path), raw.data) for raw in iter_inputs([str(tmp_path)])
    ]
    assert got == [
        ("a.html", b"a"),
        ("b.txt", b"b"),
        (os.path.join("sub", "c.jsonl"), b"c"),
        (os.path.join("sub", "e.expected.md"), b"e"),
        (os.path.join("sub", "deeper", "d.txt"), b"d"),
    ]


def test_directory_sources_keep_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    assert [raw.source for raw in iter_inputs(["in"])] == [os.path.join("in", "x.txt")]


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".only-hidden").write_bytes(b"x")
    (raw,) = iter_inputs([str(tmp_path)])
    assert isinstance(raw.error, MissingInput)
    assert str(raw.error) == f"{tmp_path}: directory has no input files (hidden files are skipped)"


def test_missing_path_yields_an_error_and_the_others_go_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(b"good")
    missing = str(tmp_path / "nope.txt")
    first, second = iter_inputs([missing, str(good)])
    assert isinstance(first.error, MissingInput)
    assert first.error.code == "input.missing"
    assert first.error.source == missing
    assert str(first.error) == f"{missing}: no such file or directory"
    assert (first.data, first.ok) == (b"", False)
    assert second == RawInput(str(good), b"good")


def test_unreadable_path_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_bytes(b"x")
    path = str(tmp_path / "file.txt" / "inside.txt")
    (raw,) = iter_inputs([path])
    assert type(raw.error) is InputError
    assert raw.error.code == "input"
    assert str(raw.error) == f"{path}: cannot be read (Not a directory)"


def test_stdin_is_read_for_dash() -> None:
    (raw,) = iter_inputs(["-"], stdin=io.BytesIO(b"from a pipe"))
    assert raw == RawInput("<stdin>", b"from a pipe")


def test_empty_stdin_is_an_error() -> None:
    (raw,) = iter_inputs(["-"], stdin=io.BytesIO(b""))
    assert isinstance(raw.error, EmptyInput)
    assert str(raw.error) == "<stdin>: standard input is empty"


def test_large_file_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"The start of a very long text.\n")
        handle.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        (raw,) = iter_inputs([str(path)], settings=_settings(max_bytes=10_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, "the file must not be read into memory"
    assert isinstance(raw.error, TooLargeInput)
    assert raw.error.code == "input.too_large"
    assert str(raw.error) == (
        f"{path}: input is 52,428,800 bytes; the limit is 10,000,000 (NEWSTRACE_MAX_BYTES)"
    )


@pytest.mark.parametrize(("size", "refused"), [(100, False), (101, True)])
def test_limit_is_inclusive(tmp_path: Path, size: int, refused: bool) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * size)
    (raw,) = iter_inputs([str(path)], settings=_settings(max_bytes=100))
    assert isinstance(raw.error, TooLargeInput) is refused
    assert len(raw.data) == (0 if refused else size)


def test_large_stdin_is_refused_after_reading_one_byte_past_the_limit() -> None:
    stream = io.BytesIO(b"y" * 1000)
    (raw,) = iter_inputs(["-"], stdin=stream, settings=_settings(max_bytes=100))
    assert isinstance(raw.error, TooLargeInput)
    assert (
        str(raw.error) == "<stdin>: input is over 100 bytes; the limit is 100 (NEWSTRACE_MAX_BYTES)"
    )
    assert stream.tell() == 101


def test_named_pipe_is_read_when_given_explicitly(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(b"piped text",))
    writer.start()
    (raw,) = iter_inputs([str(fifo)])
    writer.join(timeout=5)
    assert raw == RawInput(str(fifo), b"piped text")
