"""Claims on crime and disaster wording from several domains: identifiers and ages are not
counts, casualty counts merge under one canonical ``about``, singular victims count as one,
quote speakers are people or organisations, and crime-story responsibility wording.

Every sentence is hand-built; expected values are read off the sentence by hand.
"""

from __future__ import annotations

import pytest

from newsfuse.claims import find_numbers
from test_claims import claims_of



def casualty(nums, measure):
    return sorted((n.value, n.about) for n in nums if n.measure == measure)


# --- (a) identifiers, ages, attributes, ordinals are not counts ---------------------------

@pytest.mark.parametrize("text", [
    "The victims were Maria Lopez, 54, and her son Carlos Lopez, 19.",
    "The dead were identified as Sam Reed, 41 and Ella Reed, 9.",
    "Officers found a .38-caliber revolver and a 12-gauge shotgun in the car.",
    "The two-time world champion said he would retire.",
    "The crash closed Interstate 80 near exit 12 for hours.",
    "Tipsters can call 1-800-TIPS-NOW with information.",
    "Viewers told Channel 4 about the flooding on Route 9.",
    "He rented a flat at 422 Maple road last spring.",
    "The singer checked into a second treatment facility on Monday.",
])
def test_identifiers_ages_calibres_and_ordinals_are_not_quantities(text):
    assert [m.surface for m in find_numbers(text) if m.kind == "quantity"] == []


def test_a_second_as_a_time_span_is_still_a_duration():
    (m,) = find_numbers("The lights flickered for a second before the power failed.")
    assert m.unit == "seconds" and m.value == 1.0


def test_number_after_place_and_comma_is_still_a_count(nlp):
    nums = claims_of(nlp, "In Baghdad, 12 people were killed by a car bomb.").numbers
    assert casualty(nums, "killed") == [(12.0, "people killed")]


def test_intended_killing_gives_no_casualty(nlp):
    nums = claims_of(nlp, "He wanted to kill the three neighbors, prosecutors said.").numbers
    assert casualty(nums, "killed") == []


# --- (b) casualty counts --------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("The attack killed three family members, police said.", 3.0),
    ("A man opened fire at a diner, killing four relatives.", 4.0),
    ("Four victims died at the scene.", 4.0),
    ("Two teenagers were killed in the crash on Saturday.", 2.0),
])
def test_person_noun_casualties_share_the_canonical_about(nlp, text, value):
    assert casualty(claims_of(nlp, text).numbers, "killed") == [(value, "people killed")]


def test_subgroup_and_including_counts_keep_their_noun(nlp):
    nums = claims_of(nlp, "The storm killed 12 people, including three children.").numbers
    assert casualty(nums, "killed") == [(3.0, "children killed"), (12.0, "people killed")]
    nums = claims_of(nlp, "Two police officers were killed in the ambush.").numbers
    assert casualty(nums, "killed") == [(2.0, "officers killed")]


@pytest.mark.parametrize("text, measure, value", [
    ("A man opened fire at a diner and wounded a teenage girl.", "injured", 1.0),
    ("A firefighter was hurt battling the blaze.", "injured", 1.0),
    ("One woman was injured in the blast.", "injured", 1.0),
    ("The landslide killed an elderly farmer near the river.", "killed", 1.0),
    ("Her husband and daughter were killed when the roof collapsed.", "killed", 2.0),
])
def test_singular_victim_phrases_count_one_each(nlp, text, measure, value):
    assert casualty(claims_of(nlp, text).numbers, measure) == [(value, f"people {measure}")]


def test_list_of_victims_sums_and_parts_keep_their_noun(nlp):
    nums = claims_of(nlp, "The gunman shot and killed his brother and two nephews before "
                          "fleeing.").numbers
    assert casualty(nums, "killed") == [(2.0, "nephews killed"), (3.0, "people killed")]


def test_people_shot_then_some_died_is_not_all_killed(nlp):
    nums = claims_of(nlp, "Five people were shot on Friday night and two died at the "
                          "hospital.").numbers
    assert casualty(nums, "killed") == [(2.0, "people killed")]
    assert [(n.value, n.about) for n in nums if n.measure == "count"] == [(5.0, "people shot")]


def test_trapped_is_neither_evacuated_nor_killed(nlp):
    nums = claims_of(nlp, "Crews struggled to evacuate about 20 miners still trapped "
                          "underground.").numbers
    assert [(n.measure, n.value, n.about) for n in nums] == [("count", 20.0, "miners trapped")]


