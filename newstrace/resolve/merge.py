"""Reports to stories: link their events, then merge each group into a ``newstrace.story/1``.

:func:`build_stories` is the whole stage, a pure function of the reports (plus, optionally,
their texts — for near-duplicate detection and for designations written next to an item — and
a reliability override table). Every merged value lists the reports that gave it; values the
reports disagree on become ``discrepancies``: a different exact quantity of the same item
(14 vs 12 missile units), a designation one character away from another (Su-30MK2 vs
Su-20MK2: a probable typo), a deal both claimed and denied. Wording is not a disagreement:
"14 missile units" and "14 missile systems" are the same category and number.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from rapidfuzz.distance import Levenshtein

from newstrace.model.story import Story
from newstrace.resolve.credibility import grade_of, merged_table, rate
from newstrace.resolve.echo import Graph, citation_graph
from newstrace.resolve.link import STATUS_RANK, THRESHOLD, block_keys, cluster
from newstrace.resolve.mention import Mention, Pool, all_mentions

#: Designations at most this many edits apart (and not one a prefix of the other) are typos.
TYPO_EDITS = 1
TYPO_MIN_LENGTH = 5
_NEGATIVE = {"denied", "cancelled"}


def build_stories(
    reports: Iterable[Mapping[str, Any]],
    *,
    texts: Mapping[str, str] | None = None,
    reliability: Mapping[str, str] | None = None,
    threshold: float = THRESHOLD,
) -> list[Story]:
    """The stories told by ``reports`` (``newstrace.report/1`` dicts), oldest first."""
    # the list of mentions is handed over, not kept here: it is emptied as stories are made
    return _stories(
        all_mentions(reports, texts), texts=texts, reliability=reliability, threshold=threshold
    )


def stories_from_mentions(
    mentions: Sequence[Mention],
    *,
    texts: Mapping[str, str] | None = None,
    reliability: Mapping[str, str] | None = None,
    threshold: float = THRESHOLD,
) -> list[Story]:
    """The stories of ``mentions`` (which are left as they are), oldest first."""
    return _stories(list(mentions), texts=texts, reliability=reliability, threshold=threshold)


def _stories(
    mentions: list[Mention],
    *,
    texts: Mapping[str, str] | None,
    reliability: Mapping[str, str] | None,
    threshold: float,
) -> list[Story]:
    """Cluster ``mentions``, then merge each group; ``mentions`` is emptied on the way.

    Each mention is in exactly one group, so once its group's story is made nothing reads it
    again: it is dropped then, and the stories never share the memory with all the mentions.
    """
    table = merged_table(reliability)
    groups = cluster(mentions, threshold)
    held: list[Mention | None] = list(mentions)
    mentions.clear()
    pool = Pool()
    stories = []
    for group in groups:
        members = [held[i] for i in group]
        for i in group:
            held[i] = None
        stories.append(merge([m for m in members if m], texts=texts, table=table, pool=pool))
    return sorted(stories, key=lambda s: (s.first_reported["date"] or "9999", s.id))


def story_id(members: Sequence[Mention]) -> str:
    """Deterministic: a hash of the earliest member event's key."""
    earliest = min(members, key=lambda m: m.sort_key)
    return "story:" + hashlib.sha256(earliest.key.encode("utf-8")).hexdigest()[:16]


def merge(
    members: Sequence[Mention],
    *,
    texts: Mapping[str, str] | None = None,
    table: Mapping[str, str] | None = None,
    pool: Pool | None = None,
) -> Story:
    """One story from the mentions of one cluster.

    ``pool`` shares equal strings (dates, blocking keys) between the stories of one run.
    """
    table = table if table is not None else merged_table(None)
    pool = pool if pool is not None else Pool()
    members = sorted(members, key=lambda m: m.sort_key)
    graph = citation_graph(members, texts)
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in members:
        by_article[m.article].append(m)
    types = Counter(m.type for m in members)
    story_type = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    timeline = _timeline(members, pool)
    status = _current_status(timeline)
    reports = _reports(graph, by_article, table, pool)
    published = sorted(d for d in (m.report.published for m in members) if d)
    first = min(graph.nodes.values(), key=lambda n: (n.info.published or date.max, n.info.article))
    fields = _fields(members, pool)
    discrepancies = _discrepancies(members, fields, timeline)
    origin = _origin(graph, table)
    root_grades = [
        grade_of(*_outlet_of_root(graph, n.root), table)
        for n in graph.nodes.values()
        if n.role != "unattributed" and n.root
    ]
    hedged = all(m.factuality in ("unconfirmed", "future") for m in members)
    denied = any(m.status == "denied" or m.factuality == "denied" or m.negated for m in members)
    return Story(
        id=story_id(members),
        type=story_type,
        status=status,
        title=pool(_title(story_type, status, fields)),
        first_reported={
            "date": _iso(first.info.published, pool),
            "article": first.info.article,
            "outlet": first.info.outlet_name,
        },
        spread={
            "first": _iso(published[0], pool) if published else None,
            "last": _iso(published[-1], pool) if published else None,
            "days": (published[-1] - published[0]).days if published else 0,
            "reports": len(graph.nodes),
            "outlets": len({n.info.outlet_id or n.info.outlet_name for n in graph.nodes.values()}),
        },
        origin=origin,
        fields=fields,
        reports=reports,
        independent_sources=graph.independent_sources,
        discrepancies=discrepancies,
        timeline=timeline,
        credibility={
            k: pool(v) if isinstance(v, str) else v
            for k, v in rate(
                root_grades, graph.independent_sources, hedged=hedged, denied=denied
            ).items()
        },
        events=[{"article": m.article, "event": m.event_id} for m in members],
        keys=sorted(pool(k) for k in set().union(*(block_keys(m) for m in members))),
    )


