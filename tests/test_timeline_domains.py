"""Timeline defects found on real stories of other domains (ECB+ dev, Multi-News dev).

Hand-built articles modelled on what was seen (politics, sport, business, elections,
celebrity, war); sentences written for the test. Calendar days checked by hand:
2009-03-05 is a Thursday, 2011-01-06 a Thursday, 2008-12-15 a Monday.
"""

from __future__ import annotations

import pytest

from builders import article
from newsfuse.story import Citation, Consensus, Fact, FactValue
from newsfuse.timeline import build_timeline


def test_timeline_does_not_resolve_today_inside_a_quote():
    # ECB+ 9_ecbplus: '"... we can grow our economy today," Obama said' became an event on
    # the publication day; a speaker's "today" is not a date the article tells.
    a = article("a", "“We can grow our economy today and protect the land,” the president said.",
                published="2009-03-05")
    assert build_timeline([a], [], []) == ()


def test_timeline_still_resolves_today_outside_a_quote():
    a = article("a", "The secretary today reversed the rule on endangered species reviews.",
                published="2009-03-05")
    assert [e.date for e in build_timeline([a], [], [])] == ["2009-03-05"]


@pytest.mark.parametrize("line", [
    "★ Wednesday, 9 February 2011",  # a dateline (Multi-News mn-207)
    "The rest of the injury report for Wednesday is as follows:",  # a list lead-in (5_ecb)
    "File - in this Sept. 10, 2015 file photo, soldiers fire artillery during the exercise.",
    "and preserve the environment for our children today,” he said.",  # a quote's tail
    # ECB+ 21_ecbplus and 37_ecbplus: a publication stamp, a picture gallery.
    "On behalf of the law firm, posted in Pedestrian Accidents on Wednesday, February 9, 2011.",
    "Here's a slideshow of images of the flooded northern valley on Wednesday.",
])
def test_timeline_entries_are_events_not_datelines_or_captions(line):
    a = article("a", line, published="2011-02-10")
    assert build_timeline([a], [], []) == ()


def test_timeline_puts_a_yearless_deadline_after_publication():
    # ECB+ 9_ecbplus, published March 2009: "must make a judgment by May 9th" was dated
    # 2008-05-09 (the last May 9 before publication).
    a = article("a", "The secretary must decide on the rule by May 9th, lawyers said.",
                "Lawmakers said they expect him to act by the May 20 deadline.",
                published="2009-03-05")
    dates = [e.date for e in build_timeline([a], [], [])]
    assert dates == ["2009-05-09", "2009-05-20"]


def test_timeline_yearless_past_date_stays_before_publication():
    # A "draft plan to allow drilling" is not a future marker.
    a = article("a", "A draft plan to allow offshore drilling was shelved by the cabinet on Feb. 10.",
                published="2009-03-05")
    assert [e.date for e in build_timeline([a], [], [])] == ["2009-02-10"]


def test_timeline_reads_a_month_abbreviation_glued_to_the_day():
    # ECB+ 11_ecb: "Voting for MPs to Majlis (Parliament) began in Turkmenistan on Dec.14."
    a = article("a", "Voting for the new parliament began across the country on Dec.14.",
                published="2008-12-15")
    assert [e.date for e in build_timeline([a], [], [])] == ["2008-12-14"]


def test_timeline_merges_one_event_told_with_other_words():
    # ECB+ 25_ecbplus: six articles told "the Saints placed Pierre Thomas on injured reserve
    # Wednesday" in their own words: six entries of one day and one event.
    a = article("a", "The board of Acme named Jane Roe as its new chief executive on Wednesday, "
                "the company told investors in a statement.", published="2011-01-06")
    b = article("b", "Jane Roe, a former banker, was named chief executive by the Acme board "
                "Wednesday, replacing the founder who retired last year.", published="2011-01-06")
    c = article("c", "Shares of Acme fell 5 percent in New York trading on Wednesday after the "
                "board named a banker.", published="2011-01-06")
    entries = build_timeline([a, b, c], [], [])
    assert len(entries) == 2
    named = [e for e in entries if "chief executive" in e.text]
    assert len(named) == 1 and {s.article for s in named[0].sources} == {"a", "b"}
    assert all(e.date == "2011-01-05" for e in entries)


def test_timeline_figures_in_dispute_show_only_corroborated_values():
    # ECB+ 37_ecbplus (a quake): every single-source toll of a conflicting fact was an entry,
    # ten on one day. Values stated by two independent sources, or the consensus, stay.
    def value(v: float, sources: int, day: str) -> FactValue:
        return FactValue(v, "people", "exact", (Citation("a", 0, 5),), sources, first_seen=day)

    fact = Fact("killed", "people killed", "conflict",
                (value(1, 3, "2013-07-02"), value(4, 1, "2013-07-02"), value(5, 1, "2013-07-02"),
                 value(24, 2, "2013-07-03"), value(12, 1, "2013-07-03")),
                Consensus(12, "the latest report"))
    a = article("a", "A strong quake hit the province.", published="2013-07-02")
    texts = [e.text.split(" (")[0] for e in build_timeline([a], [], [fact])]
    assert texts == ["killed: 1", "killed: 12", "killed: 24"]


def test_timeline_merges_one_quake_told_by_three_agencies():
    # ECB+ 37_ecbplus: "6.1 magnitude" / "6.1-magnitude", "Indonesia's" / "Indonesian"; the
    # third sentence matches the second more than the first (an entry compares all its own).
    a = article("a", "A powerful 6.1 magnitude earthquake hit Indonesia's northwestern Aceh "
                "province on the island of Sumatra early Tuesday.", published="2013-07-03")
    b = article("b", "A strong 6.1-magnitude earthquake struck the northwestern Indonesian "
                "province of Aceh on Tuesday, sending people running into the streets.",
                published="2013-07-03")
    c = article("c", "People ran into the streets in panic when a strong earthquake struck "
                "Aceh province on Tuesday.", published="2013-07-03")
    entries = build_timeline([a, b, c], [], [])
    assert [(e.date, {s.article for s in e.sources}) for e in entries] == [
        ("2013-07-02", {"a", "b", "c"})]
