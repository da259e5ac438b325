"""Spark stream-pipeline benchmark: articles/s and peak driver memory on ``local[2]``, beside
the single-machine clean + dedupe + cluster figure on the same articles.

Usage:
    .venv/bin/python benchmarks/stories_spark.py [--data ../shared/datasets] [--limit N]
        [--master local[2]] [--skip-single]

All dev articles mixed (GVA + ECB+ + Multi-News, ~4,200) are written as one JSONL file per
dataset chunk into a temporary directory, then both paths read, clean, find near-duplicates
and cluster them into stories (story analysis is not included: it costs the same per story on
both paths and dominates the single-machine time). Executors are local threads/processes, so
"peak memory" is the driver's max RSS (ru_maxrss), plus the JVM's and the Python workers' RSS
sampled every 0.5 s (peaks); the single-machine path runs in a child process with its own peak.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import threading
import time
import multiprocessing
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _records(data: Path, limit: int | None) -> list[dict]:
    gva, seen = [], set()
    with gzip.open(data / "gva_dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            if r["id"] not in seen:
                seen.add(r["id"])
                gva.append({k: r.get(k) for k in ("id", "title", "text", "url", "published")})
    with gzip.open(data / "ecbplus_dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        ecb = [{"id": r["id"], "text": r["text"], "url": r.get("url")}
               for r in map(json.loads, handle)]
    multi = []
    with gzip.open(data / "multinews_dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        for r in map(json.loads, handle):
            multi.extend({"id": a["id"], "text": a["text"]} for a in r["articles"])
    total = len(gva) + len(ecb) + len(multi)
    if not limit or limit >= total:
        return gva + ecb + multi
    # The same share of each dataset, taken from its start (the files list the articles of
    # one story together), so the sample still has multi-article stories.
    return [r for part in (gva, ecb, multi) for r in part[: round(limit * len(part) / total)]]


def _write_chunks(records: list[dict], directory: Path, per_file: int = 100) -> None:
    for k in range(0, len(records), per_file):
        with (directory / f"part-{k // per_file:04d}.jsonl").open("w", encoding="utf-8") as f:
            for r in records[k : k + per_file]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _spark_rss_mb() -> tuple[float, float]:
    """(JVM, Python workers) resident memory in MB, now."""
    jvm = workers = 0
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            cmd = status.read_bytes()
            if b"pyspark.daemon" not in cmd and b"org.apache.spark.deploy.SparkSubmit" not in cmd:
                continue
            for line in (status.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    kb = int(line.split()[1])
                    if b"pyspark.daemon" in cmd:
                        workers += kb
                    else:
                        jvm += kb
        except OSError:
            continue
    return jvm / 1024, workers / 1024


class _PeakSampler(threading.Thread):
    """Samples the JVM's and the Python workers' RSS every half second; keeps the peaks."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.jvm = self.workers = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            jvm, workers = _spark_rss_mb()
            self.jvm, self.workers = max(self.jvm, jvm), max(self.workers, workers)


def single_machine(directory: Path) -> tuple[float, int, int]:
    from newsfuse.analyze import load_models
    from newsfuse.cluster import cluster_articles
    from newsfuse.dedupe import find_duplicates
    from newsfuse.ingest import load_articles

    start = time.perf_counter()
    articles, _ = load_articles([str(directory)])
    models = load_models()
    find_duplicates(articles)
    clusters = cluster_articles(articles, models.embedder, models.nlp)
    elapsed = time.perf_counter() - start
    return elapsed, len(articles), len(clusters), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _single_in_child(directory: Path, out: Any) -> None:
    out.put(single_machine(directory))


def spark_path(directory: Path, master: str) -> tuple[float, float, float, int, int]:
    from newsfuse.spark.clustering import cluster_ids
    from newsfuse.spark.duplicates import find_duplicates_spark
    from newsfuse.spark.job import _keep_distinct, _Digest, _outcomes
    from newsfuse.spark.session import build_session, default_models
    from newsfuse.article import Rejection

    started = time.perf_counter()
    spark = build_session(master, "newsfuse-bench")
    sampler = _PeakSampler()
    sampler.start()
    start = time.perf_counter()
    outcomes, listed = _outcomes(spark, [str(directory)], None, None)
    outcomes = outcomes.persist()
    metas = outcomes.map(lambda kv: (kv[0], kv[1] if isinstance(kv[1], Rejection) else
                                     _Digest(kv[1].id, kv[1].source, kv[1].content_hash()))
                         ).collect()
    kept, _ = _keep_distinct([*metas, *listed])
    shared = spark.sparkContext.broadcast(kept)
    articles = outcomes.filter(lambda kv: kv[0] in shared.value).values().persist()
    ids = sorted(articles.map(lambda a: a.id).collect())
    find_duplicates_spark(articles)
    index_of = spark.sparkContext.broadcast({a: i for i, a in enumerate(ids)})
    clusters = cluster_ids(articles.map(lambda a: (index_of.value[a.id], a)), ids, default_models)
    elapsed = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    spark.stop()
    print(f"  (session start-up {start - started:.1f}s, not counted)")
    return elapsed, sampler.jvm, sampler.workers, len(ids), len(clusters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--skip-single", action="store_true")
    args = parser.parse_args()
    records = _records(args.data, args.limit)
    with tempfile.TemporaryDirectory(prefix="newsfuse-bench-") as tmp:
        directory = Path(tmp)
        _write_chunks(records, directory)
        print(f"{len(records)} input records in {len(list(directory.iterdir()))} JSONL files")
        if not args.skip_single:
            # In a child process, so its peak RSS is its own and not the Spark driver's.
            queue = multiprocessing.get_context("spawn").Queue()
            child = multiprocessing.get_context("spawn").Process(
                target=_single_in_child, args=(directory, queue))
            child.start()
            s_elapsed, s_n, s_k, peak = queue.get()
            child.join()
            print(f"single machine: {s_n} articles -> {s_k} stories in {s_elapsed:.1f}s = "
                  f"{s_n / s_elapsed:.1f} articles/s; peak RSS {peak:.0f} MB")
        elapsed, jvm, workers, n, k = spark_path(directory, args.master)
        driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"spark {args.master}: {n} articles -> {k} stories in {elapsed:.1f}s = "
              f"{n / elapsed:.1f} articles/s; peak RSS: Python driver {driver:.0f} MB, "
              f"JVM {jvm:.0f} MB, Python workers {workers:.0f} MB (sum of the sampled peak)")


if __name__ == "__main__":
    main()
