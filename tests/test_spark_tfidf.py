"""The distributed TF-IDF of newsfuse.spark.tfidf against the single-machine matrix.

No Spark needed: the aggregation Spark does (sum counts, min first position) is done here
with plain Python, so these run in every CI job.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.article import Article
from newsfuse.cluster import build_matrices, _rowwise_dot
from newsfuse.embed import HashingEmbedder
from newsfuse.features import extract_features
from newsfuse.spark.tfidf import (
    fit_model,
    idf_from_document_frequencies,
    merge_statistics,
    term_statistics,
    vectorize,
)

TEXTS = [
    "A gunman opened fire at a bar on Elm Street, killing two men and wounding a woman.",
    "Two men were killed and a woman was wounded when a gunman fired inside an Elm Street bar.",
    "The city council voted to raise the bus fare by 25 cents starting in July.",
    "Flooding closed the river road; the mayor said crews would pump water overnight.",
    "Police arrested a teenager after a shooting outside a high school football game.",
    "A storm knocked out power to thousands of homes, and the mayor opened shelters.",
]


def _articles(texts: list[str]) -> list[Article]:
    return [
        Article(id=f"a{k:03d}", source=f"a{k}", original=t, text=t, title=f"Report {k}")
        for k, t in enumerate(texts)
    ]


def _aggregate(bodies: list[str]) -> list:
    merged: dict = {}
    for term, stat in term_statistics(enumerate(bodies)):
        merged[term] = merge_statistics(merged[term], stat) if term in merged else stat
    return list(merged.items())


def _distributed_matrix(texts: list[str]):
    features = extract_features(_articles(texts), None)
    bodies = [f.body for f in features]
    model = fit_model(_aggregate(bodies), len(bodies))
    # Vectorise in two "partitions" to show rows do not depend on their batch-mates.
    half = len(bodies) // 2
    rows = vectorize(model, bodies[:half]) + vectorize(model, bodies[half:])
    return features, model, rows


def test_idf_matches_sklearn_fit_bit_for_bit() -> None:
    from sklearn.feature_extraction.text import TfidfTransformer
    from scipy import sparse

    counts = sparse.csr_matrix(np.array([[1, 0, 2], [0, 0, 1], [3, 1, 1], [0, 0, 1]],
                                        dtype=np.float32))
    fitted = TfidfTransformer(smooth_idf=True).fit(counts).idf_
    ours = idf_from_document_frequencies([2, 1, 4], 4)
    assert ours.dtype == fitted.dtype == np.float32
    assert np.array_equal(ours, fitted)


def test_rows_equal_single_machine_matrix_values_and_storage_order() -> None:
    texts = TEXTS * 4  # 24 articles: above 20, so max_df=0.5 prunes common terms
    texts = [f"{t} Item {chr(97 + k)}{chr(98 + k)}x." for k, t in enumerate(texts)]
    features, model, rows = _distributed_matrix(texts)
    single = build_matrices(features, HashingEmbedder()).tfidf
    assert model.terms == build_matrices(features, HashingEmbedder()).vocabulary
    for row, (cols, vals) in enumerate(rows):
        start, end = single.indptr[row], single.indptr[row + 1]
        assert cols.tolist() == single.indices[start:end].tolist()
        assert vals.tobytes() == single.data[start:end].tobytes()


def test_common_terms_are_pruned_above_twenty_articles_only() -> None:
    few = fit_model(_aggregate(["bar shooting", "bar blaze"]), 2)
    assert "bar" in few.terms
    many = fit_model(_aggregate(["bar shooting"] * 12 + ["bar blaze"] * 10 + ["bar"] * 3), 25)
    assert "bar" not in many.terms and "shooting" in many.terms and "blaze" in many.terms


def test_no_usable_words_gives_empty_rows_of_width_one() -> None:
    model = fit_model(_aggregate(["123 456", "the and of"]), 2)
    assert model.terms == () and model.width == 1
    assert [len(c) for c, _ in vectorize(model, ["123", "the"])] == [0, 0]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(TEXTS), min_size=2, max_size=8), st.randoms())
def test_pair_cosines_equal_single_machine_for_any_batch(texts, rnd) -> None:
    texts = [f"{t} Case {k}." for k, t in enumerate(texts)]
    features, model, rows = _distributed_matrix(texts)
    single = build_matrices(features, HashingEmbedder()).tfidf
    from newsfuse.spark.clustering import local_matrices, ArticleVector

    n = len(texts)
    vectors = [
        ArticleVector(k, f.id, c, v, np.zeros(4, np.float32), f.entities, f.numbers, f.day)
        for k, (f, (c, v)) in enumerate(zip(features, rows, strict=True))
    ]
    order = list(range(n))
    rnd.shuffle(order)  # local matrices hold rows in any order
    local = local_matrices([vectors[k] for k in order], model.width)
    pos = {g: k for k, g in enumerate(order)}
    a, b = np.triu_indices(n, k=1)
    expected = _rowwise_dot(single, a, b)
    got = _rowwise_dot(local.tfidf, np.array([pos[x] for x in a]), np.array([pos[y] for y in b]))
    assert expected.tobytes() == got.tobytes()
