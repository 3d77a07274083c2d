"""Items of materiel and services in a sentence: "14 missile units", "the restoration of several
Russian-made Sukhoi Su-30MK2 fighter jets", "overhauls of eight engines and five radars",
"unspecified logistical support".

Works on the tokens alone (so list items and other unparsed segments are read too), using the
materiel vocabulary and the weapon-system entities the knowledge ruler marked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newstrace.extract.quantities import (
    QUANTITY_PHRASES,
    QUANTITY_TOKENS,
    number_value,
    parse_quantity,
)
from newstrace.model import Evidence, Item, Quantity
from newstrace.nlp.knowledge import Knowledge, MaterielEntry

# Words after a materiel noun that make it a modifier, not an item ("air defense capabilities").
MODIFIED = frozenset(
    [
        "capabilities",
        "capability",
        "forces",
        "force",
        "network",
        "networks",
        "sector",
        "industry",
        "industries",
        "cooperation",
        "ties",
        "presence",
        "program",
        "programme",
        "programs",
        "deal",
        "deals",
        "contract",
        "contracts",
        "exports",
        "export",
        "sales",
        "market",
        "budget",
        "strategy",
        "officials",
        "official",
        "experts",
        "company",
        "companies",
        "maker",
        "makers",
        "manufacturer",
        "plant",
        "factory",
        "base",
        "bases",
        "crews",
        "crew",
        "pilots",
        "pilot",
        "doctrine",
        "umbrella",
        "shield",
        "unit's",
        "exercise",
        "exercises",
        "drills",
        "strike",
        "strikes",
        "attack",
        "attacks",
        "maintenance",
        "production",
        "purchases",
        "purchase",
        "procurement",
        "plan",
        "plans",
        "request",
        "requests",
        "technology",
        "technologies",
    ]
)
# Words right before a materiel noun that make it civilian: "cargo ships", "fuel tanks",
# "think tanks", "aid trucks".
CIVILIAN = frozenset(
    {
        "cargo",
        "merchant",
        "container",
        "commercial",
        "civilian",
        "fishing",
        "passenger",
        "fuel",
        "oil",
        "water",
        "storage",
        "think",
        "aid",
        "bulk",
        "abandoned",
    }
)
# Heads that name many of a thing at once: "a" counts them, not the items ("a missile salvo").
COLLECTIVE = frozenset({"salvo", "barrage"})
# Words that may stand inside an item's noun phrase, before the head.
MODIFIER_WORDS = frozenset(
    [
        "new",
        "modern",
        "advanced",
        "additional",
        "used",
        "second-hand",
        "secondhand",
        "refurbished",
        "upgraded",
        "older",
        "long-range",
        "short-range",
        "medium-range",
        "mobile",
        "heavy",
        "light",
        "armored",
        "armoured",
        "military",
        "air",
        "naval",
        "ground",
        "air-defense",
        "anti-aircraft",
        "anti-tank",
        "anti-ship",
        "ballistic",
        "cruise",
        "surface-to-air",
        "air-to-air",
        "guided",
        "unguided",
        "precision-guided",
        "attack",
        "combat",
        "fighter",
        "multirole",
        "transport",
        "logistical",
        "logistic",
        "logistics",
        "technical",
        "self-propelled",
        "portable",
        "made",
        "built",
        "designed",
        "produced",
        "supplied",
        "western",
        "soviet-era",
        "soviet-made",
        "advanced-model",
        "tactical",
        "strategic",
        "hypersonic",
        "interceptor",
        "interceptors",
        "air-to-surface",
        "kamikaze",
        "loitering",
        "unmanned",
    ]
)
SHIP_PREFIXES = frozenset({"uss", "hms", "ins", "hmcs", "hmas", "rfs"})  # one named ship
SERVICES = frozenset({"logistics", "training", "maintenance", "financing"})
# Services that are given, not sold or handed over: their action is "other" unless a noun or
# verb says more ("training" is "train" by its own entry).
OTHER_SERVICES = frozenset({"logistics", "maintenance"})
# What a named system does not override: "spare parts for F-16s" are spare parts, "training on
# the Patriot" is training.
KEEP_CATEGORY = frozenset(
    {
        "engine",
        "radar",
        "spare_parts",
        "logistics",
        "maintenance",
        "training",
        "troops",
        "ammunition",
    }
)
# "<vague noun> of <item>": "hundreds of ballistic missiles", "large numbers of Igla-S missiles",
# "a limited number of drones": a vague quantity.
VAGUE_OF = frozenset(
    {"hundreds", "thousands", "dozens", "millions", "scores", "tens", "lots", "number", "numbers"}
)
VAGUE_OF_MODIFIERS = frozenset(
    {"a", "an", "large", "small", "limited", "significant", "big", "huge", "great", "growing"}
)
# "<number> <container> of <item>": "14 sets of missiles", "13,000 containers of shells".
CONTAINERS = frozenset(
    {
        "set",
        "sets",
        "container",
        "containers",
        "batch",
        "batches",
        "consignment",
        "consignments",
        "shipment",
        "shipments",
        "crate",
        "crates",
        "unit",
        "units",
    }
)
# Words after a number that modify the noun, not the number: "3,000 additional troops",
# "seven more Patriot systems", "eight other warships".
AFTER_NUMBER = frozenset({"more", "additional", "other", "further", "extra", "new"})
# Dependency labels of the words a parsed noun phrase holds before its head.
NP_DEPS = frozenset({"amod", "compound", "nummod", "quantmod", "nmod", "npadvmod"})


@dataclass(slots=True)
class ItemMention:
    item: Item
    start: int  # absolute offsets
    end: int
    head: str


class MaterielLexicon:
    """Materiel nouns by their lowercase token sequence, longest first."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.terms: dict[tuple[str, ...], MaterielEntry] = {}
        self.actions: dict[str, MaterielEntry] = {}
        for entry in knowledge.materiel:
            for form in entry.forms():
                key = tuple(form.lower().replace("-", " - ").split())
                if entry.action:
                    self.actions[form.lower().split()[0]] = entry
                else:
                    self.terms[key] = entry
        self.max_len = max((len(k) for k in self.terms), default=1)

    def match_at(self, words: list[str], i: int) -> tuple[int, MaterielEntry] | None:
        for n in range(min(self.max_len, len(words) - i), 0, -1):
            entry = self.terms.get(tuple(words[i : i + n]))
            if entry is not None:
                return n, entry
        return None


