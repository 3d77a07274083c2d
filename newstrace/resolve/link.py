"""Which events of different reports tell the same story: blocking, scoring, clustering.

1. **Blocking.** Each mention gets keys — event class × actor country (or recipient, when no
   actor is named) × two-month window, the same for each actor-recipient pair,
   weapon system × two-year window, money amount × two-year window, item quantity × two-year
   window — and only mentions that share a key are compared. Windows overlap (each date falls
   in two of them), so any two dates within a window's length share a key. A key held by more
   than :data:`MAX_BLOCK` mentions is compared by sorted neighbourhood (each mention with the
   next :data:`NEIGHBOURS` by date), so the cost grows about linearly with the corpus.
2. **Scoring** (:func:`score`): points for the same type, shared actor codes, shared systems,
   equal quantities of the same category, equal money, close dates and shared places; a veto
   for incompatible types, conflicting systems, dates too far apart for one deal, and the same
   deal status weeks apart for other sums (a sale and a later, separate one).
3. **Clustering** (:func:`cluster`): edges at or above :data:`THRESHOLD`, strongest first, join
   clusters — unless the joined cluster would hold the same deal status at dates more than
   :data:`SAME_STATUS_DAYS` apart (two $330 million sales seven years apart stay two stories),
   a later status dated before an earlier one, one-off acts of one type (strikes, sanctions,
   talks: :data:`ACT_TYPES`) dated more than :data:`ACT_DAYS` apart, or a span beyond
   :data:`LIFECYCLE_DAYS`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import numpy as np

from newstrace.resolve.mention import Mention

THRESHOLD = 3.0
#: Item categories too vague to tell two deals apart.
VAGUE_CATEGORIES = frozenset({"other", "equipment", "troops", "logistics", "training"})
MAX_BLOCK = 200
NEIGHBOURS = 30
#: The same status (two "agreed") further apart than this is two deals.
SAME_STATUS_DAYS = 120
#: A deal's whole lifecycle (request to delivery) spans at most this.
LIFECYCLE_DAYS = 730
#: The order statuses follow in one deal; ``denied`` and ``cancelled`` may come at any time.
STATUS_RANK = {"requested": 0, "offered": 1, "agreed": 2, "ordered": 3, "delivered": 4}
#: How far a later step may be dated before an earlier one within a cluster (dates are ranges).
ORDER_SLACK_DAYS = 7
#: One-off acts: one strike, one sanctions package, one round of talks, one accusation. Two of
#: them dated further apart than :data:`ACT_DAYS` are two events, however alike.
ACT_TYPES = frozenset(
    {"ASSAULT", "COERCE", "PROTEST", "THREATEN", "ACCUSE", "REJECT", "SANCTION", "CONSULT"}
)
ACT_DAYS = 31
#: Sums closer than this share (1.988 and 2 billion) are one figure, rounded.
MONEY_TOLERANCE = 0.05
_EPOCH = date(1970, 1, 1)


def event_class(type_: str) -> str:
    from newstrace.resolve.mention import DEAL_TYPES

    return "DEAL" if type_ in DEAL_TYPES else type_


def block_keys(m: Mention) -> set[str]:
    """The blocking keys of a mention (stored with stories, for incremental updates)."""
    keys: set[str] = set()
    cls = event_class(m.type)
    if m.start is not None and m.end is not None:
        months = _months(m.start, m.end)
        years = range(m.start.year, m.end.year + 1)
    else:
        months, years = [], range(0)
    month_windows = {w for mo in months for w in (mo // 2, (mo + 1) // 2)}
    year_windows = {w for y in years for w in (y // 2, (y + 1) // 2)}
    # who acts (or, with no actor named, who is acted on), and who acts on whom
    for country in sorted(m.actors or m.recipients)[:4]:
        keys.update(f"a|{cls}|{country}|{w}" for w in month_windows)
    for actor in sorted(m.actors)[:3]:
        for recipient in sorted(m.recipients - {actor})[:3]:
            keys.update(f"r|{cls}|{actor}|{recipient}|{w}" for w in month_windows)
    for system in m.systems:
        keys.update(f"s|{system}|{w}" for w in year_windows)
    for amount, currency in m.money:
        keys.update(f"m|{amount:g}|{currency}|{w}" for w in year_windows)
    for category, quantity in m.quantities:
        keys.update(f"q|{category}|{quantity:g}|{w}" for w in year_windows)
    if cls == "DEAL":  # a deal's later steps come months later: actor and recipient per year
        for actor in sorted(m.actors)[:3]:
            for recipient in sorted(m.recipients - {actor})[:3]:
                keys.update(f"p|{actor}|{recipient}|{w}" for w in year_windows)
    return keys


def _months(start: date, end: date) -> list[int]:
    first = start.year * 12 + start.month - 1
    last = end.year * 12 + end.month - 1
    if last - first > 12:  # a year or more: "earlier this year" links by other keys
        last = first + 12
    return list(range(first, last + 1))


def candidate_pairs(mentions: Sequence[Mention]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of mentions that share a blocking key, each pair once.

    Pairs are produced mention by mention (all partners of ``i`` above ``i``), so that no set of
    all pairs is ever held in memory. Keys are numbered as they are met and then forgotten:
    what is held is, per block, the array of its members, and per mention the numbers of its
    blocks (one flat array), a few bytes a key.
    """
    numbers: dict[str, int] = {}
    blocks: list[array[int]] = []
    own = array("l")  # the block numbers of every mention, one after the other
    ends = array("l")  # where each mention's block numbers end in ``own``
    for index, m in enumerate(mentions):
        for key in block_keys(m):
            number = numbers.setdefault(key, len(blocks))
            if number == len(blocks):
                blocks.append(array("l"))
            blocks[number].append(index)
            own.append(number)
        ends.append(len(own))
    del numbers
    days = array("l", (_day(m.start) for m in mentions))

    def by_day(j: int) -> tuple[int, int]:
        return (days[j], j)

    large = set()
    for number, members in enumerate(blocks):
        if len(members) > MAX_BLOCK:  # sorted neighbourhood: the nearest by date
            blocks[number] = array("l", sorted(members, key=by_day))
            large.add(number)
    start = 0
    for i, end in enumerate(ends):
        partners: set[int] = set()
        for number in own[start:end]:
            members = blocks[number]
            if len(members) < 2:
                continue
            if number not in large:  # members in index order
                partners.update(members[bisect_right(members, i) :])
                continue
            at = bisect_left(members, by_day(i), key=by_day)
            window = members[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1]
            partners.update(j for j in window if j > i)
        start = end
        for j in sorted(partners):
            yield i, j


