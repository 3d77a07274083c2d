"""The bundled samples analysed once per session, with their texts and gold story labels."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).with_name("sample_stories.yaml")
CORPUS = ROOT / "tests" / "eval" / "corpus"
STORY_SCHEMA = ROOT / "newstrace" / "schemas" / "story-1.json"
#: Outlets of the plain-text samples, by the outlet part of their file names (samples/README.md).
TEXT_OUTLETS = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "rt": "RT",
    "kyivindependent": "The Kyiv Independent",
    "tass": "TASS",
    "cnn": "CNN",
    "aljazeera": "Al Jazeera",
}


@dataclass
class Corpus:
    reports: list[dict[str, Any]]
    texts: dict[str, str]
    gold: dict[str, str]  # article id -> story label

    def by_outlet(self, outlet: str, published: str) -> dict[str, Any]:
        return next(
            r
            for r in self.reports
            if r["article"]["outlet"]["name"] == outlet and r["article"]["published"] == published
        )


@pytest.fixture(scope="session")
def samples(engine: Any) -> Corpus:
    from newstrace.ingest import read_articles

    articles = []
    for path in sorted(SAMPLES.rglob("*")):
        if path.suffix not in (".txt", ".html", ".jsonl"):
            continue
        options: dict[str, Any] = {}
        if path.suffix == ".txt":
            day, outlet, _ = path.name.split("_", 2)
            options = {"published": date.fromisoformat(day), "outlet": TEXT_OUTLETS[outlet]}
        articles += [
            a for a in read_articles([str(path)], **options) if not isinstance(a, Exception)
        ]
    reports = [json.loads(json.dumps(r.to_dict())) for r in engine.analyze(articles)]
    texts = {a.id: a.text for a in articles}
    labels = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    gold = {}
    for report in reports:
        article = report["article"]
        gold[article["id"]] = labels[f"{article['outlet']['name']}|{article['published']}"]
    return Corpus(reports, texts, gold)


@pytest.fixture(scope="session")
def sample_stories(samples: Corpus) -> list[Any]:
    from newstrace.resolve import build_stories

    return build_stories(samples.reports, texts=samples.texts)


@lru_cache(maxsize=1)
def story_validator() -> Draft202012Validator:
    schema = json.loads(STORY_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_story(story: dict[str, Any]) -> None:
    errors = sorted(story_validator().iter_errors(story), key=lambda e: list(e.absolute_path))
    assert not errors, f"{list(errors[0].absolute_path)}: {errors[0].message}"


def story_of(stories: list[Any], article: str, event_type: str | None = None) -> Any:
    """The largest story holding an event of ``article`` (of ``event_type``, when given)."""
    found = [
        s for s in stories if article in s.articles and (event_type is None or s.type == event_type)
    ]
    return max(found, key=lambda s: len(s.reports))