def find_items(
    doc: Doc,
    offset: int,
    lexicon: MaterielLexicon,
    weapon_of: Callable[[str], tuple[str, str | None, str | None]],
    default_action: str = "supply",
) -> list[ItemMention]:
    """Items named in ``doc``. ``weapon_of(kb_id)`` gives (entity id, category, origin)."""
    words = [_norm(t) for t in doc]
    weapon_tokens: dict[int, str] = {}
    origin_tokens: dict[int, str] = {}
    org_tokens: set[int] = set()  # "Raytheon Missiles & Defense" names a company, not missiles
    for ent in doc.ents:
        if ent.label_ == "WEAPON":
            for i in range(ent.start, ent.end):
                weapon_tokens[i] = ent.kb_id_
        elif ent.label_ in {"NORP", "GPE"} and ent.kb_id_:
            nxt = doc[ent.end : ent.end + 2].text.lower().replace(" ", "")
            if nxt in {"-made", "-built", "-designed", "-produced", "made", "built"}:
                origin_tokens[ent.start] = ent.kb_id_.split(":", 1)[1]
        elif ent.label_ == "ORG" and not ent.kb_id_.startswith("country:"):
            org_tokens.update(range(ent.start, ent.end))
    heads: list[tuple[int, int, MaterielEntry | None]] = []  # (start, end) of the head, entry
    entry: MaterielEntry | None
    i = 0
    while i < len(doc):
        hit = lexicon.match_at(words, i) if i not in org_tokens else None
        if hit:
            n, entry = hit
            # Extend over following materiel words: "missile units", "fighter jets".
            j = i + n
            while j < len(doc):
                more = lexicon.match_at(words, j)
                if not more:
                    break
                n2, entry2 = more
                entry = entry2 if not entry2.unit or entry.unit else entry
                j += n2
            heads.append((i, j, entry))
            i = j
            continue
        if i in weapon_tokens:
            j = i
            while j < len(doc) and weapon_tokens.get(j) == weapon_tokens[i]:
                j += 1
            if lexicon.match_at(words, j) is None:  # a bare system name: "S-300VM"
                heads.append((i, j, None))
            i = j
            continue
        i += 1

    mentions: list[ItemMention] = []
    carried_action: str | None = None
    carried_vague: Quantity | None = None
    prev_end = -1
    for start, end, entry in heads:
        if end < len(doc) and (words[end] in MODIFIED or _is_noun_compound(doc[end])):
            continue
        if end < len(doc) and words[end] == "'s":
            continue
        if entry is not None and entry.unit and end < len(doc) and words[end] == "of":
            continue  # "14 sets of missiles": the missiles are the item
        before = start - 2 if start >= 2 and words[start - 1] == "-" else start - 1
        if entry is not None and before >= 0 and words[before] in CIVILIAN:
            continue  # "a cargo ship", "fuel tanks", "a think-tank", "abandoned ship"
        # Walk left over the noun phrase: modifiers, systems, origins, quantity words.
        left, q_end = _phrase_start(doc, words, start, end, weapon_tokens, lexicon)
        q_words = [t.text for t in doc[left:q_end]]
        k = q_end
        # "a"/"an" only counts with a singular head.
        article_only = [w.lower() for w in q_words] in (["a"], ["an"])
        if article_only and (_plural(doc[start:end]) or words[end - 1] in COLLECTIVE):
            q_words = []  # "a missile salvo" counts a salvo, not missiles
        quantity = parse_quantity(q_words) or Quantity(None, kind="unspecified")
        text_start = left
        if not q_words:
            # "hundreds of ballistic missiles", "more than 13,000 containers of artillery shells"
            of_quantity = _of_quantity(doc, words, left)
            if of_quantity is not None:
                quantity, text_start = of_quantity
        if not q_words and words[left] in SHIP_PREFIXES:
            quantity = Quantity(1, kind="exact", word=doc[left].text)  # "USS Gerald R. Ford"
        if q_words and quantity.kind == "unspecified" and quantity.word is None:
            q_words = []
        coordinated = _coordinated(words, prev_end, left)
        if quantity.word is None and carried_vague is not None and coordinated:
            quantity = carried_vague  # "hundreds of ballistic missiles and drones"
        carried_vague = quantity if quantity.kind == "vague" and not q_words else None
        system = None
        category = entry.category if entry else None
        origin = None
        for t in range(left, end):
            if t in weapon_tokens:
                system_id, w_category, w_origin = weapon_of(weapon_tokens[t])
                system = system_id
                if entry is None or entry.unit or category in {None, "other", "equipment"}:
                    category = w_category
                elif entry.category not in KEEP_CATEGORY:
                    category = w_category or category  # "Shahed-136 drones": loitering munitions
                origin = w_origin
            if t in origin_tokens:
                origin = origin_tokens[t]
        if entry is not None and entry.unit and system is None:
            # "14 missile units": the category comes from the words before the counting noun.
            for t in range(start - 1, k - 1, -1):
                hit = lexicon.match_at(words, t)
                if hit and not hit[1].unit:
                    category = hit[1].category
                    break
        if category is None or category == "other":
            category = category or "other"
        # Action: from "restoration of" / "overhauls of" before the phrase, or carried along a
        # coordination ("overhauls of eight engines and five radars").
        action = _action_before(doc, words, text_start, lexicon)
        if action is None and carried_action and coordinated and category not in SERVICES:
            action = carried_action
        carried_action = action if action else (carried_action if coordinated else None)
        if action is None and category in OTHER_SERVICES:
            action = "other"
        bare = quantity.word is None and system is None
        if bare and entry is not None and entry.unit:
            continue  # "complex" alone is an adjective, "units" alone says nothing
        if (
            bare
            and entry is not None
            and entry.category in {"equipment", "vehicle"}
            and start == left
        ):
            continue  # "weapons" alone is too vague to be an item
        item = Item(
            text=doc[text_start:end].text,
            category=category,
            system=system,
            origin=origin,
            quantity=quantity,
            action=action or default_action,
            evidence=[
                Evidence(
                    offset + doc[text_start].idx,
                    offset + doc[end - 1].idx + len(doc[end - 1]),
                    "items.np",
                )
            ],
        )
        if mentions and prev_end >= 0 and words[prev_end:left] == ["for"]:
            # "spare parts for F-16 fighter jets", "ammunition for HIMARS rocket launchers": what
            # the first item is for names its system; it is not an item of its own.
            served = mentions[-1].item
            served.system = served.system or system
            served.origin = served.origin or origin
            continue
        mentions.append(
            ItemMention(
                item, item.evidence[0].start, item.evidence[0].end, " ".join(words[start:end])
            )
        )
        prev_end = end
    return mentions


