"""Provenance: which articles of a story copied, rewrote or share a source with which.

From the sentence alignments of :func:`newsfuse.align.align_story`, each article of a pair gets
two *coverages*: the share of its body-sentence characters aligned verbatim, and the share
aligned as paraphrase. The pair is then classified (duplicate, copy, rewrite, shared_source,
independent) and, where the evidence allows, directed from the original to the reuser.
Articles tied by strong reuse form *source groups*, which count once when agreement is counted.
Groups are built by complete linkage, not by transitive closure: every two articles of a group
are related by reuse themselves (see :func:`source_groups`), so a chain of weak links
A~B~C~... across different outlets never collapses into one "source".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from newsfuse.article import Article
from newsfuse.errors import StageError
from newsfuse.story import AlignedPair, Relation

# Thresholds are shares of an article's body-sentence characters, set from same-event clusters
# of dev data (benchmarks/paraphrase.py --provenance [--corpus ecbplus]) and hand-built copies
# and rewrites (tests/test_provenance.py), never from the example story. Multi-News dev, 150
# clusters, 490 pairs of (mostly independent) outlets: 95% of articles have < 0.17 of their
# text aligned, 99% < 0.6. Reuse pairs there went from 6 (1.2%) to 3 (0.6%: a duplicate, an
# 85%-verbatim copy, one shared statement) when rewrites were required to have
# MIN_REWRITE_SENTENCES pairs and shared_source MIN_REUSED_SHARE; the 3 dropped were
# independent reports restating one police release in 4 sentences. ECB+ dev, 42 events,
# 2925 pairs: reuse 162 -> 117 (4.0%), most of what remains real syndicated wire copy (AP/AFP
# lines republished by several outlets). Source groups by complete linkage: same-group pairs
# that the provenance called independent went from 108 to 0 (ECB+) and from 58 to 0 (the
# 8 review stories); the largest group holding over half of a story's articles from 4
# events to 0.

#: Both articles at least this verbatim: the same text (a duplicate).
MIN_DUPLICATE = 0.9
#: The reusing article at least this verbatim: a copy.
MIN_COPY = 0.5
#: The reusing article at least this reused (verbatim + paraphrase, paraphrase dominant): a rewrite.
MIN_REWRITE = 0.5
#: Both articles at least this verbatim (without either containing the other): shared source.
MIN_SHARED_VERBATIM = 0.15
#: The more covered article (in practice the shorter) must have at least this share of its
#: body aligned for any reuse but a duplicate: two independent reports of one event share a
#: police statement or a few lead facts, which is not reuse of the article.
MIN_REUSED_SHARE = 0.4
#: A shared_source link joins a source group only when the reusing article takes at least
#: this share of its body from the common text (both reuse *most* of the same wire copy);
#: weaker shared_source pairs stay relations, not group edges.
MIN_GROUP_SHARED = 0.6
#: Share of a pair's aligned sentences that are also aligned to a common third article for the
#: pair to count as two users of that text (shared_source) rather than one copying the other.
MIN_THIRD_PARTY_SHARE = 0.8
#: Fewest aligned sentence pairs for copy, rewrite or shared_source: reports of one event
#: restating the same few lead facts are not reuse, however short they are (3 flagged 28
#: rewrites on the ECB+ sample above, 4 flags 17).
MIN_ALIGNED_SENTENCES = 4
#: Fewest aligned sentence pairs for a rewrite (reuse mostly by paraphrase). Reports of one
#: event restate the same wire facts and police statement in their own words, 4-5 sentences
#: in the usual order (on reading, all 3 paraphrase-only "rewrites" of Multi-News dev and
#: most ECB+ ones with 4-5 pairs were such independent reports; the real spun rewrites of
#: the hand-built tests and the example restate 10 and more sentences).
MIN_REWRITE_SENTENCES = 6
#: Coverage difference needed to direct a copy by containment.
MIN_CONTAINMENT_MARGIN = 0.1
#: Length ratio needed to direct a rewrite by length (spinners pad their output).
MIN_REWRITE_LENGTH_RATIO = 1.25


@dataclass(frozen=True)
class Coverage:
    """How much of one article is aligned with another: shares of its sentence characters."""

    verbatim: float
    paraphrase: float

    @property
    def reused(self) -> float:
        """Verbatim and paraphrased together."""
        return self.verbatim + self.paraphrase


def _sentence_chars(article: Article) -> int:
    return sum(s.end - s.start for s in article.sentences)


def coverage(article: Article, spans: Sequence[tuple[int, int, bool]]) -> Coverage:
    """Shares of ``article``'s body-sentence characters covered by aligned ``(start, end, verbatim)``.

    A sentence aligned both ways (impossible with one-to-one alignments) counts once, verbatim.
    """
    total = _sentence_chars(article)
    if total == 0:
        return Coverage(0.0, 0.0)
    verbatim: dict[tuple[int, int], bool] = {}
    for start, end, is_verbatim in spans:
        verbatim[(start, end)] = verbatim.get((start, end), False) or is_verbatim
    v = sum(e - s for (s, e), flag in verbatim.items() if flag)
    p = sum(e - s for (s, e), flag in verbatim.items() if not flag)
    return Coverage(min(v / total, 1.0), min(p / total, 1.0))


def _published(article: Article) -> datetime | None:
    if not article.published:
        return None
    try:
        value = datetime.fromisoformat(article.published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    # Naive times are taken as UTC, so the result never depends on the machine's time zone.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _earlier(a: Article, b: Article) -> int:
    """+1 if a was published before b, -1 if after, 0 if unknown or the same."""
    time_a, time_b = _published(a), _published(b)
    if time_a is None or time_b is None:
        return 0
    date_only = len(a.published.strip()) <= 10 or len(b.published.strip()) <= 10  # type: ignore[union-attr]
    if date_only:
        # A bare date says nothing about the order within that day.
        time_a, time_b = time_a.date(), time_b.date()  # type: ignore[assignment]
    if time_a == time_b:
        return 0
    return 1 if time_a < time_b else -1


def classify(cov_a: Coverage, cov_b: Coverage, aligned_pairs: int) -> str:
    """The relation of two articles from their coverages (see the ``MIN_*`` constants).

    Args:
        cov_a: coverage of the first article by the alignment.
        cov_b: coverage of the second.
        aligned_pairs: how many sentence pairs are aligned.
    """
    if min(cov_a.verbatim, cov_b.verbatim) >= MIN_DUPLICATE:
        return "duplicate"
    if aligned_pairs < MIN_ALIGNED_SENTENCES:
        return "independent"
    reuser = cov_a if cov_a.reused >= cov_b.reused else cov_b
    if reuser.verbatim >= MIN_COPY:
        return "copy"
    if reuser.reused >= MIN_REWRITE:
        if reuser.verbatim > reuser.paraphrase:
            return "copy"
        if aligned_pairs >= MIN_REWRITE_SENTENCES:
            return "rewrite"
    if reuser.reused >= MIN_REUSED_SHARE and min(cov_a.verbatim, cov_b.verbatim) >= MIN_SHARED_VERBATIM:
        return "shared_source"
    return "independent"


def _direction(a: Article, b: Article, cov_a: Coverage, cov_b: Coverage, relation: str) -> int:
    """+1: a is the source, -1: b is the source, 0: unknown."""
    if relation not in {"duplicate", "copy", "rewrite"}:
        # Two users of a common text: neither is the other's source.
        return 0
    by_time = _earlier(a, b)
    if by_time:
        return by_time
    if relation == "copy":
        # Syndicated copy is most often trimmed, so the copy is the article more contained in
        # the other. A copy that adds paragraphs looks the other way round: without times,
        # only a clear difference is trusted.
        if cov_a.reused - cov_b.reused >= MIN_CONTAINMENT_MARGIN:
            return -1
        if cov_b.reused - cov_a.reused >= MIN_CONTAINMENT_MARGIN:
            return 1
    if relation == "rewrite":
        # Spinning tools restate every sentence and pad, so the rewrite is the longer text.
        len_a, len_b = _sentence_chars(a), _sentence_chars(b)
        if len_b >= MIN_REWRITE_LENGTH_RATIO * len_a:
            return 1
        if len_a >= MIN_REWRITE_LENGTH_RATIO * len_b:
            return -1
    return 0


def _flip(pair: AlignedPair) -> AlignedPair:
    return AlignedPair(pair.target_start, pair.target_end, pair.source_start, pair.source_end,
                       pair.similarity, pair.verbatim)


def trace_provenance(
    articles: Sequence[Article],
    alignments: Mapping[tuple[str, str], Sequence[AlignedPair]],
) -> tuple[Relation, ...]:
    """Relate every pair of articles of a story.

    ``Relation.verbatim``/``paraphrase`` are the shares of the *reusing* article's
    body-sentence characters covered by verbatim / paraphrase alignments: the target's when the
    relation is directed, else the more covered article's. Direction comes from publication
    times when both are known and differ (earlier = source; bare dates only when they
    differ); else, for a copy, from containment (the clearly more contained article is the
    copy); for a rewrite, from length (the clearly longer text is the rewrite); else the
    relation is undirected with ids in sorted order. ``shared_source`` and ``independent``
    are never directed. A copy or rewrite between two articles whose aligned passages are
    nearly all also aligned to a third article they both reuse becomes ``shared_source``; so
    do two otherwise unrelated articles that both copy or rewrite one common article (which
    is their source or undirected).

    Args:
        articles: the story's articles.
        alignments: from :func:`newsfuse.align.align_story`: ``(a, b)`` with ``a < b``,
            ``source_*`` spans in ``a``; a missing pair means nothing aligned.

    Returns:
        One relation per pair of articles, sorted by (source, target).
    """
    by_id = {a.id: a for a in articles}
    if len(by_id) != len(articles):
        raise StageError("trace_provenance: article ids must be unique")
    for a_id, b_id in alignments:
        if a_id not in by_id or b_id not in by_id:
            raise StageError(f"trace_provenance: alignment ({a_id}, {b_id}) names an unknown article")
    ids = sorted(by_id)
    pairs: dict[tuple[str, str], tuple[AlignedPair, ...]] = {}
    for a_id, b_id in alignments:
        key = (a_id, b_id) if a_id < b_id else (b_id, a_id)
        aligned = tuple(alignments[(a_id, b_id)])
        pairs[key] = aligned if a_id < b_id else tuple(_flip(p) for p in aligned)

    coverages: dict[tuple[str, str], tuple[Coverage, Coverage]] = {}
    relations: dict[tuple[str, str], str] = {}
    for x, a_id in enumerate(ids):
        for b_id in ids[x + 1 :]:
            aligned = pairs.get((a_id, b_id), ())
            cov_a = coverage(by_id[a_id], [(p.source_start, p.source_end, p.verbatim) for p in aligned])
            cov_b = coverage(by_id[b_id], [(p.target_start, p.target_end, p.verbatim) for p in aligned])
            coverages[(a_id, b_id)] = (cov_a, cov_b)
            relations[(a_id, b_id)] = classify(cov_a, cov_b, len(aligned))

    strength = {key: _strength(*covs) for key, covs in coverages.items()}
    relations = _shared_through_third(ids, pairs, relations, strength)
    directions = {(a_id, b_id): _direction(by_id[a_id], by_id[b_id], *coverages[(a_id, b_id)], relation)
                  for (a_id, b_id), relation in relations.items()}
    relations = _copies_of_common_text(ids, relations, directions)

    result = []
    for (a_id, b_id), relation in relations.items():
        cov_a, cov_b = coverages[(a_id, b_id)]
        aligned = pairs.get((a_id, b_id), ())
        direction = directions[(a_id, b_id)] if relation in {"duplicate", "copy", "rewrite"} else 0
        if direction < 0:
            source, target, reuser = b_id, a_id, cov_a
            aligned = tuple(_flip(p) for p in aligned)
        else:
            source, target = a_id, b_id
            reuser = cov_b if direction > 0 or cov_b.reused >= cov_a.reused else cov_a
        result.append(Relation(
            source=source, target=target, relation=relation,
            verbatim=round(reuser.verbatim, 4), paraphrase=round(reuser.paraphrase, 4),
            aligned=tuple(sorted(aligned, key=lambda p: (p.source_start, p.target_start))),
            directed=direction != 0,
        ))
    return tuple(sorted(result, key=lambda r: (r.source, r.target)))


def _aligned_starts(pairs: Mapping[tuple[str, str], tuple[AlignedPair, ...]],
                    article: str, other: str) -> set[int]:
    """Start offsets of ``article``'s sentences aligned with ``other``."""
    if article < other:
        return {p.source_start for p in pairs.get((article, other), ())}
    return {p.target_start for p in pairs.get((other, article), ())}


