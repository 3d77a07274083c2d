"""Loading and checking gold files (newstrace/eval/gold.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newstrace.eval.gold import GoldError, load_corpus, load_gold

TEXT = "Venezuela asks Russia for help\n\nVenezuela requested military assistance from Russia.\n"
GOLD = """\
id: "012"
story: venezuela-russia-aid-2025
event: venezuela-requests-russian-aid-2025-10
outlet: The Washington Post
published: "2025-10-31"
events:
  - type: REQUEST
    status: requested
    actors: [VEN]
    recipients: [RUS]
    factuality: reported
    when: {start: "2025-10-11", end: "2025-10-20"}
    items:
      - {category: missile, quantity: 14, kind: exact, action: supply}
    money:
      - {text: "a three-year plan", amount: null, currency: null, term: "3 years"}
    attribution: [The Moscow Times]
    quote: "requested military   assistance"
"""


def write(
    tmp_path: Path, gold: str = GOLD, text: str | None = TEXT, stem: str = "012_test"
) -> Path:
    path = tmp_path / f"{stem}.gold.yaml"
    path.write_text(gold, encoding="utf-8")
    if text is not None:
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    return path


def test_a_good_gold_file_loads(tmp_path: Path) -> None:
    article = load_gold(write(tmp_path))
    assert article.id == "012" and article.title == "Venezuela asks Russia for help"
    assert article.gold.event == "venezuela-requests-russian-aid-2025-10"
    (event,) = article.events
    assert event.actor_set == {"VEN"} and event.attribution == ("The Moscow Times",)
    assert event.when is not None and event.when.start == date(2025, 10, 11)
    a = article.article()
    assert a.published == date(2025, 10, 31) and a.outlet.name == "The Washington Post"
    assert a.text.startswith("Venezuela asks Russia for help\n\n")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("type: REQUEST", "type: DEMAND", "events.0.type: 'DEMAND' is not a PLOVER 2.0 event type"),
        ("status: requested", "status: asked", "events.0.status: Input should be"),
        ("actors: [VEN]", "actors: [Venezuela]", "events.0.actors: 'Venezuela' is not an actor"),
        ("recipients: [RUS]", "recipients: [org:Rostec]", "events.0.recipients: 'org:Rostec'"),
        ("factuality: reported", "factuality: likely", "events.0.factuality: Input should be"),
        ('end: "2025-10-20"', 'end: "2025-10-01"', "events.0.when: start 2025-10-11 is after"),
        ("kind: exact", "kind: precise", "events.0.items.0.kind: Input should be"),
        ("currency: null", "currency: dollars", "events.0.money.0.currency: String should"),
        ("quote: ", "quotes: ", "events.0.quotes: Extra inputs are not permitted"),
        ('id: "012"', 'id: "013"', "id: '013' is not the number of the file name"),
        ('id: "012"', "id: 12", "id: Input should be a valid string"),
        (
            "story: venezuela-russia-aid-2025",
            "story: Venezuela Russia",
            "story: String should match",
        ),
        ('published: "2025-10-31"', 'published: "31/10/2025"', "published: Input should be"),
        (
            'quote: "requested military   assistance"',
            'quote: "asked for tanks"',
            "events.0.quote: 'asked for tanks' is not in 012_test.txt",
        ),
        ("events:", "events: [\n", "not valid YAML"),
    ],
)
def test_a_bad_gold_file_gets_one_line_naming_file_and_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOLD
    with pytest.raises(GoldError) as err:
        load_gold(write(tmp_path, GOLD.replace(old, new, 1)))
    text = str(err.value)
    assert text.startswith("012_test.gold.yaml"), text
    assert message in text, text
    assert "\n" not in text


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("event: Venezuela asks Russia", "012_test.gold.yaml:3: event: String should match"),
        ("event: [a, b]", "012_test.gold.yaml:3: event: Input should be a valid string"),
        ("event: -leading-dash", "012_test.gold.yaml:3: event: String should match"),
    ],
)
def test_a_bad_event_label_names_file_and_line(tmp_path: Path, new: str, message: str) -> None:
    old = "event: venezuela-requests-russian-aid-2025-10"
    with pytest.raises(GoldError) as err:
        load_gold(write(tmp_path, GOLD.replace(old, new, 1)))
    text = str(err.value)
    assert text.startswith(message), text
    assert "\n" not in text


def test_an_unlabelled_event_loads_as_none(tmp_path: Path) -> None:
    gold = GOLD.replace("event: venezuela-requests-russian-aid-2025-10\n", "")
    assert load_gold(write(tmp_path, gold)).gold.event is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "012_test.txt: no article"),
        ("\n\nbody only", "012_test.txt: line 1: the title is missing"),
        ("A title\nno blank line\n", "012_test.txt: line 2: a blank line must follow the title"),
        ("A title\n\n   \n", "012_test.txt: the article has a title but no body"),
    ],
)
def test_a_bad_article_names_its_file(tmp_path: Path, text: str | None, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        load_gold(write(tmp_path, GOLD.replace("quote:", "note:"), text))


def test_corpus_in_file_order_with_an_article_awaiting_gold(tmp_path: Path) -> None:
    write(tmp_path)
    write(tmp_path, GOLD.replace('"012"', '"010"'), stem="010_first")
    (tmp_path / "020_draft.txt").write_text(TEXT, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["010", "012"]
    assert corpus.warnings == ["020_draft.txt: no gold file yet; left out"]
    assert corpus.stories == {"venezuela-russia-aid-2025"} and corpus.types == {"REQUEST"}
    assert corpus.events == {"venezuela-requests-russian-aid-2025-10"}


def test_duplicate_ids_and_missing_directories(tmp_path: Path) -> None:
    write(tmp_path)
    write(tmp_path, stem="012_again")
    with pytest.raises(
        GoldError, match=r"012_test\.gold\.yaml: id: '012' is also the id of 012_again"
    ):
        load_corpus(tmp_path)
    with pytest.raises(GoldError, match="no such corpus directory"):
        load_corpus(tmp_path / "nope")