def score(a: Mention, b: Mention) -> float:
    """How strongly two mentions look like the same story (0: never)."""
    if a.event_id == b.event_id and a.article == b.article:
        return 0.0
    if a.type == b.type:
        points = 1.0
    elif a.deal and b.deal:
        points = 0.5
    else:
        return 0.0
    if not _dates_compatible(a, b):
        return 0.0
    ca, cb = a.countries, b.countries
    if not _specific(a, b):
        return 0.0
    if ca and cb:
        shared = len(ca & cb)
        if shared == 0:
            points -= 1.0
        else:
            points += 2.0 * shared / len(ca | cb)
            if a.actors & b.actors:
                points += 0.25
    sa, sb = a.systems, b.systems
    if sa & sb:
        points += min(3.0, 2.0 * len(sa & sb))
    elif sa and sb and _same_category_systems(a, b):
        return 0.0  # M1 Abrams and Leopard 2 are two deals
    qa, qb = a.quantities, b.quantities
    points += min(3.0, 1.0 * len(qa & qb))
    cats = (a.categories & b.categories) - VAGUE_CATEGORIES
    points += min(1.0, 0.3 * len(cats))
    if _different_items(a, b):
        return 0.0  # tanks and missiles: two deals
    if a.money & b.money:
        points += 2.0
    elif a.money and b.money:
        if _separate_sums(a, b):
            return 0.0  # one status, other sums, weeks apart: two sales
        points -= 0.5
    if a.places & b.places:
        points += 0.5
    if a.hard and b.hard and a.start and b.start:
        gap = _gap(a, b)
        points += 1.0 if gap <= 3 else 0.5 if gap <= 31 else 0.0
    if a.salience == "context" or b.salience == "context":
        points -= 0.25
    if a.deal and b.deal and _in_order(a, b) and (cats or a.systems & b.systems):
        points += 0.75  # a later step of the same deal
    return max(points, 0.0)


def _specific(a: Mention, b: Mention) -> bool:
    """Whether two mentions share something beyond "the same kind of thing by the same state"."""
    if a.systems & b.systems or a.quantities & b.quantities or a.money & b.money:
        return True
    both_sides = bool(a.actors & b.actors) and bool(a.recipients & b.recipients)
    if both_sides and not _different_items(a, b):
        return True
    cats = (a.categories & b.categories) - VAGUE_CATEGORIES
    if cats and a.countries & b.countries:
        return bool(a.recipients & b.recipients)
    same_day = a.type == b.type and a.hard and b.hard and bool(a.actors & b.actors)
    return same_day and _gap(a, b) <= 3


def _separate_sums(a: Mention, b: Mention) -> bool:
    """The same deal status, dated apart, for sums none of which is near one of the other."""
    if not (a.deal and b.deal and a.status and a.status == b.status and a.hard and b.hard):
        return False
    if _gap(a, b) <= ORDER_SLACK_DAYS:
        return False  # the same days: a garbled sum is a discrepancy, not a second deal
    return not any(
        x[1] == y[1] and abs(x[0] - y[0]) <= MONEY_TOLERANCE * max(x[0], y[0])
        for x in a.money
        for y in b.money
    )


def _different_items(a: Mention, b: Mention) -> bool:
    """Both name materiel, and no kind of it in common."""
    ca, cb = a.categories - VAGUE_CATEGORIES, b.categories - VAGUE_CATEGORIES
    return bool(ca) and bool(cb) and not (ca & cb)


def _in_order(a: Mention, b: Mention) -> bool:
    """Two steps of one deal: different statuses (a denial is a step too)."""
    return a.status is not None and b.status is not None and a.status != b.status