def _strength(cov_a: Coverage, cov_b: Coverage) -> float:
    """How closely two articles are tied: reuse, with verbatim reuse counted twice."""
    return max(cov_a.reused, cov_b.reused) + max(cov_a.verbatim, cov_b.verbatim)


def _shared_through_third(ids: list[str], pairs: Mapping[tuple[str, str], tuple[AlignedPair, ...]],
                          relations: dict[tuple[str, str], str],
                          strength: Mapping[tuple[str, str], float]) -> dict[tuple[str, str], str]:
    """Turn copy/rewrite into shared_source when both articles reuse a third one's passages.

    The third article must be tied more closely to each of the two than they are to each
    other: it is their common source, not a later article that reused one of them.
    """
    reuse = {"duplicate", "copy", "rewrite"}

    def key(x: str, y: str) -> tuple[str, str]:
        return (x, y) if x < y else (y, x)

    def related(x: str, y: str) -> str:
        return relations[key(x, y)]

    updated = dict(relations)
    for (a_id, b_id), relation in relations.items():
        if relation not in {"copy", "rewrite"}:
            continue
        a_starts = _aligned_starts(pairs, a_id, b_id)
        if not a_starts:
            continue
        for third in ids:
            if third in (a_id, b_id) or related(a_id, third) not in reuse \
                    or related(b_id, third) not in reuse:
                continue
            own = strength[(a_id, b_id)]
            if own >= strength[key(a_id, third)] or own >= strength[key(b_id, third)]:
                continue
            through = a_starts & _aligned_starts(pairs, a_id, third)
            if len(through) >= MIN_THIRD_PARTY_SHARE * len(a_starts):
                updated[(a_id, b_id)] = "shared_source"
                break
    return updated


