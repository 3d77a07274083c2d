"""Knowledge files: schema checks that name file:line and field; cross-file references; the
shipped knowledge is large enough."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.errors import KnowledgeError
from newstrace.nlp.knowledge import (
    RESOURCE_FILES,
    CountryEntry,
    MaterielEntry,
    PersonEntry,
    TriggerEntry,
    WeaponEntry,
    load_entries,
    load_knowledge,
    parse_entries,
)

# A tiny complete knowledge directory, in the shipped files' format. Line numbers matter: the
# tests below name them.
TINY: dict[str, str] = {
    "countries.yaml": """\
# extras for countries
source: "Wikidata; written for the tests"
entries:
  - iso3: VEN
    names: [Venezuela, Bolivarian Republic of Venezuela]
    demonyms: [Venezuelan]
    capital: {name: Caracas, lat: 10.48, lon: -66.9}
    metonyms: [Miraflores]
  - iso3: RUS
    names: [Russia]
    demonyms: [Russian]
    capital: {name: Moscow, lat: 55.75, lon: 37.62}
""",
    "places.yaml": """\
source: GeoNames
entries:
  - id: la-carlota
    name: La Carlota
    aliases: [La Carlota air base]
    kind: base
    country: VEN
    lat: 10.49
    lon: -66.88
""",
    "officials.yaml": """\
source: official sites
entries:
  - id: vladimir-padrino-lopez
    name: Vladimir Padrino López
    aliases: [Padrino]
    country: VEN
    roles:
      - {title: Defense Minister, of: VEN, from: "2014-10-24", to: null}
  - id: sergei-chemezov
    name: Sergei Chemezov
    country: RUS
    roles:
      - {title: Chief Executive, of: rostec, from: "2007", to: null}
""",
    "organizations.yaml": """\
source: company sites
entries:
  - id: rostec
    name: Rostec
    aliases: [Rostec State Corporation]
    kind: state_company
    country: RUS
""",
    "outlets.yaml": """\
source: outlets' own pages
entries:
  - id: reuters
    name: Reuters
    aliases: [Thomson Reuters]
    country: GBR
    domains: [reuters.com]
    kind: wire
    reliability: A
""",
    "weapons.yaml": """\
source: SIPRI
entries:
  - id: su-30
    name: Su-30
    category: fighter_aircraft
    origin: RUS
  - id: su-30mk2
    name: Su-30MK2
    aliases: [Su-30MK2V]
    family: su-30
    category: fighter_aircraft
    origin: RUS
    maker: sukhoi
""",
    "titles.yaml": """\
source: style guides
entries:
  - title: Defense Minister
    aliases: [Defence Minister, defense minister]
    kind: minister
    portfolio: defense
  - title: Chief Executive
    aliases: [CEO]
    kind: executive
""",
    "triggers.yaml": """\
source: PLOVER 2.0 manual
entries:
  - {lemma: deliver, pos: [VERB], type: AID, status: delivered, action: deliver}
  - {lemma: restore, pos: [VERB], type: AID, action: restore}
""",
    "materiel.yaml": """\
source: written for the tests
entries:
  - {term: jet, category: fighter_aircraft}
  - {term: battery, plural: batteries, unit: true, category: air_defense}
""",
    "groups.yaml": """\
source: written for the tests
entries:
  - {term: protesters, kind: civilian}
