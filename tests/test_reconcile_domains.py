"""Reconcile on news domains other than shootings: business sums, election percentages,
quake distances with conversions, match reports, counts of things.

Hand-built claims whose spans slice the hand-written sentences; every expected value and
status was worked out from the sentences by hand.
"""

from __future__ import annotations

import math

from tests.builders import facts_of
from tests.builders import number_claim as claim


def money(article, text, number, value):
    return claim(article, text, number, value, measure="money", about="amount", unit="USD")


def test_different_sums_of_a_deal_are_not_one_conflicting_amount():
    a = "the chipmaker will pay $334 million for the startup, of which $281 million in cash."
    b = "the chipmaker agreed to pay $334 million; the startup had raised $20 million."
    facts = facts_of(
        ("a", a, [money("a", a, "$334 million", 334e6), money("a", a, "$281 million", 281e6)]),
        ("b", b, [money("b", b, "$334 million", 334e6), money("b", b, "$20 million", 20e6)]))
    amounts = sorted((f.values[0].value, f.status) for f in facts if f.measure == "money")
    assert amounts == [(20e6, "single_source"), (281e6, "single_source"), (334e6, "agreed")]
    assert not [f for f in facts if f.status == "conflict"]


def test_percentages_are_compared_exactly():
    a = "officials said 88.41% of eligible voters cast ballots."
    b = "the government said 90% of eligible voters took part."
    facts = facts_of(
        ("a", a, [claim("a", a, "88.41%", 88.41, measure="percent", unit="percent",
                        about="percentage of eligible voters", normalized=88.41,
                        norm_unit="percent")]),
        ("b", b, [claim("b", b, "90%", 90, measure="percent", unit="percent",
                        about="percentage of eligible voters", normalized=90.0,
                        norm_unit="percent")]))
    (fact,) = [f for f in facts if f.measure == "percent"]
    assert fact.status == "conflict"
    assert sorted(v.value for v in fact.values) == [88.41, 90]


def test_counts_of_things_destroyed_and_damaged_are_different_facts():
    a = "the flood destroyed 800 homes in the valley."
    b = "officials said 135 homes were damaged by the water."
    c = "the flood destroyed 800 homes, officials said."
    facts = facts_of(
        ("a", a, [claim("a", a, "800", 800, about="homes destroyed", unit="homes")]),
        ("b", b, [claim("b", b, "135", 135, about="homes damaged", unit="homes")]),
        ("c", c, [claim("c", c, "800", 800, about="homes destroyed", unit="homes")]))
    got = sorted((f.about, f.status) for f in facts if f.measure == "count")
    assert got == [("homes damaged", "single_source"), ("homes destroyed", "agreed")]


def test_same_count_with_the_same_verb_still_conflicts():
    a = "the storm destroyed 800 homes."
    b = "the storm destroyed 900 homes."
    facts = facts_of(
        ("a", a, [claim("a", a, "800", 800, about="homes destroyed", unit="homes")]),
        ("b", b, [claim("b", b, "900", 900, about="homes destroyed", unit="homes")]))
    assert [f.status for f in facts if f.measure == "count"] == ["conflict"]


def km(article, text, number, value_km, unit="km", value=None):
    return claim(article, text, number, value if value is not None else value_km,
                 measure="distance", about="distance", unit=unit,
                 normalized=value_km * 1000.0, norm_unit="m")


def test_bracketed_unit_conversion_is_not_a_second_distance():
    # Written like ECB+ 37_ecb: "75 kilometers (50 miles) west of the city".
    a = "the quake struck 75 kilometers (50 miles) west of the city and 35 km deep."
    b = "the quake struck 75 kilometers west of the city, 35 km deep."
    facts = facts_of(
        ("a", a, [km("a", a, "75 kilometers", 75), km("a", a, "50 miles", 80.4672, "miles", 50),
                  km("a", a, "35 km", 35)]),
        ("b", b, [km("b", b, "75 kilometers", 75), km("b", b, "35 km", 35)]))
    distances = [f for f in facts if f.measure == "distance"]
    values = sorted(v.value for f in distances for v in f.values)
    assert values == [35, 75]  # 50 miles restates the 75 km and is no value of its own
    assert [f.status for f in distances] == ["agreed", "agreed"]


def test_a_crowded_match_report_does_not_pair_yardages_by_order():
    a = "Luck threw for 205 yards; Hillis ran for 101 yards; the team had 352 yards; a 47 yards kick."
    b = "Luck passed for 230 yards; Hillis ran 101 yards; the team had 352 yards; a 32 yards return."
    def yards(article, text, number, v):
        return claim(article, text, number, v, measure="distance", about="distance",
                     unit="yards", normalized=v * 0.9144, norm_unit="m")
    facts = facts_of(
        ("a", a, [yards("a", a, f"{v} yards", v) for v in (205, 101, 352, 47)]),
        ("b", b, [yards("b", b, f"{v} yards", v) for v in (230, 101, 352, 32)]))
    distances = [f for f in facts if f.measure == "distance"]
    assert not [f for f in distances if f.status == "conflict"]
    agreed = sorted(f.values[0].value for f in distances if f.status == "agreed")
    assert agreed == [101, 352]


def test_a_share_of_a_count_is_a_part_not_a_rival():
    a = "A total of 288 candidates run for 125 seats, with 37 of the candidates in the capital."
    b = "Some 288 candidates are vying for the 125 seats."
    facts = facts_of(
        ("a", a, [claim("a", a, "288", 288, about="candidates", unit="candidates"),
                  claim("a", a, "37", 37, about="candidates", unit="candidates")]),
        ("b", b, [claim("b", b, "288", 288, about="candidates", unit="candidates")]))
    candidates = {f.about: (f.status, [v.value for v in f.values]) for f in facts
                  if "candidates" in f.about}
    assert candidates == {"candidates": ("agreed", [288]),
                          "part: candidates": ("single_source", [37])}


def test_another_n_dead_is_a_part_of_the_toll():
    a = "The quake killed 24 people. Another four people died in hospital."
    b = "At least 24 people were killed."
    facts = facts_of(
        ("a", a, [claim("a", a, "24", 24, measure="killed", about="people killed"),
                  claim("a", a, "four", 4, measure="killed", about="people killed")]),
        ("b", b, [claim("b", b, "24", 24, measure="killed", about="people killed")]))
    main = [f for f in facts if f.measure == "killed" and f.about == "people killed"]
    assert [(f.status, [v.value for v in f.values]) for f in main] == [("agreed", [24])]
    assert math.isclose(facts[0].values[0].value, 24)
