"""Near-duplicate detection: MinHash LSH proposes candidate pairs, an exact check decides.

LSH alone is a probabilistic filter: pairs it proposes are only *candidates*. Grouping
unverified candidates transitively chains unrelated texts together at scale, so here two
articles are duplicates only when the exact Jaccard (or containment) of their shingle sets
clears a named threshold, and every member of a group is verified against its representative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from newsfuse.article import Article
from newsfuse.errors import ConfigError

NUM_PERM = 128
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles that say (nearly) the same words; ``members`` excludes the representative.

    Attributes:
        representative: the article kept for the group: the earliest published, else the
            fullest (longest text), else the smallest id.
        members: the other articles, each verified against the representative, sorted by id.
    """

    representative: Article
    members: tuple[Article, ...]

    def ids(self) -> tuple[str, ...]:
        """The representative's id followed by the members' ids."""
        return (self.representative.id, *(m.id for m in self.members))


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Word ``size``-shingles of a text, lower-cased; texts shorter than ``size`` words give
    one shingle of all their words (so very short texts still compare)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return frozenset()
    if len(words) < size:
        return frozenset({" ".join(words)})
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two sets (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger one (0 for an empty set)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def canonical_order_key(article: Article) -> tuple[int, str, int, str]:
    """The order in which a duplicate group's articles are ranked (the first is kept)."""
    # Earliest published first; undated articles after dated ones; then the fullest text.
    published = article.published or ""
    return (0 if published else 1, published, -len(article.text), article.id)


def minhash_of(shingle_set: Iterable[str], seed: int) -> MinHash:
    """The MinHash sketch of a shingle set (``NUM_PERM`` permutations, seeded)."""
    mh = MinHash(num_perm=NUM_PERM, seed=seed)
    mh.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return mh


def find_duplicates(
    articles: Sequence[Article],
    *,
    min_jaccard: float = 0.8,
    min_containment: float | None = None,
    seed: int = 1,
    lsh_threshold: float | None = None,
) -> tuple[DuplicateGroup, ...]:
    """Groups of near-duplicate articles (groups of one are not returned).

    Args:
        articles: the articles to compare; ids must be unique.
        min_jaccard: exact Jaccard of word 5-shingle sets at or above which two articles are
            duplicates.
        min_containment: if given, a pair whose containment (share of the shorter article's
            shingles found in the longer) reaches it is also a duplicate: catches an article
            republished inside a longer one.
        seed: the MinHash seed (explicit so runs are reproducible).
        lsh_threshold: the LSH band threshold for proposing candidates; defaults to a margin
            below the exact thresholds so the filter rarely misses a true pair.

    Returns:
        The groups sorted by representative id; inside a group members are sorted by id.

    Raises:
        ConfigError: a threshold outside (0, 1] or duplicate article ids.
    """
    for name, value in (("min_jaccard", min_jaccard), ("min_containment", min_containment)):
        if value is not None and not 0.0 < value <= 1.0:
            raise ConfigError(f"{name} must be in (0, 1], got {value}")
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ConfigError("find_duplicates: article ids must be unique")
    lowest = min(min_jaccard, min_containment or 1.0)
    threshold = lsh_threshold if lsh_threshold is not None else max(0.1, lowest - 0.2)

    by_id = {a.id: a for a in articles}
    ordered = sorted(ids)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for aid in ordered:
        words = shingles(by_id[aid].text)
        if words:
            hashes[aid] = minhash_of(words, seed)
            lsh.insert(aid, hashes[aid])
    candidates = {aid: sorted(o for o in lsh.query(h) if o != aid) for aid, h in hashes.items()}
    # Shingle sets are kept only for articles with a candidate: holding every set at once
    # is the largest memory cost at 100k articles (peak RSS 5 GB before this change), and
    # most articles have no candidate at all.
    sets = {aid: shingles(by_id[aid].text) for aid in ordered if candidates.get(aid)}

    def verified(x: str, y: str) -> bool:
        if jaccard(sets[x], sets[y]) >= min_jaccard:
            return True
        return min_containment is not None and containment(sets[x], sets[y]) >= min_containment

    # Verified neighbours only: LSH candidates are checked exactly before they count.
    neighbours: dict[str, set[str]] = {aid: set() for aid in hashes}
    for aid, others in candidates.items():
        for other in others:
            if other not in neighbours[aid] and verified(aid, other):
                neighbours[aid].add(other)
                neighbours[other].add(aid)

    # Greedy grouping in representative order: each group's representative is the best
    # remaining article, and a member joins only if verified against that representative
    # (not merely against some other member), so no chain A~B~C puts A with C.
    assigned: set[str] = set()
    groups: list[DuplicateGroup] = []
    for article in sorted((by_id[i] for i in hashes), key=canonical_order_key):
        if article.id in assigned or not neighbours[article.id]:
            continue
        members = sorted(n for n in neighbours[article.id] if n not in assigned)
        if not members:
            continue
        assigned.add(article.id)
        assigned.update(members)
        groups.append(DuplicateGroup(article, tuple(by_id[m] for m in members)))
    return tuple(sorted(groups, key=lambda g: g.representative.id))
