"""Unit words read as a writer writes them next to a number."""

from __future__ import annotations

from newsfuse.render._common import format_value
from newsfuse.story import FactValue
from newsfuse.units import unit_text


def test_exactly_one_takes_the_singular():
    assert unit_text("days", 1.0) == "day"
    assert unit_text("feet", 1) == "foot"
    assert unit_text("days", 2.0) == "days"
    assert unit_text("days", 1.0, 2.0) == "days"  # a range "1-2 days"
    assert unit_text("km", 1.0) == "km"
    assert unit_text("USD", 1.0) == "USD"


def test_fact_values_show_one_day_not_one_days():
    one = FactValue(value=1.0, unit="days", qualifier="exact", normalized_value=86400.0,
                    normalized_unit="s", sources=(), independent_sources=1)
    assert format_value(one) == "1 day (= 86,400 s)"
    three = FactValue(value=3.0, unit="days", qualifier="about", normalized_value=259200.0,
                      normalized_unit="s", sources=(), independent_sources=1)
    assert format_value(three) == "about 3 days (= 259,200 s)"


def test_consensus_of_one_day_reads_one_day():
    from newsfuse.render._common import format_consensus
    from newsfuse.story import Citation, Consensus, Fact

    cite = Citation("a", 0, 5)
    one = FactValue(value=1.0, unit="days", qualifier="exact", normalized_value=86400.0,
                    normalized_unit="s", sources=(cite,), independent_sources=1)
    fact = Fact(measure="duration", about="duration", status="single_source", values=(one,),
                consensus=Consensus(value=1.0, reason="stated by a single independent source"))
    assert format_consensus(fact) == "1 day"
