"""Story clustering: same event in other words together, look-alike events apart, any order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.article import Article
from newsfuse.cluster import ClusterConfig, cluster_articles
from newsfuse.embed import HashingEmbedder
from newsfuse.errors import ConfigError

EMBEDDER = HashingEmbedder()



def art(aid: str, title: str, text: str, published: str | None = "2021-03-04") -> Article:
    return Article(id=aid, source=aid, original=text, text=text, title=title, published=published)


# Two shootings in the same state in the same week, told by three outlets each, plus a storm.
CORPUS = [
    art("dayton-1", "Two killed in shooting on Salem Avenue in Dayton",
        "Two men were killed and one woman was wounded in a shooting on Salem Avenue in Dayton "
        "late Saturday, police said. Officers found Marcus Whitfield, 24, and Deshawn Rolle, 31, "
        "outside the Speedway gas station. Sergeant Alana Ruiz said no arrest has been made."),
    art("dayton-2", "Dayton police identify two men shot dead outside Salem Avenue gas station",
        "Police in Dayton identified the victims of Saturday's shooting on Salem Avenue as Marcus "
        "Whitfield and Deshawn Rolle. A third person, a woman, is in hospital. Sgt. Alana Ruiz "
        "asked anyone with video from the Speedway station to call detectives."),
    art("dayton-3", "Salem Avenue shooting leaves 2 dead, 1 hurt",
        "Whitfield, 24, and Rolle, 31, died at the scene on Salem Avenue, Dayton police said "
        "Sunday. The wounded woman was taken to Miami Valley Hospital. Ruiz said the gunman fled "
        "in a dark sedan.", "2021-03-05"),
    art("toledo-1", "Teen shot dead at Toledo basketball court",
        "A 16-year-old boy was shot and killed at a basketball court in Toledo's Old West End on "
        "Friday evening, police said. Jaylen Ortiz was pronounced dead at ProMedica Toledo "
        "Hospital. Lieutenant Greg Haskins said two suspects ran toward Collingwood Boulevard."),
    art("toledo-2", "Police seek two suspects after Old West End court shooting kills Jaylen Ortiz",
        "Toledo police are looking for two suspects who ran toward Collingwood Boulevard after "
        "Jaylen Ortiz, 16, was shot at the Old West End basketball court. Lt. Greg Haskins urged "
        "witnesses to come forward.", "2021-03-06"),
    art("toledo-3", "Family mourns Jaylen Ortiz, 16, killed at Toledo court",
        "Relatives of Jaylen Ortiz gathered at the Old West End court in Toledo on Sunday. The "
        "16-year-old was shot Friday; Haskins said detectives have leads on both suspects seen "
        "running toward Collingwood Boulevard.", "2021-03-07"),
    art("storm-1", "Hail storm batters Lubbock farms",
        "Hail the size of golf balls flattened cotton fields around Lubbock on Tuesday, the "
        "National Weather Service said. Farmers reported losses across Hockley County."),
]
EXPECTED = [["dayton-1", "dayton-2", "dayton-3"], ["storm-1"], ["toledo-1", "toledo-2", "toledo-3"]]


def ids(clusters: list[list[Article]]) -> list[list[str]]:
    return [[a.id for a in c] for c in clusters]


def test_cluster_keeps_two_shootings_in_one_state_apart_and_each_together() -> None:
    assert ids(cluster_articles(CORPUS, EMBEDDER)) == EXPECTED


def test_cluster_uses_spacy_entities_when_given_a_pipeline(nlp: object) -> None:
    assert ids(cluster_articles(CORPUS, EMBEDDER, nlp)) == EXPECTED


def test_cluster_keeps_two_celebrities_entering_rehab_apart() -> None:
    first = art("a", "Singer Tara Lane enters rehab", "Pop singer Tara Lane has entered the "
                "Promises treatment center in Malibu, her publicist Jack Moss said.")
    second = art("b", "Actor Mia Cole enters rehab", "Actor Mia Cole has entered the Cirque "
                 "Lodge treatment center in Utah, her spokeswoman Dana Fields said.")
    again = art("c", "Tara Lane checks into Promises", "Tara Lane checked into Promises in "
                "Malibu this week, according to publicist Jack Moss.")
    assert ids(cluster_articles([first, second, again], EMBEDDER)) == [["a", "c"], ["b"]]


def test_cluster_returns_nothing_for_no_articles() -> None:
    assert cluster_articles([], EMBEDDER) == []


def test_cluster_refuses_repeated_ids() -> None:
    with pytest.raises(ConfigError, match="duplicate article ids: storm-1"):
        cluster_articles([CORPUS[-1], CORPUS[-1]], EMBEDDER)


@pytest.mark.parametrize("value", [0.0, 1.0, 2.0])
def test_cluster_config_refuses_min_score_outside_open_unit_interval(value: float) -> None:
    with pytest.raises(ConfigError, match="min_score"):
        ClusterConfig(min_score=value)


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(2, len(CORPUS)))
def test_cluster_gives_the_same_clusters_in_any_input_order(rnd: random.Random, size: int) -> None:
    subset = CORPUS[:size]
    shuffled = subset[:]
    rnd.shuffle(shuffled)
    assert ids(cluster_articles(shuffled, EMBEDDER)) == ids(cluster_articles(subset, EMBEDDER))


def test_cluster_breaks_oversized_components_without_mixing_events() -> None:
    clusters = ids(cluster_articles(CORPUS, EMBEDDER, config=ClusterConfig(max_component_size=2)))
    expected_of = {a: tuple(group) for group in EXPECTED for a in group}
    assert all(len({expected_of[a] for a in c}) == 1 for c in clusters)
    assert sorted(a for c in clusters for a in c) == sorted(a.id for a in CORPUS)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, len(CORPUS) - 1), st.integers(0, len(CORPUS) - 1))
def test_pair_score_is_symmetric_and_a_probability(i: int, j: int) -> None:
    import numpy as np

    from newsfuse.cluster import build_matrices, link_scores, pair_features
    from newsfuse.features import extract_features

    mat = build_matrices(extract_features(CORPUS), EMBEDDER)
    a, b = np.array([i]), np.array([j])
    forward = link_scores(pair_features(mat, a, b), ClusterConfig().weights)
    backward = link_scores(pair_features(mat, b, a), ClusterConfig().weights)
    assert forward[0] == pytest.approx(backward[0]) and 0.0 <= forward[0] <= 1.0