def _same_category_systems(a: Mention, b: Mention) -> bool:
    cats_a = {i.category for i in a.items if i.system}
    cats_b = {i.category for i in b.items if i.system}
    return bool(cats_a & cats_b)


def _gap(a: Mention, b: Mention) -> int:
    """Days between two date ranges (0 when they overlap)."""
    assert a.start and a.end and b.start and b.end
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def _dates_compatible(a: Mention, b: Mention) -> bool:
    if not (a.start and b.start):
        return True
    gap = _gap(a, b)
    same = a.status == b.status or a.status is None or b.status is None
    if a.deal and b.deal and not same:
        if gap > LIFECYCLE_DAYS:
            return False
        ra, rb = STATUS_RANK.get(a.status or ""), STATUS_RANK.get(b.status or "")
        if ra is not None and rb is not None and a.hard and b.hard and gap > 0:
            later_a = a.start > b.start
            return (ra > rb) == later_a  # a later step dated before an earlier one: two deals
        return True
    limit = SAME_STATUS_DAYS if (a.hard and b.hard) else SAME_STATUS_DAYS // 2
    return gap <= limit


@dataclass(slots=True)
class _Cluster:
    members: list[int] = field(default_factory=list)
    first: dict[str, int] = field(default_factory=dict)  # status -> earliest hard day
    last: dict[str, int] = field(default_factory=dict)
    lo: int | None = None
    hi: int | None = None
    acts: dict[str, tuple[int, int]] = field(default_factory=dict)  # act type -> first, last day


def cluster(mentions: Sequence[Mention], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of mention indexes that tell one story (each group sorted, groups by first index)."""
    edges_i = array("l")
    edges_j = array("l")
    weights = array("d")
    for i, j in candidate_pairs(mentions):
        s = score(mentions[i], mentions[j])
        if s >= threshold:
            edges_i.append(i)
            edges_j.append(j)
            weights.append(s)
    parent = array("l", range(len(mentions)))
    clusters: dict[int, _Cluster] = {}  # roots of two or more mentions; the rest are alone

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def of(root: int) -> _Cluster:
        found = clusters.get(root)
        return found if found is not None else _new_cluster(root, mentions[root])

    order = np.lexsort(
        (np.frombuffer(edges_j, dtype=np.int64), np.frombuffer(edges_i, dtype=np.int64),
         -np.frombuffer(weights, dtype=np.float64))
    )  # fmt: skip
    for k in order.tolist():
        ra, rb = find(edges_i[k]), find(edges_j[k])
        if ra == rb:
            continue
        ca, cb = of(ra), of(rb)
        merged = _join(ca, cb)
        if merged is None:
            continue
        if len(ca.members) < len(cb.members):
            ra, rb = rb, ra
        parent[rb] = ra
        clusters[ra] = merged
        clusters.pop(rb, None)
    groups = [sorted(c.members) for c in clusters.values()]
    groups += [[i] for i in range(len(mentions)) if parent[i] == i and i not in clusters]
    return sorted(groups, key=lambda g: g[0])


def _new_cluster(index: int, m: Mention) -> _Cluster:
    c = _Cluster(members=[index])
    if m.hard and m.start:
        day = _day(m.start)
        c.lo = c.hi = day
        if m.status:
            c.first[m.status] = c.last[m.status] = day
        if m.type in ACT_TYPES:
            c.acts[m.type] = (day, day)
    return c


def _join(a: _Cluster, b: _Cluster) -> _Cluster | None:
    """``a`` and ``b`` as one cluster, or ``None`` when one deal cannot hold both."""
    lo = _min(a.lo, b.lo)
    hi = _max(a.hi, b.hi)
    if lo is not None and hi is not None and hi - lo > LIFECYCLE_DAYS:
        return None
    first = dict(a.first)
    last = dict(a.last)
    for status, day in b.first.items():
        first[status] = min(first.get(status, day), day)
    for status, day in b.last.items():
        last[status] = max(last.get(status, day), day)
    for status in first:
        if last[status] - first[status] > SAME_STATUS_DAYS:
            return None
    acts = dict(a.acts)
    for type_, (low, high) in b.acts.items():
        was = acts.get(type_)
        low, high = (low, high) if was is None else (min(was[0], low), max(was[1], high))
        if high - low > ACT_DAYS:
            return None
        acts[type_] = (low, high)
    ranked = sorted((STATUS_RANK[s], first[s], last[s]) for s in first if s in STATUS_RANK)
    for (_, _, last_early), (_, first_late, _) in pairwise(ranked):
        if first_late < last_early - ORDER_SLACK_DAYS:  # a later step dated before an earlier one
            return None
    return _Cluster(a.members + b.members, first, last, lo, hi, acts)


def _min(x: int | None, y: int | None) -> int | None:
    return y if x is None else x if y is None else min(x, y)


def _max(x: int | None, y: int | None) -> int | None:
    return y if x is None else x if y is None else max(x, y)


def _day(value: date | None) -> int:
    return (value - _EPOCH).days if value else 0


def keys_of(mentions: Iterable[Mention]) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= block_keys(m)
    return out
