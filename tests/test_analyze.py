"""The story pipeline: wiring checks, determinism, grouping (hand-built upstream stages)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.analyze import (
    STORY_STAGES,
    Models,
    analyze,
    analyze_story,
    group_by_field,
    story_pipeline,
    story_title,
)
from newsfuse.article import Article, Span
from newsfuse.embed import HashingEmbedder
from newsfuse.errors import ConfigError, InputError, StageError
from newsfuse.pipeline import Pipeline, Stage
from newsfuse.story import ArticleClaims, Citation, NumberClaim, Relation


def article(aid: str, *sentences: str, title: str | None = None, **fields: str) -> Article:
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        start = text.index(s, pos)
        spans.append(Span(start, start + len(s)))
        pos = start + len(s)
    return Article(id=aid, source=f"{aid}.txt", original=text, text=text, sentences=tuple(spans),
                   title=title, fields=tuple(fields.items()))


def _killed_claims(a: Article) -> ArticleClaims:
    numbers = []
    for word, value in (("12", 12), ("9", 9)):
        at = a.text.find(f" {word} ")
        if at >= 0:
            s = next(s for s in a.sentences if s.start <= at + 1 < s.end)
            numbers.append(NumberClaim("killed", "people killed", value, "people", "exact", word,
                                       Citation(a.id, at + 1, at + 1 + len(word)),
                                       Citation(a.id, s.start, s.end)))
    return ArticleClaims(a.id, tuple(numbers))


def _fake_stages() -> tuple[Stage, ...]:
    """Upstream stages replaced by hand-built results: b copies a; c is independent."""

    def relations(v):
        ids = {a.id for a in v["articles"]}
        rel = (Relation("a", "b", "copy", 0.9, 0.9),) if {"a", "b"} <= ids else ()
        return {"relations": rel}

    def groups(v):
        ids = sorted(a.id for a in v["articles"])
        copies = tuple(i for i in ids if i in {"a", "b"})
        rest = tuple((i,) for i in ids if i not in {"a", "b"})
        return {"groups": ((copies,) if copies else ()) + rest}

    fake = {
        "align": Stage("align", ("articles", "models"), ("alignments",),
                       lambda v: {"alignments": {}}),
        "provenance": Stage("provenance", ("articles", "alignments"), ("relations",), relations),
        "groups": Stage("groups", ("articles", "relations"), ("groups",), groups),
        "claims": Stage("claims", ("articles", "models"), ("claims",),
                        lambda v: {"claims": tuple(_killed_claims(a) for a in v["articles"])}),
    }
    return tuple(fake.get(s.name, s) for s in STORY_STAGES)


BRIDGE_A = "At least 12 people died when the river bridge collapsed on Friday morning."
BRIDGE_C = "Officials said 9 people died when the old river bridge collapsed on Friday."
MAYOR = "The mayor said rebuilding the bridge would take months and cost millions."


@pytest.fixture(scope="module")
def models() -> Models:
    return Models(embedder=HashingEmbedder(), nlp=None)


def _articles() -> list[Article]:
    return [
        article("a", BRIDGE_A, MAYOR, title="Bridge collapse kills 12"),
        article("b", BRIDGE_A, MAYOR, title="Bridge collapse kills 12"),
        article("c", BRIDGE_C, MAYOR, title="Nine dead as bridge collapses"),
    ]


def test_pipeline_refuses_a_stage_before_its_input():
    stages = list(STORY_STAGES)
    reordered = [stages[3], stages[4], *stages[:3], *stages[5:]]  # reconcile before groups
    with pytest.raises(StageError, match="'groups'"):
        story_pipeline(reordered)


def test_pipeline_refuses_two_stages_providing_the_same_value():
    s = Stage("x", ("a",), ("b",), lambda v: {"b": 1})
    t = Stage("y", ("a",), ("b",), lambda v: {"b": 2})
    with pytest.raises(StageError, match="already provided"):
        Pipeline([s, t], ["a"])


def test_pipeline_refuses_a_stage_returning_other_values_than_declared():
    s = Stage("x", ("a",), ("b",), lambda v: {"c": 1})
    with pytest.raises(StageError, match="declared"):
        Pipeline([s], ["a"]).run(a=1)


def test_analyze_story_counts_copies_once_and_flags_the_conflict(models):
    story = analyze_story(_articles(), models, pipeline=story_pipeline(_fake_stages()))
    killed = [f for f in story.facts if f.measure == "killed"]
    assert len(killed) == 1
    assert killed[0].status == "conflict"
    by_value = {v.value: v.independent_sources for v in killed[0].values}
    assert by_value == {12: 1, 9: 1}
    assert story.source_groups == (("a", "b"), ("c",))
    assert story.articles == ("a", "b", "c")
    assert story.title == "Bridge collapse kills 12"
    assert story.id.startswith("s-")


def test_analyze_story_refuses_duplicate_ids(models):
    with pytest.raises(InputError, match="duplicate article id"):
        analyze_story([article("a", MAYOR), article("a", BRIDGE_A)], models,
                      pipeline=story_pipeline(_fake_stages()))


@settings(max_examples=10, deadline=None)
@given(st.randoms(use_true_random=False))
def test_analyze_story_gives_the_same_story_for_any_input_order(rnd: random.Random):
    models = Models(embedder=HashingEmbedder(), nlp=None)
    pipeline = story_pipeline(_fake_stages())
    articles = _articles()
    expected = analyze_story(articles, models, pipeline=pipeline)
    assert analyze_story(rnd.sample(articles, len(articles)), models, pipeline=pipeline) == expected


def test_analyze_groups_by_field_into_sorted_stories(models):
    articles = [article("a", BRIDGE_A, event="bridge"), article("c", BRIDGE_C, event="bridge"),
                article("d", MAYOR, event="council"), article("e", MAYOR)]
    report = analyze(articles, models, grouping=group_by_field("event"),
                     pipeline=story_pipeline(_fake_stages()))
    assert sorted(s.articles for s in report.stories) == [("a", "c"), ("d",), ("e",)]
    assert [s.id for s in report.stories] == sorted(s.id for s in report.stories)


def test_group_by_unknown_field_is_a_config_error():
    with pytest.raises(ConfigError, match="no article has a field named 'topic'"):
        group_by_field("topic")([article("a", MAYOR)])


def test_story_title_falls_back_to_first_sentence():
    assert story_title([article("x", MAYOR)]) == MAYOR
