"""Near-duplicate detection: verified pairs only, no chaining, representative choice."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.article import Article
from newsfuse.dedupe import find_duplicates, jaccard, shingles
from newsfuse.errors import ConfigError

WORDS = [f"w{i}" for i in range(400)]


def art(aid: str, text: str, published: str | None = None) -> Article:
    return Article(id=aid, source=aid, original=text, text=text, published=published)


def words(start: int, stop: int) -> str:
    return " ".join(WORDS[start:stop])


def test_find_duplicates_groups_a_reprint_with_one_changed_word() -> None:
    text = words(0, 200)
    reprint = text.replace("w150", "w999")  # same length: "a" wins on id
    groups = find_duplicates([art("a", text), art("b", reprint), art("c", words(200, 400))])
    assert [g.ids() for g in groups] == [("a", "b")]


def test_find_duplicates_keeps_articles_on_the_same_topic_apart() -> None:
    first = "Police said two people were shot on Main Street late on Friday night in the city."
    second = "Police said a man was stabbed near the river on Sunday morning, officials said."
    assert find_duplicates([art("a", first), art("b", second)]) == ()


def test_find_duplicates_does_not_chain_unverified_pairs() -> None:
    # a~b and b~c clear 0.8 Jaccard but a~c does not: c must not join a's group.
    a, b, c = art("a", words(0, 100), "2024-01-01"), art("b", words(0, 110), "2024-01-02"), art(
        "c", words(0, 135), "2024-01-03"
    )
    sa, sb, sc = (shingles(x.text) for x in (a, b, c))
    assert jaccard(sa, sb) >= 0.8 and jaccard(sb, sc) >= 0.8 and jaccard(sa, sc) < 0.8
    groups = find_duplicates([c, b, a])
    assert [g.ids() for g in groups] == [("a", "b")]


def test_representative_is_earliest_published_then_longest_then_smallest_id() -> None:
    text = words(0, 120)
    longer = text + " w399"
    dated = find_duplicates([art("x", longer), art("y", text, "2024-05-02"), art("z", text, "2024-05-01")])
    assert dated[0].representative.id == "z"
    undated = find_duplicates([art("x", text), art("y", longer)])
    assert undated[0].representative.id == "y"
    same = find_duplicates([art("y", text), art("x", text)])
    assert same[0].representative.id == "x"


def test_containment_catches_an_article_republished_inside_a_longer_one() -> None:
    short, long = art("s", words(0, 80)), art("l", words(0, 80) + " " + words(200, 300))
    assert find_duplicates([short, long]) == ()
    groups = find_duplicates([short, long], min_containment=0.9)
    assert {a for g in groups for a in g.ids()} == {"s", "l"}


@pytest.mark.parametrize("value", [0.0, -0.1, 1.5])
def test_find_duplicates_refuses_thresholds_outside_unit_interval(value: float) -> None:
    with pytest.raises(ConfigError, match="min_jaccard"):
        find_duplicates([art("a", "x")], min_jaccard=value)


def test_find_duplicates_refuses_repeated_ids() -> None:
    with pytest.raises(ConfigError, match="unique"):
        find_duplicates([art("a", "x y"), art("a", "z w")])


@st.composite
def corpora(draw: st.DrawFn) -> list[Article]:
    rng = random.Random(draw(st.integers(0, 10_000)))
    bases = [words(k * 60, k * 60 + 60) for k in range(draw(st.integers(1, 4)))]
    out = []
    for i in range(draw(st.integers(1, 9))):
        tokens = rng.choice(bases).split()
        for _ in range(rng.randint(0, 6)):
            tokens[rng.randrange(len(tokens))] = rng.choice(WORDS)
        out.append(art(f"a{i}", " ".join(tokens), rng.choice([None, "2024-01-01", "2024-01-02"])))
    return out


@settings(max_examples=40, deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_every_member_is_verified_against_its_representative_in_any_order(
    articles: list[Article], rnd: random.Random
) -> None:
    groups = find_duplicates(articles)
    for g in groups:
        rep = shingles(g.representative.text)
        assert all(jaccard(rep, shingles(m.text)) >= 0.8 for m in g.members)
    shuffled = articles[:]
    rnd.shuffle(shuffled)
    assert [g.ids() for g in find_duplicates(shuffled)] == [g.ids() for g in groups]
