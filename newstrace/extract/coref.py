"""Definite descriptions that point back to an entity named earlier in the article:
"the administration" / "the government" (the state last named as acting), "the group" /
"the militia" (the last armed group), "the company" (the last company), "the alliance" /
"the bloc" (the last international organisation), "the two leaders" (the last two people).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newstrace.extract.entities import EntityRegistry, Mention
from newstrace.nlp.pipeline import ParsedSegment

STATE_NOUNS = frozenset({"administration", "government", "regime", "authorities", "cabinet"})
ORG_NOUNS: dict[str, frozenset[str]] = {
    "group": frozenset({"armed_group"}),
    "militia": frozenset({"armed_group"}),
    "movement": frozenset({"armed_group", "party"}),
    "company": frozenset({"company", "state_company"}),
    "firm": frozenset({"company", "state_company"}),
    "conglomerate": frozenset({"company", "state_company"}),
    "alliance": frozenset({"intergovernmental"}),
    "bloc": frozenset({"intergovernmental"}),
    "agency": frozenset({"agency", "intergovernmental"}),
    "watchdog": frozenset({"intergovernmental", "agency"}),
    "court": frozenset({"intergovernmental", "other"}),
}
TWO = frozenset({"two", "both"})
PEOPLE = frozenset({"leaders", "presidents", "men", "ministers", "sides"})


@dataclass(slots=True)
class History:
    """The entities named so far, most recent last."""

    states: list[str] = field(default_factory=list)
    orgs: list[tuple[str, str]] = field(default_factory=list)  # (entity id, category)
    people: list[str] = field(default_factory=list)

    def note(self, mentions: list[Mention], registry: EntityRegistry) -> None:
        for m in sorted(mentions, key=lambda m: m.start):
            ent = registry.entities.get(m.entity)
            if ent is None:
                continue
            if ent.kind == "country":
                self.states.append(ent.id)
            elif ent.kind == "person":
                self.people.append(ent.id)
                state = registry.state_of(ent.id)
                if state:
                    self.states.append(f"country:{state}")
            elif ent.kind == "organization" and ent.category:
                self.orgs.append((ent.id, ent.category))


def definite_references(
    seg: ParsedSegment, mentions: list[Mention], registry: EntityRegistry, history: History
) -> list[Mention]:
    """Mentions for "the administration", "the group", "the two leaders"... in one segment."""
    doc, offset = seg.doc, seg.offset
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for tok in doc:
        if tok.i == 0 or doc[tok.i - 1].lower_ not in {"the", "both", "two"}:
            continue
        word = tok.lower_
        start = offset + doc[tok.i - 1].idx
        end = offset + tok.idx + len(tok)
        if any(a < end and start < b for a, b in taken):
            continue
        targets: list[str] = []
        if word in STATE_NOUNS and history.states:
            targets = [history.states[-1]]
        elif word in ORG_NOUNS:
            wanted = ORG_NOUNS[word]
            found = next((eid for eid, cat in reversed(history.orgs) if cat in wanted), None)
            targets = [found] if found else []
        elif word in PEOPLE and tok.i >= 2 and doc[tok.i - 1].lower_ in TWO:
            start = offset + doc[tok.i - 2].idx if doc[tok.i - 2].lower_ == "the" else start
            recent = list(dict.fromkeys(reversed(history.people)))[:2]
            targets = recent if len(recent) == 2 else []
        for target in targets:
            if target not in registry.entities:  # a state known only through a person's office
                registry.add(registry.country(target.split(":", 1)[1]), start, end)
            else:
                registry.entities[target].add_mention(start, end)
            out.append(Mention(target, start, end, "COREF", "coref"))
    return out
