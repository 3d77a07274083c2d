"""ParsedArticle -> Report: the per-article extraction, a pure function of its input.

Reads the article segment by segment: entities and their roles, sources and citations, event
triggers with their actors, recipients, items, money, dates, places and factuality. Mentions of
one event (the lede, the details, a bulleted list) are merged into one event; a list that
repeats the body adds evidence, never items.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newstrace.extract import filler as filler_mod
from newstrace.extract.attribution import (
    CitationGraph,
    SentenceSources,
    Source,
    SourceFinder,
    to_attribution,
)
from newstrace.extract.coref import History, definite_references
from newstrace.extract.dates import (
    DateMention,
    find_dates,
    is_dateline,
    narrative_year,
    publication_day,
    story_day,
)
from newstrace.extract.entities import EntityRegistry, Mention
from newstrace.extract.factuality import WOULD_FUTURE, judge
from newstrace.extract.groups import find_groups
from newstrace.extract.items import (
    ItemMention,
    MaterielLexicon,
    find_items,
    holds_item,
    restated,
)
from newstrace.extract.money import MoneyMention, find_money, via_after
from newstrace.extract.money import bare as bare_money
from newstrace.extract.people import PeopleResolver
from newstrace.extract.triggers import LOCATIVE, RECIPIENT_PREPS, TriggerHit, find_triggers
from newstrace.model import Entity, Event, Evidence, Item, Money, Place, Report, Span, When
from newstrace.nlp.knowledge import Knowledge
from newstrace.nlp.pipeline import ParsedArticle, ParsedSegment, TriggerIndex

MATERIEL_TYPES = {"REQUEST", "AID", "AGREE", "REJECT", "SANCTION"}
FORCE_TYPES = {"MOBILIZE", "ASSAULT"}
#: Calendar dates: those that carry a narrative's date to the next sentences of a paragraph.
CALENDAR_RULES = {
    "dates.part_of_month",
    "dates.part_of_year",
    "dates.month_day",
    "dates.day_month",
    "dates.month_year",
    "dates.in_month",
    "dates.iso",
    "dates.year",
}
#: Date rules whose month or day without a year takes the year of a past narrative.
NARRATIVE_RULES = {
    "dates.part_of_month",
    "dates.month_day",
    "dates.day_month",
    "dates.in_month",
}  # events whose items are the forces and weapons used
BACKGROUND_HEADINGS = ("histor", "background", "context", "previous", "past", "alliance")
# A noun trigger in one of these positions takes its actor from the clause's subject.
OBJECT_DEPS = frozenset({"pobj", "dobj", "attr", "oprd", "appos", "conj"})
COLLECTIVES = frozenset(
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
        "members",
        "units",
        "some",
        "many",
        "most",
        "all",
    }
)
PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their", "it", "its", "them", "him"})
CARRY_VERBS = frozenset({"delivered", "handed", "carried", "conveyed", "passed", "brought"})
MESSAGE_NOUNS = frozenset({"appeal", "letter", "request", "message", "plea"})
ACTOR_KINDS = {"person", "organization", "country", "group"}


@dataclass(slots=True)
class Candidate:
    """One event mention, before mentions of the same event are merged."""

    hit: TriggerHit
    seg: ParsedSegment
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    intermediaries: list[str] = field(default_factory=list)
    items: list[ItemMention] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    factuality: str = "asserted"
    negated: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    sources: SentenceSources | None = None
    background: bool = False
    parsed_roles: bool = False
    status_override: str | None = None  # set by a governing verb ("approved a sale")
    factuality_rule: str = "factuality.default"

    @property
    def start(self) -> int:
        return self.seg.offset + self.seg.doc[self.hit.start].idx

    @property
    def end(self) -> int:
        last = self.seg.doc[self.hit.end - 1]
        return self.seg.offset + last.idx + len(last)


class Analyzer:
    """Holds the knowledge and lexicons; :meth:`analyze` is pure per article."""

    def __init__(self, knowledge: Knowledge, triggers: TriggerIndex) -> None:
        self.kb = knowledge
        self.triggers = triggers
        self.materiel = MaterielLexicon(knowledge)

    def analyze(self, parsed: ParsedArticle) -> Report:
        return _ArticleRun(self, parsed).run()


class _ArticleRun:
    def __init__(self, analyzer: Analyzer, parsed: ParsedArticle) -> None:
        self.a = analyzer
        self.parsed = parsed
        self.article = parsed.article
        self.published = parsed.article.published
        self.registry = EntityRegistry(analyzer.kb, self.published)
        self.people = PeopleResolver(self.registry, analyzer.kb)
        self.sources = SourceFinder(self.registry)
        self.graph = CitationGraph()
        self.events: list[tuple[Event, Candidate]] = []
        self.warnings: list[str] = []
        self.segment_mentions: dict[int, list[Mention]] = {}
        self.segment_sources: dict[int, SentenceSources] = {}
        self.event_segments: set[int] = set()
        self.history = History()
        self._segment_index = {id(seg): n for n, seg in enumerate(parsed.segments)}
        self._narrative: tuple[int | None, int] = (None, -9)  # a past year, and its paragraph
        self._block_dates: dict[int, list[DateMention]] = {}  # paragraph -> its dates, in order

    # -------------------------------------------------------------------------------------
    def run(self) -> Report:
        segs = self.parsed.segments
        background = False
        for n, seg in enumerate(segs):
            if seg.segment.kind == "heading":
                background = any(w in seg.segment.text.lower() for w in BACKGROUND_HEADINGS)
            mentions = [
                m for ent in seg.doc.ents if (m := self.registry.from_span(ent, seg.offset))
            ]
            mentions = [self._capital_or_government(seg, m) for m in mentions]
            mentions += find_groups(seg, mentions, self.registry, self.a.kb)
            mentions += definite_references(seg, mentions, self.registry, self.history)
            self.history.note(mentions, self.registry)
            self.people.note_subjects(seg, mentions)
            mentions += self.people.resolve(seg, mentions)
            self.segment_mentions[n] = mentions
            srcs = self.sources.find(seg.doc, seg.offset, mentions)
            self.segment_sources[n] = srcs
            for parent, child, how in srcs.citations:
                self.graph.add(parent, child, how)
            for cue in srcs.cues:
                self.graph.sources.setdefault(cue.source.key, cue.source)
            self._events_in(n, seg, mentions, srcs, background)
        self.graph.normalise()
        events = self._finish()
        report = Report(self.article, self._entities(), events)
        report.filler = [
            Span(s, e)
            for s, e in filler_mod.find_filler(
                self.parsed,
                self.segment_mentions,
                self.segment_sources,
                self.event_segments,
                self.a.triggers,
            )
        ]
        if self.published is None:
            report.warnings.append("no publication date: relative dates left unresolved")
        report.warnings += self.warnings
        return report

    def _capital_or_government(self, seg: ParsedSegment, m: Mention) -> Mention:
        """ "in Moscow" is a place; "Moscow said", "aid to Caracas" mean the government."""
        if m.kind != "capital":
            return m
        before = seg.segment.text[: m.start - seg.offset].split()
        prev = before[-1].lower() if before else ""
        if prev in LOCATIVE - {"to", "from"} or prev in {"where", "visit", "visited", "visiting"}:
            return m
        if (
            prev in {"to", "from"}
            and len(before) > 1
            and before[-2].lower()
            in {
                "visit",
                "trip",
                "travelled",
                "traveled",
                "flew",
                "went",
                "returned",
                "arrived",
                "moved",
                "deployed",
                "sent",
                "journey",
                "route",
            }
        ):
            return m
        country = self.people.as_government(m)
        return Mention(country, m.start, m.end, "GPE", "metonym", country.split(":", 1)[1])

    # -------------------------------------------------------------------------------------
    def _events_in(
        self,
        n: int,
        seg: ParsedSegment,
        mentions: list[Mention],
        srcs: SentenceSources,
        background: bool,
    ) -> None:
        doc, offset = seg.doc, seg.offset
        hits = find_triggers(doc, self.a.triggers)
        dates = self._dates(seg)
        money = find_money(seg.segment.text, offset)
        items = find_items(doc, offset, self.a.materiel, self._weapon_info)
        if not hits:
            self._continuation(n, seg, items, money, mentions)
            return
        cands: list[Candidate] = []
        text = seg.segment.text
        words = [t.text.lower().replace("’", "'") for t in doc]
        for hit in hits:
            cand = Candidate(hit, seg, sources=srcs, background=background)
            self._roles(cand, mentions)
            fact = judge(doc, offset, hit.start, bool(srcs.cues) or srcs.hedged, text, words)
            cand.factuality, cand.negated = fact.value, fact.negated
            cand.factuality_rule = fact.rule
            self._threat(cand, srcs)
            cand.evidence.append(
                Evidence(cand.start, cand.end, f"trigger:{hit.entry.type}:{hit.entry.lemma}")
            )
            if fact.cue:
                cand.evidence.append(Evidence(fact.cue[0], fact.cue[1], fact.rule))
            for cue in srcs.cues:
                cand.evidence.append(Evidence(cue.start, cue.end, cue.rule))
            cands.append(cand)
        self._distribute(cands, items, money, dates, mentions, seg)
        self._messenger(seg, mentions)
        for cand in _fold_same_type(_absorb_governors(cands)):
            if self._anaphor(cand):
                continue
            self._add_candidate(cand)
            self.event_segments.add(n)

    def _dates(self, seg: ParsedSegment) -> list[DateMention]:
        """The segment's dates (datelines left out). A month or day named without a year takes
        the year of the past narrative it follows: the year a date of this paragraph or the one
        before it named ("In late 2023 ... On December 1st"); a date relative to publication
        ("last week", "on Friday") ends the narrative."""
        block = seg.segment.block
        year = self._narrative[0] if block - self._narrative[1] <= 1 else None
        dates = find_dates(seg.segment.text, self.published, seg.offset, year)
        dates = [d for d in dates if not is_dateline(self.article.text, d)]
        self._block_dates.setdefault(block, []).extend(dates)
        for d in dates:
            named = narrative_year(d)
            if named is not None:
                self._narrative = (named, block)
            elif year is not None and d.rule in NARRATIVE_RULES:
                self._narrative = (year, block)
            else:
                self._narrative = (None, block)
        return dates

    def _anaphor(self, cand: Candidate) -> bool:
        """ "the request", "this appeal": a mention of an event already told — evidence only."""
        doc, hit = cand.seg.doc, cand.hit
        det = doc[hit.start - 1].text.lower() if hit.start else ""
        if det not in {"the", "this", "that", "such", "its", "his", "her", "their"}:
            return False
        if cand.items or cand.money or (hit.start + 1 < len(doc) and doc[hit.start].pos_ == "VERB"):
            return False
        for ev, _ in reversed(self.events):
            if ev.type == hit.entry.type:
                ev.evidence.append(Evidence(cand.start, cand.end, "coref.anaphor"))
                self.event_segments.add(self._segment_index[id(cand.seg)])
                return True
        return False

    def _threat(self, cand: Candidate, srcs: SentenceSources) -> None:
        """ "Trump said strikes on land could come next": force said to be coming, by someone
        who says it, is a threat (THREATEN by the speaker), not an attack."""
        if cand.hit.entry.type != "ASSAULT" or cand.factuality not in {"future", "hypothetical"}:
            return
        speaker = next(
            (
                c
                for c in srcs.cues
                if c.end <= cand.start
                and c.source.entity
                and c.source.kind in {"official", "person", "organization"}
            ),
            None,
        )
        if speaker is None or speaker.source.entity is None:
            return
        state = self.registry.state_of(speaker.source.entity)
        acting = {a for a in cand.actors if a.startswith("country:")}
        if acting and f"country:{state}" not in acting and speaker.source.entity not in cand.actors:
            return  # "observers say the U.S. could strike": a forecast, not the speaker's threat
        entry = cand.hit.entry.model_copy(
            update={"type": "THREATEN", "mode": "violence", "status": None}
        )
        cand.hit = dataclasses.replace(cand.hit, entry=entry)
        targets = [r for r in cand.recipients if r not in cand.actors]
        cand.actors = _with_states(self.registry, [speaker.source.entity])
        cand.recipients = [r for r in targets if r not in cand.actors]
        cand.factuality = "asserted"
        cand.evidence.append(Evidence(speaker.start, speaker.end, "rules.threat_by_speaker"))

    def _weapon_info(self, kb_id: str) -> tuple[str, str | None, str | None]:
        key = self.registry.resolve_weapon(kb_id.split(":", 1)[1])
        weapon = self.a.kb.weapons[key]
        return f"weapon:{weapon.id}", weapon.category, weapon.origin

    # -- roles ----------------------------------------------------------------------------
    def _roles(self, cand: Candidate, all_mentions: list[Mention]) -> None:
        hit, doc, offset = cand.hit, cand.seg.doc, cand.seg.offset
        # The sentence's sources ("..., the ministry said") report the event; they do not act
        # in it, nor receive it.
        cues = [
            (c.start, c.end)
            for c in (cand.sources.cues if cand.sources else [])
            if c.end != cand.end  # "Maduro denies the charge": the denier acts in the REJECT
        ]
        mentions = [m for m in all_mentions if not any(s <= m.start < e for s, e in cues)]
        self._all_mentions = all_mentions
        if hit.subject_tokens or hit.recipient_tokens or hit.agent_tokens:
            cand.parsed_roles = True
        subjects = hit.agent_tokens or hit.subject_tokens
        for i in subjects:
            # The parse names the trigger's own subject: a speaker is the actor of what it
            # does itself ("the ministry said ... and urged Washington to ...").
            cand.actors += self._actor_at(doc, offset, i, all_mentions)
        for i in hit.recipient_tokens:
            cand.recipients += self._actor_at(doc, offset, i, mentions)
        if not hit.agent_tokens:  # the people, states and groups an event is done to
            for i in hit.object_tokens:
                cand.recipients += self._actor_at(doc, offset, i, mentions, allow_place=False)
        is_noun = doc.has_annotation("POS") and doc[hit.head].pos_ in {"NOUN", "PROPN"}
        if not cand.actors and not subjects and not is_noun:
            cand.actors = self._nearest_actor(doc, offset, hit, mentions)
        if not cand.actors and is_noun and doc[hit.head].dep_ in OBJECT_DEPS:
            # "during a visit to Moscow": the visitor is the clause's subject; "Caracas
            # describes the deployment as an aggression": the accuser is the describer.
            cand.actors = self._clause_subject(doc, offset, hit, mentions)
        if not cand.recipients and not doc.has_annotation("DEP"):
            cand.recipients = self._prep_recipient(doc, offset, hit, mentions)
        cand.actors = _with_states(self.registry, _dedupe(cand.actors))
        cand.recipients = [
            r for r in _with_states(self.registry, _dedupe(cand.recipients)) if r not in cand.actors
        ]

    def _actor_at(
        self, doc: Doc, offset: int, i: int, mentions: list[Mention], allow_place: bool = False
    ) -> list[str]:
        """Entities that fill a role whose head token is i (its phrase, or a pronoun)."""
        tok = doc[i]
        if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS:
            matrix = _matrix_subject(tok)
            if matrix is not None:  # "Moscow denied that it had sent troops": it = Moscow
                return self._actor_at(doc, offset, matrix.i, self._all_mentions, allow_place)
            if tok.lower_ in {"it", "its"}:
                return []
            person = self.people.last_subject
            return [person] if person else []
        if doc.has_annotation("DEP"):
            # The phrase headed by i, without coordinated phrases ("Israel and Hamas") or
            # clauses that hang on it.
            skip: set[int] = set()
            for child in tok.children:
                of_whom = child.lower_ == "of" and tok.lower_ in COLLECTIVES  # "thousands of"
                if child.dep_ in {"conj", "cc", "relcl", "acl", "appos"} or (
                    child.dep_ == "prep" and child.i > i and not of_whom
                ):
                    skip |= {t.i for t in child.subtree}
            tokens = [t.i for t in tok.subtree if t.i not in skip]
            left, right = min(tokens), max(tokens)
        else:
            left = right = i
        s, e = offset + doc[left].idx, offset + doc[right].idx + len(doc[right])
        inside = [m for m in mentions if m.start >= s and m.end <= e]
        return self._pick_actor(inside, allow_place)

    def _pick_actor(self, inside: list[Mention], allow_place: bool = False) -> list[str]:
        out: list[str] = []
        ranked = sorted(inside, key=lambda m: _actor_rank(self.registry, m))
        for m in ranked:
            ent = self.registry.entities.get(m.entity)
            if ent is None:
                continue
            if m.kind == "capital":
                out.append(self.people.as_government(m))
                break
            if ent.kind in ACTOR_KINDS:
                out.append(ent.id)
                if ent.kind != "country":
                    break
            elif allow_place and ent.kind == "place":
                out.append(ent.id)
                break
        return out

    def _clause_subject(
        self, doc: Doc, offset: int, hit: TriggerHit, mentions: list[Mention]
    ) -> list[str]:
        head = doc[hit.head]
        while (
            head.dep_ not in {"ROOT"} and head.pos_ not in {"VERB", "AUX"} and head.head is not head
        ):
            head = head.head
        for child in head.children:
            if child.dep_ == "nsubj":
                return self._actor_at(doc, offset, child.i, mentions)
        return []

    def _nearest_actor(
        self, doc: Doc, offset: int, hit: TriggerHit, mentions: list[Mention]
    ) -> list[str]:
        """Without a parse: the closest actor-like entity before the trigger in its clause."""
        trig_start = offset + doc[hit.start].idx
        # ``mentions`` come without the sentence's sources (see _roles).
        before = [m for m in mentions if m.end <= trig_start and trig_start - m.end <= 60]
        parsed = doc.has_annotation("DEP")
        for m in reversed(before):
            if parsed:
                span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
                if span is not None and span.root.dep_ in {"pobj", "dobj", "dative", "poss"}:
                    continue  # an object or possessor elsewhere in the clause, not the actor
            ent = self.registry.entities.get(m.entity)
            if ent and (ent.kind in ACTOR_KINDS or m.kind == "capital"):
                prev_word = doc[:].text[: m.start - offset].split()[-1:]
                if prev_word and prev_word[0].lower() in LOCATIVE | {"by", "of", "from", "with"}:
                    continue
                return self._pick_actor([m])
        return []

    def _prep_recipient(
        self, doc: Doc, offset: int, hit: TriggerHit, mentions: list[Mention]
    ) -> list[str]:
        preps = RECIPIENT_PREPS.get(hit.entry.type, set())
        words = [t.text.lower() for t in doc]
        for j in range(hit.end, min(len(doc), hit.end + 8)):
            if words[j] in preps:
                s = offset + doc[min(j + 1, len(doc) - 1)].idx
                after = [m for m in mentions if m.start >= s and m.start - s <= 25]
                return self._pick_actor(after[:1] + after[1:2])
        return []

    # -- distributing items, money, dates and places to the nearest trigger ----------------
    def _distribute(
        self,
        cands: list[Candidate],
        items: list[ItemMention],
        money: list[MoneyMention],
        dates: list[DateMention],
        mentions: list[Mention],
        seg: ParsedSegment,
    ) -> None:
        def nearest(
            pos: int, types: set[str] | None = None, before_only: bool = False
        ) -> Candidate | None:
            pool = [c for c in cands if types is None or c.hit.entry.type in types]
            if not pool:
                return None
            prior = [c for c in pool if c.start <= pos]
            if prior:
                return prior[-1]
            return None if before_only else min(pool, key=lambda c: abs(c.start - pos))

        for im in items:
            types = {t for t in MATERIEL_TYPES | FORCE_TYPES if holds_item(t, im.item)}
            target = nearest(im.start, types)
            if target is not None:
                if target.hit.entry.type in FORCE_TYPES and im.item.action == "supply":
                    im.item.action = "other"  # ships deployed, missiles fired: not supplied
                elif target.hit.entry.action and im.item.action == "supply":
                    im.item.action = target.hit.entry.action
                target.items.append(im)
        for mm in money:
            target = nearest(mm.start, MATERIEL_TYPES | {"SANCTION"})
            if target is not None:
                target.money.append(self._money(mm, seg, mentions))
                via = target.money[-1].via
                if via and via not in target.intermediaries:
                    target.intermediaries.append(via)
        for dm in dates:
            # A date right before a noun trigger modifies it ("a mid-October visit"); otherwise
            # the closest trigger wins, the one before it on a tie.
            target = min(
                cands,
                key=lambda c: c.start - dm.end if c.start >= dm.end else dm.start - c.end + 0.5,
            )
            target.dates.append(dm)
        text = seg.segment.text
        for m in mentions:
            ent = self.registry.entities.get(m.entity)
            if ent is None or ent.kind not in {"place", "country"}:
                continue
            local = m.start - seg.offset
            words_before = text[:local].split()
            prev = words_before[-1].lower() if words_before else ""
            if prev == "the" and len(words_before) > 1:
                prev = words_before[-2].lower()
            if prev not in LOCATIVE - {"from"} and prev != "where":
                continue
            target = nearest(m.start, before_only=True)
            if target is None or m.kind in {"demonym"}:
                continue
            if (m.start, m.end) not in ent.mentions:
                continue  # the mention names a government acting, not a place
            if prev in RECIPIENT_PREPS.get(target.hit.entry.type, set()):
                continue
            target.places.append(self._place(m))
        # One date (or set of places) in a sentence holds for its other events too:
        # "X met Y in Cairo on Thursday and signed an agreement".
        if len(dates) == 1:
            for cand in cands:
                if not cand.dates:
                    cand.dates.append(dates[0])
        placed = [c.places for c in cands if c.places]
        if len(placed) == 1:
            for cand in cands:
                if not cand.places:
                    cand.places = list(placed[0])

    def _money(self, mm: MoneyMention, seg: ParsedSegment, mentions: list[Mention]) -> Money:
        via = None
        local_end = mm.end - seg.offset
        start = via_after(seg.segment.text, local_end)
        if start is not None:
            near = [m for m in mentions if -5 <= m.start - seg.offset - start <= 60]
            rank = {"organization": 0, "person": 1, "country": 2}
            near = [
                m
                for m in near
                if self.registry.entities[m.entity].kind in rank and m.kind != "demonym"
            ]
            if near:
                via = min(near, key=lambda m: rank[self.registry.entities[m.entity].kind]).entity
        return Money(
            mm.text, mm.amount, mm.currency, mm.term, via, [Evidence(mm.start, mm.end, mm.rule)]
        )

    def _place(self, m: Mention) -> Place:
        ent = self.registry.entities[m.entity]
        lat = lon = None
        if ent.source.startswith("knowledge:place:"):
            entry = self.a.kb.places[ent.source.split(":")[-1]]
            lat, lon = entry.lat, entry.lon
        elif ent.source.startswith("knowledge:capital:"):
            cap = self.a.kb.countries[ent.source.split(":")[-1]].capital
            if cap:
                lat, lon = cap.lat, cap.lon
        text = self.article.text[m.start : m.end]
        return Place(ent.id, text, lat, lon, ent.country)

    def _messenger(self, seg: ParsedSegment, mentions: list[Mention]) -> None:
        """ "X delivered/handed Y's appeal": X carried Y's request — an intermediary."""
        doc = seg.doc
        if not doc.has_annotation("DEP"):
            return
        for tok in doc:
            if tok.lower_ not in CARRY_VERBS:
                continue
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if not objs or objs[0].lower_ not in MESSAGE_NOUNS:
                continue
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj:
                continue
            who = self._actor_at(doc, seg.offset, subj[0].i, mentions)
            request = next((ev for ev, _ in reversed(self.events) if ev.type == "REQUEST"), None)
            if request is not None and who and who[0] not in request.actors:
                if who[0] not in request.intermediaries:
                    request.intermediaries.append(who[0])
                request.evidence.append(
                    Evidence(
                        seg.offset + tok.idx,
                        seg.offset + objs[0].idx + len(objs[0]),
                        "roles.messenger",
                    )
                )

    # -- continuation: lists and detail sentences without a trigger -------------------------
    def _continuation(
        self,
        n: int,
        seg: ParsedSegment,
        items: list[ItemMention],
        money: list[MoneyMention],
        mentions: list[Mention],
    ) -> None:
        items = [im for im in items if im.item.system or im.item.quantity.word]
        if not items and not money:
            return
        segs = self.parsed.segments
        follows = seg.segment.kind in {"list_item", "heading"} or (
            n > 0 and (n - 1 in self.event_segments or segs[n - 1].segment.kind == "list_item")
        )
        target = next((ev for ev, c in reversed(self.events) if ev.type in MATERIEL_TYPES), None)
        if target is None or not follows:
            return
        self.event_segments.add(n)
        for im in items:
            self._merge_item(target, im.item)
        for mm in money:
            target.money = _merge_money(target.money, self._money(mm, seg, mentions))

    # -- merging mentions of one event -------------------------------------------------------
    def _add_candidate(self, cand: Candidate) -> None:
        for ev, first in reversed(self.events):
            if self._same_event(ev, first, cand):
                self._merge(ev, cand)
                return
        if not cand.actors:
            return  # no actor found: an event that cannot say who did it is left out
        ev = Event(
            id="",
            type=cand.hit.entry.type,
            mode=cand.hit.entry.mode,
            contexts=list(cand.hit.entry.contexts),
            status=cand.status_override or cand.hit.entry.status,
        )
        self.events.append((ev, cand))
        self._merge(ev, cand, first=True)

    def _same_event(self, ev: Event, first: Candidate, cand: Candidate) -> bool:
        if ev.type != cand.hit.entry.type:
            return False
        if cand.factuality in {"hypothetical"} and ev.factuality != "hypothetical":
            return False
        states_ev = {a for a in ev.actors if a.startswith("country:")}
        states_c = {a for a in cand.actors if a.startswith("country:")}
        if (
            cand.actors
            and ev.actors
            and not (set(cand.actors) & set(ev.actors) or states_ev & states_c)
        ):
            return False
        if cand.recipients and ev.recipients and not set(cand.recipients) & set(ev.recipients):
            return False
        if (
            cand.dates
            and ev.when.start
            and cand.dates[0].when.start
            and not _overlap(ev.when, cand.dates[0].when)
        ):
            return False
        same_segment = first.seg is cand.seg
        return (
            same_segment
            or not cand.actors
            or bool(set(cand.actors) & set(ev.actors) or states_ev & states_c)
        )

    def _merge(self, ev: Event, cand: Candidate, first: bool = False) -> None:
        for a in cand.actors:
            if a not in ev.actors and a not in ev.recipients:
                ev.actors.append(a)
        for r in cand.recipients:
            if r not in ev.recipients and r not in ev.actors:
                ev.recipients.append(r)
        for i in cand.intermediaries:
            if i not in ev.intermediaries:
                ev.intermediaries.append(i)
        for im in cand.items:
            self._merge_item(ev, im.item)
        for m in cand.money:
            ev.money = _merge_money(ev.money, m)
        if ev.when.start is None and ev.when.text is None and cand.dates:
            d = cand.dates[0]
            ev.when = d.when
            ev.evidence.append(Evidence(d.start, d.end, d.rule))
        for p in cand.places:
            if all(p.entity != q.entity for q in ev.where):
                ev.where.append(p)
        ev.evidence += [e for e in cand.evidence if e not in ev.evidence]
        if first:
            ev.factuality = cand.factuality
            ev.negated = cand.negated
        elif ev.factuality == "asserted" and cand.factuality == "reported":
            ev.factuality = "reported"
        if cand.factuality == "denied" and ev.status:
            ev.status = "denied"

    def _merge_item(self, ev: Event, item: Item) -> None:
        for known in ev.items:
            if _same_item(known, item):
                known.evidence += [e for e in item.evidence if e not in known.evidence]
                if known.system is None and item.system:
                    known.system, known.origin = item.system, item.origin or known.origin
                return
        for n, known in enumerate(ev.items):
            kept = restated(known, item)
            if kept is not None:  # "missiles" in the title, "14 missile units" in the text
                ev.items[n] = kept
                return
        ev.items.append(item)

    # -- finishing -----------------------------------------------------------------------------
    def _finish(self) -> list[Event]:
        default_chain = self.graph.longest_chain()
        day = story_day(self.article.text, self.published)
        out: list[Event] = []
        taken: set[str] = set()
        for ev, first in self.events:
            srcs = first.sources
            chain: list[Source] = []
            if srcs and srcs.cues:
                primary = srcs.cues[0].source
                chain = self.graph.chain(primary)
            elif srcs and srcs.hedged and default_chain:
                chain = default_chain
            if chain:
                ev.attribution = [to_attribution(chain)]
            if ev.factuality == "asserted" and chain:
                ev.factuality = "reported"
            if ev.factuality == "hypothetical" and first.factuality_rule == WOULD_FUTURE:
                ev.factuality = "future"  # "it said it would suspend the agreement"
            self._dated_later(ev)
            if ev.factuality == "hypothetical" or ev.negated:
                ev.status = None
            elif ev.factuality == "future" and ev.status in {"delivered"}:
                ev.status = "agreed"
            self._salience(ev, first)
            ev.confidence = _confidence(ev, first)
            self._default_date(ev, first, day)
            ev.evidence.sort(key=lambda e: (e.start, e.end))
            ev.id = _event_id(self.article.id, ev, taken)
            ev.summary = self._summary(ev)
            out.append(ev)
        return out

    def _default_date(self, ev: Event, first: Candidate, day: DateMention | None) -> None:
        """An event whose own sentence names no date takes the last calendar date named before
        it in its paragraph (rule ``dates.paragraph``); else it happened on the story day, else
        on the publication day (``dates.story_day``, ``dates.publication``: a range with no
        text, so that readers can tell it from a date the text gives). The rule's evidence is
        the event's trigger: the date is not read from the event's own words."""
        if ev.when.start is not None or ev.when.text is not None:
            return
        before = [
            d
            for d in self._block_dates.get(first.seg.segment.block, [])
            if d.end <= first.start and d.when.start is not None and _calendar(d)
        ]
        if before:
            ev.when = before[-1].when
            ev.evidence.append(Evidence(first.start, first.end, "dates.paragraph"))
            return
        if self.published is None:
            return
        if day is not None:
            ev.when, rule = day.when, day.rule
        else:
            ev.when, rule = publication_day(self.published), "dates.publication"
        ev.evidence.append(Evidence(first.start, first.end, rule))

    def _dated_later(self, ev: Event) -> None:
        """An event dated after the publication date has not happened yet: "the two will meet
        in Seoul next week", "next month's summit" are plans (future)."""
        if ev.factuality not in {"asserted", "reported"} or self.published is None:
            return
        if ev.when.start is None or ev.when.start <= self.published.isoformat():
            return
        ev.factuality = "future"
        date = next((e for e in ev.evidence if e.rule.startswith("dates.")), None)
        if date is not None:
            ev.evidence.append(Evidence(date.start, date.end, "factuality.after_publication"))

    def _salience(self, ev: Event, first: Candidate) -> None:
        text = first.seg.segment.text.lower()
        past = bool(
            ev.when.end
            and self.published
            and (self.published.toordinal() - _ordinal(ev.when.end)) > 60
        )
        relative_past = ev.when.text is not None and any(
            w in ev.when.text.lower() for w in ("earlier this year", "last year", "in 20")
        )
        if (
            first.background
            or past
            or relative_past
            or " amid " in f" {text} "
            or ev.factuality == "hypothetical"
            or "historically" in text
        ):
            ev.salience = "context"

    def _summary(self, ev: Event) -> str:
        def names(ids: list[str]) -> str:
            return (
                ", ".join(
                    self.registry.entities[i].name for i in ids if i in self.registry.entities
                )
                or "?"
            )

        verb = ev.type.lower()
        summary = f"{names(ev.actors)} {verb}"
        if ev.recipients:
            summary += f" → {names(ev.recipients)}"
        if ev.items:
            summary += ": " + "; ".join(i.text for i in ev.items)
        return summary

    def _entities(self) -> list[Entity]:
        return [e for e in self.registry.ordered() if e.mentions]