def test_negated_killing_gives_no_casualty(nlp):
    nums = claims_of(nlp, "He did not kill anyone, his lawyer said.").numbers
    assert casualty(nums, "killed") == []


# --- (c)/(d) quote speakers and spans ----------------------------------------------------

def test_pronoun_speaker_is_not_a_name_inside_a_longer_place_name(nlp):
    text = ("Fire chief Dana Ortiz spoke to reporters outside Ronald Reagan Washington "
            "National Airport.\n"
            "\"We will be investigating this for a long time,\" she said.")
    (q,) = claims_of(nlp, text).quotes
    assert q.speaker == "Dana Ortiz"


def test_pronoun_speaker_prefers_the_previous_speaker_over_a_listed_victim(nlp):
    text = ("\"We have no suspect at this point,\" Police Chief Omar Haddad said.\n"
            "The victims were named as Lena Brooks, 30, and Paul Brooks, 33.\n"
            "\"We are following every lead we have,\" he said.")
    quotes = claims_of(nlp, text).quotes
    assert [q.speaker for q in quotes] == ["Police Chief Omar Haddad"] * 2


def test_the_person_a_reported_clause_is_about_is_not_its_speaker(nlp):
    text = ("Sheriff Ann Bell briefed reporters on Monday.\n"
            "She said Marcus Hale did not have a criminal record in the county.")
    quotes = claims_of(nlp, text).quotes
    assert [q.speaker for q in quotes] == ["Ann Bell"]
    assert quotes[0].text.startswith("Marcus Hale did not have")


def test_place_is_never_a_speaker(nlp):
    text = "\"The water came so fast that nobody could leave,\" said Riverton, a farming town."
    assert all(q.speaker != "Riverton" for q in claims_of(nlp, text).quotes)


@pytest.mark.parametrize("text", [
    "The festival, billed as \"Night of Lights\", drew big crowds, organisers said.",
    "The charity, \"Hope Road Partners\", said it would expand next year.",
    "Police called the man a \"person of interest\" in the fire, the chief said.",
])
def test_title_like_and_verbless_short_quotes_are_not_quotes(nlp, text):
    assert [q for q in claims_of(nlp, text).quotes if q.direct] == []


def test_reported_speech_keeps_a_trailing_negated_conjunct(nlp):
    text = ("The neighbour said the couple had hosted a quiet dinner on Friday and their "
            "guests never heard an argument.")
    (q,) = claims_of(nlp, text).quotes
    assert q.text.endswith("never heard an argument") and not q.direct


def test_sobbed_and_argued_are_speech_verbs(nlp):
    text = "\"I just want my son back home with us,\" Rita Gomez sobbed."
    (q,) = claims_of(nlp, text).quotes
    assert q.speaker == "Rita Gomez"


# --- (e) responsibility in crime stories ------------------------------------------------

@pytest.mark.parametrize("text, actor, stance", [
    ("The fire was because of Daniel Price, the chief said.", "Daniel Price", "blamed"),
    ("Ellen Ward was charged in connection with the shooting.", "Ellen Ward", "blamed"),
    ("The mayor said the contractor is responsible for the collapse.", "contractor", "blamed"),
    ("Tom Bell denied stabbing the guard.", "Tom Bell", "denied"),
    ("A local man says he is not the person who shot the clerk.", "A local man", "denied"),
])
def test_crime_story_responsibility_wording(nlp, text, actor, stance):
    found = [(r.actor, r.stance) for r in claims_of(nlp, text).responsibility]
    assert found == [(actor, stance)]


@pytest.mark.parametrize("text", [
    "Officers said Jay Moss was not charged in the crash.",
    "The fire was not because of the wiring, inspectors said.",
    "Nobody is responsible for the weather.",
])
def test_negated_or_unnamed_crime_wording_blames_no_one(nlp, text):
    assert [r for r in claims_of(nlp, text).responsibility if r.stance == "blamed"] == []


def test_passive_subject_of_told_is_the_hearer_not_the_speaker(nlp):
    text = "The Daily Star was told the mayor had resigned after the vote on Friday."
    assert all(q.speaker != "The Daily Star" and q.speaker != "Daily Star"
               for q in claims_of(nlp, text).quotes)