#: Relations that make two articles count once.
REUSE = frozenset({"duplicate", "copy", "rewrite", "shared_source"})
#: Relations in which the reuser took the other article's text itself (copied or spun).
_TEXT_REUSE = frozenset({"duplicate", "copy", "rewrite"})


def _copies_of_common_text(ids: Sequence[str], relations: Mapping[tuple[str, str], str],
                           direction: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], str]:
    """Relate as shared_source two otherwise independent articles that both reuse one text.

    ``direction[(a, b)]`` is +1 when ``a`` is the source, -1 when ``b`` is, 0 when unknown.
    Two trimmed copies of one wire report may keep different paragraphs and align little with
    each other, yet both are that report: neither confirms the other. Both must be duplicates,
    copies or rewrites of the common article (strong links, so this never chains), and it must
    be the source (or undirected) of both copies, so a roundup that copies two different
    reports does not tie those reports together.
    """
    def key(x: str, y: str) -> tuple[str, str]:
        return (x, y) if x < y else (y, x)

    def copied_from(common: str, other: str) -> bool:
        pair = key(common, other)
        if relations[pair] not in _TEXT_REUSE:
            return False
        sign = direction[pair] if pair[0] == common else -direction[pair]
        return sign >= 0

    updated = dict(relations)
    for (a_id, b_id), relation in relations.items():
        if relation != "independent":
            continue
        if any(copied_from(c, a_id) and copied_from(c, b_id) for c in ids if c not in (a_id, b_id)):
            updated[(a_id, b_id)] = "shared_source"
    return updated


