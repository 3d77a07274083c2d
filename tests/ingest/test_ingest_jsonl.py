"""iter_records: one JSON object per line; bad lines are errors that name file:line."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newstrace.errors import BadRecord
from newstrace.ingest.jsonl import Record, is_jsonl_name, iter_records, looks_like_jsonl


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_records_carry_their_fields_and_file_line() -> None:
    text = "\n".join(
        [
            _line(
                url="https://example.org/a",
                outlet="The Moscow Times",
                title="Maduro asks Putin for aid",
                published="2025-11-01",
                text="Nicolás Maduro asked Russia for aid.",
                extra="ignored",
            ),
            "",
            "   ",
            _line(text="Second.", published="2025-10-31T23:30:00-05:00"),
        ]
    )
    first, second = iter_records(text, source="in.jsonl")
    assert first == Record(
        source="in.jsonl:1",
        line=text.split("\n")[0],
        text="Nicolás Maduro asked Russia for aid.",
        url="https://example.org/a",
        outlet="The Moscow Times",
        title="Maduro asks Putin for aid",
        published=date(2025, 11, 1),
    )
    assert isinstance(second, Record)
    assert second.source == "in.jsonl:4"
    assert second.published == date(2025, 10, 31)  # the date where it was published
    assert (second.url, second.outlet, second.title) == (None, None, None)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON (Expecting property name enclosed in double quotes at column 2)"),
        ('{"text": "unterminated}', "not JSON (Unterminated string starting at column 10)"),
        ('["a", "list"]', "not a JSON object but an array"),
        ('"a string"', "not a JSON object but a string"),
        ("42", "not a JSON object but a number"),
        ("null", "not a JSON object but null"),
        ('{"title": "No text"}', "no 'text' (or 'html') field"),
        ('{"text": null}', "no 'text' (or 'html') field"),
        ('{"text": 42}', "'text' is a number, not a string"),
        ('{"text": "x", "outlet": ["a"]}', "'outlet' is an array, not a string"),
        ('{"text": "x", "published": true}', "'published' is a boolean, not a string"),
        (
            '{"text": "x", "published": "1st of November"}',
            "'published' is not YYYY-MM-DD or an ISO datetime: '1st of November'",
        ),
        (
            '{"text": "x", "published": "2025-13-01"}',
            "'published' is not YYYY-MM-DD or an ISO datetime: '2025-13-01'",
        ),
    ],
)
def test_bad_lines_are_errors_naming_file_and_line(line: str, message: str) -> None:
    good = _line(text="A good record.")
    results = list(iter_records(f"{good}\n{line}\n{good}\n", source="feed.jsonl"))
    assert [type(result) for result in results] == [Record, BadRecord, Record]
    error = results[1]
    assert isinstance(error, BadRecord)
    assert error.source == "feed.jsonl:2"
    assert error.code == "input.bad_record"
    assert str(error) == f"feed.jsonl:2: {message}"


def test_html_records_keep_the_html_unless_text_is_given() -> None:
    html_only, both = iter_records(
        _line(html="<p>Page</p>") + "\n" + _line(html="<p>Page</p>", text="Text"), source="f"
    )
    assert isinstance(html_only, Record) and isinstance(both, Record)
    assert (html_only.html, html_only.text) == ("<p>Page</p>", None)
    assert (both.html, both.text) == (None, "Text")


def test_lines_split_on_newline_only() -> None:
    # U+2028 is legal unescaped inside a JSON string; str.splitlines() would break the record.
    text = '{"text": "one\u2028two"}\r\n{"text": "three"}\r\n'
    records = list(iter_records(text, source="f"))
    assert [r.text for r in records if isinstance(r, Record)] == ["one\u2028two", "three"]


def test_blank_fields_count_as_absent() -> None:
    (record,) = iter_records(_line(text="x", outlet="  ", published="", url=None), source="f")
    assert isinstance(record, Record)
    assert (record.outlet, record.published, record.url) == (None, None, None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", True),
        ("a.NDJSON", True),
        ("a.json", False),
        ("a.txt", False),
        ("<stdin>", False),
    ],
)
def test_jsonl_names(name: str, expected: bool) -> None:
    assert is_jsonl_name(name) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('\n{"text": "x"}\nnot json', True),
        ('{"text": "x"', False),
        ("[1, 2]", False),
        ("{ Plain text in braces }", False),
        ("Plain text.", False),
        ("", False),
    ],
)
def test_jsonl_is_recognised_by_its_first_line(text: str, expected: bool) -> None:
    assert looks_like_jsonl(text) is expected
