"""The gold corpus: ``NNN_slug.gold.yaml`` files and their ``NNN_slug.txt`` articles.

The format is described in tests/eval/README.md. Every file is checked on load; a bad one
raises :class:`GoldError` with one line that names the file and the field, and the line of a
malformed top-level key (``012_x.gold.yaml: events.2.status: Input should be 'requested', ...``,
``012_x.gold.yaml:5: event: String should match pattern ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from newstrace.errors import GoldError
from newstrace.model import Article, OutletRef
from newstrace.model.article import normalise_text
from newstrace.model.event import PLOVER_TYPES

CODE = r"^(?:[A-Z]{3}|org:[a-z0-9][a-z0-9-]*|group:[a-z0-9][a-z0-9-]*)$"
SLUG = r"^[a-z0-9][a-z0-9-]*$"
GOLD_SUFFIX = ".gold.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldWhen(_Strict):
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> GoldWhen:
        if self.start is None and self.end is None:
            raise ValueError("give start, end or both (or write 'when: null')")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self


class GoldItem(_Strict):
    text: str | None = None  # accepted, not scored
    category: str = Field(pattern=r"^[a-z_]+$")
    system: str | None = Field(None, pattern=SLUG)
    quantity: float | None = None
    origin: str | None = Field(None, pattern=r"^[A-Z]{3}$")  # accepted, not scored
    low: float | None = None  # accepted, not scored
    high: float | None = None  # accepted, not scored
    kind: Literal["exact", "approx", "vague", "unspecified"] | None = None
    action: (
        Literal["supply", "sell", "deliver", "restore", "overhaul", "repair", "train", "other"]
        | None
    ) = None


class GoldMoney(_Strict):
    text: str | None = None  # accepted, not scored
    amount: float | None = None
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    term: str | None = None


Status = Literal["requested", "offered", "agreed", "ordered", "delivered", "cancelled", "denied"]
FactualityValue = Literal["asserted", "reported", "unconfirmed", "denied", "hypothetical", "future"]


class GoldEvent(_Strict):
    type: str
    mode: str | None = None
    status: Status | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    intermediaries: tuple[str, ...] = ()  # accepted, not scored
    contexts: tuple[str, ...] = ()  # accepted, not scored
    factuality: FactualityValue | None = None
    negated: bool | None = None
    salience: Literal["core", "context"] | None = None
    when: GoldWhen | None = None
    where: tuple[str, ...] = ()
    items: tuple[GoldItem, ...] = ()
    money: tuple[GoldMoney, ...] = ()
    attribution: tuple[str, ...] | None = None  # () = the article asserts it itself
    quote: str | None = None
    note: str | None = None  # accepted, not scored

    @field_validator("type")
    @classmethod
    def _plover(cls, value: str) -> str:
        if value not in PLOVER_TYPES:
            raise ValueError(f"{value!r} is not a PLOVER 2.0 event type")
        return value

    @field_validator("actors", "recipients", "intermediaries")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not re.match(CODE, code):
                raise ValueError(f"{code!r} is not an actor code (ISO3, org:<id>, group:<slug>)")
        return value

    @property
    def actor_set(self) -> frozenset[str]:
        return frozenset(self.actors)

    @property
    def recipient_set(self) -> frozenset[str]:
        return frozenset(self.recipients)


class GoldFile(_Strict):
    id: str = Field(pattern=r"^\d{3}$")
    story: str = Field(pattern=SLUG)  # the topic (tests/eval/README.md)
    #: the real-world event, or deal lifecycle, of the article's headline event; ``None``: not
    #: labelled yet (the report is merged but not scored at event level)
    event: str | None = Field(None, pattern=SLUG)
    outlet: str | None = None
    published: date | None = None
    words: int | None = None
    events: tuple[GoldEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of the corpus: its text and its gold."""

    path: Path  # the .gold.yaml file
    title: str
    text: str  # normalised, title included (as `newstrace analyze` reads a .txt file)
    gold: GoldFile

    @property
    def id(self) -> str:
        return self.gold.id

    @property
    def events(self) -> tuple[GoldEvent, ...]:
        return self.gold.events

    def article(self) -> Article:
        """The article as ``newstrace analyze FILE --published ... --outlet ...`` reads it."""
        return Article(
            text=self.text,
            source=self.path.name.removesuffix(GOLD_SUFFIX) + ".txt",
            outlet=OutletRef(None, self.gold.outlet),
            title=self.title,
            published=self.gold.published,
            published_basis="option" if self.gold.published else "unknown",
            language="en",
        )


