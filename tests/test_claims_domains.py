"""Number claims on news domains other than shootings: quakes, storms, business, elections.

Hand-built sentences from several domains, and a few real sentences (ECB+ dev, record id in
a comment) whose expected values were checked by reading them.
"""

from __future__ import annotations

import pytest

from newsfuse.claims import extract_claims, find_numbers
from tests.builders import article



def surfaces(text: str) -> list[str]:
    return [m.surface for m in find_numbers(text)]


def claims(nlp, *sentences: str, story_date: str | None = "2013-07-02"):
    return extract_claims(article("a", *sentences), nlp, story_date=story_date).numbers


@pytest.mark.parametrize("text", [
    "Indonesia's West Papua province was hit by a magnitude 6.1 earthquake today.",  # ECB+ 37_1ecb
    "The 6.1-magnitude quake was the latest in a series of powerful tremors.",
    "The city was hit by the 7.6 and 7.5 magnitude quakes early on Sunday.",
    "Two quakes, measuring 7.6 and 7.4, struck west of the city.",
    "The tremor registered 5.8 on the Richter scale.",
    "Hundreds of quakes have hit since a 9.1 temblor in 2004.",
    "A magnitude-6.1 quake hits Indonesia.",
])
def test_find_numbers_reads_a_quake_magnitude_only_as_a_magnitude(text):
    # Was: magnitudes dropped (no measure); now every decimal there is a magnitude, never a
    # count, distance or other quantity.
    small = [m for m in find_numbers(text) if m.kind == "quantity" and m.value and
             m.value < 10 and "." in text[m.number_start:m.number_end]]
    assert small and all(m.unit_measure == "magnitude" for m in small)
    assert all(m.unit_measure == "magnitude" for m in find_numbers(text)
               if "magnitude" in m.surface.lower())


def test_find_numbers_keeps_the_toll_beside_a_magnitude():
    found = find_numbers("A 6.1-magnitude quake killed at least 24 people and injured 249.")
    assert [(m.surface, m.value) for m in found] == [
        ("6.1-magnitude", 6.1), ("at least 24", 24.0), ("249", 249.0)]


@pytest.mark.parametrize("text", [
    "Winds of 120 mph tore roofs off homes.",
    "Gusts reached 185 km/h along the coast.",
    "The storm packed sustained winds of 70 miles per hour.",
    "Winds of 40 knots were recorded at the airport.",
    "The 100-mph winds knocked out power.",
    "The car was travelling at 90 kilometres an hour.",
])
def test_find_numbers_never_reads_a_speed_as_a_distance(text):
    assert [m for m in find_numbers(text) if m.unit_measure == "distance"] == []


def test_find_numbers_keeps_a_distance_next_to_a_speed():
    found = find_numbers("Winds of 120 mph were felt 50 miles from the coast.")
    assert [(m.surface, m.unit, m.normalized_value) for m in found] == [
        ("120 mph", "mph", pytest.approx(193.12128)),
        ("50 miles", "miles", pytest.approx(80467.2))]


@pytest.mark.parametrize("text, surface, value, unit", [
    # ECB+ 43_3ecb: Taiwanese shares quoted in New Taiwan dollars.
    ("UMC yesterday closed at NT $18, up NT $0.05.", "NT $18", 18.0, "TWD"),
    ("The shares ended at HK$12.40 in Hong Kong.", "HK$12.40", 12.4, "HKD"),
    ("The deal is worth NZ$300 million.", "NZ$300 million", 300e6, "NZD"),
    ("AMD bought ATI Technologies for US $5.4-billion yesterday.", "$5.4-billion", 5.4e9, "USD"),
    ("The company raised $2.5bn in new debt.", "$2.5bn", 2.5e9, "USD"),
    ("The club paid £300m for the stadium.", "£300m", 300e6, "GBP"),
])
def test_find_numbers_reads_currency_and_magnitude(text, surface, value, unit):
    money = [m for m in find_numbers(text) if m.unit_measure == "money"]
    assert [(m.surface, m.value, m.unit) for m in money][:1] == [(surface, value, unit)]


