"""Sentence alignment between the articles of one story: verbatim and paraphrased passages.

Every pair of articles gets a one-to-one matching of its body sentences. A pair is *verbatim*
when the two sentences are the same words after normalisation (rapidfuzz ratio, or a long shared
run of words); else it is a *paraphrase* when the combined similarity (see
:mod:`newsfuse.similarity`) reaches ``min_paraphrase``. Cheap character TF-IDF decides first;
sentences are embedded (once per story, in one batch) only where TF-IDF cannot rule a pair out.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from newsfuse.article import Article
from newsfuse.embed import Embedder
from newsfuse.errors import StageError
from newsfuse.similarity import EMBEDDING_WEIGHT, char_tfidf, combine, dense_cosine
from newsfuse.story import AlignedPair

#: Combined-score threshold for a paraphrase. Tuned on MSRP train (benchmarks/paraphrase.py):
#: accuracy peaks at 0.596 (acc 0.746, F1 0.832; precision 0.75). Independent reports of one
#: event also restate the same facts, so provenance judges *how much* is aligned, not single pairs.
MIN_PARAPHRASE = 0.60
#: A weaker paraphrase is accepted only *in sequence*: in the order of its neighbouring strong
#: pairs (verbatim or >= ``MIN_PARAPHRASE``) and at most ``MAX_ANCHOR_GAP`` sentences from one
#: of them in both articles. Spun rewrites restate sentence after sentence in the original order, scoring
#: 0.45-0.6 when the wording is changed heavily; on their own such scores are also reached
#: by unrelated sentences of one event, so they need the order of their neighbours.
MIN_WEAK_PARAPHRASE = 0.45
MAX_ANCHOR_GAP = 4
#: rapidfuzz ``ratio`` (0-100) of normalised sentences from which a pair counts as verbatim.
MIN_VERBATIM = 95.0
#: A shared run of at least this many words, covering at least ``MIN_SHARED_RUN_SHARE`` of the
#: shorter sentence, also makes a pair verbatim (a copied sentence with a clause edited).
MIN_SHARED_WORDS = 12
MIN_SHARED_RUN_SHARE = 0.7
#: Pairs below this TF-IDF cosine are not strong-paraphrase candidates (not embedded for it).
#: Since MiniLM cosine <= 1, a pair below 2 * 0.6 - 1 = 0.2 can never reach the paraphrase
#: threshold; on MSRP only 1 of the 3374 pairs scoring >= 0.6 combined had a TF-IDF cosine
#: below 0.35 (none below 0.3).
MIN_CANDIDATE_TFIDF = 0.35
#: Heavily spun sentences (weak paraphrases) sit at TF-IDF 0.25-0.4, so weak candidates go
#: lower; they are embedded only for article pairs with ``MIN_ANCHORS`` strong pairs.
MIN_WEAK_CANDIDATE_TFIDF = 0.25
MIN_ANCHORS = 2
#: Sentences shorter than this (characters, after stripping) are not aligned: datelines,
#: "Advertisement", one-word lines would align trivially and say nothing about reuse.
MIN_SENTENCE_CHARS = 20

Alignments = dict[tuple[str, str], tuple[AlignedPair, ...]]

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_sentence(text: str) -> str:
    """Lower-case words separated by single spaces: typography and punctuation do not matter."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _NON_WORD.sub(" ", text).strip()


@dataclass(frozen=True)
class _Sentences:
    """The alignable sentences of one article and their rows in the story's matrices."""

    article: Article
    spans: tuple[tuple[int, int], ...]
    normalised: tuple[str, ...]
    rows: tuple[int, ...]


def _collect(article: Article, first_row: int, min_chars: int) -> _Sentences:
    spans: list[tuple[int, int]] = []
    normalised: list[str] = []
    for span in article.sentences:
        if not 0 <= span.start < span.end <= len(article.text):
            raise StageError(
                f"article {article.id}: sentence span {span.start}-{span.end} lies outside its "
                f"text of {len(article.text)} characters"
            )
        text = article.text[span.start : span.end]
        if len(text.strip()) < min_chars:
            continue
        spans.append((span.start, span.end))
        normalised.append(normalise_sentence(text))
    rows = tuple(range(first_row, first_row + len(spans)))
    return _Sentences(article, tuple(spans), tuple(normalised), rows)


def is_verbatim(a: str, b: str, *, min_verbatim: float = MIN_VERBATIM,
                min_shared_words: int = MIN_SHARED_WORDS) -> bool:
    """Whether two normalised sentences are the same text (see module docstring)."""
    if a == b:
        return True
    if fuzz.ratio(a, b) >= min_verbatim:
        return True
    words_a, words_b = a.split(), b.split()
    shorter = min(len(words_a), len(words_b))
    if shorter < min_shared_words:
        return False
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    run = matcher.find_longest_match(0, len(words_a), 0, len(words_b)).size
    return run >= min_shared_words and run >= MIN_SHARED_RUN_SHARE * shorter