# -- fields ---------------------------------------------------------------------------------


def _values(pairs: Iterable[tuple[Any, str]]) -> list[dict[str, Any]]:
    """``[{value, reports}]``: each distinct value with the reports that gave it, most first."""
    seen: dict[str, tuple[Any, list[str]]] = {}
    for value, article in pairs:
        key = repr(value)
        entry = seen.setdefault(key, (value, []))
        if article not in entry[1]:
            entry[1].append(article)
    ordered = sorted(seen.values(), key=lambda e: (-len(e[1]), repr(e[0])))
    return [{"value": v, "reports": sorted(r)} for v, r in ordered]


def _iso(day: date | None, pool: Pool) -> str | None:
    return pool(day.isoformat()) if day else None


def _fields(members: Sequence[Mention], pool: Pool) -> dict[str, Any]:
    items: dict[str, list[tuple[Mention, Any]]] = defaultdict(list)
    for m in members:
        for item in m.items:
            items[item.category].append((m, item))
    merged_items = []
    for category in sorted(items):
        entries = items[category]
        merged_items.append(
            {
                "category": category,
                "systems": _values((i.system, m.article) for m, i in entries if i.system),
                "designations": _values(
                    (i.designation, m.article) for m, i in entries if i.designation
                ),
                "quantities": _values(
                    (_num(i.quantity), m.article) for m, i in entries if i.quantity is not None
                ),
                "texts": _values((i.text, m.article) for m, i in entries),
                "actions": _values((i.action, m.article) for m, i in entries),
            }
        )
    return {
        "types": _values((m.type, m.article) for m in members),
        "actors": _values((a, m.article) for m in members for a in sorted(m.actors)),
        "recipients": _values((r, m.article) for m in members for r in sorted(m.recipients)),
        "when": _values(
            ({"start": _iso(m.start, pool), "end": _iso(m.end or m.start, pool)}, m.article)
            for m in members
            if m.hard and m.start
        ),
        "places": _values((p, m.article) for m in members for p in sorted(m.places)),
        "items": merged_items,
        "money": _values(
            ({"amount": _num(a), "currency": c}, m.article)
            for m in members
            for a, c in sorted(m.money, key=lambda x: (x[0], x[1] or ""))
        ),
        "factuality": _values((m.factuality, m.article) for m in members),
    }


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


# -- discrepancies --------------------------------------------------------------------------