def test_find_numbers_reads_a_percent_range_written_with_two_signs():
    (m,) = find_numbers("Margins will be around 16% to 17% next year.")
    assert (m.value, m.value_high, m.qualifier, m.unit) == (16.0, 17.0, "range", "percent")


def test_find_numbers_reads_a_percent_change_as_two_figures():
    found = find_numbers("Support for the party rose from 38% to 41% in a month.")
    assert [(m.surface, m.value) for m in found if m.unit == "percent"] == [
        ("38%", 38.0), ("41%", 41.0)]


@pytest.mark.parametrize("text, hhmm, zone", [
    # ECB+ 11_ecb: the poll closing time given in GMT as four digits.
    ("Voting will close at 6:00 p.m. local time (1300 GMT) Sunday.", "13:00", "GMT"),
    ("The quake struck at 0737 GMT at a depth of 10 kilometres.", "07:37", "GMT"),
    ("Polls opened at 0600 UTC.", "06:00", "UTC"),
])
def test_find_numbers_reads_wire_service_clock_times(text, hhmm, zone):
    times = [m for m in find_numbers(text) if m.kind == "time" and m.unit == zone]
    assert [m.normalized_unit for m in times] == [hhmm]
    assert not [m for m in find_numbers(text) if m.kind == "quantity"
                and m.surface.startswith(hhmm.replace(":", ""))]


def test_find_numbers_normalises_centimetres_and_inches():
    found = find_numbers("Waves 40 centimeters high arrived after 6 inches of rain fell.")
    assert [(m.unit, m.normalized_value) for m in found] == [
        ("cm", pytest.approx(0.4)), ("inches", pytest.approx(0.1524))]


def test_people_left_trapped_are_not_counted_as_killed(nlp):
    # ECB+ 37_ecbplus: "killed six children and left 14 others trapped when a mosque collapsed".
    found = claims(nlp, "An earthquake killed six children and left 14 others trapped when "
                        "a mosque collapsed.")
    measures = {c.surface: c.measure for c in found}
    assert measures["six"] == "killed"
    assert measures["14"] != "killed"


def test_places_people_are_evacuated_to_are_not_evacuees(nlp):
    found = claims(nlp, "The landslides caused hundreds of people to be evacuated to 10 "
                        "temporary shelters.")
    assert [c.value for c in found if c.measure == "evacuated"] == [200.0]


@pytest.mark.parametrize("sentence, surface", [
    ("The tsunami four years ago killed more than 230,000 people.", "more than 230,000"),
    ("A flood two decades ago left 5,000 people homeless.", "5,000"),
])
def test_figures_of_an_event_years_ago_are_background(nlp, sentence, surface):
    found = [c for c in claims(nlp, sentence) if c.surface == surface]
    assert [c.event for c in found] == ["background"]


@pytest.mark.parametrize("sentence", [
    "Four more people died in hospital, bringing the confirmed death toll from the disaster "
    "to 11.",
    "The storm killed two more people on Monday, pushing the total number of dead to 40.",
])
def test_bringing_the_toll_to_is_worded_as_a_revision(nlp, sentence):
    revised = [c for c in claims(nlp, sentence) if c.revision]
    assert revised, "the new total is an update"


def test_speeds_and_magnitudes_are_their_own_measures_beside_a_count(nlp):
    found = claims(nlp, "The 6.1-magnitude quake and winds of 120 mph destroyed 300 homes.")
    assert sorted((c.measure, c.value) for c in found) == [
        ("count", 300.0), ("magnitude", 6.1), ("speed", 120.0)]


def test_ages_set_off_by_commas_after_a_common_noun_are_not_counts():
    # Checked by hand: 17 and 22, 19 and 20, 12 and 14 are ages; the counts stay.
    assert [m.surface for m in find_numbers(
        "Police arrested his two half-brothers, 17 and 22, on Sunday.")] == ["two"]
    assert [m.surface for m in find_numbers("Two men, 19 and 20, were charged.")] == ["Two"]
    assert find_numbers("The victims, 12 and 14, were taken to hospital.") == []
    assert [m.surface for m in find_numbers("In the attack, 12 people died.")] == ["12"]
    assert [m.surface for m in find_numbers(
        "Residents said 30, 40 and 50 homes were hit.")] == ["30", "40", "50"]