def _match(candidates: list[tuple[bool, float, int, int]]) -> list[tuple[bool, float, int, int]]:
    """Greedy one-to-one matching: verbatim pairs first, then by score, ties by position."""
    candidates.sort(key=lambda c: (not c[0], -c[1], c[2], c[3]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for verbatim, score, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        chosen.append((verbatim, score, i, j))
    chosen.sort(key=lambda c: (c[2], c[3]))
    return chosen


def _in_sequence(strong: list[tuple[bool, float, int, int]],
                 weak: list[tuple[bool, float, int, int]], max_gap: int) -> list[tuple[bool, float, int, int]]:
    """Weak pairs in order with their neighbouring strong pairs and close to one of them.

    A weak pair ``(i, j)`` must keep the order of the nearest strong pair before ``i`` and
    the nearest after it, and lie within ``max_gap`` sentences (in both articles) of one of
    them. Accepted weak pairs do not become anchors themselves, so evidence never chains.
    """
    anchors = sorted((i, j) for _, _, i, j in strong)
    used_a = {i for i, _ in anchors}
    used_b = {j for _, j in anchors}
    accepted = []
    for candidate in sorted(weak, key=lambda c: (-c[1], c[2], c[3])):
        _, _, i, j = candidate
        if i in used_a or j in used_b:
            continue
        before = [(x, y) for x, y in anchors if x < i][-1:]
        after = [(x, y) for x, y in anchors if x > i][:1]
        if any(y >= j for _, y in before) or any(y <= j for _, y in after):
            continue
        if not any(abs(x - i) <= max_gap and abs(y - j) <= max_gap for x, y in before + after):
            continue
        used_a.add(i)
        used_b.add(j)
        accepted.append(candidate)
    return accepted


def align_story(
    articles: Sequence[Article],
    embedder: Embedder,
    *,
    min_paraphrase: float = MIN_PARAPHRASE,
    min_verbatim: float = MIN_VERBATIM,
    min_shared_words: int = MIN_SHARED_WORDS,
    min_weak_paraphrase: float = MIN_WEAK_PARAPHRASE,
    max_anchor_gap: int = MAX_ANCHOR_GAP,
    min_candidate_tfidf: float = MIN_CANDIDATE_TFIDF,
    min_weak_candidate_tfidf: float = MIN_WEAK_CANDIDATE_TFIDF,
    min_anchors: int = MIN_ANCHORS,
    min_sentence_chars: int = MIN_SENTENCE_CHARS,
    embedding_weight: float = EMBEDDING_WEIGHT,
) -> Alignments:
    """Align the sentences of every pair of articles of one story.

    TF-IDF is fitted once on all the story's sentences and each sentence is embedded at most
    once, only if it takes part in a pair that TF-IDF cannot rule out and that is not verbatim
    (in at most two batches: strong candidates, then weak candidates of anchored pairs).

    Args:
        articles: the story's articles (ids must be unique).
        embedder: the sentence embedder.
        min_paraphrase: combined-score threshold for a paraphrase pair.
        min_verbatim: rapidfuzz ratio (0-100) from which a pair is verbatim.
        min_shared_words: a shared run of this many words also makes a pair verbatim.
        min_weak_paraphrase: a pair scoring at least this (and below ``min_paraphrase``) is
            a paraphrase only in sequence with strong pairs (see ``MIN_WEAK_PARAPHRASE``).
        max_anchor_gap: how far (in sentences) such a pair may be from its strong neighbours.
        min_candidate_tfidf: pairs below this TF-IDF cosine are not strong paraphrases.
        min_weak_candidate_tfidf: pairs below this TF-IDF cosine are never paraphrases.
        min_anchors: strong pairs an article pair needs before weak ones are looked for.
        min_sentence_chars: shorter sentences are not aligned.
        embedding_weight: weight of the embedding cosine in the combined score.

    Returns:
        For every pair of article ids ``(a, b)`` with ``a < b`` (even with no aligned
        sentences), the aligned pairs in order of ``a``'s sentences: ``source_*`` spans index
        ``a``'s text and ``target_*`` spans ``b``'s. ``similarity`` is 1.0 for exact
        normalised equality, else the combined score (for verbatim pairs never below
        ``min_paraphrase``).

    Raises:
        StageError: two articles share an id, or a sentence span lies outside its text.
    """
    if not 0.0 < min_paraphrase <= 1.0:
        raise StageError(f"min_paraphrase must be in (0, 1], got {min_paraphrase}")
    ordered = sorted(articles, key=lambda a: a.id)
    ids = [a.id for a in ordered]
    if len(set(ids)) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise StageError(f"align_story: article ids must be unique, repeated: {duplicates}")

    groups: list[_Sentences] = []
    texts: list[str] = []
    for article in ordered:
        group = _collect(article, len(texts), min_sentence_chars)
        groups.append(group)
        texts.extend(article.text[s:e] for s, e in group.spans)
    tfidf = char_tfidf(texts) if texts else None

    # Pass 1: TF-IDF and verbatim checks of every pair above the weak-candidate filter.
    pending: dict[tuple[int, int], list[tuple[int, int, float, bool]]] = {}
    floor = min(min_candidate_tfidf, min_weak_candidate_tfidf)
    for x, ga in enumerate(groups):
        later = [g for g in groups[x + 1 :] if g.rows]
        for y in range(x + 1, len(groups)):
            pending[(x, y)] = []
        if not ga.rows or not later or tfidf is None:
            continue
        start, stop = later[0].rows[0], later[-1].rows[-1] + 1
        block = (tfidf[ga.rows[0] : ga.rows[-1] + 1] @ tfidf[start:stop].T).toarray()
        for y in range(x + 1, len(groups)):
            gb = groups[y]
            if not gb.rows:
                continue
            sub = block[:, gb.rows[0] - start : gb.rows[-1] + 1 - start]
            for i, j in zip(*np.nonzero(sub >= floor)):
                verbatim = is_verbatim(ga.normalised[i], gb.normalised[j],
                                       min_verbatim=min_verbatim,
                                       min_shared_words=min_shared_words)
                pending[(x, y)].append((int(i), int(j), float(sub[i, j]), verbatim))

    vectors: dict[int, np.ndarray] = {}

    def embed_rows(rows: set[int]) -> None:
        missing = sorted(rows - vectors.keys())
        if missing:
            for row, vector in zip(missing, embedder.embed([texts[r] for r in missing])):
                vectors[row] = vector

    def score(ga: _Sentences, gb: _Sentences, i: int, j: int, tfidf_cos: float) -> float:
        if ga.normalised[i] == gb.normalised[j]:
            return 1.0
        a_row, b_row = ga.rows[i], gb.rows[j]
        if a_row in vectors and b_row in vectors:
            cosine = float(dense_cosine(vectors[a_row][None, :], vectors[b_row][None, :])[0, 0])
            return float(combine(cosine, min(tfidf_cos, 1.0), embedding_weight=embedding_weight))
        # A verbatim pair whose sentences were not embedded: its words are the same, so its
        # score is taken from the character similarity alone.
        return min(tfidf_cos, 1.0)

    # Pass 2: one batch for every sentence of a non-verbatim strong candidate of the story.
    embed_rows({row for (x, y), found in pending.items() for i, j, t, v in found
                if not v and t >= min_candidate_tfidf
                for row in (groups[x].rows[i], groups[y].rows[j])})
    strong_pairs: dict[tuple[int, int], list[tuple[bool, float, int, int]]] = {}
    for (x, y), found in pending.items():
        ga, gb = groups[x], groups[y]
        candidates = []
        for i, j, tfidf_cos, verbatim in found:
            if verbatim:
                candidates.append((True, max(score(ga, gb, i, j, tfidf_cos), min_paraphrase), i, j))
            elif tfidf_cos >= min_candidate_tfidf:
                value = score(ga, gb, i, j, tfidf_cos)
                if value >= min_paraphrase:
                    candidates.append((False, value, i, j))
        strong_pairs[(x, y)] = _match(candidates)

    # Pass 3: weak paraphrases, only for article pairs with enough strong pairs to anchor them
    # (a second batch, so unrelated articles of a story cost no extra embeddings).
    anchored = [key for key, strong in strong_pairs.items() if len(strong) >= min_anchors]
    embed_rows({row for x, y in anchored for i, j, t, v in pending[(x, y)] if not v
                for row in (groups[x].rows[i], groups[y].rows[j])})
    result: Alignments = {}
    for (x, y), strong in sorted(strong_pairs.items()):
        ga, gb = groups[x], groups[y]
        weak = []
        if len(strong) >= min_anchors:
            for i, j, tfidf_cos, verbatim in pending[(x, y)]:
                if not verbatim:
                    value = score(ga, gb, i, j, tfidf_cos)
                    if min_weak_paraphrase <= value < min_paraphrase:
                        weak.append((False, value, i, j))
        chosen = sorted(strong + _in_sequence(strong, weak, max_anchor_gap),
                        key=lambda c: (c[2], c[3]))
        pairs = []
        for verbatim, value, i, j in chosen:
            (s0, s1), (t0, t1) = ga.spans[i], gb.spans[j]
            pairs.append(AlignedPair(s0, s1, t0, t1, round(min(value, 1.0), 4), verbatim))
        result[(ga.article.id, gb.article.id)] = tuple(pairs)
    return result


def align_articles(a: Article, b: Article, embedder: Embedder, **options: float) -> tuple[AlignedPair, ...]:
    """Align the sentences of two articles (``source_*`` spans in ``a``, ``target_*`` in ``b``).

    TF-IDF is fitted on the two articles' sentences only; to align many articles of a story
    use :func:`align_story`, which shares that work. ``options`` are those of ``align_story``.
    """
    if a.id == b.id:
        raise StageError(f"align_articles: both articles have the id {a.id!r}")
    pairs = align_story([a, b], embedder, **options)  # type: ignore[arg-type]
    if a.id < b.id:
        return pairs[(a.id, b.id)]
    return tuple(
        AlignedPair(p.target_start, p.target_end, p.source_start, p.source_end, p.similarity,
                    p.verbatim)
        for p in sorted(pairs[(b.id, a.id)], key=lambda p: p.target_start)
    )