def _group_edge_strength(relation: Relation) -> float:
    """How strongly a relation ties its two articles for grouping; 0 for no group edge."""
    reused = relation.verbatim + relation.paraphrase
    if relation.relation in {"duplicate", "copy", "rewrite"}:
        return reused + relation.verbatim
    if relation.relation == "shared_source" and reused >= MIN_GROUP_SHARED:
        return reused + relation.verbatim
    return 0.0


def source_groups(articles: Sequence[Article], relations: Sequence[Relation]) -> tuple[tuple[str, ...], ...]:
    """Articles that count once: joined by strong reuse, every two of them related by reuse.

    Group edges are duplicate, copy and rewrite relations, and shared_source relations whose
    reusing article takes at least ``MIN_GROUP_SHARED`` of its body from the common text.
    Edges are taken strongest first (complete linkage): two groups merge only if *every*
    article of one has a reuse relation (any but ``independent``) with every article of the
    other. So a group never holds a pair that the provenance lists as independent, and weak
    links do not chain (A copies B, B shares a sentence run with C, C rewrites D is not one
    group). The same wire copy republished by many outlets is one group, since each copy
    relates to each other copy (directly, or as copies of one common text).

    Every article is in exactly one group (an article that reuses nothing is a group of its
    own). Groups are sorted inside and by their first id, so the result is deterministic.

    Raises:
        StageError: a relation names an article that is not in ``articles``.
    """
    known = {a.id for a in articles}
    linked: set[frozenset[str]] = set()
    edges: list[tuple[float, str, str]] = []
    for relation in relations:
        for end in (relation.source, relation.target):
            if end not in known:
                raise StageError(f"source_groups: relation names unknown article {end!r}")
        if relation.relation == "independent" or relation.source == relation.target:
            continue
        linked.add(frozenset((relation.source, relation.target)))
        strength = _group_edge_strength(relation)
        if strength > 0:
            a, b = sorted((relation.source, relation.target))
            edges.append((strength, a, b))
    group_of = {article_id: frozenset((article_id,)) for article_id in known}
    for _, a, b in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        first, second = group_of[a], group_of[b]
        if first is second:
            continue
        if all(frozenset((x, y)) in linked for x in first for y in second):
            merged = first | second
            for member in merged:
                group_of[member] = merged
    return tuple(sorted({tuple(sorted(g)) for g in group_of.values()}))
