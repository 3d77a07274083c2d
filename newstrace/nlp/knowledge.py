"""The project's knowledge: countries, places, people, organisations, outlets, weapons, titles,
event triggers. Loaded from the YAML data files in ``nlp/resources/`` and checked at load: a bad
entry raises :class:`~newstrace.errors.KnowledgeError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newstrace.errors import KnowledgeError

SLUG = r"^[a-z0-9][a-z0-9-]*$"
ISO3 = r"^[A-Z]{3}$"

WEAPON_CATEGORIES = (
    "fighter_aircraft",
    "bomber",
    "attack_aircraft",
    "transport_aircraft",
    "helicopter",
    "drone",
    "loitering_munition",
    "air_defense",
    "ballistic_missile",
    "cruise_missile",
    "hypersonic_missile",
    "anti_ship_missile",
    "anti_tank_missile",
    "air_to_air_missile",
    "manpads",
    "rocket_artillery",
    "artillery",
    "tank",
    "armored_vehicle",
    "warship",
    "submarine",
    "aircraft_carrier",
    "radar",
    "small_arms",
    "ammunition",
    "electronic_warfare",
    "communications",
    "other",
)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    line: int = Field(0, alias="__line__")


class Capital(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class CountryEntry(_Entry):
    iso3: str = Field(pattern=ISO3)
    names: list[str] = []
    demonyms: list[str] = []
    capital: Capital | None = None
    metonyms: list[str] = []
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")


class PlaceEntry(_Entry):
    id: str = Field(pattern=SLUG)
    name: str
    aliases: list[str] = []
    kind: Literal["city", "region", "sea", "strait", "base", "island", "continent", "area"]
    country: str | None = Field(None, pattern=ISO3)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")


class RoleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    title: str
    of: str | None = None
    start: str | None = Field(None, alias="from", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end: str | None = Field(None, alias="to", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date_to_str(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):  # YAML reads `to: 2021` as int
            return str(value)
        return value.isoformat() if hasattr(value, "isoformat") else value


class PersonEntry(_Entry):
    id: str = Field(pattern=SLUG)
    name: str
    aliases: list[str] = []
    country: str | None = Field(None, pattern=ISO3)
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")
    roles: list[RoleEntry] = []


class OrganizationEntry(_Entry):
    id: str = Field(pattern=SLUG)
    name: str
    aliases: list[str] = []
    kind: Literal[
        "company",
        "state_company",
        "ministry",
        "military",
        "intergovernmental",
        "agency",
        "armed_group",
        "party",
        "government",
        "ngo",
        "other",
    ]
    country: str | None = Field(None, pattern=ISO3)
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")


class OutletEntry(_Entry):
    id: str = Field(pattern=SLUG)
    name: str
    aliases: list[str] = []
    country: str | None = Field(None, pattern=ISO3)
    domains: list[str] = []
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")
    kind: Literal[
        "wire",
        "newspaper",
        "broadcaster",
        "magazine",
        "online",
        "state_media",
        "trade_press",
        "osint",
        "blog",
    ]
    reliability: Literal["A", "B", "C", "D", "E", "F"] = "F"


class WeaponEntry(_Entry):
    id: str = Field(pattern=SLUG)
    name: str
    aliases: list[str] = []
    family: str | None = Field(None, pattern=SLUG)
    category: str
    origin: str | None = Field(None, pattern=ISO3)
    maker: str | None = None
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in WEAPON_CATEGORIES:
            raise ValueError(f"unknown category {value!r}")
        return value


class TitleEntry(_Entry):
    title: str
    aliases: list[str] = []
    kind: Literal[
        "head_of_state",
        "head_of_government",
        "minister",
        "deputy_minister",
        "military",
        "diplomat",
        "spokesperson",
        "legislator",
        "official",
        "executive",
        "leader",
    ]
    portfolio: str | None = None


class TriggerEntry(_Entry):
    """An event trigger: a word (by lemma) or phrase that can announce an event of ``type``."""

    lemma: str
    pos: list[Literal["VERB", "NOUN", "ADJ"]] = ["VERB", "NOUN"]
    type: str
    mode: str | None = None
    contexts: list[str] = []
    status: str | None = None
    action: (
        Literal["supply", "sell", "deliver", "restore", "overhaul", "repair", "train", "other"]
        | None
    ) = None
    needs_object: list[str] = []  # words one of which must be near (e.g. "operation" for launch)
    not_with: list[
        str
    ] = []  # objects that cancel the trigger (a "delivered appeal" is no delivery)
    forms: list[str] = []  # inflected forms, added to the generated ones

    @field_validator("needs_object", "not_with")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.lower() for v in value]

    @field_validator("type")
    @classmethod
    def _plover(cls, value: str) -> str:
        from newstrace.model.event import PLOVER_TYPES

        if value not in PLOVER_TYPES:
            raise ValueError(f"{value!r} is not a PLOVER 2.0 event type")
        return value


class MaterielEntry(_Entry):
    """A noun for materiel or services, or an action noun ("restoration of")."""

    term: str
    plural: str | None = None
    category: str | None = None
    unit: bool = False
    action: (
        Literal["supply", "sell", "deliver", "restore", "overhaul", "repair", "train", "other"]
        | None
    ) = None

    def forms(self) -> tuple[str, str]:
        plural = self.plural or (
            self.term[:-1] + "ies"
            if self.term.endswith("y") and self.term[-2:-1] not in "aeiou"
            else self.term + "s"
        )
        return self.term, plural


class GroupEntry(_Entry):
    """A common noun naming a group that can act: "protesters", "militants", "allies"."""

    term: str
    kind: Literal["civilian", "non_state", "coalition"]


E = TypeVar("E", bound=_Entry)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line number under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = cast("dict[str, Any]", loader.construct_mapping(node, deep=True))
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_entries(path: Path | str, model: type[E], *, name: str | None = None) -> list[E]:
    """Load and check the ``entries`` of one knowledge file."""
    label = name or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise KnowledgeError(f"cannot read knowledge file: {err.strerror}", source=label) from err
    return parse_entries(text, model, name=label)


def parse_entries(text: str, model: type[E], *, name: str) -> list[E]:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise KnowledgeError(
            f"not valid YAML: {getattr(err, 'problem', err)}", source=where
        ) from err
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise KnowledgeError("expected a mapping with an 'entries' list", source=name)
    if not data.get("source"):
        raise KnowledgeError("missing 'source': say where the facts come from", source=name)
    entries: list[E] = []
    for raw in data["entries"]:
        line = raw.get("__line__", 0) if isinstance(raw, dict) else 0
        if not isinstance(raw, dict):
            raise KnowledgeError("each entry must be a mapping", source=name)
        try:
            entries.append(model.model_validate(_strip_nested_lines(raw)))
        except ValidationError as err:
            first = err.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise KnowledgeError(f"{loc}: {first['msg']}", source=f"{name}:{line}") from err
    return entries


def _strip_nested_lines(raw: dict[str, Any]) -> dict[str, Any]:
    """Keep the entry's own ``__line__``; drop the ones recorded on nested mappings."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "__line__"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return {k: (v if k == "__line__" else strip(v)) for k, v in raw.items()}


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form that names a knowledge entry."""

    text: str
    kind: str  # country | demonym | metonym | capital | place | person | organization | outlet | weapon | title
    key: str  # the entry's key: ISO3 for countries, id for the others, title for titles
    priority: int = 1  # lower wins among equally long matches


@dataclass(slots=True)
class Knowledge:
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> display name
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    organizations: dict[str, OrganizationEntry] = field(default_factory=dict)
    outlets: dict[str, OutletEntry] = field(default_factory=dict)
    weapons: dict[str, WeaponEntry] = field(default_factory=dict)
    titles: dict[str, TitleEntry] = field(default_factory=dict)
    triggers: list[TriggerEntry] = field(default_factory=list)
    materiel: list[MaterielEntry] = field(default_factory=list)
    groups: dict[str, GroupEntry] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    _outlet_index: dict[str, str] = field(default_factory=dict, repr=False)

    def country_name(self, iso3: str | None) -> str | None:
        if iso3 is None:
            return None
        return self.country_names.get(iso3, iso3)

    def outlet_by_name(self, name: str) -> OutletEntry | None:
        """The outlet named ``name`` (an alias, any case, "the" optional) or by a domain."""
        if not self._outlet_index:
            for alias in self.aliases:
                if alias.kind == "outlet":
                    self._outlet_index.setdefault(_fold(alias.text), alias.key)
            for outlet in self.outlets.values():
                for domain in outlet.domains:
                    self._outlet_index.setdefault(_fold(domain), outlet.id)
        wanted = _fold(name)
        key = self._outlet_index.get(wanted)
        if key is None and "." in wanted:  # www.reuters.com -> reuters.com
            parts = wanted.split(".")
            key = next(
                (
                    self._outlet_index[".".join(parts[i:])]
                    for i in range(1, len(parts) - 1)
                    if ".".join(parts[i:]) in self._outlet_index
                ),
                None,
            )
        return self.outlets[key] if key else None


def _fold(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip().lower())


RESOURCE_FILES: dict[str, type[_Entry]] = {
    "countries.yaml": CountryEntry,
    "places.yaml": PlaceEntry,
    "officials.yaml": PersonEntry,
    "organizations.yaml": OrganizationEntry,
    "outlets.yaml": OutletEntry,
    "weapons.yaml": WeaponEntry,
    "titles.yaml": TitleEntry,
    "triggers.yaml": TriggerEntry,
    "materiel.yaml": MaterielEntry,
    "groups.yaml": GroupEntry,
}


def resources_dir() -> Path:
    return Path(str(resources.files("newstrace.nlp") / "resources"))


@lru_cache(maxsize=4)
def load_knowledge(directory: str | None = None) -> Knowledge:
    """Load every knowledge file from ``directory`` (default: the package's resources)."""
    base = Path(directory) if directory else resources_dir()
    loaded: dict[str, list[Any]] = {}
    for filename, model in RESOURCE_FILES.items():
        loaded[filename] = load_entries(base / filename, model, name=f"{base.name}/{filename}")
    return build_knowledge(loaded, base.name)


def _unique(entries: list[E], key: str, name: str) -> dict[str, E]:
    out: dict[str, E] = {}
    for entry in entries:
        value = getattr(entry, key)
        if value in out:
            raise KnowledgeError(f"duplicate {key} {value!r}", source=f"{name}:{entry.line}")
        out[value] = entry
    return out


def build_knowledge(loaded: dict[str, list[Any]], base: str = "resources") -> Knowledge:
    kb = Knowledge()
    kb.countries = _unique(loaded["countries.yaml"], "iso3", f"{base}/countries.yaml")
    kb.places = _unique(loaded["places.yaml"], "id", f"{base}/places.yaml")
    kb.people = _unique(loaded["officials.yaml"], "id", f"{base}/officials.yaml")
    kb.organizations = _unique(loaded["organizations.yaml"], "id", f"{base}/organizations.yaml")
    kb.outlets = _unique(loaded["outlets.yaml"], "id", f"{base}/outlets.yaml")
    kb.weapons = _unique(loaded["weapons.yaml"], "id", f"{base}/weapons.yaml")
    kb.titles = _unique(loaded["titles.yaml"], "title", f"{base}/titles.yaml")
    kb.triggers = list(loaded["triggers.yaml"])
    kb.materiel = list(loaded["materiel.yaml"])
    kb.groups = _unique(loaded["groups.yaml"], "term", f"{base}/groups.yaml")
    _check_references(kb, base)

    aliases: list[Alias] = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        display = getattr(country, "common_name", None) or country.name
        kb.country_names[iso3] = display
        names = {display}
        if "," not in country.name:
            names.add(country.name)
        official = getattr(country, "official_name", None)
        if official:
            names.add(official)
        extra = kb.countries.get(iso3)
        if extra:
            names.update(extra.names)
            if extra.names:
                kb.country_names[iso3] = extra.names[0]
        aliases += [Alias(n, "country", iso3) for n in names]
    for iso3, entry in kb.countries.items():
        if iso3 not in kb.country_names:
            kb.country_names[iso3] = entry.names[0] if entry.names else iso3
            aliases += [Alias(n, "country", iso3) for n in entry.names]
        aliases += [Alias(d, "demonym", iso3) for d in entry.demonyms]
        # A metonym that is also an organisation ("the Pentagon") is read as the organisation.
        aliases += [Alias(m, "metonym", iso3, priority=2) for m in entry.metonyms]
        if entry.capital:
            aliases.append(Alias(entry.capital.name, "capital", iso3))
    for place in kb.places.values():
        aliases += [Alias(a, "place", place.id) for a in [place.name, *place.aliases]]
    for person in kb.people.values():
        aliases += [Alias(a, "person", person.id) for a in [person.name, *person.aliases]]
    for org in kb.organizations.values():
        aliases += [Alias(a, "organization", org.id) for a in [org.name, *org.aliases]]
    for outlet in kb.outlets.values():
        for alias in [outlet.name, *outlet.aliases]:
            ambiguous = alias.lower() in {"the post", "post", "the times", "times"}
            aliases.append(Alias(alias, "outlet", outlet.id, priority=3 if ambiguous else 1))
    for weapon in kb.weapons.values():
        aliases += [Alias(a, "weapon", weapon.id) for a in [weapon.name, *weapon.aliases]]
    for title in kb.titles.values():
        aliases += [Alias(a, "title", title.title) for a in {title.title, *title.aliases}]
    kb.aliases = aliases
    return kb


def _check_references(kb: Knowledge, base: str) -> None:
    valid_iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    for iso3, entry in kb.countries.items():
        if iso3 not in valid_iso3:
            raise KnowledgeError(
                f"unknown country code {iso3}", source=f"{base}/countries.yaml:{entry.line}"
            )
    checks: list[tuple[str, str, _Entry, str | None]] = []
    for p in kb.places.values():
        checks.append(("places.yaml", "country", p, p.country))
    for o in kb.organizations.values():
        checks.append(("organizations.yaml", "country", o, o.country))
    for outlet in kb.outlets.values():
        checks.append(("outlets.yaml", "country", outlet, outlet.country))
    for w in kb.weapons.values():
        checks.append(("weapons.yaml", "origin", w, w.origin))
    for person in kb.people.values():
        checks.append(("officials.yaml", "country", person, person.country))
    for filename, fieldname, item, code in checks:
        if code is not None and code not in valid_iso3:
            raise KnowledgeError(
                f"{fieldname}: unknown country code {code}", source=f"{base}/{filename}:{item.line}"
            )
    for person in kb.people.values():
        for role in person.roles:
            if role.of and role.of not in valid_iso3 and role.of not in kb.organizations:
                raise KnowledgeError(
                    f"roles.of: {role.of!r} is neither a country code nor an organisation id",
                    source=f"{base}/officials.yaml:{person.line}",
                )
    for weapon in kb.weapons.values():
        if weapon.family and weapon.family not in kb.weapons:
            raise KnowledgeError(
                f"family: no weapon with id {weapon.family!r}",
                source=f"{base}/weapons.yaml:{weapon.line}",
            )
