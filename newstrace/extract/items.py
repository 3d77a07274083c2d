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

from newstrace.extract.quantities import QUANTITY_WORDS, number_value, parse_quantity
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
    ]
)
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
    for ent in doc.ents:
        if ent.label_ == "WEAPON":
            for i in range(ent.start, ent.end):
                weapon_tokens[i] = ent.kb_id_
        elif ent.label_ in {"NORP", "GPE"} and ent.kb_id_:
            nxt = doc[ent.end : ent.end + 2].text.lower().replace(" ", "")
            if nxt in {"-made", "-built", "-designed", "-produced", "made", "built"}:
                origin_tokens[ent.start] = ent.kb_id_.split(":", 1)[1]
    heads: list[tuple[int, int, MaterielEntry | None]] = []  # (start, end) of the head, entry
    entry: MaterielEntry | None
    i = 0
    while i < len(doc):
        hit = lexicon.match_at(words, i)
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
    prev_end = -1
    for start, end, entry in heads:
        if end < len(doc) and (words[end] in MODIFIED or _is_noun_compound(doc[end])):
            continue
        if end < len(doc) and words[end] == "'s":
            continue
        # Walk left over the noun phrase: modifiers, systems, origins, quantity words.
        left = start
        while left > 0 and _np_word(doc[left - 1], words[left - 1], weapon_tokens, lexicon):
            left -= 1
        q_words: list[str] = []
        q_start = left
        k = left
        while k < start and (words[k] in QUANTITY_WORDS or number_value(words[k]) is not None):
            q_words.append(doc[k].text)
            k += 1
        # "a"/"an" only counts with a singular head.
        if q_words and [w.lower() for w in q_words] in (["a"], ["an"]) and _plural(doc[start:end]):
            q_words = []
        quantity = parse_quantity(q_words) or Quantity(None, kind="unspecified")
        if not q_words and words[left] in SHIP_PREFIXES:
            quantity = Quantity(1, kind="exact", word=doc[left].text)  # "USS Gerald R. Ford"
        if q_words and quantity.kind == "unspecified" and quantity.word is None:
            q_words = []
        system = None
        category = entry.category if entry else None
        origin = None
        for t in range(q_start, end):
            if t in weapon_tokens:
                system_id, w_category, w_origin = weapon_of(weapon_tokens[t])
                system = system_id
                if entry is None or entry.unit or category in {None, "other", "equipment"}:
                    category = w_category
                elif entry.category in {"fighter_aircraft", "transport_aircraft", "missile"}:
                    category = w_category or category
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
        action = _action_before(doc, words, left, lexicon)
        if (
            action is None
            and carried_action
            and _coordinated(words, prev_end, left)
            and category not in SERVICES
        ):
            action = carried_action
        carried_action = (
            action if action else (carried_action if _coordinated(words, prev_end, left) else None)
        )
        bare = not q_words and system is None
        if bare and entry is not None and entry.unit:
            continue  # "complex" alone is an adjective, "units" alone says nothing
        if (
            bare
            and entry is not None
            and entry.category in {"equipment", "vehicle"}
            and start == left
        ):
            continue  # "weapons" alone is too vague to be an item
        text_start = left
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


def _np_word(token: Token, word: str, weapons: dict[int, str], lexicon: MaterielLexicon) -> bool:
    if token.i in weapons or word in MODIFIER_WORDS or word in QUANTITY_WORDS - {"and", "to"}:
        return True
    if number_value(word) is not None:
        return True
    if word in {"-"}:
        return True
    if token.ent_type_ in {"NORP", "GPE", "ORG"} and token.ent_type_ != "":
        return token.ent_type_ == "NORP" or bool(token.ent_kb_id_.startswith("country:"))
    if lexicon.match_at([word], 0):
        return True
    return word.endswith(("-made", "-built", "-range", "-class", "-era"))


def _action_before(doc: Doc, words: list[str], left: int, lexicon: MaterielLexicon) -> str | None:
    """The action noun governing the phrase: "(the) restoration of ..."."""
    if left >= 2 and words[left - 1] == "of":
        entry = lexicon.actions.get(words[left - 2])
        if entry is not None:
            return entry.action
    if left >= 1:
        entry = lexicon.actions.get(words[left - 1])
        if entry is not None and words[left - 1] in {"training", "maintenance", "servicing"}:
            return entry.action
    return None


def _coordinated(words: list[str], prev_end: int, left: int) -> bool:
    if prev_end < 0 or left <= prev_end:
        return False
    between = words[prev_end:left]
    return bool(between) and all(w in {",", "and", "or", "as", "well"} for w in between)
