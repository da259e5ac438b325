"""Paraphrase detection on MSRP: accuracy/F1 of newsfuse's sentence similarity, and embedder speed.

Usage: ``.venv/bin/python benchmarks/paraphrase.py [--data ../shared/datasets] [--limit N]
[--provenance] [--story-speed]``

Prints the combined score (0.5 MiniLM + 0.5 char 3-5-gram TF-IDF) at the threshold newsfuse
uses (``newsfuse.align.MIN_PARAPHRASE``) and at its own best threshold, beside baselines:
TF-IDF only and MiniLM only (each at its best threshold) and the majority class.
``evaluate_msrp`` is importable by ``benchmarks/quality.py``.

``--provenance`` aligns every within-cluster pair of Multi-News dev (reports of one event by
different outlets, mostly independent; ``--corpus ecbplus`` for ECB+ events instead) and prints
the coverage distribution and the relations found: the data the ``MIN_*`` thresholds of
``newsfuse.provenance`` were set from.
``--story-speed [--story gva|ecbplus|wire]`` times ``align_story`` and provenance on a
50-article story (see ``_speed_story``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import gzip
import json

import numpy as np

from newsfuse.align import MIN_PARAPHRASE, align_story
from newsfuse.article import Article, Span
from newsfuse.provenance import coverage, source_groups, trace_provenance
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


def embedder_speed(embedder: Embedder, sentences: Sequence[str]) -> tuple[float, float]:
    """Sentences per wall-clock second and per CPU second (all threads) embedding ``sentences``.

    The CPU figure stays meaningful when other processes share the machine.
    """
    embedder.embed(list(sentences[:32]))
    start, cpu = time.perf_counter(), time.process_time()
    embedder.embed(list(sentences))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return len(sentences) / wall, len(sentences) / cpu


class _CountingEmbedder:
    """Wraps an embedder and counts the texts it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dim, self.count = inner, inner.name, inner.dim, 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.count += len(texts)
        return self.inner.embed(texts)


