"""The JSON Schema of newstrace.report/1 against what Report.to_dict() produces."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator

from newstrace import REPORT_SCHEMA
from newstrace.model import Article, Entity, Event, Report, Span
from newstrace.model import article as article_module
from newstrace.model import entity as entity_module
from newstrace.model import event as event_module
from newstrace.schemas import load_report_schema, validate_report

Mutation = Callable[[dict[str, Any]], None]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_report_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://newstrace.dev/schemas/report-1.json"
    assert schema["properties"]["schema"] == {"const": REPORT_SCHEMA}


def test_load_report_schema_returns_a_fresh_copy() -> None:
    load_report_schema()["title"] = "changed"
    assert load_report_schema()["title"] == REPORT_SCHEMA


def test_reference_report_validates(report_dict: dict[str, Any]) -> None:
    validate_report(report_dict)


def test_minimal_report_with_model_defaults_validates() -> None:
    report = Report(
        Article("Short text."),
        entities=[Entity("country:RUS", "country", "Russia")],
        events=[Event("ev:1", "AID")],
        filler=[Span(0, 5)],
    )
    validate_report(report.to_dict())


@pytest.mark.parametrize(
    ("definition", "values"),
    [
        ("plover_type", event_module.PLOVER_TYPES),
        ("status", event_module.STATUSES),
        ("factuality", event_module.FACTUALITY),
        ("factuality", get_args(event_module.Factuality)),
        ("precision", event_module.PRECISIONS),
        ("precision", get_args(event_module.Precision)),
        ("quantity_kind", event_module.QUANTITY_KINDS),
        ("quantity_kind", get_args(event_module.QuantityKind)),
        ("item_action", event_module.ITEM_ACTIONS),
        ("hop_kind", event_module.HOP_KINDS),
        ("entity_kind", entity_module.ENTITY_KINDS),
        ("entity_kind", get_args(entity_module.EntityKind)),
        ("published_basis", get_args(article_module.PublishedBasis)),
    ],
)
def test_schema_enums_equal_the_model(definition: str, values: tuple[str, ...]) -> None:
    assert tuple(load_report_schema()["$defs"][definition]["enum"]) == tuple(values)


def _objects(report: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(schema definition, an object of that kind) for every kind of object in a report."""
    event, context = report["events"]
    yield "article", report["article"]
    for entity in report["entities"]:
        yield "entity", entity
        for role in entity["roles"]:
            yield "role", role
    for ev in (event, context):
        yield "event", ev
        yield "when", ev["when"]
        for place in ev["where"]:
            yield "place", place
        for item in ev["items"]:
            yield "item", item
            yield "quantity", item["quantity"]
            for evidence in item["evidence"]:
                yield "evidence", evidence
        for money in ev["money"]:
            yield "money", money
            for evidence in money["evidence"]:
                yield "evidence", evidence
        for chain in ev["attribution"]:
            yield "attribution", chain
            for hop in chain["hops"]:
                yield "hop", hop
        for evidence in ev["evidence"]:
            yield "evidence", evidence
    for span in report["filler"]:
        yield "span", span


def test_schema_lists_exactly_the_fields_the_model_writes(report_dict: dict[str, Any]) -> None:
    schema = load_report_schema()
    assert set(schema["required"]) == set(schema["properties"]) == set(report_dict)
    seen = set()
    for definition, obj in _objects(report_dict):
        seen.add(definition)
        spec = schema["$defs"][definition]
        assert set(spec["properties"]) == set(obj), definition
        assert set(spec["required"]) == set(obj), definition
    assert {"place", "role", "money", "hop"} <= seen


def _object_schemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _object_schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _object_schemas(value)


def test_every_object_is_closed() -> None:
    objects = list(_object_schemas(load_report_schema()))
    assert len(objects) >= 15
    assert all(o.get("additionalProperties") is False for o in objects)


def _set(path: str, value: Any) -> Mutation:
    def mutate(report: dict[str, Any]) -> None:
        *parents, last = _parse(path)
        target: Any = report
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(report: dict[str, Any]) -> None:
        *parents, last = _parse(path)
        target: Any = report
        for key in parents:
            target = target[key]
        del target[last]

    return mutate


def _parse(path: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in path.split(".")]


