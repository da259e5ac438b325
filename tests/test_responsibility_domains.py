"""Responsibility claims on news other than attacks and crimes: business, sports, politics,
celebrity and weather stories use "claimed", "credit", "blamed", "responsible for",
"attributed to" and "accused of" for things that are not responsibility for a harmful event.

Every hand-built sentence's expected result is read off the sentence by hand; the real
excerpts are quoted from ECB+ (CC BY 3.0) with their record id.
"""

from __future__ import annotations

import pytest

from test_claims import claims_of



def _resp(nlp, text):
    return [(r.actor, r.stance) for r in claims_of(nlp, text).responsibility]


@pytest.mark.parametrize("text", [
    # elections, sports, celebrity: winning is not claiming responsibility
    "The senator claimed victory in the state's Democratic primary on Tuesday.",
    "Nadal claimed the title after a five-set final.",
    "The Liberal Democrats claimed a seat in the north.",
    "The actress claimed her third Oscar on Sunday night.",
    # business: praise for a market move
    "The chief executive took credit for the rally in shares.",
    # a cause that is not a party, or an outcome that is not harm
    "The airline blamed the weather for the delay.",
    "The coach blamed the loss on poor defense.",
    "The coach blamed the referees for the loss.",
    "The candidate accused her rival of lying about his record.",
])
def test_wins_praise_and_everyday_blame_are_not_responsibility(nlp, text):
    assert _resp(nlp, text) == []


@pytest.mark.parametrize("text", [
    # 5_3ecb: a job description
    "In his role as Senior Vice President and Assistant General Manager, DiLeo was responsible "
    "for assisting Stefanski with player procurement via his evaluation of amateur and "
    "professional talent while supervising the team's draft efforts and overseeing the "
    "college and professional scouting systems.",
    # 5_4ecb: a coach's firing explained
    "But he lost his job this time not only because of Xs and Os, but because so many of the "
    "76ers' players that blossomed under him last season, including center Sam Dalembert, "
    "forward Andre Iguodala and guard Lou Williams, struggled to get going this season.",
    # 39_9ecbplus: "whom" names no one
    "Show runners are a thing we know about now; we know whom to blame, and Moffat draws a "
    "fair share.",
    # 39_11ecbplus: success attributed to its makers
    "Capaldi attributed the longevity of the show to the creative team behind it as well as "
    "to its millions of fans around the world.",
    # 9_6ecbplus: a natural cause
    "The Interior Department earlier had declared the polar bear a threatened species because "
    "of the loss of Arctic sea ice, a change attributed to global warming.",
    # 9_10ecbplus: the thing blamed is a procedure, the outcome a delay
    "The reviews have been blamed by developers and federal agencies for delays and cost "
    "increases.",
])
def test_real_excerpts_from_other_domains_give_no_responsibility(nlp, text):
    assert _resp(nlp, text) == []


@pytest.mark.parametrize("text, expected", [
    # business and disasters: a party blamed for harm is still a claim
    ("Regulators blamed the utility for the blackout that left millions without power.",
     [("utility", "blamed")]),
    ("Residents blamed the city for the flooding.", [("city", "blamed")]),
    ("Prosecutors accused the former chief executive of fraud.",
     [("former chief executive", "blamed")]),
    ("Officials held the company responsible for the spill.", [("company", "blamed")]),
    ("The report held the ministry responsible for the deaths of 12 people.",
     [("ministry", "blamed")]),
    ("The hacker group claimed responsibility for the outage.", [("hacker group", "claimed")]),
    # attacks and crimes keep working
    ("The minister blamed the bombing on foreign agents.", [("foreign agents", "blamed")]),
    ("The Islamic State claimed responsibility for the bombing.",
     [("Islamic State", "claimed")]),
    ("Police blamed the driver.", [("driver", "blamed")]),
])
def test_parties_blamed_for_harm_in_any_domain(nlp, text, expected):
    assert _resp(nlp, text) == expected


def test_held_responsible_actor_stops_before_responsible(nlp):
    (actor, stance), = _resp(nlp, "Investigators held the airline responsible for the crash.")
    assert (actor, stance) == ("airline", "blamed")


def test_first_person_actor_is_not_reported(nlp):
    # mn-45135 (Multi-News, lower-cased): a CEO's "we accept full responsibility" names no
    # party in the sentence itself; "We" is not an actor a reader can use.
    assert _resp(nlp, '"We accept full responsibility," the chief executive said.') == []