def sentence_article(article_id: str, text: str, published: str | None = None) -> Article:
    """An Article whose sentences are found by syntok (for benchmarks only; no cleaning)."""
    import syntok.segmenter as segmenter

    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = list(sentence)
            if tokens:
                spans.append(Span(tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return Article(id=article_id, source=article_id, original=text, text=text,
                   sentences=tuple(spans), published=published)


def _read_jsonl_gz(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _ecbplus_events(data: Path) -> list[dict]:
    events: dict[str, list[dict]] = {}
    for record in _read_jsonl_gz(data / "ecbplus_dev.jsonl.gz"):
        events.setdefault(record["event"], []).append({"id": record["id"], "text": record["text"]})
    return [{"cluster_id": event, "articles": docs} for event, docs in sorted(events.items())]


def provenance_on_clusters(data: Path, embedder: Embedder, limit: int, corpus: str = "multinews") -> None:
    """Print coverage quantiles and relation counts over within-cluster pairs.

    ``corpus`` is ``multinews`` (clusters of Multi-News dev) or ``ecbplus`` (ECB+ dev events).
    """
    if corpus == "ecbplus":
        clusters = _ecbplus_events(data)[: limit or None]
    else:
        clusters = _read_jsonl_gz(data / "multinews_dev.jsonl.gz")[: limit or None]
    counts: dict[str, int] = {}
    verbatim, reused = [], []
    examples = []
    for cluster in clusters:
        articles = [sentence_article(a["id"], a["text"]) for a in cluster["articles"]]
        alignments = align_story(articles, embedder)
        by_id = {a.id: a for a in articles}
        for (x, y), pairs in alignments.items():
            for article, spans in ((by_id[x], [(p.source_start, p.source_end, p.verbatim) for p in pairs]),
                                   (by_id[y], [(p.target_start, p.target_end, p.verbatim) for p in pairs])):
                c = coverage(article, spans)
                verbatim.append(c.verbatim)
                reused.append(c.reused)
        relations = trace_provenance(articles, alignments)
        related = {frozenset((r.source, r.target)): r.relation for r in relations}
        groups = source_groups(articles, relations)
        counts["groups"] = counts.get("groups", 0) + len(groups)
        counts["articles"] = counts.get("articles", 0) + len(articles)
        if len(articles) >= 4 and max(len(g) for g in groups) > len(articles) / 2:
            counts["clusters with a group of over half"] = counts.get("clusters with a group of over half", 0) + 1
        counts["same-group pairs called independent"] = counts.get("same-group pairs called independent", 0) + sum(
            related[frozenset((a, b))] == "independent"
            for g in groups for i, a in enumerate(g) for b in g[i + 1 :])
        for relation in relations:
            counts[relation.relation] = counts.get(relation.relation, 0) + 1
            if relation.relation != "independent":
                examples.append((relation.source, relation.target, relation.relation,
                                 relation.verbatim, relation.paraphrase))
    q = [50, 90, 95, 99, 100]
    print(f"{corpus} dev, {len(clusters)} clusters, {len(verbatim) // 2} article pairs")
    print("verbatim coverage quantiles", dict(zip(q, np.round(np.percentile(verbatim, q), 3))))
    print("reused coverage quantiles  ", dict(zip(q, np.round(np.percentile(reused, q), 3))))
    print("relations and groups", dict(sorted(counts.items())))
    for example in examples:
        print("  ", *example)


def _speed_story(data: Path, kind: str, size: int) -> list[Article]:
    """``size`` articles taken as one story.

    ``gva``: GVA dev articles (mostly different incidents: few candidate pairs). ``ecbplus``:
    the largest ECB+ dev topics, both event variants (same-topic reports: many paraphrase
    candidates). ``wire``: five Multi-News articles, each republished ten times with a
    different sentence dropped (many verbatim pairs, the load of syndicated wire copy).
    """
    if kind == "gva":
        records = _read_jsonl_gz(data / "gva_dev.jsonl.gz")[:size]
        return [sentence_article(r["id"], r["text"]) for r in records]
    if kind == "ecbplus":
        events = _ecbplus_events(data)
        by_topic: dict[str, list[dict]] = {}
        for event in events:
            by_topic.setdefault(event["cluster_id"].split("_")[0], []).extend(event["articles"])
        docs = [d for topic in sorted(by_topic, key=lambda t: -len(by_topic[t])) for d in by_topic[topic]]
        return [sentence_article(d["id"], d["text"]) for d in docs[:size]]
    clusters = _read_jsonl_gz(data / "multinews_dev.jsonl.gz")
    originals = [a["text"] for c in clusters for a in c["articles"] if len(a["text"]) > 2000][:5]
    articles = []
    for n in range(size):
        original = sentence_article("original", originals[n % 5])
        sentences = [original.text[span.start:span.end] for span in original.sentences]
        drop = (n // 5) % len(sentences)
        text = " ".join(t for i, t in enumerate(sentences) if i != drop)
        articles.append(sentence_article(f"copy-{n:02d}", text))
    return articles


def story_speed(data: Path, embedder: Embedder, size: int = 50, kind: str = "gva") -> None:
    """Time align_story + trace_provenance on a ``size``-article story (see ``_speed_story``)."""
    articles = _speed_story(data, kind, size)
    sentences = sum(len(a.sentences) for a in articles)
    counting = _CountingEmbedder(embedder)
    start, cpu = time.perf_counter(), time.process_time()
    alignments = align_story(articles, counting)
    aligned, aligned_cpu = time.perf_counter() - start, time.process_time() - cpu
    relations = trace_provenance(articles, alignments)
    groups = source_groups(articles, relations)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"story of {len(articles)} {kind} articles, {sentences} sentences ({counting.count} embedded), "
          f"{len(groups)} source groups: align_story {aligned:.2f}s wall / {aligned_cpu:.2f}s CPU, "
          f"with provenance {total:.2f}s wall / {cpu:.2f}s CPU (load average {load:.1f})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--data", default=str(root / ".." / "shared" / "datasets"),
                        help="folder holding msrp_train.tsv")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--provenance", action="store_true",
                        help="coverage and relations over Multi-News dev clusters")
    parser.add_argument("--corpus", choices=("multinews", "ecbplus"), default="multinews",
                        help="clusters used by --provenance")
    parser.add_argument("--story", choices=("gva", "ecbplus", "wire"), default="gva",
                        help="story used by --story-speed")
    parser.add_argument("--story-speed", action="store_true",
                        help="time alignment of a 50-article story")
    args = parser.parse_args(argv)
    if args.provenance or args.story_speed:
        embedder = load_default_embedder(threads=args.threads)
        embedder.embed(["warm up"])
        if args.story_speed:
            story_speed(Path(args.data), embedder, kind=args.story)
        if args.provenance:
            provenance_on_clusters(Path(args.data), embedder, args.limit, args.corpus)
        return 0
    path = Path(args.data) / "msrp_train.tsv"
    if not path.is_file():
        print(f"error: {path} not found (pass --data)", file=sys.stderr)
        return 2
    pairs = load_msrp(path)
    if args.limit:
        pairs = pairs[: args.limit]
    embedder = load_default_embedder(threads=args.threads)
    r = evaluate_msrp(pairs, embedder)
    speed, cpu_speed = embedder_speed(embedder, [p[1] for p in pairs[:1000]])
    print(f"MSRP train, {r['pairs']} pairs")
    print(f"{'method':34} {'threshold':>9} {'accuracy':>8} {'F1':>6}")
    print(f"{'combined @ newsfuse threshold':34} {r['threshold']:9.3f} {r['accuracy']:8.3f} {r['f1']:6.3f}")
    print(f"{'combined @ best threshold':34} {r['best_threshold']:9.3f} {r['best_accuracy']:8.3f} {r['best_f1']:6.3f}")
    for name in ("tfidf_only", "minilm_only"):
        b = r[name]
        print(f"{name + ' @ best threshold':34} {b['threshold']:9.3f} {b['accuracy']:8.3f} {b['f1']:6.3f}")
    print(f"{'majority class':34} {'':9} {r['majority_accuracy']:8.3f} {r['majority_f1']:6.3f}")
    print(f"embedder {embedder.name}: {speed:.0f} sentences/s wall ({args.threads} threads), "
          f"{cpu_speed:.0f} sentences per CPU-second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