BROKEN: list[tuple[str, Mutation, str, str]] = [
    ("wrong schema const", _set("schema", "newstrace.report/2"), "$.schema", "was expected"),
    ("bad type enum", _set("events.0.type", "ASK"), "$.events[0].type", "is not one of"),
    ("missing field", _delete("events.0.factuality"), "$.events[0]", "'factuality'"),
    ("extra field on event", _set("events.0.score", 0.9), "$.events[0]", "'score'"),
    (
        "quantity kind invalid",
        _set("events.0.items.1.quantity.kind", "some"),
        "$.events[0].items[1].quantity.kind",
        "is not one of",
    ),
    ("confidence above 1", _set("events.0.confidence", 1.5), "$.events[0].confidence", "maximum"),
    ("confidence below 0", _set("events.0.confidence", -0.1), "$.events[0].confidence", "minimum"),
    ("bad published date", _set("article.published", "2025-13-01"), "$.article.published", "date"),
    (
        "relative date in when",
        _set("events.1.when.start", "mid-October"),
        "$.events[1].when.start",
        "date",
    ),
    (
        "bad precision",
        _set("events.1.when.precision", "mid-month"),
        "$.events[1].when.precision",
        "is not one of",
    ),
    ("article id not sha256", _set("article.id", "ABC"), "$.article.id", "does not match"),
    (
        "bad published basis",
        _set("article.published_basis", "guess"),
        "$.article.published_basis",
        "is not one of",
    ),
    ("bad status", _set("events.0.status", "promised"), "$.events[0].status", "is not one of"),
    (
        "bad factuality",
        _set("events.0.factuality", "rumoured"),
        "$.events[0].factuality",
        "is not one of",
    ),
    ("negated not a bool", _set("events.0.negated", "no"), "$.events[0].negated", "not of type"),
    ("bad salience", _set("events.0.salience", "minor"), "$.events[0].salience", "is not one of"),
    (
        "bad hop kind",
        _set("events.0.attribution.0.hops.2.kind", "leak"),
        "$.events[0].attribution[0].hops[2].kind",
        "is not one of",
    ),
    (
        "empty attribution chain",
        _set("events.0.attribution.0.hops", []),
        "$.events[0].attribution[0].hops",
        "should be non-empty",
    ),
    (
        "bad item action",
        _set("events.0.items.0.action", "gift"),
        "$.events[0].items[0].action",
        "is not one of",
    ),
    (
        "evidence without rule",
        _delete("events.0.evidence.0.rule"),
        "$.events[0].evidence[0]",
        "'rule'",
    ),
    ("negative offset", _set("filler.0.start", -1), "$.filler[0].start", "minimum"),
    (
        "mention not a pair",
        _set("entities.0.mentions.0", [3]),
        "$.entities[0].mentions[0]",
        "too short",
    ),
    (
        "role with start instead of from",
        _set("entities.2.roles.0.start", "2013-04-19"),
        "$.entities[2].roles[0]",
        "'start'",
    ),
    ("bad entity kind", _set("entities.0.kind", "state"), "$.entities[0].kind", "is not one of"),
    ("country not alpha-3", _set("entities.0.country", "VE"), "$.entities[0].country", "VE"),
    ("bad wikidata id", _set("entities.0.wikidata", "717"), "$.entities[0].wikidata", "717"),
    (
        "latitude out of range",
        _set("events.1.where.0.lat", 95),
        "$.events[1].where[0].lat",
        "maximum",
    ),
    ("warning not a string", _set("warnings.0", None), "$.warnings[0]", "not of type"),
    ("missing top-level field", _delete("filler"), "$", "'filler'"),
]


@pytest.mark.parametrize(
    ("mutate", "path", "reason"),
    [pytest.param(m, p, r, id=name) for name, m, p, r in BROKEN],
)
def test_schema_rejects_broken_reports(
    report_dict: dict[str, Any], mutate: Mutation, path: str, reason: str
) -> None:
    broken = copy.deepcopy(report_dict)
    mutate(broken)
    with pytest.raises(ValueError) as raised:
        validate_report(broken)
    message = str(raised.value)
    assert "\n" not in message
    assert message.split(": ", 1)[0] == path
    assert reason in message