""",
}


def make_dir(tmp_path: Path, **replace: tuple[str, str]) -> Path:
    """Write TINY to ``tmp_path/kb``; ``replace[stem] = (old, new)`` breaks one file."""
    base = tmp_path / "kb"
    base.mkdir()
    for filename, text in TINY.items():
        change = replace.get(filename.removesuffix(".yaml"))
        if change is not None:
            assert change[0] in text, change
            text = text.replace(change[0], change[1], 1)
        (base / filename).write_text(text, encoding="utf-8")
    return base


def test_tiny_fixture_covers_every_resource_file() -> None:
    assert set(TINY) == set(RESOURCE_FILES)


def test_tiny_directory_loads(tmp_path: Path) -> None:
    kb = load_knowledge(str(make_dir(tmp_path)))
    assert sorted(kb.countries) == ["RUS", "VEN"]
    assert list(kb.places) == ["la-carlota"]
    assert list(kb.people) == ["vladimir-padrino-lopez", "sergei-chemezov"]
    assert list(kb.organizations) == ["rostec"]
    assert list(kb.weapons) == ["su-30", "su-30mk2"]
    assert kb.weapons["su-30mk2"].family == "su-30"
    assert kb.weapons["su-30mk2"].line == 7
    assert [t.lemma for t in kb.triggers] == ["deliver", "restore"]
    assert [m.forms() for m in kb.materiel] == [("jet", "jets"), ("battery", "batteries")]
    assert kb.people["sergei-chemezov"].roles[0].start == "2007"
    assert kb.people["vladimir-padrino-lopez"].roles[0].start == "2014-10-24"
    assert kb.country_name("VEN") == "Venezuela"
    assert kb.country_name("FRA") == "France"  # pycountry supplies the others
    assert kb.country_name(None) is None
    reuters = kb.outlets["reuters"]
    assert kb.outlet_by_name("Reuters") is reuters
    assert kb.outlet_by_name("thomson reuters") is reuters
    assert kb.outlet_by_name("www.reuters.com") is reuters
    assert kb.outlet_by_name("Tass") is None
    kinds = {(a.text, a.kind, a.key) for a in kb.aliases}
    assert {
        ("Venezuelan", "demonym", "VEN"),
        ("Miraflores", "metonym", "VEN"),
        ("Caracas", "capital", "VEN"),
        ("La Carlota air base", "place", "la-carlota"),
        ("Padrino", "person", "vladimir-padrino-lopez"),
        ("Rostec State Corporation", "organization", "rostec"),
        ("Su-30MK2V", "weapon", "su-30mk2"),
        ("Defence Minister", "title", "Defense Minister"),
        ("Bolivarian Republic of Venezuela", "country", "VEN"),
    } <= kinds


# --- one file: parse_entries --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "model", "message"),
    [
        (  # bad YAML: an unclosed flow list
            "source: x\nentries:\n  - iso3: FRA\n    names: [France\n",
            CountryEntry,
            "f.yaml:5: not valid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        (  # bad YAML: a tab
            "source: x\nentries:\n\t- iso3: FRA\n",
            CountryEntry,
            "f.yaml:3: not valid YAML: found character '\\t' that cannot start any token",
        ),
        (
            "entries:\n  - iso3: FRA\n",
            CountryEntry,
            "f.yaml: missing 'source': say where the facts come from",
        ),
        (
            "source: ''\nentries:\n  - iso3: FRA\n",
            CountryEntry,
            "f.yaml: missing 'source': say where the facts come from",
        ),
        ("source: x\n", CountryEntry, "f.yaml: expected a mapping with an 'entries' list"),
        (
            "source: x\nentries: {iso3: FRA}\n",
            CountryEntry,
            "f.yaml: expected a mapping with an 'entries' list",
        ),
        ("", CountryEntry, "f.yaml: expected a mapping with an 'entries' list"),
        ("- iso3: FRA\n", CountryEntry, "f.yaml: expected a mapping with an 'entries' list"),
        ("source: x\nentries:\n  - FRA\n", CountryEntry, "f.yaml: each entry must be a mapping"),
        (  # an unknown field, on the second entry
            "source: x\nentries:\n  - iso3: FRA\n  - iso3: DEU\n    colour: red\n",
            CountryEntry,
            "f.yaml:4: colour: Extra inputs are not permitted",
        ),
        (
            "source: x\nentries:\n  - iso3: FRA\n  - iso3: fr\n",
            CountryEntry,
            "f.yaml:4: iso3: String should match pattern '^[A-Z]{3}$'",
        ),
        (
            "source: x\nentries:\n  - iso3: FRA\n    capital: {name: Paris, lat: 148.8, lon: 2.3}\n",
            CountryEntry,
            "f.yaml:3: capital.lat: Input should be less than or equal to 90",
        ),
        (
            "source: x\nentries:\n  - id: t-72\n    name: T-72\n    category: tank\n    origin: ru\n",
            WeaponEntry,
            "f.yaml:3: origin: String should match pattern '^[A-Z]{3}$'",
        ),
        (
            "source: x\nentries:\n  - id: x-1\n    name: X-1\n    category: spaceship\n",
            WeaponEntry,
            "f.yaml:3: category: Value error, unknown category 'spaceship'",
        ),
        (
            "source: x\nentries:\n  - id: Su 30\n    name: Su-30\n    category: tank\n",
            WeaponEntry,
            "f.yaml:3: id: String should match pattern '^[a-z0-9][a-z0-9-]*$'",
        ),
        (
            "source: x\nentries:\n  - id: x-1\n    name: X-1\n",
            WeaponEntry,
            "f.yaml:3: category: Field required",
        ),
        (
            "source: x\nentries:\n  - {lemma: deliver, type: AID}\n  - {lemma: dance, type: DANCE}\n",
            TriggerEntry,
            "f.yaml:4: type: Value error, 'DANCE' is not a PLOVER 2.0 event type",
        ),
        (
            "source: x\nentries:\n  - {lemma: deliver, type: AID, pos: [ADV]}\n",
            TriggerEntry,
            "f.yaml:3: pos.0: Input should be 'VERB', 'NOUN' or 'ADJ'",
        ),
        (  # a field inside a nested mapping: the entry's line, the nested path
            "source: x\nentries:\n  - id: p\n    name: P\n    roles:\n      - {title: X, colour: 1}\n",
            PersonEntry,
            "f.yaml:3: roles.0.colour: Extra inputs are not permitted",
        ),
        (
            "source: x\nentries:\n  - id: p\n    name: P\n    roles:\n      - {title: X, from: 20-1-1}\n",
            PersonEntry,
            "f.yaml:3: roles.0.from: String should match pattern '^\\d{4}(-\\d{2}(-\\d{2})?)?$'",
        ),
        (
            "source: x\nentries:\n  - {term: jet, action: fly}\n",
            MaterielEntry,
            "f.yaml:3: action: Input should be 'supply', 'sell', 'deliver', 'restore', "
            "'overhaul', 'repair', 'train' or 'other'",
        ),
    ],
)
def test_parse_entries_errors_name_file_line_and_field(
    text: str, model: type[CountryEntry], message: str
) -> None:
    with pytest.raises(KnowledgeError) as info:
        parse_entries(text, model, name="f.yaml")
    assert str(info.value) == message
    assert info.value.source == message.split(": ", 1)[0]
    assert info.value.code == "knowledge"


def test_parse_entries_keeps_line_numbers_and_nested_values() -> None:
    text = (
        "# comment\n"
        "source: x\n"
        "entries:\n"
        "  - iso3: FRA\n"
        "    capital: {name: Paris, lat: 48.86, lon: 2.35}\n"
        "\n"
        "  - {iso3: DEU, names: [Germany]}\n"
    )
    fra, deu = parse_entries(text, CountryEntry, name="f.yaml")
    assert (fra.iso3, fra.line, deu.iso3, deu.line) == ("FRA", 4, "DEU", 7)
    assert fra.capital is not None
    assert (fra.capital.name, fra.capital.lat, fra.capital.lon) == ("Paris", 48.86, 2.35)
    assert deu.names == ["Germany"]


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ('from: "2014-10-24", to: null', "2014-10-24", None),
        ("from: 2014-10-24, to: 2018-06", "2014-10-24", "2018-06"),  # YAML reads a date
        ("from: 2007, to: 2012", "2007", "2012"),  # YAML reads an int
    ],
)
def test_role_dates_as_written_in_yaml(written: str, start: str, end: str | None) -> None:
    text = f"source: x\nentries:\n  - id: p\n    name: P\n    roles:\n      - {{title: X, {written}}}\n"
    (person,) = parse_entries(text, PersonEntry, name="f.yaml")
    assert (person.roles[0].start, person.roles[0].end) == (start, end)


def test_parse_entries_empty_list_is_fine() -> None:
    assert parse_entries("source: x\nentries: []\n", CountryEntry, name="f.yaml") == []


def test_load_entries_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as info:
        load_entries(tmp_path / "nope.yaml", CountryEntry, name="kb/nope.yaml")
    assert str(info.value) == "kb/nope.yaml: cannot read knowledge file: No such file or directory"


# --- the whole directory: load_knowledge / build_knowledge --------------------------------


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (  # duplicate id: the second entry's line
            {"weapons": ("  - id: su-30mk2\n", "  - id: su-30\n")},
            "kb/weapons.yaml:7: duplicate id 'su-30'",
        ),
        (
            {"countries": ("  - iso3: RUS\n", "  - iso3: VEN\n")},
            "kb/countries.yaml:9: duplicate iso3 'VEN'",
        ),
        (
            {"titles": ("  - title: Chief Executive\n", "  - title: Defense Minister\n")},
            "kb/titles.yaml:7: duplicate title 'Defense Minister'",
        ),
        (
            {"officials": ("  - id: sergei-chemezov\n", "  - id: vladimir-padrino-lopez\n")},
            "kb/officials.yaml:9: duplicate id 'vladimir-padrino-lopez'",
        ),
        (  # dangling roles.of: neither a country code nor an organisation id
            {"officials": ("of: rostec", "of: rosteck")},
            "kb/officials.yaml:9: roles.of: 'rosteck' is neither a country code nor an "
            "organisation id",
        ),
        (  # dangling weapon family
            {"weapons": ("family: su-30\n", "family: su-35\n")},
            "kb/weapons.yaml:7: family: no weapon with id 'su-35'",
        ),
        (  # a well-formed code that is no country
            {"places": ("country: VEN", "country: XYZ")},
            "kb/places.yaml:3: country: unknown country code XYZ",
        ),
        (
            {"weapons": ("origin: RUS\n  - id: su-30mk2", "origin: SUN\n  - id: su-30mk2")},
            "kb/weapons.yaml:3: origin: unknown country code SUN",
        ),
        (
            {"countries": ("iso3: RUS", "iso3: ZZZ")},
            "kb/countries.yaml:9: unknown country code ZZZ",
        ),
        (  # a schema error in one file is reported with the directory-relative name
            {"outlets": ("kind: wire", "kind: podcast")},
            "kb/outlets.yaml:3: kind: Input should be 'wire', 'newspaper', 'broadcaster', "
            "'magazine', 'online', 'state_media', 'trade_press', 'osint' or 'blog'",
        ),
        (
            {"triggers": ("type: AID, action: restore", "type: HELP, action: restore")},
            "kb/triggers.yaml:4: type: Value error, 'HELP' is not a PLOVER 2.0 event type",
        ),
        (
            {"materiel": ("source: written for the tests\n", "")},
            "kb/materiel.yaml: missing 'source': say where the facts come from",
        ),
    ],
)
def test_load_knowledge_errors(
    tmp_path: Path, replace: dict[str, tuple[str, str]], message: str
) -> None:
    base = make_dir(tmp_path, **replace)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(str(base))
    assert str(info.value) == message


def test_load_knowledge_missing_file(tmp_path: Path) -> None:
    base = make_dir(tmp_path)
    (base / "outlets.yaml").unlink()
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(str(base))
    assert (
        str(info.value) == "kb/outlets.yaml: cannot read knowledge file: No such file or directory"
    )


# --- the shipped knowledge (last: another engineer is still growing these files) ----------


def test_shipped_knowledge_loads_and_is_large_enough() -> None:
    kb = load_knowledge()
    sizes = {
        "outlets": len(kb.outlets),
        "weapons": len(kb.weapons),
        "officials": len(kb.people),
        "countries": len(kb.countries),
    }
    floors = {"outlets": 150, "weapons": 150, "officials": 100, "countries": 150}
    short = {k: f"{sizes[k]} < {floors[k]}" for k in floors if sizes[k] < floors[k]}
    assert not short, f"shipped knowledge too small: {short}"
    # every country extra adds something beyond its code
    bare = [
        c.iso3
        for c in kb.countries.values()
        if not (c.names or c.demonyms or c.capital or c.metonyms)
    ]
    assert bare == []
