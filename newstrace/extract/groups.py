"""Groups named by a common noun ("protesters", "Houthi militants", "Western allies") as
entities, so that they can act in events and receive them.
"""

from __future__ import annotations

from newstrace.extract.entities import EntityRegistry, Mention, slug
from newstrace.model import Entity
from newstrace.nlp.knowledge import Knowledge
from newstrace.nlp.pipeline import ParsedSegment

COUNTS = frozenset(
    {
        "thousands",
        "hundreds",
        "dozens",
        "tens",
        "scores",
        "group",
        "groups",
        "crowd",
        "crowds",
        "number",
        "members",
        "some",
        "many",
        "several",
    }
)
RELATIONAL = frozenset(
    {
        "'s",
        "’s",
        "its",
        "their",
        "his",
        "her",
        "our",
        "other",
        "closest",
        "close",
        "key",
        "main",
        "of",
        "with",
        "among",
        "between",
    }
)
MODIFIERS = frozenset(
    {
        "western",
        "european",
        "foreign",
        "armed",
        "local",
        "opposition",
        "pro-government",
        "anti-government",
        "pro-russian",
        "pro-western",
    }
)


def find_groups(
    seg: ParsedSegment, mentions: list[Mention], registry: EntityRegistry, knowledge: Knowledge
) -> list[Mention]:
    """Group mentions in one segment, outside the spans already taken by other entities."""
    doc, offset = seg.doc, seg.offset
    taken = [(m.start, m.end) for m in mentions]
    words = [t.lower_ for t in doc]
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        n = 2 if i + 1 < len(doc) and f"{words[i]} {words[i + 1]}" in knowledge.groups else 1
        if n == 1 and words[i] not in knowledge.groups:
            i += 1
            continue
        end = i + n
        start = i
        country = None
        while start > 0 and (
            words[start - 1] in MODIFIERS or doc[start - 1].ent_type_ in {"NORP", "GPE"}
        ):
            if words[start - 1] in MODIFIERS:
                start -= 1
                continue
            kb_id = doc[start - 1].ent_kb_id_
            if kb_id.startswith(("demonym:", "country:")):
                country = kb_id.split(":", 1)[1]
            elif doc[start - 1].ent_type_ and not kb_id.startswith("metonym:"):
                break
            start -= 1
        counted = (
            start > 1
            and words[start - 1] == "of"
            and (words[start - 2] in COUNTS or words[start - 2].replace(",", "").isdigit())
        )  # "thousands of protesters", "dozens of demonstrators"
        if start > 0 and words[start - 1] in RELATIONAL and not counted:
            i = end  # "Russia's closest allies", "its other partners": a relation, not a group
            continue
        s = offset + doc[start].idx
        e = offset + doc[end - 1].idx + len(doc[end - 1])
        if any(a < e and s < b for a, b in taken if not (a >= s and b <= e)):
            i = end
            continue
        name = seg.segment.text[s - offset : e - offset]
        name = name[0].upper() + name[1:]
        entity = registry.add(
            Entity(
                f"group:{slug(name)}",
                "group",
                name,
                country=country,
                source="knowledge:group",
                category=knowledge.groups[" ".join(words[i:end])].kind,
            ),
            s,
            e,
        )
        out.append(Mention(entity.id, s, e, "GROUP", "group"))
        i = end
    return out
