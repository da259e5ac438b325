"""Reconciliation of hand-built claims: agreement, conflict, updates, copies, background."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.reconcile import reconcile_facts, reconcile_quotes, reconcile_responsibility
from newsfuse.story import ArticleClaims, Citation, NumberClaim, Quote, ResponsibilityClaim

_pos = {"n": 0}


def num(
    article: str, value: float | None, *, measure: str = "killed", about: str = "people killed",
    qualifier: str = "exact", unit: str | None = "people", normalized: float | None = None,
    norm_unit: str | None = None, event: str = "main", revision: bool = False, at: int = 0,
) -> NumberClaim:
    """A number claim at offset ``at`` of ``article`` (spans are only compared, not sliced)."""
    return NumberClaim(
        measure=measure, about=about, value=value, unit=unit, qualifier=qualifier,
        surface=f"{qualifier} {value}", citation=Citation(article, at, at + 5),
        sentence=Citation(article, at, at + 40), normalized_value=normalized,
        normalized_unit=norm_unit, event=event, revision=revision,
    )


def claims_of(*numbers: NumberClaim) -> list[ArticleClaims]:
    by: dict[str, list[NumberClaim]] = {}
    for n in numbers:
        by.setdefault(n.citation.article, []).append(n)
    return [ArticleClaims(article=a, numbers=tuple(ns)) for a, ns in sorted(by.items())]


def only(facts, measure, background=False):
    found = [f for f in facts if f.measure == measure
             and f.about.startswith("background:") == background]
    assert len(found) == 1, found
    return found[0]


def test_reconcile_equal_counts_from_two_independent_sources_are_agreed():
    facts = reconcile_facts(claims_of(num("a", 12), num("b", 12, at=10)), [["a"], ["b"]], {})
    fact = only(facts, "killed")
    assert fact.status == "agreed"
    assert len(fact.values) == 1
    assert fact.values[0].independent_sources == 2
    assert {c.article for c in fact.values[0].sources} == {"a", "b"}
    assert fact.consensus is not None and fact.consensus.value == 12


def test_reconcile_one_group_of_copies_is_single_source():
    facts = reconcile_facts(
        claims_of(num("a", 7), num("b", 7), num("c", 7)), [["a", "b", "c"]], {}
    )
    fact = only(facts, "killed")
    assert fact.status == "single_source"
    assert fact.values[0].independent_sources == 1
    assert len(fact.values[0].sources) == 3


def test_reconcile_copies_count_once_in_the_majority():
    # a, b, c are copies of one report saying 95; d and e independently say 103.
    facts = reconcile_facts(
        claims_of(num("a", 95), num("b", 95), num("c", 95), num("d", 103), num("e", 103)),
        [["a", "b", "c"], ["d"], ["e"]], {},
    )
    fact = only(facts, "killed")
    assert fact.status == "conflict"
    by_value = {v.value: v for v in fact.values}
    assert by_value[95].independent_sources == 1
    assert by_value[103].independent_sources == 2
    assert fact.consensus is not None and fact.consensus.value == 103
    assert "95" in fact.consensus.reason


def test_reconcile_round_lower_bound_agrees_with_precise_figure():
    facts = reconcile_facts(
        claims_of(num("a", 100, qualifier="more_than"), num("b", 103, qualifier="at_least"),
                  num("c", 103)),
        [["a"], ["b"], ["c"]], {},
    )
    fact = only(facts, "killed")
    assert fact.status == "agreed"
    assert fact.consensus is not None and fact.consensus.value == 103


def test_reconcile_precise_lower_bound_with_other_figure_is_conflict():
    # "at least 95" vs "103": logically compatible, but the reports disagree on the toll.
    facts = reconcile_facts(
        claims_of(num("a", 95, qualifier="at_least"), num("b", 103)), [["a"], ["b"]], {}
    )
    fact = only(facts, "killed")
    assert fact.status == "conflict"
    assert {v.value for v in fact.values} == {95, 103}
    # one against one: no justified single value
    assert fact.consensus is None


def test_reconcile_keeps_every_disagreeing_value():
    facts = reconcile_facts(
        claims_of(num("a", 200, qualifier="more_than", measure="injured", about="injured"),
                  num("b", 140, qualifier="at_least", measure="injured", about="injured"),
                  num("c", 141, measure="injured", about="people injured"),
                  num("d", 210, qualifier="more_than", measure="injured", about="injured")),
        [["a"], ["b"], ["c"], ["d"]], {},
    )
    fact = only(facts, "injured")
    assert fact.status == "conflict"
    assert sorted(v.value for v in fact.values) == [140, 141, 200, 210]


def test_reconcile_700_metres_equals_2300_feet():
    facts = reconcile_facts(
        claims_of(
            num("a", 700, measure="distance", about="first blast from the grave", unit="metres",
                normalized=700.0, norm_unit="m"),
            num("b", 2300, measure="distance", about="first blast from the grave", unit="feet",
                qualifier="about", normalized=701.04, norm_unit="m"),
        ),
        [["a"], ["b"]], {},
    )
    fact = only(facts, "distance")
    assert fact.status == "agreed"
    assert len(fact.values) == 1
    assert fact.values[0].independent_sources == 2


def test_reconcile_1_km_and_2000_feet_conflict_and_ordinals_split_facts():
    facts = reconcile_facts(
        claims_of(
            num("a", 700, measure="distance", about="first blast from the grave", unit="metres",
                normalized=700.0, norm_unit="m"),
            num("a", 1, measure="distance", about="second blast from the grave", unit="km",
                normalized=1000.0, norm_unit="m", at=50),
            num("b", 2300, measure="distance", about="first blast from the grave", unit="feet",
                normalized=701.04, norm_unit="m"),
            num("b", 2000, measure="distance", about="second explosion away", unit="feet",
                normalized=609.6, norm_unit="m", at=50),
        ),
        [["a"], ["b"]], {},
    )
    distances = [f for f in facts if f.measure == "distance"]
    assert len(distances) == 2
    statuses = sorted(f.status for f in distances)
    assert statuses == ["agreed", "conflict"]
    conflict = next(f for f in distances if f.status == "conflict")
    assert {round(v.normalized_value) for v in conflict.values} == {1000, 610}


def test_reconcile_distances_without_ordinals_are_told_apart_by_order_of_mention():
    facts = reconcile_facts(
        claims_of(
            num("a", 700, measure="distance", about="from the grave", unit="metres",
                normalized=700.0, norm_unit="m", at=0),
            num("a", 1, measure="distance", about="away", unit="km",
                normalized=1000.0, norm_unit="m", at=50),
            num("b", 2300, measure="distance", about="from the grave", unit="feet",
                normalized=701.04, norm_unit="m", at=0),
            num("b", 2000, measure="distance", about="away", unit="feet",
                normalized=609.6, norm_unit="m", at=60),
        ),
        [["a"], ["b"]], {},
    )
    distances = [f for f in facts if f.measure == "distance"]
    assert sorted(f.status for f in distances) == ["agreed", "conflict"]


def test_reconcile_background_claims_never_mix_with_the_story():
    facts = reconcile_facts(
        claims_of(num("a", 103), num("b", 103),
                  num("a", 56, about="people killed in a 2020 stampede", event="background",
                      at=80)),
        [["a"], ["b"]], {},
    )
    main = only(facts, "killed")
    assert {v.value for v in main.values} == {103}
    assert main.status == "agreed"
    background = only(facts, "killed", background=True)
    assert {v.value for v in background.values} == {56}


def test_reconcile_subgroup_count_is_a_separate_fact():
    facts = reconcile_facts(
        claims_of(num("a", 103), num("b", 103), num("b", 3, about="policemen among the dead",
                                                     at=90)),
        [["a"], ["b"]], {},
    )
    killed = [f for f in facts if f.measure == "killed"]
    assert len(killed) == 2
    people = next(f for f in killed if 103 in {v.value for v in f.values})
    assert people.status == "agreed"


def test_reconcile_later_revision_is_updated_with_latest_consensus():
    facts = reconcile_facts(
        claims_of(num("a", 35), num("b", 35), num("c", 41, revision=True)),
        [["a"], ["b"], ["c"]],
        {"a": "2024-01-03T10:00", "b": "2024-01-03T11:00", "c": "2024-01-04T09:00"},
    )
    fact = only(facts, "killed")
    assert fact.status == "updated"
    assert fact.consensus is not None and fact.consensus.value == 41
    assert {v.value for v in fact.values} == {35, 41}
    first_seen = {v.value: v.first_seen for v in fact.values}
    assert first_seen[35] == "2024-01-03T10:00"


def test_reconcile_revision_older_than_a_disagreeing_report_is_conflict():
    facts = reconcile_facts(
        claims_of(num("a", 35), num("c", 41, revision=True)),
        [["a"], ["c"]], {"a": "2024-01-05", "c": "2024-01-04"},
    )
    assert only(facts, "killed").status == "conflict"


def test_reconcile_quotes_merge_same_speaker_near_identical_text():
    q1 = Quote("Ali Khamenei", "The perpetrators will face a harsh response.", Citation("a", 0, 40))
    q2 = Quote("Khamenei", "the perpetrators will face a harsh response", Citation("b", 5, 45))
    q3 = Quote("Raisi", "They will be punished.", Citation("b", 60, 80))
    quotes = reconcile_quotes([ArticleClaims("a", quotes=(q1,)),
                               ArticleClaims("b", quotes=(q2, q3))])
    assert len(quotes) == 2
    merged = quotes[0]
    assert merged.speaker == "Ali Khamenei"
    assert {c.article for c in merged.sources} == {"a", "b"}


def test_reconcile_responsibility_keeps_claim_and_denial_apart():
    r1 = ResponsibilityClaim("Islamic State", "claimed", Citation("a", 0, 30))
    r2 = ResponsibilityClaim(None, "none_claimed", Citation("b", 0, 30))
    r3 = ResponsibilityClaim(None, "none_claimed", Citation("c", 0, 30))
    out = reconcile_responsibility([ArticleClaims("a", responsibility=(r1,)),
                                    ArticleClaims("b", responsibility=(r2,)),
                                    ArticleClaims("c", responsibility=(r3,))])
    assert [(r.actor, r.stance, len(r.sources)) for r in out] == [
        ("Islamic State", "claimed", 1), (None, "none_claimed", 2)]


_POOL = [num("a", 100, qualifier="more_than"), num("b", 103), num("c", 95, qualifier="at_least"),
         num("d", 103, qualifier="at_least"), num("e", 3, about="policemen among the dead", at=9),
         num("a", 700, measure="distance", about="first blast", unit="m", normalized=700.0,
             norm_unit="m", at=20),
         num("c", 2300, measure="distance", about="first blast", unit="feet",
             normalized=701.0, norm_unit="m", at=20)]


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_reconcile_is_independent_of_input_order(rnd: random.Random):
    base = claims_of(*_POOL)
    groups = [["a", "b"], ["c"], ["d"], ["e"]]
    expected = reconcile_facts(base, groups, {})
    shuffled = [ArticleClaims(ac.article, tuple(rnd.sample(ac.numbers, len(ac.numbers))))
                for ac in rnd.sample(base, len(base))]
    shuffled_groups = [rnd.sample(g, len(g)) for g in rnd.sample(groups, len(groups))]
    assert reconcile_facts(shuffled, shuffled_groups, {}) == expected


def test_reconcile_rounded_about_figure_backs_no_single_count():
    # "approximately 100" allows both 95 and 103; it must not make 95 the majority.
    facts = reconcile_facts(
        claims_of(num("a", 103), num("b", 103, qualifier="at_least"), num("c", 95),
                  num("c", 100, qualifier="about", at=30)),
        [["a"], ["b"], ["c"]], {},
    )
    fact = only(facts, "killed")
    assert fact.status == "conflict"
    assert fact.consensus is not None and fact.consensus.value == 103
    assert "2 of 3" in fact.consensus.reason


def test_reconcile_far_apart_distances_are_different_things():
    facts = reconcile_facts(
        claims_of(
            num("a", 700, measure="distance", about="distance", unit="m", normalized=700.0,
                norm_unit="m"),
            num("b", 510, measure="distance", about="distance", unit="miles",
                normalized=820765.0, norm_unit="m"),
        ),
        [["a"], ["b"]], {},
    )
    assert sorted(f.status for f in facts if f.measure == "distance") == [
        "single_source", "single_source"]


def _percent(article: str, text: str, number: str, value: float) -> NumberClaim:
    at = text.index(number)
    return NumberClaim("percent", "percent of the vote", value, "%", "exact", number,
                       Citation(article, at, at + len(number)), Citation(article, 0, len(text)))


def test_reconcile_percentages_of_different_named_candidates_are_different_facts():
    a = "Smith won 51% of the vote, while Jones took 47%."
    b = "Jones received 47% of the vote and Smith 51%, officials said."
    claims = [
        ArticleClaims("a", (_percent("a", a, "51%", 51), _percent("a", a, "47%", 47))),
        ArticleClaims("b", (_percent("b", b, "47%", 47), _percent("b", b, "51%", 51))),
    ]
    facts = reconcile_facts(claims, [["a"], ["b"]], {}, texts={"a": a, "b": b})
    percents = [f for f in facts if f.measure == "percent"]
    assert sorted((f.status, f.values[0].value) for f in percents) == [
        ("agreed", 47), ("agreed", 51)]
    # Without the texts the names are unknown, but each report states both figures side by
    # side, so they are still two things, not one disputed share.
    blind = [f for f in reconcile_facts(claims, [["a"], ["b"]], {}) if f.measure == "percent"]
    assert sorted((f.status, f.values[0].value) for f in blind) == [
        ("agreed", 47), ("agreed", 51)]


def test_reconcile_different_background_figures_are_different_events():
    facts = reconcile_facts(
        claims_of(num("a", 56, event="background"), num("b", 15, event="background"),
                  num("c", 56, event="background")),
        [["a"], ["b"], ["c"]], {},
    )
    background = [f for f in facts if f.about.startswith("background:")]
    assert sorted((f.status, f.values[0].value) for f in background) == [
        ("agreed", 56), ("single_source", 15)]


def test_reconcile_generic_duration_joins_the_one_named_gap_and_conflicts():
    # "the second tornado touched down 30 minutes after the first" vs "about 45 minutes later"
    named = num("a", 30, measure="duration", about="duration after the first", unit="minutes",
                normalized=1800.0, norm_unit="s")
    generic = num("b", 45, measure="duration", about="duration", unit="minutes",
                  qualifier="about", normalized=2700.0, norm_unit="s", at=20)
    facts = reconcile_facts(claims_of(named, generic), [["a"], ["b"]], {})
    durations = [f for f in facts if f.measure == "duration"]
    assert len(durations) == 1
    assert durations[0].status == "conflict"
    assert sorted(v.value for v in durations[0].values) == [30, 45]


def test_reconcile_generic_duration_stays_apart_when_two_gaps_could_be_meant():
    first = num("a", 30, measure="duration", about="duration after the first", unit="minutes",
                normalized=1800.0, norm_unit="s")
    third = num("a", 10, measure="duration", about="duration before the third", unit="minutes",
                normalized=600.0, norm_unit="s", at=50)
    generic = num("b", 45, measure="duration", about="duration", unit="minutes",
                  normalized=2700.0, norm_unit="s", at=20)
    facts = reconcile_facts(claims_of(first, third, generic), [["a"], ["b"]], {})
    assert any(f.measure == "duration" and [v.value for v in f.values] == [45] for f in facts)


def test_reconcile_two_generic_clock_times_stay_two_facts():
    # "the toll was 41 by 10 a.m." and "the storm hit around 3 pm": two moments, no conflict.
    briefing = num("a", 10.0, measure="time", about="time", unit="EST",
                   normalized=36000.0, norm_unit="10:00")
    landfall = num("b", 15.0, measure="time", about="time", unit="time", qualifier="about",
                   normalized=54000.0, norm_unit="15:00", at=30)
    facts = reconcile_facts(claims_of(briefing, landfall), [["a"], ["b"]], {})
    times = [f for f in facts if f.measure == "time"]
    assert len(times) == 2
    assert all(f.status == "single_source" for f in times)
