"""Echo or corroboration: the citation graph between the reports of one story.

A report **echoes** another when

* one of its source chains names, as an outlet hop, the outlet of an earlier report of the story
  (explicit: "The Moscow Times, citing The Washington Post"), or names an outlet that is the
  story's origin while that outlet is not in the corpus (the edge then goes to an *external*
  node, e.g. ``outlet:the-washington-post``);
* it names, anywhere in the text, the outlet the story's other reports trace back to (a report
  that says "the Post reported" without the extractor tying it to the event);
* its text is a near-duplicate of an earlier report's (MinHash over word shingles, estimated
  Jaccard ≥ :data:`NEAR_DUPLICATE`).

Following echo edges from each report leads to a **root**. Reports with the same root are one
source, however many outlets repeat it; the number of distinct roots is
``independent_sources``. A report that names no source at all and appeared after the story was
already out is ``unattributed``: it is listed, but it neither adds a source nor corroborates.
The chains of an event a report gives as denied or negated ("Iran said it had not provided
weapons") are the denier's: they are not sources for the event and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from datasketch import MinHash

from newstrace.resolve.mention import Mention, ReportInfo

NEAR_DUPLICATE = 0.5
SHINGLE = 5
NUM_PERM = 64
#: Hop kinds that are sources a newsroom talks to or reads (not another outlet).
OWN_SOURCING = {"official", "person", "document", "anonymous", "organization", "statement"}


@dataclass(slots=True)
class SourceNode:
    """One report of the story in the citation graph."""

    info: ReportInfo
    cites: list[str] = field(default_factory=list)  # outlet names the report's chains cite
    chains: list[list[str]] = field(default_factory=list)
    echo_of: str | None = None  # article id, or "outlet:<id>" for an origin outside the corpus
    via: str | None = None  # citation | mention | near-duplicate
    role: str = "independent"  # origin | independent | echo | unattributed
    root: str | None = None


@dataclass(slots=True)
class Graph:
    nodes: dict[str, SourceNode]
    external: dict[str, str]  # "outlet:<id>" or name -> display name, origins not in the corpus
    beyond: dict[str, list[str]]  # root -> hops named beyond it (its own sources)

    @property
    def independent_sources(self) -> int:
        roots = {n.root for n in self.nodes.values() if n.role != "unattributed" and n.root}
        return len(roots)


def citation_graph(mentions: Sequence[Mention], texts: Mapping[str, str] | None = None) -> Graph:
    """The citation graph of the reports behind ``mentions`` (the members of one story)."""
    nodes: dict[str, SourceNode] = {}
    hops_of: dict[str, list[list[dict[str, object]]]] = {}
    for m in mentions:
        node = nodes.setdefault(m.article, SourceNode(m.report))
        if m.factuality == "denied" or m.negated:
            continue  # a party denying the event is not a source for it
        for chain in m.chains:
            hops = [dict(h) for h in chain]
            names = [str(h.get("name")) for h in hops]
            if names not in node.chains:
                node.chains.append(names)
                hops_of.setdefault(m.article, []).append(hops)
    by_outlet: dict[str, list[str]] = {}
    for article, node in nodes.items():
        if node.info.outlet_id:
            by_outlet.setdefault(f"outlet:{node.info.outlet_id}", []).append(article)
    order = sorted(nodes, key=lambda a: (_day(nodes[a].info.published), a))
    rank = {a: i for i, a in enumerate(order)}
    external: dict[str, str] = {}
    beyond: dict[str, list[str]] = {}

    # 1. explicit citations: the first outlet hop that is not the report's own outlet
    for article, node in nodes.items():
        own = f"outlet:{node.info.outlet_id}" if node.info.outlet_id else None
        for hops in hops_of.get(article, []):
            for position, hop in enumerate(hops):
                entity = str(hop.get("entity") or "")
                if hop.get("kind") != "outlet" or (own and entity == own):
                    continue
                target = entity or _slug(str(hop.get("name")))
                name = str(hop.get("name"))
                if name not in node.cites:
                    node.cites.append(name)
                rest = [str(h.get("name")) for h in hops[position + 1 :]]
                if node.echo_of is None:
                    node.echo_of, node.via = (
                        _target(target, article, by_outlet, nodes, rank),
                        ("citation"),
                    )
                    if node.echo_of == target:
                        external[target] = name
                    for source in rest:
                        beyond.setdefault(node.echo_of, [])
                        if source not in beyond[node.echo_of]:
                            beyond[node.echo_of].append(source)
                break
            else:
                own_sources = [str(h.get("name")) for h in hops if h.get("kind") in OWN_SOURCING]
                for source in own_sources:
                    beyond.setdefault(article, [])
                    if source not in beyond[article]:
                        beyond[article].append(source)

    # 2. near-duplicate texts echo the earlier one
    if texts:
        signatures = {a: _minhash(texts[a]) for a in order if a in texts}
        for article in order:
            node = nodes[article]
            if node.echo_of is not None or article not in signatures:
                continue
            for earlier in order[: rank[article]]:
                if earlier in signatures and (
                    signatures[article].jaccard(signatures[earlier]) >= NEAR_DUPLICATE
                ):
                    node.echo_of, node.via = earlier, "near-duplicate"
                    break

    # 3. reports that name the outlet the others trace back to
    origins = {n.echo_of for n in nodes.values() if n.echo_of and n.via == "citation"}
    for article, node in nodes.items():
        if node.echo_of is not None:
            continue
        for named in sorted(node.info.outlets_named):
            if named in origins or (
                named in by_outlet and f"outlet:{node.info.outlet_id}" != named
            ):
                target = _target(named, article, by_outlet, nodes, rank)
                if target == article:
                    continue
                node.echo_of, node.via = target, "mention"
                if target == named:
                    external[named] = node.info.outlet_names.get(named, named)
                break

    # roots and roles
    first_day = min((_day(n.info.published) for n in nodes.values()), default=0)
    for article in order:
        nodes[article].root = _root(article, nodes)
    followed = {n.root for n in nodes.values() if n.echo_of is not None}
    for article in order:
        node = nodes[article]
        if node.echo_of is not None:
            node.role = "echo"
        elif article in followed:
            node.role = "origin"
        elif not node.chains and _day(node.info.published) > first_day:
            node.role = "unattributed"
        else:
            node.role = "independent"
    return Graph(nodes, external, beyond)


def _target(
    target: str,
    article: str,
    by_outlet: Mapping[str, list[str]],
    nodes: Mapping[str, SourceNode],
    rank: Mapping[str, int],
) -> str:
    """The earliest report (not ``article``) by the outlet ``target``, else ``target`` itself."""
    candidates = [a for a in by_outlet.get(target, []) if a != article]
    if not candidates:
        return target
    earlier = [a for a in candidates if rank[a] < rank[article]] or candidates
    return min(earlier, key=lambda a: rank[a])


def _root(article: str, nodes: Mapping[str, SourceNode]) -> str:
    seen = {article}
    current = article
    while True:
        node = nodes.get(current)
        if node is None or node.echo_of is None:
            return current
        nxt = node.echo_of
        if nxt in seen:  # two reports citing each other: the earlier is the root
            return min(seen, key=lambda a: (_day(nodes[a].info.published), a))
        seen.add(nxt)
        current = nxt


def _minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    mh = MinHash(num_perm=NUM_PERM, seed=7)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    for shingle in shingles:
        mh.update(shingle.encode("utf-8"))
    return mh


def near_duplicate(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two texts' word 5-shingles."""
    return float(_minhash(a).jaccard(_minhash(b)))


def _slug(name: str) -> str:
    return "outlet:" + re.sub(r"[^a-z0-9]+", "-", re.sub(r"^the\s+", "", name.lower())).strip("-")


def _day(value: date | None) -> int:
    return value.toordinal() if value else 10**7
