"""A report's entity ids as the gold's actor codes.

The gold codes who acts, not how the text names them (tests/eval/README.md): a state and anyone
acting for it get its ISO3 code; non-state and international actors get ``org:<id>``; unnamed
groups keep ``group:<slug>``. So:

===============================  ===========================================================
entity                           code
===============================  ===========================================================
``country:VEN``                  ``VEN``
a person                         the ``of`` of a role held at the publication date (a
                                 country, or an organisation coded as below; a state wins
                                 over an ``org:``), else the person's ``country``
an organisation of a state kind  its country (``ministry``, ``military``, ``agency``,
                                 ``state_company``, ``government``)
any other organisation           ``org:<id>`` (``armed_group``, ``intergovernmental``,
                                 ``company``, ``ngo``, ``party``, ``other``, or unknown)
``group:<slug>``                 itself
a place (a capital as metonym)   its country
anything else                    the entity id itself, which never equals a gold code
===============================  ===========================================================
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Iterable
from datetime import date

from newstrace.model import Entity, Report, Role
from newstrace.nlp.knowledge import Knowledge

STATE_KINDS = frozenset({"ministry", "military", "agency", "state_company", "government"})


def entity_code(
    entity_id: str, report: Report, knowledge: Knowledge, on: date | None = None
) -> str:
    """The gold actor code of one entity of ``report`` (see the module's table)."""
    prefix, _, key = entity_id.partition(":")
    entity = report.entity(entity_id)
    if prefix == "country":
        return key
    if prefix == "group":
        return entity_id
    if prefix == "org":
        return org_code(key, knowledge, entity.country if entity else None)
    if prefix == "person":
        return _person_code(entity, key, knowledge, on) or entity_id
    if prefix == "place":
        country = entity.country if entity else None
        if country is None and key in knowledge.places:
            country = knowledge.places[key].country
        return country or _capital_of(key, knowledge) or entity_id
    return entity_id


def codes(
    entity_ids: Iterable[str], report: Report, knowledge: Knowledge, on: date | None = None
) -> frozenset[str]:
    """The set of gold codes of ``entity_ids`` (a person and their country give one code)."""
    return frozenset(entity_code(i, report, knowledge, on) for i in entity_ids)


def org_code(org_id: str, knowledge: Knowledge, country: str | None = None) -> str:
    """``org:<id>``, or the organisation's country when it is an organ of a state."""
    entry = knowledge.organizations.get(org_id)
    if entry is None:
        return f"org:{org_id}"
    if entry.kind in STATE_KINDS and (entry.country or country):
        return entry.country or country or f"org:{org_id}"
    return f"org:{org_id}"


def _person_code(
    entity: Entity | None, key: str, knowledge: Knowledge, on: date | None
) -> str | None:
    roles: list[Role]
    if entity is not None:
        roles, country = list(entity.roles), entity.country
    elif key in knowledge.people:
        person = knowledge.people[key]
        roles = [Role(r.title, r.of, r.start, r.end) for r in person.roles]
        country = person.country
    else:
        return None
    if on is not None:
        held = [
            org_code(r.of, knowledge) if r.of in knowledge.organizations else r.of
            for r in roles
            if r.of and held_on(r, on)
        ]
        # a state office wins over a party or company post held at the same time
        state = [code for code in held if not code.startswith("org:")]
        if state or held:
            return (state or held)[0]
    return country


def _capital_of(slug: str, knowledge: Knowledge) -> str | None:
    """The country whose capital is ``place:<slug>`` (capitals live in countries.yaml)."""
    for iso3, entry in knowledge.countries.items():
        if entry.capital and _slug(entry.capital.name) == slug:
            return iso3
    return None


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def held_on(role: Role, on: date) -> bool:
    """Whether ``role`` was held on ``on``; a missing bound is open, "2013" means the year."""
    start = _bound(role.start, low=True)
    end = _bound(role.end, low=False)
    return (start is None or start <= on) and (end is None or on <= end)


def _bound(value: str | None, *, low: bool) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1) if low else date(year, month, monthrange(year, month)[1])
    return date(parts[0], 1, 1) if low else date(parts[0], 12, 31)
