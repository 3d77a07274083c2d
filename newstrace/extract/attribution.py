"""Attribution: who says so, and whom they cite, as chains of hops from the reporting article
outward ("The Moscow Times -> The Washington Post -> internal U.S. government documents").

Per sentence, :func:`find_cues` finds the sources a sentence names as its reporter ("according
to X", "X reported", "as X noted", "detailed by X", "the report stated") and the citations it
states ("X, citing Y", "documents obtained by X", "cites Y", "observers cited by X"). The
:class:`CitationGraph` of the whole article then turns a sentence's source into a chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newstrace.extract.entities import EntityRegistry, Mention, slug
from newstrace.model import Attribution, Entity, Hop

SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "noted",
        "notes",
        "observed",
        "observes",
        "stated",
        "states",
        "reported",
        "reports",
        "wrote",
        "writes",
        "added",
        "adds",
        "claimed",
        "claims",
        "announced",
        "announces",
        "confirmed",
        "confirms",
        "detailed",
        "details",
        "revealed",
        "reveals",
        "suggested",
        "suggest",
        "suggests",
        "described",
        "describes",
        "cited",
        "cites",
        "explained",
        "explains",
        "argued",
        "argues",
        "warned",
        "warns",
        "insisted",
        "insists",
        "acknowledged",
        "acknowledges",
        "disclosed",
        "discloses",
        "indicated",
        "indicates",
        "showed",
        "show",
        "shows",
        "denied",
        "denies",
        "dismissed",
        "dismisses",
        "posted",
        "posts",
        "tweeted",
    ]
)
BY_VERBS = frozenset(
    {
        "detailed",
        "reported",
        "cited",
        "quoted",
        "described",
        "published",
        "revealed",
        "first reported",
        "seen",
        "reviewed",
        "obtained",
        "viewed",
    }
)
OBTAIN_VERBS = frozenset({"obtained", "seen", "reviewed", "viewed", "acquired", "leaked"})
DOC_NOUNS = frozenset(
    [
        "documents",
        "document",
        "memo",
        "memos",
        "cable",
        "cables",
        "letter",
        "letters",
        "records",
        "files",
        "papers",
        "assessment",
        "assessments",
        "report",
        "reports",
        "dossier",
        "briefing",
        "transcript",
        "transcripts",
        "correspondence",
    ]
)
DOC_MODIFIERS = frozenset(
    [
        "internal",
        "classified",
        "secret",
        "confidential",
        "leaked",
        "obtained",
        "official",
        "government",
        "intelligence",
        "military",
        "diplomatic",
        "written",
        "the",
        "these",
        "those",
        "such",
        "a",
        "an",
        "two",
        "several",
        "multiple",
        "new",
    ]
)
# Nouns that head an unnamed speaker, with the hop kind and organisation category they give.
SPEAKER_HEADS: dict[str, tuple[str, str | None]] = {
    **{w: ("organization", "ministry") for w in ("ministry", "department")},
    **{
        w: ("organization", "military")
        for w in ("army", "military", "navy", "forces", "command", "guard", "corps")
    },
    **{w: ("organization", "agency") for w in ("agency", "service", "police", "intelligence")},
    **{
        w: ("organization", "government")
        for w in (
            "government",
            "office",
            "presidency",
            "embassy",
            "cabinet",
            "parliament",
            "court",
            "council",
            "administration",
        )
    },
    **{
        w: ("official", None)
        for w in (
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "minister",
            "president",
            "commander",
            "ambassador",
            "envoy",
            "adviser",
            "advisor",
            "chief",
            "general",
            "secretary",
        )
    },
}
SPEAKER_STOPS = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        '"',
        "“",
        "”",
        "that",
        "and",
        "but",
        "which",
        "who",
        "as",
        "while",
        "when",
        "(",
        ")",
    }
)
PRONOUNS = frozenset({"he", "she", "it"})
# Speech verbs that also take the act itself as their object ("announced sanctions"): a cue only
# when they introduce what was said.
ACT_VERBS = frozenset(
    {
        "announced",
        "announces",
        "described",
        "describes",
        "warned",
        "warns",
        "dismissed",
        "dismisses",
        "revealed",
        "reveals",
    }
)
GROUP_NOUNS = {
    "observers": "anonymous",
    "analysts": "anonymous",
    "experts": "anonymous",
    "diplomats": "anonymous",
    "officials": "anonymous",
    "sources": "anonymous",
    "people": "anonymous",
    "insiders": "anonymous",
    "critics": "anonymous",
    "official": "anonymous",
    "source": "anonymous",
    "person": "anonymous",
}
ANON_CUE = re.compile(
    r"\b(?:on (?:the )?condition of anonymity|familiar with|who (?:asked|declined) (?:not )?to be "
    r"(?:named|identified)|speaking anonymously|who spoke anonymously|unnamed)\b",
    re.I,
)
SOCIAL = re.compile(
    r"\b(?:on|via|in a post on) (?P<net>Telegram|X|Twitter|Facebook|Instagram|"
    r"VKontakte|VK|Truth Social|TikTok|YouTube|Weibo)\b"
)
STATEMENT = re.compile(
    r"\bin (?P<name>(?:an?|its|his|her|their) (?:(?:written|joint|official|separate|televised|"
    r"brief|short) )?statement)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Source:
    key: str  # entity id, or a synthetic id for documents/groups without an entity
    name: str
    kind: str  # a hop kind
    entity: str | None

    def hop(self) -> Hop:
        return Hop(self.name, self.entity, self.kind)


@dataclass(slots=True)
class Cue:
    source: Source
    start: int
    end: int
    rule: str


@dataclass(slots=True)
class SentenceSources:
    cues: list[Cue] = field(default_factory=list)
    citations: list[tuple[Source, Source, str]] = field(default_factory=list)  # parent, child, how
    hedged: bool = False


def _introduces_statement(doc: Doc, words: list[str], i: int) -> bool:
    """Whether the verb at ``i`` reports what was said (a clause, a quotation, "..., X
    announced") rather than taking the act as its object ("announced a deployment", "described
    the visit as a provocation", "warned residents not to approach": the article's own
    statement of the act, no cue)."""
    if not doc.has_annotation("DEP"):
        return True
    if any(c.dep_ in {"ccomp", "parataxis"} for c in doc[i].children):
        return True
    if doc[i].dep_ in {"parataxis", "ccomp"} or (i > 0 and words[i - 1] in {",", "”", '"'}):
        return True
    return i + 1 < len(doc) and words[i + 1] in {"that", ":", '"', "“"}


def _in_relative_clause(doc: Doc, i: int) -> bool:
    """Whether the speech verb at token ``i`` heads a relative clause: "boats that Washington
    says were carrying drugs" attributes the clause about the boats, not the sentence (rule
    attribution.relative_clause: no cue)."""
    return doc.has_annotation("DEP") and doc[i].dep_ in {"relcl", "acl"}


def _words(doc: Doc) -> list[str]:
    return [t.text.lower().replace("’", "'") for t in doc]


class SourceFinder:
    """Finds sources, cues and citations sentence by sentence, remembering earlier ones."""

    def __init__(self, registry: EntityRegistry) -> None:
        self.registry = registry
        self.last_outlet: Source | None = None
        self.last_speaker: Source | None = None  # the last person or official cited
        self.last_body: Source | None = None  # the last organisation cited
        self.last_document: Source | None = None
        self.documents: dict[str, Source] = {}

    def source_for(self, mention: Mention) -> Source | None:
        entity = self.registry.entities[mention.entity]
        kind = {
            "outlet": "outlet",
            "organization": "organization",
            "country": "organization",
            "document": "document",
        }.get(entity.kind)
        if entity.kind == "person":
            kind = "official" if (entity.roles or self.registry.current_role(entity)) else "person"
        if kind is None:
            return None
        return Source(entity.id, entity.name, kind, entity.id)

    def find(self, doc: Doc, offset: int, mentions: list[Mention]) -> SentenceSources:
        words = _words(doc)
        text = doc.text
        out = SentenceSources()
        out.hedged = bool(
            re.search(r"\b(reportedly|allegedly|purportedly|said to have)\b", text, re.I)
        )
        by_token: dict[int, Mention] = {}
        if mentions:
            spans = sorted(mentions, key=lambda m: m.start)
            for t in doc:
                pos = offset + t.idx
                for m in spans:
                    if m.start > pos:
                        break
                    if pos < m.end:
                        by_token[t.i] = m
        docs_here = self._documents(doc, offset, words, text)
        groups = self._groups(doc, offset, words, text)

        def source_at(i: int) -> tuple[Source, int, int] | None:
            """The source that starts at token i (skipping a leading "the")."""
            if i < len(doc) and words[i] == "the" and i + 1 < len(doc) and i + 1 not in by_token:
                i += 1
            if i in by_token:
                m = by_token[i]
                src = self.source_for(m)
                if src:
                    j = i
                    while j < len(doc) and by_token.get(j) is m:
                        j += 1
                    return src, i, j
            for src, s, e in docs_here + groups:
                if s <= i < e or (s == i + 1 and words[i] == "the"):
                    return src, s, e
            the_report = words[i : i + 2] == ["the", "report"] or (
                words[i] == "report" and i > 0 and words[i - 1] == "the"
            )
            if the_report and self.last_outlet:
                s = i if words[i] == "the" else i - 1
                return self.last_outlet, s, s + 2
            return None

        def add_cue(src: Source, s: int, e: int, rule: str) -> None:
            out.cues.append(
                Cue(src, offset + doc[s].idx, offset + doc[e - 1].idx + len(doc[e - 1]), rule)
            )

        parsed = doc.has_annotation("POS")
        for i, w in enumerate(words):
            if doc[i].ent_type_ or (
                parsed and w in SPEECH_VERBS and doc[i].pos_ not in {"VERB", "AUX"}
            ):
                continue  # "States" in "United States", "reports" as a noun
            # according to X
            if w == "according" and i + 1 < len(doc) and words[i + 1] == "to":
                hit = source_at(i + 2) or self._speaker_after(doc, words, i + 2, offset, text)
                if hit:
                    add_cue(hit[0], i, hit[2], "attribution.according_to")
            # X said / the report stated ...   (X right before the verb)
            elif (
                w in SPEECH_VERBS
                and w not in {"cites", "cited", "show", "shows", "showed"}
                and not _in_relative_clause(doc, i)
                and (w not in ACT_VERBS or _introduces_statement(doc, words, i))
            ):
                hit = self._source_ending_at(i, source_at, by_token, docs_here + groups)
                if hit is None:
                    hit = self._speaker_before(doc, words, i, offset, text)
                if hit is None and parsed:
                    nsubj = next((c for c in doc[i].children if c.dep_ == "nsubj"), None)
                    hit = next(
                        (
                            (src, s, i)
                            for src, s, e in groups
                            if nsubj is not None and s <= nsubj.i < e
                        ),
                        None,
                    )
                if hit is None:
                    hit = self._parsed_speaker(doc, words, i, offset, text, source_at, by_token)
                if hit is None:
                    hit = self._pronoun_speaker(doc, words, i)
                if hit:
                    add_cue(hit[0], hit[1], i + 1, "attribution.speech_verb")
                    told = source_at(i + 1) if w in {"told", "tells"} else None
                    if told and told[0].kind == "outlet":  # "officials told Reuters"
                        out.citations.append((told[0], hit[0], "told"))
                elif i > 0 and words[i - 1] in {",", "”", '"'}:  # "..., said Rutte."
                    after = source_at(i + 1)
                    if after:
                        add_cue(after[0], i, after[2], "attribution.speech_verb")
                # as X reported
            if w == "as" and i + 1 < len(doc):
                hit = source_at(i + 1)
                if hit and hit[2] < len(doc) and words[hit[2]] in SPEECH_VERBS:
                    add_cue(hit[0], i, hit[2] + 1, "attribution.as_reported")
            # detailed by X / obtained by X / cited by X
            if w == "by" and i > 0 and words[i - 1] in BY_VERBS | OBTAIN_VERBS:
                hit = source_at(i + 1)
                if hit:
                    src = hit[0]
                    prev = words[i - 1]
                    subject = self._subject_before(i - 1, docs_here + groups, doc)
                    if prev in OBTAIN_VERBS and subject is not None:
                        out.citations.append((src, subject, "obtained_by"))
                    elif prev in {"cited", "quoted"} and subject is not None:
                        out.citations.append((src, subject, "cited_by"))
                        add_cue(subject, i + 1, hit[2], "attribution.cited_by")
                    else:
                        add_cue(src, i - 1, hit[2], "attribution.by")
            # X, citing Y  /  ... cites Y
            if w in {"citing", "cites", "cite", "cited", "quoting", "quotes", "quoted"} and not (
                i + 1 < len(doc) and words[i + 1] == "by"
            ):
                hit = source_at(i + 1)
                if hit:
                    parent = out.cues[-1].source if out.cues else None
                    if parent is None and i >= 2 and words[i - 1] == ",":
                        prev = self._source_ending_at(
                            i - 1, source_at, by_token, docs_here + groups
                        )
                        parent = prev[0] if prev else None
                    if parent is not None and parent.key != hit[0].key:
                        out.citations.append((parent, hit[0], "cites"))
                    elif parent is None:
                        add_cue(hit[0], i, hit[2], "attribution.cites")
        # the medium a speaker used is the last hop: [Maria Zakharova, Telegram], [the ministry,
        # a statement]; named as the text gives it, and put first so the chain ends with it
        media: list[Cue] = []
        for sm in SOCIAL.finditer(text):
            speaker = out.cues[-1].source if out.cues else None
            if speaker is None:  # "Kristersson welcomed the vote, writing on X that ..."
                speaker = self._subject_of(doc, sm.start(), source_at, by_token)
            net = sm.group("net")
            key = f"social:{slug(net)}" + (f":{slug(speaker.name)}" if speaker else "")
            src = Source(key, net, "social_media", speaker.entity if speaker else None)
            if speaker:
                out.citations.append((speaker, src, "posted"))
            media.append(
                Cue(src, offset + sm.start(), offset + sm.end(), "attribution.social_media")
            )
        stm = STATEMENT.search(text)
        if stm is not None and out.cues:
            speaker = out.cues[-1].source
            src = Source(
                f"statement:{slug(speaker.name)}", stm.group("name"), "statement", speaker.entity
            )
            out.citations.append((speaker, src, "statement"))
            media.append(
                Cue(src, offset + stm.start(), offset + stm.end(), "attribution.statement")
            )
        out.cues = media + out.cues
        for cue in out.cues:
            if cue.source.kind == "outlet":
                self.last_outlet = cue.source
            elif cue.source.kind in {"official", "person"}:
                self.last_speaker = cue.source
            elif cue.source.kind == "organization":
                self.last_body = cue.source
        return out

    def _subject_of(self, doc, char, source_at, by_token):  # type: ignore[no-untyped-def]
        """The source named by the subject of the verb that governs the words at ``char``."""
        if not doc.has_annotation("DEP"):
            return None
        tok = next((t for t in doc if t.idx >= char), None)
        for _ in range(4):
            if tok is None:
                return None
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.i in by_token:
                m = by_token[subject.i]
                k = subject.i
                while k - 1 >= 0 and by_token.get(k - 1) is m:
                    k -= 1
                hit = source_at(k)
                return hit[0] if hit else None
            tok = tok.head if tok.head is not tok else None
        return None

    def _pronoun_speaker(
        self, doc: Doc, words: list[str], verb: int
    ) -> tuple[Source, int, int] | None:
        """ "He said", "she warned", "it added": the pronoun stands for the last speaker cited
        (a person for he/she, an organisation for it), rule attribution.speech_verb."""
        subject: int | None = verb - 1 if verb and words[verb - 1] in PRONOUNS else None
        if subject is None and doc.has_annotation("DEP"):
            subject = next(
                (c.i for c in doc[verb].children if c.dep_ == "nsubj" and c.lower_ in PRONOUNS),
                None,
            )
        if subject is None:
            return None
        source = self.last_body if words[subject] == "it" else self.last_speaker
        if source is None:
            return None
        return source, subject, verb

    def _speaker_before(
        self, doc: Doc, words: list[str], verb: int, offset: int, text: str
    ) -> tuple[Source, int, int] | None:
        """An unnamed speaker right before a speech verb: "the Indian defence ministry said"."""
        head = verb - 1
        if head < 0 or words[head] not in SPEAKER_HEADS:
            return None
        start = head
        while (
            start > 0
            and verb - start < 7
            and words[start - 1] not in SPEAKER_STOPS
            and not (
                doc.has_annotation("POS") and doc[start - 1].pos_ in {"VERB", "AUX", "ADP", "SCONJ"}
            )
        ):
            start -= 1
        return self._speaker(doc, words, start, head, offset, text), start, verb

    def _parsed_speaker(self, doc, words, verb, offset, text, source_at, by_token):  # type: ignore[no-untyped-def]
        """The parsed subject of a speech verb, when words stand between the two: "Brazil,
        which borders both countries, said"; "the spokesperson, Maria Zakharova, said" (the
        named appositive is the speaker)."""
        if not doc.has_annotation("DEP"):
            return None
        head = doc[verb]
        if head.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in head.children):
            head = head.head  # "Caracas accused Trinidad … and said …": the first verb's subject
        subject = next(
            (c for c in head.children if c.dep_ == "nsubj" and c.i < verb - 1 and c.pos_ != "PRON"),
            None,
        )
        if subject is None:
            return None
        named = [c for c in subject.children if c.dep_ == "appos" and c.i in by_token]
        for tok in [*named, subject]:
            if tok.i in by_token:
                m = by_token[tok.i]
                k = tok.i
                while k - 1 >= 0 and by_token.get(k - 1) is m:
                    k -= 1
                hit = source_at(k)
                if hit:
                    return hit[0], hit[1], verb
        if words[subject.i] in SPEAKER_HEADS:
            # the words before the head that belong to it ("Pakistan's military")
            start = min(
                (t.i for c in subject.lefts for t in c.subtree if c.dep_ not in {"punct", "cc"}),
                default=subject.i,
            )
            if subject.i - start > 6:
                start = subject.i
            return self._speaker(doc, words, start, subject.i, offset, text), start, verb
        return None

    def _speaker_after(
        self, doc: Doc, words: list[str], start: int, offset: int, text: str
    ) -> tuple[Source, int, int] | None:
        """An unnamed speaker after "according to": "according to the Israeli military"."""
        head = start
        while head < len(doc) and head - start < 7 and words[head] not in SPEAKER_STOPS:
            head += 1
        head -= 1
        if head < start or words[head] not in SPEAKER_HEADS:
            return None
        return self._speaker(doc, words, start, head, offset, text), start, head + 1

    def _speaker(
        self, doc: Doc, words: list[str], start: int, head: int, offset: int, text: str
    ) -> Source:
        while start < head and words[start] in {"the", "a", "an"}:
            start += 1
        name = text[doc[start].idx : doc[head].idx + len(doc[head])]
        name = name[0].upper() + name[1:]
        kind, category = SPEAKER_HEADS[words[head]]
        country = next(
            (
                t.ent_kb_id_.split(":", 1)[1]
                for t in doc[start:head]
                if t.ent_kb_id_.startswith(("country:", "demonym:", "metonym:"))
            ),
            None,
        )
        if kind != "organization":
            return Source(f"{kind}:{slug(name)}", name, kind, None)
        entity = self.registry.add(
            Entity(
                f"org:{slug(name)}",
                "organization",
                name,
                country=country,
                source="rule:speaker",
                category=category,
            ),
            offset + doc[start].idx,
            offset + doc[head].idx + len(doc[head]),
        )
        return Source(entity.id, name, kind, entity.id)

    def _source_ending_at(self, verb: int, source_at, by_token, extra):  # type: ignore[no-untyped-def]
        """A source whose last token stands right before ``verb`` (commas allowed)."""
        j = verb - 1
        if j < 0:
            return None
        if j in by_token:
            m = by_token[j]
            k = j
            while k - 1 >= 0 and by_token.get(k - 1) is m:
                k -= 1
            hit = source_at(k)
            if hit:
                return hit[0], k, verb
        for src, s, e in extra:
            if e == verb:
                return src, s, verb
        return None

    def _subject_before(
        self, verb: int, extra: list[tuple[Source, int, int]], doc: Doc
    ) -> Source | None:
        for src, _s, e in extra:
            if e == verb:
                return src
        return None

    def _documents(
        self, doc: Doc, offset: int, words: list[str], text: str
    ) -> list[tuple[Source, int, int]]:
        out: list[tuple[Source, int, int]] = []
        for i, w in enumerate(words):
            if w not in DOC_NOUNS or w in {"report", "reports"}:
                continue
            s = i
            while s > 0 and (
                words[s - 1] in DOC_MODIFIERS
                or doc[s - 1].ent_type_ in {"GPE", "NORP"}
                or words[s - 1] in {"u.s.", "us", "-"}
                or words[s - 1].endswith("'s")
                or (doc[s - 1].ent_type_ == "PERSON")
            ):
                s -= 1
            name_tokens = [
                t
                for t in doc[s : i + 1]
                if t.text.lower() not in {"the", "these", "those", "a", "an"}
            ]
            name = text[name_tokens[0].idx : doc[i].idx + len(doc[i])] if name_tokens else w
            anaphor = len(name_tokens) <= 1 or (
                words[s] == "the"
                and set(words[s + 1 : i]) <= {"obtained", "internal", "leaked", "classified"}
            )
            last = self.last_document
            if anaphor and last is not None and w.startswith(last.name.split()[-1][:6]):
                # "the documents", "the obtained documents": the last ones named.
                self.registry.entities[last.key].add_mention(
                    offset + doc[s].idx, offset + doc[i].idx + len(doc[i])
                )
                out.append((last, s, i + 1))
                continue
            country = next(
                (
                    t.ent_kb_id_.split(":", 1)[1]
                    for t in doc[s:i]
                    if t.ent_kb_id_.startswith(("country:", "demonym:"))
                ),
                None,
            )
            if len(name_tokens) < 2:
                # A bare "letter" or "documents": a source, too vague to be an entity.
                out.append((Source(f"document:{slug(name)}", name, "document", None), s, i + 1))
                continue
            entity = self.registry.add(
                Entity(
                    f"document:{slug(name)}",
                    "document",
                    name,
                    country=country,
                    source="rule:document",
                ),
                offset + doc[s].idx,
                offset + doc[i].idx + len(doc[i]),
            )
            source = Source(entity.id, name, "document", entity.id)
            self.last_document = source
            out.append((source, s, i + 1))
        return out

    def _groups(
        self, doc: Doc, offset: int, words: list[str], text: str
    ) -> list[tuple[Source, int, int]]:
        out: list[tuple[Source, int, int]] = []
        anonymous = bool(ANON_CUE.search(text))
        for i, w in enumerate(words):
            if w not in GROUP_NOUNS:
                continue
            speaks = (
                anonymous
                or (i + 1 < len(doc) and words[i + 1] in SPEECH_VERBS)
                or (doc.has_annotation("DEP") and _subject_of_speech(doc[i]))
            )
            if (
                w in {"official", "source", "person", "people", "officials", "sources"}
                and not speaks
            ):
                continue
            s = i
            while s > 0 and (
                doc[s - 1].ent_type_ in {"NORP", "GPE"}
                or doc[s - 1].ent_kb_id_.startswith(("demonym:", "country:", "metonym:"))
                or words[s - 1] in GROUP_MODIFIERS
                or words[s - 1]
                in {
                    "western",
                    "senior",
                    "u.s.",
                    "a",
                    "an",
                    "two",
                    "three",
                    "several",
                    "some",
                    "independent",
                    "military",
                    "defense",
                    "defence",
                    "intelligence",
                    "government",
                    "-",
                    "other",
                }
            ):
                s -= 1
            e = _group_tail(doc, words, i + 1)
            name = " ".join(t.text for t in doc[s:e] if t.text.lower() not in {"a", "an"})
            name = name[0].upper() + name[1:]
            entity = self.registry.add(
                Entity(f"group:{slug(name)}", "group", name, source="rule:group"),
                offset + doc[s].idx,
                offset + doc[e - 1].idx + len(doc[e - 1]),
            )
            out.append((Source(entity.id, name, "anonymous", entity.id), s, e))
        return out


GROUP_MODIFIERS = frozenset(
    {
        "one",
        "four",
        "five",
        "many",
        "eu",
        "european",
        "local",
        "health",
        "regional",
        "foreign",
        "security",
        "diplomatic",
        "former",
        "israeli",
        "palestinian",
        "american",
    }
)
GROUP_TAILS = (("familiar", "with"), ("briefed", "on"), ("close", "to"), ("with", "knowledge"))


def _subject_of_speech(tok) -> bool:  # type: ignore[no-untyped-def]
    """ "Venezuelan officials also claimed", "Officials in New Delhi said": the subject of a
    speech verb."""
    return tok.dep_ == "nsubj" and tok.head.lower_ in SPEECH_VERBS


def _group_tail(doc: Doc, words: list[str], e: int) -> int:
    """Where a group's name ends: "people familiar with the decision", "officials in New
    Delhi" (rule attribution.group)."""
    if tuple(words[e : e + 2]) in GROUP_TAILS:
        end = e + 2
        while (
            end < len(doc)
            and end - e < 8
            and words[end] not in SPEAKER_STOPS
            and words[end] not in SPEECH_VERBS
            and doc[end].pos_ not in {"VERB", "AUX"}
        ):
            end += 1
        return end
    if e + 1 < len(doc) and words[e] in {"in", "from"} and doc[e + 1].pos_ == "PROPN":
        end = e + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and end - e < 5:
            end += 1
        return end
    return e


