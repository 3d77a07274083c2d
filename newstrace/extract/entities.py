"""Entities of one article: knowledge matches and model entities resolved to stable ids.

Ids are deterministic slugs: ``country:VEN``, ``person:nicolas-maduro``, ``org:rostec``,
``outlet:the-moscow-times``, ``weapon:su-30mk2``, ``place:caracas``; entities the knowledge does
not know get ``person:ramon-perez``-style ids from their name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Span

from newstrace.model import Entity, Role
from newstrace.model.entity import EntityKind
from newstrace.nlp.knowledge import Knowledge, PersonEntry

# Organisation kinds that act for their state (a ministry does; an armed group or a company does not).
STATE_BODIES = frozenset({"ministry", "military", "agency", "state_company", "government"})
ORG_TO_COUNTRY = re.compile(r"\b(government|administration|regime|authorities)\b", re.I)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True, slots=True)
class Mention:
    entity: str  # entity id
    start: int
    end: int
    label: str  # spaCy label of the span
    kind: str  # knowledge kind (country, capital, metonym, demonym, person, ...) or "model"
    key: str | None = None  # the knowledge key (ISO3 for country kinds and capitals)


class EntityRegistry:
    """Collects the entities of one article with their mentions."""

    def __init__(self, knowledge: Knowledge, published: date | None) -> None:
        self.kb = knowledge
        self.published = published
        self.entities: dict[str, Entity] = {}
        self.order: list[str] = []

    # -- adding ---------------------------------------------------------------------------
    def add(self, entity: Entity, start: int, end: int) -> Entity:
        current = self.entities.get(entity.id)
        if current is None:
            self.entities[entity.id] = current = entity
            self.order.append(entity.id)
        current.add_mention(start, end)
        return current

    def from_span(self, span: Span, offset: int) -> Mention | None:
        """Register a spaCy entity span; returns the mention, or None for labels we skip."""
        start, end = offset + span.start_char, offset + span.end_char
        kb_id = span.kb_id_
        if kb_id:
            kind, key = kb_id.split(":", 1)
            entity = self._from_knowledge(kind, key, span.text)
            if entity is None:
                return None
            self.add(entity, start, end)
            return Mention(entity.id, start, end, span.label_, kind, key)
        return self._from_model(span, start, end)

    def _from_knowledge(self, kind: str, key: str, text: str) -> Entity | None:
        kb = self.kb
        if kind in {"country", "demonym", "metonym"}:
            return self.country(key)
        if kind == "capital":
            cap = kb.countries[key].capital
            assert cap is not None
            pid = slug(cap.name)
            if pid in kb.places and kb.places[pid].country != key:
                pid = f"{pid}-{key.lower()}"  # Georgetown (Guyana) is not Georgetown (Malaysia)
            return Entity(
                f"place:{pid}",
                "place",
                cap.name,
                country=key,
                source=f"knowledge:capital:{key}",
                category="capital",
            )
        if kind == "person":
            return self.person(kb.people[key])
        if kind == "weapon":
            key = self.resolve_weapon(key)
        table: dict[str, tuple[str, EntityKind, Any]] = {
            "place": ("place", "place", kb.places),
            "organization": ("org", "organization", kb.organizations),
            "outlet": ("outlet", "outlet", kb.outlets),
            "weapon": ("weapon", "weapon_system", kb.weapons),
        }
        if kind in table:
            prefix, entity_kind, entries = table[kind]
            entry = entries[key]
            return Entity(
                f"{prefix}:{key}",
                entity_kind,
                entry.name,
                country=getattr(entry, "origin", None) or getattr(entry, "country", None),
                wikidata=entry.wikidata,
                source=f"knowledge:{kind}:{key}",
                category=getattr(entry, "category", None) or getattr(entry, "kind", None),
            )
        return None

    def resolve_weapon(self, key: str) -> str:
        """A family name ("Su-30") after a variant ("Su-30MK2") in the article means the variant."""
        for eid in self.order:
            if eid.startswith("weapon:"):
                known = self.kb.weapons.get(eid.split(":", 1)[1])
                if known is not None and known.family == key:
                    return known.id
        return key

    def country(self, iso3: str) -> Entity:
        entry = self.kb.countries.get(iso3)
        return Entity(
            f"country:{iso3}",
            "country",
            self.kb.country_name(iso3) or iso3,
            country=iso3,
            wikidata=entry.wikidata if entry else None,
            source=f"knowledge:country:{iso3}",
        )

    def person(self, entry: PersonEntry) -> Entity:
        roles = [Role(r.title, r.of, r.start, r.end) for r in entry.roles]
        return Entity(
            f"person:{entry.id}",
            "person",
            entry.name,
            country=entry.country,
            roles=roles,
            wikidata=entry.wikidata,
            source=f"knowledge:person:{entry.id}",
        )

    def _from_model(self, span: Span, start: int, end: int) -> Mention | None:
        label = span.label_
        text = span.text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        if not text or not any(c.isupper() for c in text[:1]):
            return None
        if label == "PERSON":
            entity = self._person_by_surname(text) or Entity(
                f"person:{slug(text)}", "person", text, source="model:ner"
            )
        elif label == "ORG":
            country = self._country_in(span)
            if country and ORG_TO_COUNTRY.search(text):
                entity = self.country(country)
            else:
                entity = Entity(
                    f"org:{slug(text)}", "organization", text, country=country, source="model:ner"
                )
        elif label in {"GPE", "LOC", "FAC"}:
            entity = Entity(f"place:{slug(text)}", "place", text, source="model:ner")
        else:
            return None
        self.add(entity, start, end)
        return Mention(entity.id, start, end, label, "model")

    def _person_by_surname(self, text: str) -> Entity | None:
        """A later mention by surname joins the person named in full earlier."""
        words = text.split()
        for eid in self.order:
            ent = self.entities[eid]
            if ent.kind != "person" or ent.id == f"person:{slug(text)}":
                continue
            names = ent.name.split()
            if len(words) == 1 and len(names) > 1 and names[-1] == words[0]:
                return ent
        return None

    def _country_in(self, span: Span) -> str | None:
        for ent in span.doc.ents:
            if (
                ent.start >= span.start
                and ent.end <= span.end
                and ent.kb_id_.startswith(("country:", "demonym:", "metonym:"))
            ):
                return ent.kb_id_.split(":", 1)[1]
        return None

    # -- roles at the article's date ------------------------------------------------------
    def current_role(self, entity: Entity) -> Role | None:
        """The office the person held on the publication date (or the latest one)."""
        if not entity.roles:
            return None
        when = self.published.isoformat() if self.published else None
        for role in entity.roles:
            if when is None:
                if role.end is None:
                    return role
            elif (role.start or "0000") <= when and (role.end is None or when <= role.end):
                return role
        return None

    def state_of(self, entity_id: str) -> str | None:
        """The country an actor acts for: itself, its office's country or its own country."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        if entity.kind == "country":
            return entity.country
        if entity.kind == "person":
            role = self.current_role(entity)
            if role and role.of and len(role.of) == 3 and role.of.isupper():
                return role.of
            return entity.country
        if entity.kind == "organization":
            return entity.country if entity.category in STATE_BODIES else None
        if entity.kind == "place":
            return entity.country
        return None

    def ordered(self) -> list[Entity]:
        return [self.entities[e] for e in self.order]
