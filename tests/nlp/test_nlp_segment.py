"""segment: headings, list items and sentences whose offsets index the original text."""

from __future__ import annotations

import itertools

import pytest

from newstrace.nlp.segment import Segment, segment, split_sentences

WIRE = """Russia to Restore Venezuela's Su-30 Fleet

CARACAS, Oct. 29 (Reuters) - Russia will restore Venezuela's Su-30MK2 jets, Gen. Vladimir \
Padrino said on Wednesday. The U.S. State Department declined to comment. Mr. Smith, a former \
U.N. envoy, said: "It is a provocation." He added that J. R. Brown agreed.

Key points:
- Eight Su-30MK2 jets will be overhauled.
* A financing plan of three years through Rostec.
• Deliveries start in mid-October.
1. The first item.
2) The second item!

The deal is worth $330 million. It was signed on Friday... Analysts doubt it? Yes.
"""

MARKDOWNISH = """  Indented paragraph. Second sentence here.\r
Windows line. Another one.  \r
\r
\t- tabbed item with a marker\r
"""

UNICODE = (
    "Министр обороны Андрей Белоусов встретился с коллегой. Переговоры прошли в Москве.\n"
    "\n"
    "Le ministre a déclaré « non ». Puis il est parti… Ensuite, rien.\n"
    "— Reporting by Jane Doe; Editing by John Roe\n"
)

DENSE = (
    "Lt. Col. John Smith, of the U.S. Army, met Pres. Biden at 5 p.m. Monday. "
    "They discussed No. 10 Downing St. and the Sept. 11 anniversary. "
    "Officials said 'no.' Others agreed. It happened in 2019. 2025 was busy."
)


@pytest.mark.parametrize("text", [WIRE, MARKDOWNISH, UNICODE, DENSE, "", "\n\n", "One."])
def test_offsets_index_the_original_text(text: str) -> None:
    segments = segment(text)
    for s in segments:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
    starts = [s.start for s in segments]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))


def test_wire_story_segments() -> None:
    got = [(s.kind, s.block, s.text) for s in segment(WIRE)]
    assert got == [
        ("heading", 0, "Russia to Restore Venezuela's Su-30 Fleet"),
        (
            "sentence",
            1,
            "CARACAS, Oct. 29 (Reuters) - Russia will restore Venezuela's Su-30MK2 "
            "jets, Gen. Vladimir Padrino said on Wednesday.",
        ),
        ("sentence", 1, "The U.S. State Department declined to comment."),
        ("sentence", 1, 'Mr. Smith, a former U.N. envoy, said: "It is a provocation."'),
        ("sentence", 1, "He added that J. R. Brown agreed."),
        ("sentence", 2, "Key points:"),
        ("list_item", 3, "Eight Su-30MK2 jets will be overhauled."),
        ("list_item", 4, "A financing plan of three years through Rostec."),
        ("list_item", 5, "Deliveries start in mid-October."),
        ("list_item", 6, "The first item."),
        ("list_item", 7, "The second item!"),
        ("sentence", 8, "The deal is worth $330 million."),
        ("sentence", 8, "It was signed on Friday..."),
        ("sentence", 8, "Analysts doubt it?"),
        ("sentence", 8, "Yes."),
    ]


def test_crlf_and_indentation() -> None:
    got = [(s.kind, s.block, s.text) for s in segment(MARKDOWNISH)]
    assert got == [
        ("sentence", 0, "Indented paragraph."),
        ("sentence", 0, "Second sentence here."),
        ("sentence", 1, "Windows line."),
        ("sentence", 1, "Another one."),
        ("list_item", 2, "tabbed item with a marker"),
    ]