def _norm(token: Token) -> str:
    return token.lower_.replace("’", "'")


def _plural(span: object) -> bool:
    text = str(span).lower()
    return text.endswith("s") and not text.endswith("ss")


def _is_noun_compound(token: Token) -> bool:
    """In a parsed sentence: the next token is a noun this one modifies."""
    return bool(
        token.doc.has_annotation("DEP")
        and token.pos_ == "NOUN"
        and token.i > 0
        and token.doc[token.i - 1].dep_ == "compound"
        and token.doc[token.i - 1].head == token
    )


def _phrase_start(
    doc: Doc,
    words: list[str],
    start: int,
    end: int,
    weapons: dict[int, str],
    lexicon: MaterielLexicon,
) -> tuple[int, int]:
    """Where the noun phrase of the head ``doc[start:end]`` begins, and where its quantity words
    end: (left, q_end), the quantity being ``doc[left:q_end]`` (empty when left == q_end).

    The phrase is [quantity] [modifiers] head, in that order: once a quantity word is passed
    ("eight other US warships"), only quantity words may stand further left, and nothing but
    "half" before "a"/"an" ("In March 2024 a missile", "send Ukraine a Patriot battery").
    """
    left = start
    q_end: int | None = None
    while left > 0:
        t = left - 1
        w = words[t]
        phrase = _phrase_before(words, t)
        if phrase:  # "more than", "up to", "as many as"
            if q_end is not None and words[left] in {"a", "an"}:
                break
            q_end = left if q_end is None else q_end
            left -= phrase
            continue
        if w in {"to", "and", "-", "–"} and _between_numbers(words, t):
            left -= 1  # "11,000 to 12,000"
            continue
        if w in AFTER_NUMBER and q_end is None:
            left -= 1  # "seven more Patriot systems", "eight other warships"
            continue
        is_q = _quantity_word(words, t)
        if q_end is not None and (not is_q or (words[left] in {"a", "an"} and w != "half")):
            break
        if is_q:
            q_end = left if q_end is None else q_end
            left -= 1
            continue
        if not _np_word(doc[t], w, weapons, lexicon, end):
            break
        left -= 1
    return left, left if q_end is None else q_end


