"""Speed changes must not change results: overlapped stages, embedding batches, spaCy reuse."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from newsfuse.analyze import run_overlapped
from newsfuse.article import Article, Span
from newsfuse.claims import extract_claims, extract_story_claims
from newsfuse.embed import HashingEmbedder, load_default_embedder
from newsfuse.errors import StageError
from newsfuse.pipeline import Pipeline, Stage


def _diamond() -> Pipeline:
    # a -> (b, c) side by side -> d; c records the thread it ran on.
    return Pipeline(
        [
            Stage("b", ("a",), ("b",), lambda v: {"b": v["a"] + 1}),
            Stage("c", ("a",), ("c", "c_thread"),
                  lambda v: {"c": v["a"] * 10, "c_thread": threading.current_thread().name}),
            Stage("d", ("b", "c"), ("d",), lambda v: {"d": (v["b"], v["c"])}),
        ],
        ["a"],
    )


def test_overlapped_run_gives_the_values_of_the_sequential_run():
    pipeline = _diamond()
    sequential = pipeline.run(a=2)
    overlapped = run_overlapped(pipeline, a=2)
    assert overlapped["d"] == sequential["d"] == (3, 20)
    assert {k: v for k, v in overlapped.items() if k != "c_thread"} == \
        {k: v for k, v in sequential.items() if k != "c_thread"}
    assert overlapped["c_thread"].startswith("newsfuse-stage")


def test_overlapped_run_raises_the_first_failing_stage_in_pipeline_order():
    def fail(message: str):
        def run(_v):
            raise ValueError(message)
        return run

    pipeline = Pipeline([Stage("x", ("a",), ("x",), fail("x broke")),
                         Stage("y", ("a",), ("y",), fail("y broke")),
                         Stage("z", ("x", "y"), ("z",), lambda v: {"z": 1})], ["a"])
    with pytest.raises(ValueError, match="x broke"):
        run_overlapped(pipeline, a=1)


def test_overlapped_run_refuses_undeclared_values_and_missing_inputs():
    pipeline = Pipeline([Stage("x", ("a",), ("b",), lambda v: {"c": 1})], ["a"])
    with pytest.raises(StageError, match="declared"):
        run_overlapped(pipeline, a=1)
    with pytest.raises(StageError, match="input missing"):
        run_overlapped(pipeline)


def test_hashing_embedding_does_not_depend_on_the_batch():
    texts = ["A bridge fell on Friday.", "Nine people died.", "The mayor spoke at noon today."]
    together = HashingEmbedder().embed(texts)
    alone = np.stack([HashingEmbedder().embed([t])[0] for t in texts])
    assert np.array_equal(together, alone)


@pytest.fixture(scope="module")
def minilm():
    return load_default_embedder()


def test_minilm_embedding_of_a_text_does_not_depend_on_its_batch(minilm):
    # Small length-sorted batches are only a speed-up if a text's vector is the same in any
    # batch: padding to the batch's longest text must not change it.
    short = "Nine people died."
    long = ("Officials said on Friday that the old river bridge, which carried the main road "
            "across the valley for ninety years, collapsed during the morning rush hour.")
    texts = [short, long, "The mayor spoke at noon.", short + " " + short]
    together = minilm.embed(texts)
    alone = np.stack([minilm.embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-6)
    assert float(together[0] @ together[1]) < 0.9  # different texts, different vectors


def _article(aid: str, *sentences: str) -> Article:
    text = " ".join(sentences)
    spans, pos = [], 0
    for sentence in sentences:
        start = text.index(sentence, pos)
        spans.append(Span(start, start + len(sentence)))
        pos = start + len(sentence)
    return Article(id=aid, source=f"{aid}.txt", original=text, text=text, sentences=tuple(spans))



FIRE = "Ann Lee, 54, was killed in the fire near the old mill on Monday."
QUOTE = '"It was the worst night of my life," he said.'


def test_story_claims_equal_claims_of_each_article_alone(nlp):
    # The fire sentence is shared verbatim. In "a" it comes just before a pronoun quote, so
    # its entities are read (Ann Lee may be the speaker); in "b" it does not, so "b" knows
    # no person and its quote stays without a speaker. Parsing the sentence once for the
    # story must not hand "b" the entities "a" asked for.
    a = _article("a", FIRE, QUOTE, "Fire chief Tom Reed said 40 firefighters fought the blaze.")
    b = _article("b", FIRE, "The road to the mill stayed closed until 9 p.m.", QUOTE)
    c = _article("c", "Nothing here can hold a claim at all.")
    alone = tuple(extract_claims(x, nlp, story_date="2024-03-04") for x in (a, b, c))
    together = extract_story_claims([a, b, c], nlp, story_date="2024-03-04")
    assert together == alone
    assert [q.speaker for q in together[1].quotes] == [None]
    assert together[0].numbers and together[2].numbers == () and together[2].quotes == ()
    assert extract_story_claims([], nlp) == ()