# -- small pure helpers --------------------------------------------------------------------------
def _actor_rank(registry: EntityRegistry, m: Mention) -> tuple[int, int]:
    ent = registry.entities.get(m.entity)
    kind = ent.kind if ent else "other"
    order = {"person": 0, "organization": 1, "group": 2, "country": 3}.get(kind, 4)
    if m.kind == "capital":
        order = 3
    return order, m.start


def _with_states(registry: EntityRegistry, ids: list[str]) -> list[str]:
    """Each actor followed by the state it acts for (people in office, state bodies)."""
    out: list[str] = []
    for i in ids:
        out.append(i)
        state = registry.state_of(i)
        if state and f"country:{state}" not in out and not i.startswith("country:"):
            registry.entities.setdefault(f"country:{state}", registry.country(state))
            if f"country:{state}" not in registry.order:
                registry.order.append(f"country:{state}")
            out.append(f"country:{state}")
    return out


def _matrix_subject(tok: Token) -> Token | None:
    """What a pronoun stands for, from the sentence's structure: the subject of the reporting
    verb for the subject of a reported clause ("Moscow denied that it had sent"), or the
    subject of the verb for a possessive ("the U.S. steps up its presence")."""
    verb = tok.head
    if tok.dep_ == "poss" and verb.dep_ in {"dobj", "pobj", "nsubj"}:
        verb = verb.head
        if verb.dep_ == "prep":
            verb = verb.head
        candidates = list(verb.children)
    elif tok.dep_ in {"nsubj", "nsubjpass"} and verb.dep_ in {"ccomp", "xcomp"}:
        candidates = list(verb.head.children)
    else:
        return None
    for child in candidates:
        if child.dep_ == "nsubj" and child.pos_ != "PRON" and child is not tok:
            return child
    return None


