"""Sentence similarity: character n-gram TF-IDF cosine, embedding cosine, and their blend.

The blend ``0.5 * cosine(MiniLM) + 0.5 * cosine(char 3-5-gram TF-IDF)`` was the best of the
scores we measured on rewritten news (``benchmarks/paraphrase.py`` on MSRP): the embedding sees
synonyms and reordered clauses, the character n-grams see shared names and numbers, which the
embedding blurs. TF-IDF is fitted per call on the texts being compared, so nothing is global.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfuse.embed import Embedder

#: Weight of the embedding cosine in the combined score (the rest is character TF-IDF).
EMBEDDING_WEIGHT = 0.5


def char_tfidf(texts: Sequence[str]) -> sparse.csr_matrix:
    """Character 3-5-gram TF-IDF vectors of ``texts``, fitted on ``texts`` only.

    Rows are L2-normalised, so ``x @ y.T`` is a cosine. A text without any n-gram (empty,
    or a collection of only such texts) gets an all-zero row.

    Args:
        texts: the texts to vectorise (typically every sentence of one story).

    Returns:
        A sparse ``[len(texts), vocabulary]`` matrix.
    """
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True, dtype=np.float32
    )
    try:
        return sparse.csr_matrix(vectorizer.fit_transform(list(texts)))
    except ValueError:
        # scikit-learn refuses an empty vocabulary (all texts empty): nothing is similar.
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def sparse_cosine(x: sparse.spmatrix, y: sparse.spmatrix) -> np.ndarray:
    """Dense ``[len(x), len(y)]`` cosines of L2-normalised sparse rows, clipped to [0, 1]."""
    product = (x @ y.T).toarray() if x.shape[0] and y.shape[0] else np.zeros((x.shape[0], y.shape[0]))
    return np.clip(product, 0.0, 1.0).astype(np.float32, copy=False)


def dense_cosine(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Dense ``[len(x), len(y)]`` cosines of unit-length rows, negatives clipped to 0."""
    if not len(x) or not len(y):
        return np.zeros((len(x), len(y)), dtype=np.float32)
    return np.clip(x @ y.T, 0.0, 1.0).astype(np.float32, copy=False)


def combine(embedding_cosine: np.ndarray | float, tfidf_cosine: np.ndarray | float,
            *, embedding_weight: float = EMBEDDING_WEIGHT) -> np.ndarray | float:
    """The combined score from its two parts (each in [0, 1]); the result is in [0, 1]."""
    if not 0.0 <= embedding_weight <= 1.0:
        raise ValueError(f"embedding_weight must be in [0, 1], got {embedding_weight}")
    return embedding_weight * embedding_cosine + (1.0 - embedding_weight) * tfidf_cosine


def similarity_matrix(a: Sequence[str], b: Sequence[str], embedder: Embedder, *,
                      embedding_weight: float = EMBEDDING_WEIGHT) -> np.ndarray:
    """Combined similarity of every text of ``a`` with every text of ``b``.

    TF-IDF is fitted on ``a`` and ``b`` together. For many pairs of articles of one story use
    :func:`newsfuse.align.align_story`, which embeds and vectorises each sentence once.

    Returns:
        A float32 ``[len(a), len(b)]`` array with values in [0, 1].
    """
    tfidf = char_tfidf([*a, *b])
    vectors = embedder.embed([*a, *b])
    n = len(a)
    result = combine(dense_cosine(vectors[:n], vectors[n:]), sparse_cosine(tfidf[:n], tfidf[n:]),
                     embedding_weight=embedding_weight)
    return np.clip(result, 0.0, 1.0).astype(np.float32)


def sentence_similarity(a: str, b: str, embedder: Embedder, *,
                        embedding_weight: float = EMBEDDING_WEIGHT) -> float:
    """Combined similarity of two texts, symmetric and in [0, 1]."""
    # Order the pair so that floating-point sums are done the same way for (a, b) and (b, a).
    first, second = sorted((a, b))
    return float(similarity_matrix([first], [second], embedder,
                                   embedding_weight=embedding_weight)[0, 0])


def tfidf_similarity(a: str, b: str) -> float:
    """Character 3-5-gram TF-IDF cosine of two texts (fitted on the two), symmetric, in [0, 1]."""
    first, second = sorted((a, b))
    tfidf = char_tfidf([first, second])
    return float(sparse_cosine(tfidf[:1], tfidf[1:])[0, 0])