def test_unicode_text() -> None:
    got = [(s.kind, s.text) for s in segment(UNICODE)]
    assert got == [
        ("sentence", "Министр обороны Андрей Белоусов встретился с коллегой."),
        ("sentence", "Переговоры прошли в Москве."),
        ("sentence", "Le ministre a déclaré « non »."),
        ("sentence", "Puis il est parti…"),
        ("sentence", "Ensuite, rien."),
        ("list_item", "Reporting by Jane Doe; Editing by John Roe"),
    ]


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        # abbreviations and initials do not end sentences
        ("The U.S. Army arrived. It left.", ["The U.S. Army arrived.", "It left."]),
        ("Gen. Padrino spoke. He left.", ["Gen. Padrino spoke.", "He left."]),
        ("Mr. Smith and Mrs. Jones met Dr. Lee.", ["Mr. Smith and Mrs. Jones met Dr. Lee."]),
        ("Lt. Col. John Smith spoke. He left.", ["Lt. Col. John Smith spoke.", "He left."]),
        (
            "He met Vladimir V. Putin. Then flew home.",
            ["He met Vladimir V. Putin.", "Then flew home."],
        ),
        ("J. R. R. Tolkien wrote. Readers read.", ["J. R. R. Tolkien wrote.", "Readers read."]),
        ("The Sept. 11 attacks. Jan. 6 riot.", ["The Sept. 11 attacks.", "Jan. 6 riot."]),
        ("Sales rose. E.U. officials agreed.", ["Sales rose.", "E.U. officials agreed."]),
        ("approx. 20 jets arrived. Done.", ["approx. 20 jets arrived.", "Done."]),
        ("At 3 p.m. Reuters reported it.", ["At 3 p.m. Reuters reported it."]),
        ("The unit, e.g. the 5th Brigade, moved.", ["The unit, e.g. the 5th Brigade, moved."]),
        ("He lives at No. 10 Downing St. now.", ["He lives at No. 10 Downing St. now."]),
        # "no." before a word is the word "no", which can end a sentence
        ("Officials said 'no.' Others agreed.", ["Officials said 'no.'", "Others agreed."]),
        ("He said no. Nobody argued.", ["He said no.", "Nobody argued."]),
        # quotes, brackets, numbers
        (
            '"We will respond," he said. "Soon." Then silence.',
            ['"We will respond," he said.', '"Soon."', "Then silence."],
        ),
        ("Talks (in Geneva.) Then more.", ["Talks (in Geneva.)", "Then more."]),
        (
            "It happened in 2019. The next year was calm.",
            ["It happened in 2019.", "The next year was calm."],
        ),
        ("The S-400 arrived. 2025 was busy.", ["The S-400 arrived.", "2025 was busy."]),
        ("Prices rose 3.5 percent. Markets fell.", ["Prices rose 3.5 percent.", "Markets fell."]),
        ("Really?! Yes!", ["Really?!", "Yes!"]),
        # a lower-case continuation is not a new sentence
        ("He left at 5 a.m. after the talks.", ["He left at 5 a.m. after the talks."]),
        ("Leaving now. then later", ["Leaving now. then later"]),
        ("   ", []),
    ],
)
def test_split_sentences(paragraph: str, sentences: list[str]) -> None:
    spans = split_sentences(paragraph)
    assert [paragraph[s:e] for s, e in spans] == sentences


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("- Eight jets", "list_item", "Eight jets"),
        ("* Eight jets", "list_item", "Eight jets"),
        ("• Eight jets", "list_item", "Eight jets"),
        ("1. Eight jets", "list_item", "Eight jets"),
        ("12) Eight jets", "list_item", "Eight jets"),
        ("   - indented item", "list_item", "indented item"),
        ("— Reporting by Jane Doe", "list_item", "Reporting by Jane Doe"),
        ("-5 degrees were measured.", "sentence", "-5 degrees were measured."),
        ("2025. The year began.", "sentence", "2025."),
        ("Russia Strikes Kyiv Overnight", "heading", "Russia Strikes Kyiv Overnight"),
        ("NATO", "heading", "NATO"),
        ("Russia strikes Kyiv overnight.", "sentence", "Russia strikes Kyiv overnight."),
        ("Key points:", "sentence", "Key points:"),
        (
            "the lower-case line without a full stop",
            "sentence",
            "the lower-case line without a full stop",
        ),
    ],
)
def test_line_kinds(line: str, kind: str, text: str) -> None:
    first = segment(line)[0]
    assert (first.kind, first.text) == (kind, text)
    assert line[first.start : first.end] == text


def test_blocks_count_paragraphs_not_blank_lines() -> None:
    text = "First para. Still first.\n\n\n\nSecond para.\n- item\nThird para."
    assert [(s.block, s.text) for s in segment(text)] == [
        (0, "First para."),
        (0, "Still first."),
        (1, "Second para."),
        (2, "item"),
        (3, "Third para."),
    ]


def test_segment_is_a_frozen_record() -> None:
    s = Segment(0, 3, "One", "sentence", 0)
    with pytest.raises(AttributeError):
        s.start = 1  # type: ignore[misc]
