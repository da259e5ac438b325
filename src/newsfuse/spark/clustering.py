"""Story clustering on Spark, giving the very clusters of ``newsfuse.cluster.cluster_articles``.

What runs where:

* executors: features (spaCy NER) and lead embeddings per partition, with models loaded
  once per worker; per-article term statistics; each article's TF-IDF row and blocking keys;
  pair scores; the average-linkage split of each component;
* Spark shuffles: document frequencies (``reduceByKey``), posting lists (capped
  ``combineByKey``), candidate pairs joined with both articles' vectors, components grouped;
* driver: the vocabulary and idf (broadcast back), connected components over the edges
  (few: only pairs that cleared ``min_score``).

The scoring and splitting are ``newsfuse.cluster``'s own functions (``pair_features``,
``link_scores``, ``split_by_linkage``) applied to small matrices holding just the rows they need;
the TF-IDF rows are bit-identical to the single-machine ones (see ``newsfuse.spark.tfidf``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from newsfuse.article import Article
from newsfuse.cluster import (
    ClusterConfig,
    Matrices,
    binary_matrix,
    connected_components,
    link_scores,
    pair_features,
    split_by_linkage,
)
from newsfuse.features import extract_features
from newsfuse.spark.session import ModelsFactory, worker_models
from newsfuse.spark.tfidf import TfidfModel, fit_model, merge_statistics, term_statistics, vectorize


@dataclass(frozen=True)
class ArticleVector:
    """One article's row of every clustering matrix.

    Attributes:
        index: the article's position among all articles sorted by id.
        id: the article id.
        indices: TF-IDF column indices, in fitted storage order.
        data: TF-IDF float32 values matching ``indices``.
        lead: the unit-length embedding of title + lead.
        entities: normalised names in title + lead.
        numbers: numbers in title + lead.
        day: publication day ordinal, or None.
    """

    index: int
    id: str
    indices: np.ndarray
    data: np.ndarray
    lead: np.ndarray
    entities: frozenset[str]
    numbers: frozenset[str]
    day: int | None


def local_matrices(vectors: Sequence[ArticleVector], width: int) -> Matrices:
    """The matrices ``newsfuse.cluster`` scores with, holding only ``vectors`` (row k =
    vectors[k]); columns keep the global TF-IDF indices so sums run in the same order."""
    indptr = np.zeros(len(vectors) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(v.indices) for v in vectors])
    indices = np.concatenate([v.indices for v in vectors]) if vectors else np.zeros(0, np.int32)
    data = np.concatenate([v.data for v in vectors]) if vectors else np.zeros(0, np.float32)
    tfidf = sparse.csr_matrix(
        (data.astype(np.float32), indices.astype(np.int32), indptr), shape=(len(vectors), width)
    )
    # The arrays are not sorted by column; say so, so scipy does not assume they are.
    tfidf.has_sorted_indices = False
    lead = (
        np.stack([v.lead for v in vectors]).astype(np.float32, copy=False)
        if vectors else np.zeros((0, 1), np.float32)
    )
    days = np.array([np.nan if v.day is None else v.day for v in vectors], dtype=np.float64)
    return Matrices(
        tfidf=tfidf,
        lead=lead,
        entities=binary_matrix([v.entities for v in vectors]),
        numbers=binary_matrix([v.numbers for v in vectors]),
        days=days,
        vocabulary=(),
    )


def blocking_keys(vector: ArticleVector, config: ClusterConfig) -> list[tuple[str, Any]]:
    """The inverted-index keys an article is filed under: its ``block_terms`` highest TF-IDF
    columns (ties by column, as ``newsfuse.cluster``) and each of its names."""
    top = np.lexsort((vector.indices, -vector.data))[: config.block_terms]
    keys: list[tuple[str, Any]] = [("t", int(c)) for c in vector.indices[top]]
    keys.extend(("e", name) for name in sorted(vector.entities))
    return keys


def score_pairs(
    pairs: Sequence[tuple[ArticleVector, ArticleVector]], width: int, config: ClusterConfig
) -> list[tuple[int, int, float]]:
    """``(i, j, score)`` for each pair of vectors, with ``newsfuse.cluster``'s scoring."""
    if not pairs:
        return []
    rows: dict[int, int] = {}
    vectors: list[ArticleVector] = []
    for pair in pairs:
        for v in pair:
            if v.index not in rows:
                rows[v.index] = len(vectors)
                vectors.append(v)
    mat = local_matrices(vectors, width)
    a = np.array([rows[x.index] for x, _ in pairs], dtype=np.int64)
    b = np.array([rows[y.index] for _, y in pairs], dtype=np.int64)
    scores = link_scores(pair_features(mat, a, b), config.weights)
    return [(x.index, y.index, float(s)) for (x, y), s in zip(pairs, scores, strict=True)]


def split_component(
    vectors: Iterable[ArticleVector],
    width: int,
    config: ClusterConfig,
    edge_scores: dict[tuple[int, int], float],
) -> list[list[int]]:
    """Average-linkage split of one component (``newsfuse.cluster.split_by_linkage``),
    as lists of global article indices."""
    members = sorted(vectors, key=lambda v: v.index)
    mat = local_matrices(members, width)
    local = {v.index: k for k, v in enumerate(members)}
    local_edges = {
        (local[x], local[y]): s for (x, y), s in edge_scores.items() if x in local and y in local
    }
    groups = split_by_linkage(list(range(len(members))), mat, config, local_edges)
    return [[members[k].index for k in group] for group in groups]


