"""Reconcile: parts of totals, charges, durations of different things, dates, quote kinds.

Hand-built claims from several domains (quake, flood, court, shooting); every expected value
was worked out from the sentences by hand.
"""

from __future__ import annotations

from newsfuse.reconcile import reconcile_quotes
from newsfuse.story import ArticleClaims, Citation, NumberClaim, Quote
from tests.builders import facts_of


def claim(article: str, text: str, number: str, value: float | None, *, measure: str = "killed",
          about: str = "people killed", unit: str | None = "people", event: str = "main",
          normalized: float | None = None, norm_unit: str | None = None) -> NumberClaim:
    """A claim whose spans slice ``number`` out of ``text`` (the article's whole text)."""
    at = text.index(number)
    return NumberClaim(measure, about, value, unit, "exact", number,
                       Citation(article, at, at + len(number)), Citation(article, 0, len(text)),
                       normalized_value=normalized, normalized_unit=norm_unit, event=event)


QUAKE_A = "The quake killed 24 people. Twelve died in Bener district and 10 in Tami district."
QUAKE_B = "At least 24 people were killed when the earthquake struck the province."


def test_reconcile_district_subtotals_are_parts_not_conflicts():
    a = [claim("a", QUAKE_A, "24", 24),
         claim("a", QUAKE_A, "Twelve", 12, about="people killed in Bener district"),
         claim("a", QUAKE_A, "10", 10, about="people killed in Tami district")]
    facts = facts_of(("a", QUAKE_A, a), ("b", QUAKE_B, [claim("b", QUAKE_B, "24", 24)]))
    main = [f for f in facts if f.measure == "killed" and not f.about.startswith("part:")]
    assert len(main) == 1 and main[0].status == "agreed"
    assert [v.value for v in main[0].values] == [24]
    parts = sorted(v.value for f in facts if f.about.startswith("part:") for v in f.values)
    assert parts == [10, 12]


FLOOD = "The floods killed 31 people, including 9 children, officials said."


def test_reconcile_including_subgroup_is_a_part_of_the_total():
    facts = facts_of(("a", FLOOD, [claim("a", FLOOD, "31", 31),
                                   claim("a", FLOOD, "9", 9)]))
    killed = [f for f in facts if f.measure == "killed"]
    assert {f.about.startswith("part:") for f in killed} == {True, False}
    assert all(f.status != "conflict" for f in killed)


def test_reconcile_counts_of_an_offence_are_not_a_fact():
    text = "He faces three counts of unlawful neglect after 4 people were shot."
    facts = facts_of(("a", text, [
        claim("a", text, "three", 3, measure="count", about="counts", unit="counts"),
        claim("a", text, "4", 4, measure="count", about="people shot", unit="people")]))
    assert [(f.measure, [v.value for v in f.values]) for f in facts] == [("count", [4])]


def test_reconcile_durations_of_different_things_do_not_conflict():
    # Time done is not the length of the order; the two articles mention them in opposite
    # order, so order of mention alone would pair 30 with 90.
    a = "She finished 30 days of treatment of a 90 day stay ordered by the court."
    b = "The judge ordered a 90 day stay; she left after 30 days of treatment."

    def d(art: str, text: str, number: str, value: float, about: str) -> NumberClaim:
        return claim(art, text, number, value, measure="duration", about=about, unit="days",
                     normalized=value * 86400, norm_unit="s")

    facts = facts_of(
        ("a", a, [d("a", a, "30 days", 30, "days of treatment"), d("a", a, "90 day", 90, "day stay")]),
        ("b", b, [d("b", b, "90 day", 90, "day stay"), d("b", b, "30 days", 30, "days of treatment")]))
    durations = [f for f in facts if f.measure == "duration"]
    assert sorted(tuple(v.value for v in f.values) for f in durations) == [(30,), (90,)]
    assert all(f.status == "agreed" for f in durations)


def test_reconcile_dates_of_one_day_merge_and_bare_days_are_dropped():
    a = "The player was arrested on February 1, 2009 near the stadium."
    b = "Police said the arrest was made on Feb. 1, 2009 after a traffic stop."
    c = "The hearing is on the 17th."
    facts = facts_of(
        ("a", a, [claim("a", a, "February 1, 2009", 1, measure="date", about="arrested on",
                        unit=None, normalized=733439.0, norm_unit="2009-02-01")]),
        ("b", b, [claim("b", b, "Feb. 1, 2009", 1, measure="date", about="made on",
                        unit=None, normalized=733439.0, norm_unit="2009-02-01")]),
        ("c", c, [claim("c", c, "17th", 17, measure="date", about="hearing", unit=None)]))
    dates = [f for f in facts if f.measure == "date"]
    assert len(dates) == 1
    assert dates[0].status == "agreed" and dates[0].values[0].independent_sources == 2


def test_reconcile_background_figure_is_never_a_value_of_the_story_fact():
    a = "The quake killed 3 people. In 2012 a larger quake killed 5 people."
    facts = facts_of(("a", a, [claim("a", a, "3", 3),
                               claim("a", a, "5", 5, event="background")]))
    main = [f for f in facts if f.measure == "killed" and f.about == "people killed"]
    assert [v.value for v in main[0].values] == [3]
    assert any(f.about.startswith("background:") for f in facts)


def test_reconcile_quotes_keep_direct_flag_and_never_merge_direct_with_reported():
    direct = Quote("Mayor Lee", "We will rebuild every house", Citation("a", 0, 30), True)
    reported = Quote("Mayor Lee", "we will rebuild every house", Citation("b", 0, 30), False)
    quotes = reconcile_quotes([ArticleClaims("a", quotes=(direct,)),
                               ArticleClaims("b", quotes=(reported,))])
    assert sorted(q.direct for q in quotes) == [False, True]
    assert all(len(q.sources) == 1 for q in quotes)
    merged = reconcile_quotes([ArticleClaims("a", quotes=(direct,)),
                               ArticleClaims("c", quotes=(Quote("Lee", direct.text,
                                                                Citation("c", 0, 30)),))])
    assert len(merged) == 1 and merged[0].direct is True
