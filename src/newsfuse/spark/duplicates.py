"""Near-duplicate groups on Spark, the same as ``newsfuse.dedupe.find_duplicates``.

Executors compute each article's word-shingle MinHash (``newsfuse.dedupe``'s own sketch and
seed) and its LSH band keys; articles sharing a band key are candidates (a datasketch
``MinHashLSH`` query returns exactly those); the exact Jaccard/containment check runs in
executors; the driver groups the verified pairs greedily in representative order, as
``find_duplicates`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from datasketch import MinHashLSH

from newsfuse.article import Article
from newsfuse.dedupe import (
    NUM_PERM,
    DuplicateGroup,
    canonical_order_key,
    containment,
    jaccard,
    minhash_of,
    shingles,
)
from newsfuse.errors import ConfigError


def band_keys(article: Article, seed: int, bands: int, rows: int) -> list[tuple[int, bytes]]:
    """The ``(band, key)`` LSH buckets of an article's MinHash (none for an empty text)."""
    words = shingles(article.text)
    if not words:
        return []
    values = minhash_of(words, seed).hashvalues
    return [(b, values[b * rows : (b + 1) * rows].tobytes()) for b in range(bands)]


def _bucket_pairs(ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    members = sorted(set(ids))
    for k, x in enumerate(members):
        for y in members[k + 1 :]:
            yield x, y


def _verified(
    pair: tuple[str, tuple[str, str]], min_jaccard: float, min_containment: float | None
) -> bool:
    _, (text_x, text_y) = pair
    x, y = shingles(text_x), shingles(text_y)
    if jaccard(x, y) >= min_jaccard:
        return True
    return min_containment is not None and containment(x, y) >= min_containment


def group_verified(
    articles: dict[str, Article], neighbours: dict[str, set[str]]
) -> list[tuple[str, tuple[str, ...]]]:
    """Greedy grouping of ``find_duplicates``: the best remaining article (earliest
    published, then longest, then smallest id) takes its still unassigned verified neighbours.

    Args:
        articles: id -> article, for every id in ``neighbours``.
        neighbours: id -> verified neighbour ids.

    Returns:
        (representative id, sorted member ids) per group, in representative order.
    """
    assigned: set[str] = set()
    out = []
    for aid in sorted(neighbours, key=lambda i: canonical_order_key(articles[i])):
        if aid in assigned or not neighbours[aid]:
            continue
        members = sorted(n for n in neighbours[aid] if n not in assigned)
        if not members:
            continue
        assigned.add(aid)
        assigned.update(members)
        out.append((aid, tuple(members)))
    return out


def find_duplicates_spark(
    articles: Any,
    *,
    min_jaccard: float = 0.8,
    min_containment: float | None = None,
    seed: int = 1,
    lsh_threshold: float | None = None,
) -> tuple[DuplicateGroup, ...]:
    """``newsfuse.dedupe.find_duplicates`` over an RDD of Articles (unique ids).

    Returns:
        The groups sorted by representative id, members sorted by id.

    Raises:
        ConfigError: a threshold outside (0, 1].
    """
    for name, value in (("min_jaccard", min_jaccard), ("min_containment", min_containment)):
        if value is not None and not 0.0 < value <= 1.0:
            raise ConfigError(f"{name} must be in (0, 1], got {value}")
    lowest = min(min_jaccard, min_containment or 1.0)
    threshold = lsh_threshold if lsh_threshold is not None else max(0.1, lowest - 0.2)
    # The band layout datasketch picks for this threshold (its false-positive/negative
    # weighting), so the candidates are exactly those of find_duplicates' LSH index.
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    bands, rows = lsh.b, lsh.r
    by_id = articles.map(lambda a: (a.id, a)).persist()
    try:
        candidates = (
            by_id.flatMap(lambda kv: [(k, kv[0]) for k in band_keys(kv[1], seed, bands, rows)])
            .groupByKey()
            .flatMap(lambda kv: _bucket_pairs(kv[1]))
            .distinct()
        )
        texts = by_id.mapValues(lambda a: a.text)
        pairs = (
            candidates.join(texts)
            .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
            .join(texts)
            .map(lambda kv: ((kv[1][0][0], kv[0]), (kv[1][0][1], kv[1][1])))
            .filter(lambda p: _verified(p, min_jaccard, min_containment))
            .keys()
            .collect()
        )
        neighbours: dict[str, set[str]] = {}
        for x, y in pairs:
            neighbours.setdefault(x, set()).add(y)
            neighbours.setdefault(y, set()).add(x)
        if not neighbours:
            return ()
        wanted = set(neighbours)
        full = dict(by_id.filter(lambda kv: kv[0] in wanted).collect())
    finally:
        by_id.unpersist()
    groups = [
        DuplicateGroup(full[rep], tuple(full[m] for m in members))
        for rep, members in group_verified(full, neighbours)
    ]
    return tuple(sorted(groups, key=lambda g: g.representative.id))
