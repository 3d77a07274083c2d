"""Linking: blocking keys, the pairwise score, and the cluster constraints (traps)."""

from __future__ import annotations

import time
from datetime import date
from itertools import pairwise

import pytest

from newstrace.resolve import build_stories
from newstrace.resolve.link import ACT_DAYS, THRESHOLD, block_keys, candidate_pairs, score
from newstrace.resolve.mention import all_mentions, mentions

from .reports import deal_report

PARTS = [("F-16 parts", "fighter_aircraft", "weapon:f-16"), ("C-130 parts", "spare_parts", None)]


def _one(report: dict[str, object]):  # type: ignore[no-untyped-def]
    (m,) = mentions(report)
    return m


def test_two_330_million_sales_seven_years_apart_never_link() -> None:
    old = deal_report("Associated Press", "2018-09-24", type_="AID", status="agreed",
                      actors=("USA",), recipients=("TWN",), items=PARTS, money=[330e6],
                      when=("2018-09-24", "2018-09-24"))  # fmt: skip
    new = deal_report("Reuters", "2025-11-13", type_="AID", status="agreed",
                      actors=("USA",), recipients=("TWN",), items=PARTS, money=[330e6],
                      when=("2025-11-13", "2025-11-13"))  # fmt: skip
    assert not block_keys(_one(old)) & block_keys(_one(new))
    assert score(_one(old), _one(new)) == 0.0
    assert len(build_stories([old, new])) == 2


def test_a_date_given_by_the_text_is_hard_a_story_day_default_is_soft() -> None:
    dated = deal_report("Reuters", "2025-11-13", when=("2025-11-12", "2025-11-12"))
    m = _one(dated)
    assert (m.hard, m.start, m.end) == (True, date(2025, 11, 12), date(2025, 11, 12))
    defaulted = deal_report("Reuters", "2025-11-13", when=("2025-11-12", "2025-11-12"))
    defaulted["events"][0]["when"]["text"] = None  # the extractor's story day: no text
    m = _one(defaulted)
    assert not m.hard
    assert (m.start, m.end) == (date(2025, 10, 14), date(2025, 11, 13))  # as if undated


def test_a_request_and_its_delivery_join_one_story_in_order() -> None:
    asked = deal_report("Reuters", "2025-03-01", status="requested",
                        items=[("14 missile units", "missile", None)],
                        when=("2025-03-01", "2025-03-01"))  # fmt: skip
    sent = deal_report("Associated Press", "2025-09-01", type_="AID", status="delivered",
                       items=[("14 missile systems", "missile", None)],
                       when=("2025-09-01", "2025-09-01"))  # fmt: skip
    (story,) = build_stories([asked, sent])
    assert [step["status"] for step in story.timeline] == ["requested", "delivered"]


def test_a_delivery_dated_before_the_request_is_another_deal() -> None:
    sent = deal_report("Associated Press", "2024-01-10", type_="AID", status="delivered",
                       items=[("14 missile systems", "missile", None)],
                       when=("2024-01-10", "2024-01-10"))  # fmt: skip
    asked = deal_report("Reuters", "2025-03-01", status="requested",
                        items=[("14 missile units", "missile", None)],
                        when=("2025-03-01", "2025-03-01"))  # fmt: skip
    assert len(build_stories([asked, sent])) == 2


def test_one_status_weeks_apart_for_other_sums_is_another_sale() -> None:
    """An approved $2 billion sale and a $571 million drawdown eight weeks later: two deals."""
    sale = deal_report("Reuters", "2024-10-26", type_="AID", status="agreed",
                       actors=("USA",), recipients=("TWN",), money=[1.988e9],
                       when=("2024-10-25", "2024-10-25"))  # fmt: skip
    later = deal_report("Associated Press", "2024-12-21", type_="AID", status="agreed",
                        actors=("USA",), recipients=("TWN",), money=[571.3e6],
                        when=("2024-12-20", "2024-12-20"))  # fmt: skip
    rounded = deal_report("Infobae", "2024-10-27", type_="AID", status="agreed",
                          actors=("USA",), recipients=("TWN",), money=[2e9],
                          when=("2024-10-25", "2024-10-25"))  # fmt: skip
    assert score(_one(sale), _one(later)) == 0.0
    assert score(_one(sale), _one(rounded)) >= THRESHOLD  # $1.988 and $2 billion: one sum
    assert len(build_stories([sale, later, rounded])) == 2


def test_strikes_weeks_apart_are_separate_events_even_through_a_chain() -> None:
    """One strike is one event: a chain of alike strikes a few weeks apart does not join them."""
    items = [("drones", "drone", "weapon:shahed-136")]
    days = ["2022-09-10", "2022-09-30", "2022-10-20", "2022-11-09"]
    strikes = [
        deal_report(
            outlet,
            day,
            type_="ASSAULT",
            status=None,
            actors=("RUS",),
            recipients=("UKR",),
            items=items,
            when=(day, day),
        )
        for outlet, day in zip(
            ("Reuters", "Associated Press", "Infobae", "Newsweek"), days, strict=True
        )
    ]
    ms = [_one(r) for r in strikes]
    assert all(score(a, b) >= THRESHOLD for a, b in pairwise(ms))  # each next one alike
    stories = build_stories(strikes)
    assert len(stories) >= 2
    for story in stories:
        days = sorted(date.fromisoformat(r["published"]) for r in story.reports)
        assert (days[-1] - days[0]).days <= ACT_DAYS


@pytest.mark.parametrize(
    ("other", "linked"),
    [
        ({"items": [("Su-30MK2 jets", "fighter_aircraft", "weapon:su-30mk2")]}, True),
        ({"actors": ("CUB",), "recipients": ("CHN",)}, False),  # other states
        ({"type_": "ASSAULT", "status": None}, False),  # another kind of event
        ({"items": [("Leopard 2 tanks", "tank", "weapon:leopard-2")]}, False),
    ],
)
def test_score_table(other: dict[str, object], linked: bool) -> None:
    base = deal_report("Reuters", "2025-10-31",
                       items=[("Su-30MK2 jets", "fighter_aircraft", "weapon:su-30mk2")])  # fmt: skip
    variant = deal_report("Infobae", "2025-11-01", **other)  # type: ignore[arg-type]
    assert (score(_one(base), _one(variant)) >= THRESHOLD) is linked


def test_blocking_grows_about_linearly() -> None:
    """Twice the reports over twice the time: well below four times the candidate pairs.

    News keeps coming at about the same rate, so a larger corpus covers a longer period; the
    date windows in the keys are what keeps blocks from growing with the corpus.
    """
    from datetime import date, timedelta

    def pairs(n: int) -> int:
        start = date(2010, 1, 1)
        reports = [
            deal_report(f"Outlet {i}", (start + timedelta(days=i // 10)).isoformat(), salt=str(i),
                        actors=(f"C{i % 40:02d}",), recipients=(f"R{i % 7}",),
                        items=[(f"{2 + i % 997} missile units", "missile", None)])
            for i in range(n)
        ]  # fmt: skip
        return len(set(candidate_pairs(all_mentions(reports))))

    started = time.perf_counter()
    small, large = pairs(2000), pairs(4000)
    assert large <= 3.2 * max(small, 1)  # quadratic would be 4
    assert time.perf_counter() - started < 30