@dataclass(slots=True)
class Corpus:
    articles: list[GoldArticle] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def stories(self) -> set[str]:
        return {a.gold.story for a in self.articles}

    @property
    def events(self) -> set[str]:
        """The event labels given (articles without one are left out)."""
        return {a.gold.event for a in self.articles if a.gold.event is not None}

    @property
    def types(self) -> set[str]:
        return {e.type for a in self.articles for e in a.events}


def load_corpus(directory: Path | str) -> Corpus:
    """Every article of ``directory`` with its gold, in file-name order.

    A gold file without its article, or a malformed one, raises :class:`GoldError`; an article
    without a gold file is left out with a warning (its gold is still being written).
    """
    base = Path(directory)
    if not base.is_dir():
        raise GoldError("no such corpus directory", source=str(base))
    corpus = Corpus()
    seen: dict[str, Path] = {}
    for path in sorted(base.glob(f"*{GOLD_SUFFIX}")):
        article = load_gold(path)
        if article.id in seen:
            raise GoldError(
                f"id: {article.id!r} is also the id of {seen[article.id].name}", source=path.name
            )
        seen[article.id] = path
        corpus.articles.append(article)
    for txt in sorted(base.glob("*.txt")):
        if not txt.with_name(txt.stem + GOLD_SUFFIX).exists():
            corpus.warnings.append(f"{txt.name}: no gold file yet; left out")
    return corpus


def load_gold(path: Path | str) -> GoldArticle:
    """One gold file and its sibling article, checked."""
    path = Path(path)
    name = path.name
    if not name.endswith(GOLD_SUFFIX):
        raise GoldError(f"a gold file's name ends in {GOLD_SUFFIX}", source=name)
    stem = name.removesuffix(GOLD_SUFFIX)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise GoldError(f"cannot read: {err.strerror}", source=name) from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise GoldError(f"not valid YAML: {getattr(err, 'problem', err)}", source=where) from err
    if not isinstance(data, dict):
        raise GoldError("expected a mapping (id, story, outlet, published, events)", source=name)
    try:
        gold = GoldFile.model_validate(data)
    except ValidationError as err:
        raise GoldError(_first_error(err), source=_where(name, path, err)) from err
    if not stem.startswith(gold.id + "_"):
        raise GoldError(f"id: {gold.id!r} is not the number of the file name", source=name)
    title, text = _read_article(path.with_name(stem + ".txt"))
    folded = fold(text)
    for n, event in enumerate(gold.events):
        if event.quote is not None and fold(event.quote) not in folded:
            raise GoldError(f"events.{n}.quote: {event.quote!r} is not in {stem}.txt", source=name)
    return GoldArticle(path=path, title=title, text=text, gold=gold)


def _read_article(path: Path) -> tuple[str, str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(
            "no article: the .txt file of the same name is missing", source=path.name
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read the article: {err}", source=path.name) from err
    text = normalise_text(raw)
    lines = raw.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines[0].strip():
        raise GoldError("line 1: the title is missing", source=path.name)
    if len(lines) < 3 or lines[1].strip():
        raise GoldError("line 2: a blank line must follow the title", source=path.name)
    if not "".join(lines[2:]).strip():
        raise GoldError("the article has a title but no body", source=path.name)
    return lines[0].strip(), text


def _where(name: str, path: Path, err: ValidationError) -> str:
    """``name:line`` when the first error is in a top-level key the file writes, else ``name``."""
    loc = err.errors()[0]["loc"]
    if len(loc) != 1 or not isinstance(loc[0], str):
        return name
    key = re.compile(rf"^{re.escape(loc[0])}\s*:")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if key.match(line):
            return f"{name}:{number}"
    return name


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(file)"
    message = str(first["msg"]).removeprefix("Value error, ")
    value = first.get("input")
    shown = "" if isinstance(value, dict | list) else f" (got {value!r})"
    return f"{loc}: {message}{shown}"


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Case, quote marks and runs of white space do not count when finding a quote."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).casefold().strip()
