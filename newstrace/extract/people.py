"""People by title and by reference: "Venezuelan Transportation Minister Ramón Celestino
Velásquez" (a role), "his Russian counterpart" (a new, unnamed person with the same office in
another country), "the Venezuelan leader" (the person holding that office in the article), "he"
(the last person who acted), and capitals used for their governments ("aid to Caracas").
"""

from __future__ import annotations

from spacy.tokens import Span

from newstrace.extract.entities import EntityRegistry, Mention, slug
from newstrace.model import Entity, Role
from newstrace.nlp.knowledge import Knowledge
from newstrace.nlp.pipeline import ParsedSegment

LEADER_WORDS = {"leader", "strongman", "head of state", "president"}


class PeopleResolver:
    def __init__(self, registry: EntityRegistry, knowledge: Knowledge) -> None:
        self.registry = registry
        self.kb = knowledge
        self.last_person: str | None = None
        self._last_subject: str | None = None

    @property
    def last_subject(self) -> str | None:
        return self._last_subject or self.last_person

    def note_subjects(self, seg: ParsedSegment, mentions: list[Mention]) -> None:
        """Remember who acted last: the person in subject position (or the last person named)."""
        doc = seg.doc
        persons = [m for m in mentions if self.registry.entities[m.entity].kind == "person"]
        if not persons:
            return
        self.last_person = persons[-1].entity
        if doc.has_annotation("DEP"):
            for tok in doc:
                if tok.dep_ in {"nsubj", "nsubjpass"} and tok.pos_ == "PROPN":
                    pos = seg.offset + tok.idx
                    for m in persons:
                        if m.start <= pos < m.end:
                            self._last_subject = m.entity
                            return
        else:
            self._last_subject = persons[0].entity

    def resolve(self, seg: ParsedSegment, mentions: list[Mention]) -> list[Mention]:
        """Attach titles to people; create or find people named only by title."""
        doc, offset = seg.doc, seg.offset
        extra: list[Mention] = []
        titles = list(doc.spans.get("titles", []))
        covered = {i for t in titles for i in range(t.start, t.end)}
        titles += [
            Span(doc, t.i, t.i + 1, label="TITLE", kb_id="counterpart")
            for t in doc
            if t.text.lower() == "counterpart" and t.i not in covered
        ]
        for title in titles:
            country = self._country_before(title, mentions, offset)
            if title.text.lower().endswith("counterpart"):
                m = self._counterpart(title, country, offset)
                if m:
                    extra.append(m)
                continue
            person = self._person_after(title, mentions, offset)
            if person is not None:
                self._add_role(self.registry.entities[person.entity], title.kb_id_, country)
                continue
            before = doc[title.start - 1].text.lower() if title.start else ""
            if before == "the" or country:
                m = self._by_office(title, country, offset)
                if m:
                    extra.append(m)
        return extra

    # -------------------------------------------------------------------------------------
    def _country_before(self, title: Span, mentions: list[Mention], offset: int) -> str | None:
        start = offset + title.start_char
        for m in mentions:
            if m.kind in {"demonym", "country", "metonym"} and 0 <= start - m.end <= 3:
                return m.entity.split(":", 1)[1]
        return None

    def _person_after(self, title: Span, mentions: list[Mention], offset: int) -> Mention | None:
        end = offset + title.end_char
        for m in mentions:
            ent = self.registry.entities.get(m.entity)
            if ent is not None and ent.kind == "person" and 0 <= m.start - end <= 2:
                return m
        return None

    def _add_role(self, ent: Entity, title: str, country: str | None) -> None:
        entry = self.kb.titles.get(title)
        if ent.roles and entry is not None and entry.kind == "leader":
            return  # "former socialist leader Hugo Chávez": the known offices say more
        for role in ent.roles:
            if _same_title(self.kb, role.title, title) and (
                country is None or role.of in {None, country}
            ):
                return
        ent.roles.append(Role(title, country or ent.country))
        if ent.country is None and country:
            ent.country = country

    def _counterpart(self, title: Span, country: str | None, offset: int) -> Mention | None:
        """ "his Russian counterpart": the holder of the same office in that country."""
        anchor = self.last_subject
        if anchor is None:
            return None
        ref = self.registry.entities[anchor]
        role = self.registry.current_role(ref) or (ref.roles[-1] if ref.roles else None)
        office = role.title if role else "official"
        if country is None:
            return None
        demonym = self._demonym(country)
        holder = self._holder(office, country) if role else None
        if holder is not None:
            ent = holder
        else:
            name = f"{demonym} {office}" if role else f"{demonym} counterpart of {ref.name}"
            ent = Entity(
                f"person:{slug(country + '-' + office)}",
                "person",
                name,
                country=country,
                roles=[Role(office, country)],
                source="rule:counterpart",
            )
        # Include "his Russian" in the mention.
        doc = title.doc
        s = title.start
        while s > 0 and doc[s - 1].text.lower() in {"his", "her", "their"} | {demonym.lower()}:
            s -= 1
        start = offset + doc[s].idx
        self.registry.add(ent, start, offset + title.end_char)
        return Mention(ent.id, start, offset + title.end_char, "PERSON", "rule")

    def _holder(self, office: str, country: str) -> Entity | None:
        """The person the knowledge says held ``office`` in ``country`` on the article's date."""
        when = self.registry.published.isoformat() if self.registry.published else None
        for person in self.kb.people.values():
            for r in person.roles:
                if r.of != country or not _same_title(self.kb, r.title, office):
                    continue
                if (when is None and r.end is None) or (
                    when is not None
                    and ((r.start or "0000") <= when and (r.end is None or when <= r.end))
                ):
                    return self.registry.person(person)
        return None

    def _by_office(self, title: Span, country: str | None, offset: int) -> Mention | None:
        """ "the Venezuelan leader", "the defence minister": a person already in the article."""
        entry = self.kb.titles.get(title.kb_id_)
        for ent in self.registry.ordered():
            if ent.kind != "person":
                continue
            role = self.registry.current_role(ent)
            roles = [role] if role else [r for r in ent.roles if r.end is None]
            for r in roles:
                if r is None:
                    continue
                if country and r.of != country:
                    continue
                if _same_title(self.kb, r.title, title.kb_id_) or (
                    entry
                    and entry.kind == "leader"
                    and r.title in {"President", "Prime Minister", "Supreme Leader"}
                ):
                    start, end = offset + title.start_char, offset + title.end_char
                    self.registry.add(ent, start, end)
                    return Mention(ent.id, start, end, "PERSON", "rule")
        return None

    def _demonym(self, iso3: str) -> str:
        entry = self.kb.countries.get(iso3)
        if entry and entry.demonyms:
            return entry.demonyms[0]
        return self.kb.country_name(iso3) or iso3

    def as_government(self, m: Mention) -> str:
        """A capital standing for its government: the mention moves to the country."""
        place = self.registry.entities[m.entity]
        iso3 = m.key if m.kind == "capital" and m.key else place.country
        if not iso3:
            return m.entity
        if (m.start, m.end) in place.mentions:
            place.mentions.remove((m.start, m.end))
        country = self.registry.add(self.registry.country(iso3), m.start, m.end)
        return country.id


def _same_title(kb: Knowledge, a: str, b: str) -> bool:
    if a.lower() == b.lower():
        return True
    ea, eb = kb.titles.get(a), kb.titles.get(b)
    return bool(ea and eb and ea.portfolio and ea.portfolio == eb.portfolio and ea.kind == eb.kind)
