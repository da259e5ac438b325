"""Paraphrase detection on MSRP: accuracy/F1 of newsfuse's sentence similarity, and embedder speed.

Usage: ``.venv/bin/python benchmarks/paraphrase.py [--data ../shared/datasets] [--limit N]``

Prints the combined score (0.5 MiniLM + 0.5 char 3-5-gram TF-IDF) at the threshold newsfuse
uses (``newsfuse.align.MIN_PARAPHRASE``) and at its own best threshold, beside baselines:
TF-IDF only and MiniLM only (each at its best threshold) and the majority class.
``evaluate_msrp`` is importable by ``benchmarks/quality.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsfuse.align import MIN_PARAPHRASE
from newsfuse.embed import Embedder, load_default_embedder
from newsfuse.errors import InputError
from newsfuse.similarity import EMBEDDING_WEIGHT, char_tfidf

Pair = tuple[int, str, str]


def load_msrp(path: str | Path) -> list[Pair]:
    """Read an MSRP tsv (header, then ``label<TAB>id1<TAB>id2<TAB>s1<TAB>s2``).

    Splits on tabs only (no CSV quoting) and turns the ``<QUOTE>`` token back into ``"``.

    Raises:
        InputError: a line does not have five tab-separated fields or a 0/1 label.
    """
    path = Path(path)
    pairs: list[Pair] = []
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[0] not in {"0", "1"}:
            raise InputError(f"{path}#{number}", "expected label<TAB>id1<TAB>id2<TAB>s1<TAB>s2")
        pairs.append((int(fields[0]), fields[3].replace("<QUOTE>", '"'),
                      fields[4].replace("<QUOTE>", '"')))
    return pairs


def _scores(labels: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    tp = float(np.sum(predicted & labels))
    fp = float(np.sum(predicted & ~labels))
    fn = float(np.sum(~predicted & labels))
    accuracy = float(np.mean(predicted == labels))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return accuracy, f1


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """The threshold maximising accuracy (ties: the highest), with its accuracy and F1."""
    labels = labels.astype(bool)
    best = (0.0, -1.0, 0.0)
    for threshold in np.unique(np.round(scores, 3)):
        accuracy, f1 = _scores(labels, scores >= threshold)
        if accuracy >= best[1]:
            best = (float(threshold), accuracy, f1)
    return best


def pair_scores(pairs: Sequence[Pair], embedder: Embedder) -> dict[str, np.ndarray]:
    """MiniLM, TF-IDF and combined cosines of each pair.

    TF-IDF is fitted on all the sentences of ``pairs`` together, as ``align_story`` fits it
    on all the sentences of a story.
    """
    first = [p[1] for p in pairs]
    second = [p[2] for p in pairs]
    tfidf = char_tfidf(first + second)
    n = len(pairs)
    tfidf_cos = np.clip(np.asarray(tfidf[:n].multiply(tfidf[n:]).sum(axis=1)).ravel(), 0, 1)
    vectors = embedder.embed(first + second)
    emb_cos = np.clip(np.sum(vectors[:n] * vectors[n:], axis=1), 0, 1)
    combined = EMBEDDING_WEIGHT * emb_cos + (1 - EMBEDDING_WEIGHT) * tfidf_cos
    return {"minilm": emb_cos, "tfidf": tfidf_cos, "combined": combined}


def evaluate_msrp(pairs: Sequence[Pair], embedder: Embedder,
                  threshold: float = MIN_PARAPHRASE) -> dict:
    """Accuracy and F1 of the combined similarity on labelled pairs, with baselines.

    Args:
        pairs: ``(label, sentence1, sentence2)`` as :func:`load_msrp` returns.
        embedder: the sentence embedder.
        threshold: the combined-score threshold to report (newsfuse's paraphrase threshold).

    Returns:
        ``{"pairs", "threshold", "accuracy", "f1", "best_threshold", "best_accuracy",
        "best_f1", "tfidf_only": {...}, "minilm_only": {...}, "majority_accuracy",
        "majority_f1"}``.
    """
    labels = np.array([p[0] for p in pairs], dtype=bool)
    scores = pair_scores(pairs, embedder)
    accuracy, f1 = _scores(labels, scores["combined"] >= threshold)
    best = best_threshold(scores["combined"], labels)
    result: dict = {
        "pairs": len(pairs), "threshold": threshold, "accuracy": accuracy, "f1": f1,
        "best_threshold": best[0], "best_accuracy": best[1], "best_f1": best[2],
    }
    for name in ("tfidf", "minilm"):
        t, a, f = best_threshold(scores[name], labels)
        result[f"{name}_only"] = {"threshold": t, "accuracy": a, "f1": f}
    majority = labels.mean() >= 0.5
    result["majority_accuracy"], result["majority_f1"] = _scores(
        labels, np.full(len(labels), majority))
    return result


def embedder_speed(embedder: Embedder, sentences: Sequence[str]) -> float:
    """Sentences per second embedding ``sentences`` (after one warm-up batch)."""
    embedder.embed(list(sentences[:32]))
    start = time.perf_counter()
    embedder.embed(list(sentences))
    return len(sentences) / (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--data", default=str(root / ".." / "shared" / "datasets"),
                        help="folder holding msrp_train.tsv")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    path = Path(args.data) / "msrp_train.tsv"
    if not path.is_file():
        print(f"error: {path} not found (pass --data)", file=sys.stderr)
        return 2
    pairs = load_msrp(path)
    if args.limit:
        pairs = pairs[: args.limit]
    embedder = load_default_embedder(threads=args.threads)
    r = evaluate_msrp(pairs, embedder)
    speed = embedder_speed(embedder, [p[1] for p in pairs[:1000]])
    print(f"MSRP train, {r['pairs']} pairs")
    print(f"{'method':34} {'threshold':>9} {'accuracy':>8} {'F1':>6}")
    print(f"{'combined @ newsfuse threshold':34} {r['threshold']:9.3f} {r['accuracy']:8.3f} {r['f1']:6.3f}")
    print(f"{'combined @ best threshold':34} {r['best_threshold']:9.3f} {r['best_accuracy']:8.3f} {r['best_f1']:6.3f}")
    for name in ("tfidf_only", "minilm_only"):
        b = r[name]
        print(f"{name + ' @ best threshold':34} {b['threshold']:9.3f} {b['accuracy']:8.3f} {b['f1']:6.3f}")
    print(f"{'majority class':34} {'':9} {r['majority_accuracy']:8.3f} {r['majority_f1']:6.3f}")
    print(f"embedder {embedder.name}: {speed:.0f} sentences/s ({args.threads} threads)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