def _phrase_before(words: list[str], t: int) -> int:
    """The length of a quantity phrase of several words ending at ``t``, or 0."""
    for phrase in QUANTITY_PHRASES:
        n = len(phrase)
        if t - n + 1 >= 0 and tuple(words[t - n + 1 : t + 1]) == phrase:
            return n
    return 0


def _quantity_word(words: list[str], t: int) -> bool:
    """A number or quantity word ("more", "additional", "other" modify the noun: "3,000
    additional troops")."""
    w = words[t]
    if number_value(w) is not None:
        return True
    return w in QUANTITY_TOKENS and w not in AFTER_NUMBER


def _between_numbers(words: list[str], t: int) -> bool:
    return (
        0 < t < len(words) - 1
        and number_value(words[t - 1]) is not None
        and number_value(words[t + 1]) is not None
    )


def _of_quantity(doc: Doc, words: list[str], left: int) -> tuple[Quantity, int] | None:
    """The quantity of "<vague noun> of <item>" or "<number> <container> of <item>", and where
    its words begin: "hundreds of", "a limited number of", "14 sets of", "more than 13,000
    containers of"."""
    of = left - 1
    if of >= 1 and words[of] in {"the", "its", "their"}:
        of -= 1
    if of < 1 or words[of] != "of":
        return None
    j = of - 1
    if words[j] in VAGUE_OF:
        if words[j] in {"number", "numbers"} and (j == 0 or words[j - 1] not in VAGUE_OF_MODIFIERS):
            return None
        begin = j
        while begin > 0 and (
            words[begin - 1] in VAGUE_OF_MODIFIERS
            or (words[begin - 1] == "of" and begin > 1 and words[begin - 2] in VAGUE_OF)
            or words[begin - 1] in VAGUE_OF
        ):
            begin -= 1
        text = doc[begin:of].text
        return Quantity(None, kind="vague", word=text), begin
    if words[j] in CONTAINERS:
        begin = j
        while begin > 0 and (_quantity_word(words, begin - 1) or _phrase_before(words, begin - 1)):
            begin -= _phrase_before(words, begin - 1) or 1
        quantity = parse_quantity([t.text for t in doc[begin:j]])
        if quantity is not None and quantity.word is not None:
            return quantity, begin
    return None


