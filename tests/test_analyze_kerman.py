"""End to end on the bundled example (5 real reports of the Kerman bombings, January 2024).

Asserts the disagreements a careful reader of the five reports finds: the toll (103 vs 95,
and "more than 100"), the injured (over 200 / at least 140 / 141 / over 210), the distances
(700 m and 2,300 ft agree; 1 km and 2,000 ft do not), who claimed the attack, and that
figures of earlier events never enter the story's toll. Uses the real shipped models.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.analyze import analyze_story, load_models
from newsfuse.ingest import load_articles

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kerman-2024"


@pytest.fixture(scope="module")
def articles():
    found, rejected = load_articles([str(EXAMPLE)])
    assert not rejected
    assert len(found) == 5
    return found


@pytest.fixture(scope="module")
def models():
    return load_models()


@pytest.fixture(scope="module")
def story(articles, models):
    return analyze_story(articles, models)


def _main_fact(story, measure):
    """The story's own fact of a measure: not background, most cited."""
    facts = [f for f in story.facts
             if f.measure == measure and not f.about.startswith("background:")]
    return max(facts, key=lambda f: sum(len(v.sources) for v in f.values))


def test_kerman_toll_is_a_conflict_of_103_against_95(story):
    killed = _main_fact(story, "killed")
    assert killed.status == "conflict"
    values = {(v.value, v.qualifier) for v in killed.values}
    assert (95, "at_least") in values
    assert any(v == 103 for v, _ in values)
    assert (100, "more_than") in values
    assert killed.consensus is not None and killed.consensus.value == 103
    assert "95" in killed.consensus.reason


def test_kerman_background_figures_stay_out_of_the_toll(story):
    killed = _main_fact(story, "killed")
    assert not {56, 15} & {v.value for v in killed.values}


def test_kerman_injured_reports_disagree(story):
    injured = _main_fact(story, "injured")
    assert injured.status == "conflict"
    values = {v.value for v in injured.values}
    assert {140, 141, 200, 210} <= values
    assert injured.consensus is None


def test_kerman_distances_700_m_and_2300_ft_agree_1_km_and_2000_ft_conflict(story):
    distances = [f for f in story.facts if f.measure == "distance"]

    def metres(f):
        return {round(v.normalized_value) for v in f.values if v.normalized_value}

    first = [f for f in distances if any(690 <= m <= 710 for m in metres(f))]
    assert len(first) == 1 and first[0].status == "agreed"
    assert first[0].values[0].independent_sources >= 3
    second = [f for f in distances if 1000 in metres(f)]
    assert len(second) == 1 and second[0].status == "conflict"
    assert 610 in metres(second[0])


def test_kerman_responsibility_claim_and_no_claim_both_shown(story):
    stances = {(r.actor, r.stance) for r in story.responsibility}
    assert ("Islamic State", "claimed") in stances
    assert (None, "none_claimed") in stances
    none_claimed = next(r for r in story.responsibility if r.stance == "none_claimed")
    assert len({c.article for c in none_claimed.sources}) >= 2


def test_kerman_summary_cites_real_sentences_of_several_outlets(story, articles):
    by_id = {a.id: a for a in articles}
    assert story.summary
    for sentence in story.summary:
        for c in sentence.citations:
            article = by_id[c.article]
            assert any(s.start == c.start and s.end == c.end for s in article.sentences)
    assert max(len({c.article for c in s.citations}) for s in story.summary) >= 3
    assert any(s.conflict for s in story.summary)
    text = " ".join(s.text for s in story.summary)
    assert "Soleimani" in text


def test_kerman_story_is_the_same_for_reversed_input(story, articles, models):
    again = analyze_story(list(reversed(articles)), models)
    assert again == story