class CitationGraph:
    """Who cites whom in one article; turns a sentence's source into a chain of hops."""

    def __init__(self) -> None:
        self.parents: dict[str, list[tuple[str, str]]] = {}
        self.sources: dict[str, Source] = {}

    def add(self, parent: Source, child: Source, how: str) -> None:
        self.sources[parent.key] = parent
        self.sources[child.key] = child
        entry = (parent.key, how)
        if entry not in self.parents.setdefault(child.key, []) and parent.key != child.key:
            self.parents[child.key].append(entry)

    def normalise(self) -> None:
        """ "X cites documents obtained by Y": X cites Y, Y holds the documents."""
        for child, parents in list(self.parents.items()):
            obtainers = [p for p, how in parents if how == "obtained_by"]
            citers = [p for p, how in parents if how != "obtained_by"]
            if obtainers and citers:
                self.parents[child] = [(p, "obtained_by") for p in obtainers]
                for obtainer in obtainers:
                    for citer in citers:
                        if citer != obtainer and not self._is_ancestor(obtainer, citer):
                            self.parents.setdefault(obtainer, []).append((citer, "cites"))

    def _is_ancestor(self, node: str, of: str, depth: int = 0) -> bool:
        if depth > 10:
            return True
        return any(
            p == node or self._is_ancestor(node, p, depth + 1) for p, _ in self.parents.get(of, [])
        )

    def chain(self, source: Source) -> list[Source]:
        """Root first: the outermost reporter the article names, down to ``source``."""
        self.sources.setdefault(source.key, source)
        path = [source]
        seen = {source.key}
        node = source.key
        while self.parents.get(node):
            parent = self.parents[node][0][0]
            if parent in seen:
                break
            seen.add(parent)
            path.append(self.sources[parent])
            node = parent
        return list(reversed(path))

    def longest_chain(self) -> list[Source]:
        best: list[Source] = []
        for key in self.sources:
            chain = self.chain(self.sources[key])
            if len(chain) > len(best):
                best = chain
        return best


def to_attribution(chain: list[Source]) -> Attribution:
    return Attribution([s.hop() for s in chain])
