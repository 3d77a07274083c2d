"""The PLOVER external check (newstrace/eval/plover.py), with a stand-in engine."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from newstrace.eval.gold import GoldError
from newstrace.eval.plover import evaluate_plover, load_plover
from newstrace.model import Article, Entity, Event, Evidence, Report
from newstrace.nlp.knowledge import Knowledge, load_knowledge

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "documentation"},
    {
        "id": "R1",
        "event": "DEMAND",
        "text": "Israel demanded that Lebanon act.",
        "source": [{"code": "ISR", "sector": "GOV"}],
        "target": [{"code": "LBN"}],
    },
    {
        "id": "R2",
        "event": "FIGHT",
        "text": "Japanese troops fought rebels.",
        "source": {"code": "JAP", "sector": "MIL"},
        "target": "",
    },
    {
        "id": "R3",
        "event": "DISAPPROVE",
        "text": "The UN criticised Serbia.",
        "source": [{"code": "IGO"}],
        "target": "diplomatic",
    },
    {"id": "R4", "event": "AGREE", "text": "Nothing is found here at all."},
]


@pytest.fixture
def plover_file(tmp_path: Path) -> Path:
    path = tmp_path / "PLOVER.txt"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def test_records_are_mapped_to_plover_2_and_iso3(plover_file: Path) -> None:
    records = load_plover(plover_file, {"ISR", "LBN", "JPN", "SRB"})
    assert [(r.id, r.type, sorted(r.countries)) for r in records] == [
        ("R1", "REQUEST", ["ISR", "LBN"]),
        ("R2", "ASSAULT", ["JPN"]),  # CAMEO's JAP is Japan
        ("R3", "ACCUSE", []),  # IGO is no country; a stray string target is ignored
        ("R4", "AGREE", []),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[{", "not valid JSON"),
        ('{"a": 1}', "expected a JSON array"),
        ('[{"id": "X", "event": "DANCE", "text": "t"}]', "record X: event: 'DANCE'"),
    ],
)
def test_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_plover(path)


class StandIn:
    """Gives each sentence the events listed for it, as the engine would."""

    def __init__(self, events: dict[str, list[Event]]) -> None:
        self.events = events
        self.batches = 0

    @property
    def knowledge(self) -> Knowledge:
        return load_knowledge()

    def analyze(self, articles: Iterable[Article]) -> Iterator[Report]:
        self.batches += 1
        for article in articles:
            entities = [Entity(f"country:{c}", "country", c, c) for c in ("ISR", "LBN", "JPN")]
            yield Report(article, entities=entities, events=self.events.get(article.source, []))


def ev(
    type_: str,
    start: int,
    salience: str = "core",
    actors: tuple[str, ...] = (),
    recipients: tuple[str, ...] = (),
) -> Event:
    return Event(
        "e",
        type_,
        actors=list(actors),
        recipients=list(recipients),
        salience=salience,
        evidence=[Evidence(start, start + 3, "t")],
    )


def test_scores_first_core_event_and_actor_countries(plover_file: Path) -> None:
    engine = StandIn(
        {
            # the first core event is REQUEST, though an earlier context event is ACCUSE
            "R1": [
                ev("ACCUSE", 0, "context"),
                ev("REQUEST", 10, actors=("country:ISR",)),
                ev("THREATEN", 20, recipients=("country:JPN",)),
            ],
            # a core ASSAULT, but it starts after the core MOBILIZE: wrong, though "any" is right
            "R2": [ev("ASSAULT", 12), ev("MOBILIZE", 2, actors=("country:JPN",))],
            # only a context event: it is the first event
            "R3": [ev("ACCUSE", 5, "context")],
        }
    )
    result = evaluate_plover(load_plover(plover_file, {"ISR", "LBN", "JPN"}), engine)
    assert engine.batches == 1  # one batch, one engine
    assert (result.type_accuracy.correct, result.type_accuracy.total) == (2, 4)
    assert result.any_type_accuracy.correct == 3
    assert result.no_event == 1
    assert result.confusions == {"ASSAULT -> MOBILIZE": 1, "AGREE -> no event": 1}
    # predicted {ISR, JPN} vs gold {ISR, LBN}; {JPN} vs {JPN}
    c = result.countries
    assert (c.hit_pred, c.pred, c.hit_gold, c.gold) == (2, 3, 2, 3)
    assert {t: a.correct for t, a in result.per_type.items()} == {
        "REQUEST": 1,
        "ASSAULT": 0,
        "ACCUSE": 1,
        "AGREE": 0,
    }