def _discrepancies(
    members: Sequence[Mention], fields: Mapping[str, Any], timeline: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in fields["items"]:
        category = item["category"]
        quantities = item["quantities"]
        if len(quantities) > 1 and _reports_disjoint(quantities):
            out.append(
                {
                    "field": f"items.{category}.quantity",
                    "kind": "disagreement",
                    "values": quantities,
                    "note": "reports give different numbers",
                }
            )
        out.extend(_typos(category, item["designations"]))
    negative = [t for t in timeline if t["status"] in _NEGATIVE]
    positive = [t for t in timeline if t["status"] not in _NEGATIVE]
    if negative and positive:
        out.append(
            {
                "field": "status",
                "kind": "conflicting_claims",
                "values": [{"value": t["status"], "reports": t["reports"]} for t in timeline],
                "note": "claimed by some reports, denied by others",
            }
        )
    return out


def _reports_disjoint(values: Sequence[Mapping[str, Any]]) -> bool:
    """No single report gives two of the values (then they are two items, not a disagreement)."""
    seen: set[str] = set()
    for value in values:
        reports = set(value["reports"])
        if reports & seen:
            return False
        seen |= reports
    return True


def _typos(category: str, designations: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, a in enumerate(designations):
        for b in designations[i + 1 :]:
            x, y = str(a["value"]), str(b["value"])
            fx, fy = x.lower().replace(" ", ""), y.lower().replace(" ", "")
            if fx == fy or fx.startswith(fy) or fy.startswith(fx):
                continue
            if min(len(fx), len(fy)) < TYPO_MIN_LENGTH:
                continue
            if Levenshtein.distance(fx, fy) > TYPO_EDITS:
                continue
            likely, odd = (a, b) if len(a["reports"]) >= len(b["reports"]) else (b, a)
            out.append(
                {
                    "field": f"items.{category}.designation",
                    "kind": "probable_typo",
                    "values": [dict(likely), dict(odd)],
                    "note": f"{odd['value']!s} is probably a misprint of {likely['value']!s}",
                }
            )
    return out


# -- timeline -------------------------------------------------------------------------------


def _timeline(members: Sequence[Mention], pool: Pool) -> list[dict[str, Any]]:
    steps: dict[str, list[Mention]] = defaultdict(list)
    for m in members:
        status = m.status
        if m.factuality == "denied" or m.negated:
            status = "denied"
        if status:
            steps[status].append(m)
    out = []
    for status, ms in steps.items():
        hard = sorted(m.start for m in ms if m.hard and m.start)
        published = sorted(m.report.published for m in ms if m.report.published)
        first = hard[0] if hard else (published[0] if published else None)
        out.append(
            {
                "status": status,
                "date": _iso(first, pool),
                "date_basis": "text" if hard else "published",
                "reports": sorted({m.article for m in ms}),
                "by": sorted({a for m in ms for a in m.actors}),
                "claims": _values((m.factuality, m.article) for m in ms),
            }
        )
    return sorted(out, key=lambda t: (t["date"] or "9999", STATUS_RANK.get(t["status"], 9)))


def _current_status(timeline: Sequence[Mapping[str, Any]]) -> str | None:
    if not timeline:
        return None
    positive = [t for t in timeline if t["status"] in STATUS_RANK]
    if positive:
        return str(max(positive, key=lambda t: STATUS_RANK[t["status"]])["status"])
    return str(timeline[-1]["status"])


# -- reports and origin ---------------------------------------------------------------------


def _reports(
    graph: Graph, by_article: Mapping[str, list[Mention]], table: Mapping[str, str], pool: Pool
) -> list[dict[str, Any]]:
    out = []
    for article, node in graph.nodes.items():
        info = node.info
        out.append(
            {
                "article": article,
                "outlet": {"id": info.outlet_id, "name": info.outlet_name},
                "published": _iso(info.published, pool),
                "title": info.title,
                "url": info.url,
                "events": [m.event_id for m in by_article[article]],
                "cites": list(node.cites),
                "chains": [list(c) for c in node.chains],
                "echo_of": node.echo_of,
                "via": node.via,
                "role": node.role,
                "reliability": grade_of(info.outlet_id, info.outlet_name, table),
            }
        )
    return sorted(out, key=lambda r: (r["published"] or "9999", r["article"]))


def _outlet_of_root(graph: Graph, root: str | None) -> tuple[str | None, str | None]:
    if root is None:
        return None, None
    node = graph.nodes.get(root)
    if node is not None:
        return node.info.outlet_id, node.info.outlet_name
    return root.removeprefix("outlet:"), graph.external.get(root)


def _origin(graph: Graph, table: Mapping[str, str]) -> dict[str, Any] | None:
    """The root most reports go back to (ties: the earliest), in the corpus or not."""
    roots = Counter(n.root for n in graph.nodes.values() if n.role != "unattributed" and n.root)
    if not roots:
        return None

    def order(root: str) -> tuple[int, str]:
        node = graph.nodes.get(root)
        day = node.info.published.toordinal() if node and node.info.published else 0
        return (-roots[root], f"{day:08d}{root}")

    root = min(roots, key=order)
    outlet_id, name = _outlet_of_root(graph, root)
    node = graph.nodes.get(root)
    return {
        "name": name,
        "outlet": outlet_id,
        "in_corpus": node is not None,
        "article": root if node is not None else None,
        "sources": list(graph.beyond.get(root, [])),
        "reports": roots[root],
        "reliability": grade_of(outlet_id, name, table),
    }


def _title(type_: str, status: str | None, fields: Mapping[str, Any]) -> str:
    actors = [v["value"] for v in fields["actors"][:2]]
    recipients = [v["value"] for v in fields["recipients"][:2] if v["value"] not in actors]
    items = [i["category"] for i in fields["items"][:3]]
    text = f"{type_} {'/'.join(actors) or '?'}"
    if recipients:
        text += f" → {'/'.join(recipients)}"
    if items:
        text += f": {', '.join(items)}"
    if status:
        text += f" ({status})"
    return text