def _np_word(
    token: Token, word: str, weapons: dict[int, str], lexicon: MaterielLexicon, end: int
) -> bool:
    if token.i in weapons:
        return True
    verb = token.doc.has_annotation("DEP") and token.pos_ in {"VERB", "AUX"}
    if verb and not (token.i > 0 and token.doc[token.i - 1].text in {"-", "–"}):
        return False  # "had used long-range weapons", "supplied drones" (not "U.S.-supplied")
    if word in MODIFIER_WORDS:
        return True
    if word in {"-"}:
        return True
    if token.ent_type_ in {"NORP", "GPE", "ORG"} and token.ent_type_ != "":
        if token.ent_type_ == "NORP" or token.ent_kb_id_.startswith("country:"):
            return True
    elif lexicon.match_at([word], 0):
        return True
    if word.endswith(("-made", "-built", "-range", "-class", "-era")):
        return True
    # In a parsed sentence: a modifier of a word of the phrase ("stealth", "Navy", "other").
    return bool(
        token.doc.has_annotation("DEP")
        and token.dep_ in NP_DEPS
        and token.i < token.head.i < end
        and token.pos_ in {"ADJ", "NOUN", "PROPN"}
    )


def _action_before(doc: Doc, words: list[str], left: int, lexicon: MaterielLexicon) -> str | None:
    """The action noun governing the phrase: "(the) restoration of ..."."""
    if left >= 2 and words[left - 1] == "of":
        entry = lexicon.actions.get(words[left - 2])
        if entry is not None:
            return entry.action
    if left >= 1:
        word = words[left - 1]
        entry = lexicon.actions.get(word)
        if entry is not None and (
            word in {"training", "maintenance", "servicing"} or word.endswith("ing")
        ):
            return entry.action  # "servicing the jets", "overhauling aircraft engines"
    return None


def _coordinated(words: list[str], prev_end: int, left: int) -> bool:
    if prev_end < 0 or left <= prev_end:
        return False
    between = words[prev_end:left]
    return bool(between) and all(w in {",", "and", "or", "as", "well"} for w in between)


# Generic categories a bare mention may restate with a more specific one: "missiles" for "60
# Harpoon anti-ship missiles", "drones" for "Shahed-136 drones".
_GENERIC = {
    "missile": frozenset(
        {
            "ballistic_missile",
            "cruise_missile",
            "hypersonic_missile",
            "anti_ship_missile",
            "anti_tank_missile",
            "air_to_air_missile",
            "manpads",
        }
    ),
    "drone": frozenset({"loitering_munition"}),
}


def holds_item(event_type: str, item: Item) -> bool:
    """Whether an event of ``event_type`` can hold ``item`` (the gold convention,
    tests/eval/README.md): an agreement, a rejection or a sanction names materiel that another
    event moves ("agreed to supply 14 missiles": the supply holds them); soldiers in an attack
    are its actors or victims, not materiel it uses."""
    if event_type in {"AGREE", "REJECT", "SANCTION"}:
        return False
    return not (event_type == "ASSAULT" and item.category == "troops")


def restated(known: Item, new: Item) -> Item | None:
    """One item when one of the two is a bare mention (no number, no system) of the other, told
    again in another sentence of the same event ("missiles" in the title, "14 missile units" in
    the text): the more specific item, with the evidence of both. None when they are two items."""

    def bare(item: Item) -> bool:
        return item.quantity.kind == "unspecified" and item.system is None

    def covers(general: Item, specific: Item) -> bool:
        return general.category == specific.category or specific.category in _GENERIC.get(
            general.category, frozenset()
        )

    if bare(known) and not bare(new) and covers(known, new):
        kept, other = new, known
    elif bare(new) and covers(new, known):
        kept, other = known, new
    else:
        return None
    kept.evidence += [e for e in other.evidence if e not in kept.evidence]
    return kept