def _pairs_of(rows: list[int], max_block_size: int) -> Iterator[tuple[int, int]]:
    if len(rows) < 2 or len(rows) > max_block_size:
        return
    rows = sorted(rows)
    for k, x in enumerate(rows):
        for y in rows[k + 1 :]:
            yield x, y


def _capped_merge(limit: int):  # noqa: ANN202 - a Spark combiner
    # A posting list longer than ``limit`` is skipped anyway: stop growing it at limit + 1.
    def add(rows: list[int], row: int) -> list[int]:
        if len(rows) <= limit:
            rows.append(row)
        return rows

    def merge(a: list[int], b: list[int]) -> list[int]:
        return (a + b)[: limit + 1]

    return add, merge


def _features_partition(
    items: Iterable[tuple[int, Article]], factory: ModelsFactory, lead_size: int
) -> Iterator[tuple[int, Any, np.ndarray]]:
    batch = list(items)
    if not batch:
        return
    models = worker_models(factory)
    features = extract_features([a for _, a in batch], models.nlp, lead_size=lead_size)
    leads = np.asarray(models.embedder.embed([f.lead for f in features]), dtype=np.float32)
    for (index, _), feature, lead in zip(batch, features, leads, strict=True):
        yield index, feature, lead


def _vectors_partition(
    items: Iterable[tuple[int, Any, np.ndarray]], model: Any
) -> Iterator[ArticleVector]:
    batch = list(items)
    rows = vectorize(model.value, [f.body for _, f, _ in batch])
    for (index, feature, lead), (cols, vals) in zip(batch, rows, strict=True):
        yield ArticleVector(index, feature.id, cols, vals, lead, feature.entities,
                            feature.numbers, feature.day)


def cluster_ids(
    articles: Any,
    ids: Sequence[str],
    factory: ModelsFactory,
    *,
    config: ClusterConfig | None = None,
) -> list[list[str]]:
    """Cluster an RDD of ``(index, Article)`` (index = position of the id in sorted ``ids``).

    Args:
        articles: the RDD; every index of ``range(len(ids))`` once.
        ids: all article ids, sorted.
        factory: returns the models (spaCy for names, the embedder for leads).
        config: clustering parameters (those of ``newsfuse.cluster``).

    Returns:
        The clusters as sorted id lists, sorted by first id: the same as
        ``cluster_articles`` on the same articles and models.
    """
    cfg = config or ClusterConfig()
    n = len(ids)
    if n == 0:
        return []
    sc = articles.context
    lead_size = cfg.lead_sentences
    features = articles.mapPartitions(lambda it: _features_partition(it, factory, lead_size))
    features = features.persist()
    try:
        stats = (
            features.mapPartitions(lambda it: term_statistics((i, f.body) for i, f, _ in it))
            .reduceByKey(merge_statistics)
            .collect()
        )
        model: TfidfModel = fit_model(stats, n)
        width = model.width
        shared_model = sc.broadcast(model)
        vectors = features.mapPartitions(lambda it: _vectors_partition(it, shared_model)).persist()
        by_index = vectors.keyBy(lambda v: v.index)
        add, merge = _capped_merge(cfg.max_block_size)
        limit = cfg.max_block_size
        pairs = (
            vectors.flatMap(lambda v: [(k, v.index) for k in blocking_keys(v, cfg)])
            .combineByKey(lambda row: [row], add, merge)
            .flatMap(lambda kv: _pairs_of(kv[1], limit))
            .distinct()
        )
        joined = (
            pairs.join(by_index)
            .map(lambda kv: (kv[1][0], kv[1][1]))
            .join(by_index)
            .map(lambda kv: kv[1])
        )
        min_score = cfg.min_score
        edges = (
            joined.mapPartitions(lambda it: score_pairs(list(it), width, cfg))
            .filter(lambda e: e[2] >= min_score)
            .collect()
        )
        edge_array = (
            np.array(sorted((x, y) for x, y, _ in edges), dtype=np.int64)
            if edges else np.zeros((0, 2), dtype=np.int64)
        )
        components = connected_components(n, edge_array)
        component_of = {i: c for c, comp in enumerate(components) if len(comp) > 1 for i in comp}
        large = {i for comp in components if len(comp) > cfg.max_component_size for i in comp}
        large_edges = {(x, y): s for x, y, s in edges if x in large}
        shared_components = sc.broadcast(component_of)
        shared_edges = sc.broadcast(large_edges)
        groups: list[list[int]] = [comp for comp in components if len(comp) == 1]
        if component_of:
            groups.extend(
                vectors.filter(lambda v: v.index in shared_components.value)
                .map(lambda v: (shared_components.value[v.index], v))
                .groupByKey()
                .flatMap(lambda kv: split_component(kv[1], width, cfg, shared_edges.value))
                .collect()
            )
        vectors.unpersist()
    finally:
        features.unpersist()
    clusters = [sorted(ids[i] for i in group) for group in groups]
    return sorted(clusters, key=lambda g: g[0])