# A verb that governs an aid noun sets the deal's status: "approved a sale", "offered a loan".
GOVERNOR_STATUS = {"AGREE": None, "REQUEST": "requested", "REJECT": "cancelled"}


def _absorb_governors(cands: list[Candidate]) -> list[Candidate]:
    """ "The State Department approved a $330 million sale": one AID event (status agreed),
    not an AGREE and an AID. The governing verb's actors, recipients and status move over."""
    out = list(cands)
    for gov in cands:
        if gov.hit.entry.type not in GOVERNOR_STATUS:
            continue
        verb = gov.seg.doc[gov.hit.head]
        for aid in cands:
            if aid is gov or aid.hit.entry.type != "AID" or aid not in out:
                continue
            noun = aid.seg.doc[aid.hit.head]
            head = noun.head.head if noun.head.dep_ == "prep" else noun.head
            if noun.pos_ not in {"NOUN", "PROPN"} or head != verb:
                continue
            aid.actors = _dedupe(gov.actors + aid.actors)
            aid.recipients = _dedupe(gov.recipients + aid.recipients)
            aid.status_override = GOVERNOR_STATUS[gov.hit.entry.type] or gov.hit.entry.status
            aid.factuality = gov.factuality
            aid.negated = gov.negated or aid.negated
            aid.evidence = gov.evidence + [e for e in aid.evidence if e not in gov.evidence]
            aid.money += gov.money
            aid.dates = gov.dates + aid.dates
            aid.places += gov.places
            aid.items += gov.items
            if gov in out:
                out.remove(gov)
    return out


def _fold_same_type(cands: list[Candidate]) -> list[Candidate]:
    """Mentions of one type in one sentence ("a visit to Moscow, where he met ...") are one
    event, unless their actors differ."""
    out: list[Candidate] = []
    for cand in cands:
        host = next(
            (
                c
                for c in out
                if c.hit.entry.type == cand.hit.entry.type
                and c.factuality == cand.factuality
                and (not c.actors or not cand.actors or set(c.actors) & set(cand.actors))
            ),
            None,
        )
        if host is None:
            out.append(cand)
            continue
        for field_name in ("actors", "recipients", "intermediaries"):
            values = getattr(host, field_name)
            values += [v for v in getattr(cand, field_name) if v not in values]
        host.items += cand.items
        host.money += cand.money
        host.dates += cand.dates
        host.places += [p for p in cand.places if all(p.entity != q.entity for q in host.places)]
        host.evidence += [e for e in cand.evidence if e not in host.evidence]
        host.parsed_roles = host.parsed_roles or cand.parsed_roles
    for c in out:
        c.dates.sort(key=lambda d: d.start)
    return out


def _dedupe(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _same_item(a: Item, b: Item) -> bool:
    if a.category != b.category or a.action != b.action:
        return False
    if a.system and b.system and a.system != b.system:
        return False
    return (a.quantity.value, a.quantity.kind, a.quantity.low, a.quantity.high) == (
        b.quantity.value,
        b.quantity.kind,
        b.quantity.low,
        b.quantity.high,
    )


def _merge_money(known: list[Money], new: Money) -> list[Money]:
    for m in known:
        if (m.amount, m.currency, m.term) == (new.amount, new.currency, new.term):
            m.evidence += [e for e in new.evidence if e not in m.evidence]
            m.via = m.via or new.via
            return known
    if known and bare_money(new):
        return known  # "financing" again, after "a three-year financing plan"
    return [*[m for m in known if not bare_money(m)], new]


def _calendar(d: DateMention) -> bool:
    """A calendar date ("On December 5th", "in November 2023"), not a day counted from
    publication ("on Wednesday", "last year") nor a bound ("since March", "until June")."""
    if d.rule not in CALENDAR_RULES or d.when.text is None:
        return False
    return d.when.text.split()[0].lower() not in {"since", "until", "by", "from"}


def _overlap(a: When, b: When) -> bool:
    if not (a.start and a.end and b.start and b.end):
        return True
    return a.start <= b.end and b.start <= a.end


def _ordinal(iso: str) -> int:
    from datetime import date

    return date.fromisoformat(iso).toordinal()


def _confidence(ev: Event, first: Candidate) -> float:
    score = 0.35
    if ev.actors:
        score += 0.2
    if ev.recipients:
        score += 0.1
    if first.parsed_roles:
        score += 0.1
    if ev.attribution:
        score += 0.1
    if ev.items or ev.money or ev.where or ev.when.start:
        score += 0.1
    if ev.factuality in {"hypothetical", "unconfirmed"}:
        score -= 0.2
    return max(0.05, min(0.95, score))


def _event_id(article_id: str, ev: Event, taken: set[str]) -> str:
    """Deterministic: the article, the type and the first trigger's offsets."""
    trigger = next((e for e in ev.evidence if e.rule.startswith("trigger:")), None)
    anchor = (
        f"{trigger.start}-{trigger.end}"
        if trigger
        else str(ev.evidence[0].start if ev.evidence else 0)
    )
    n = 0
    while True:
        digest = hashlib.sha256(f"{article_id}|{ev.type}|{anchor}|{n}".encode()).hexdigest()
        event_id = f"ev-{digest[:16]}"
        if event_id not in taken:
            taken.add(event_id)
            return event_id
        n += 1
