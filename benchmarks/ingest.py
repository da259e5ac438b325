"""Ingest throughput and memory: read + clean + store of a JSONL corpus into a fresh store.

Usage: .venv/bin/python benchmarks/ingest.py [PATH] [--batch-size N] [--limit N] [--profile]
PATH defaults to ../shared/datasets/gva_dev.jsonl.gz relative to the repository root.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT.parent / "shared" / "datasets" / "gva_dev.jsonl.gz"
TARGET_PER_SECOND = 200.0


def _fresh_store(tmp: str, name: str):
    from newsfuse.store import Store

    return Store.open(Path(tmp) / f"{name}.db")


def _ingest_once(path: str, tmp: str, name: str, batch_size: int, limit: int | None,
                 workers: int = 1):
    from newsfuse.ingest import ingest_items
    from newsfuse.readers import ReadOptions, read_inputs

    items = read_inputs([path], ReadOptions())
    if limit:
        items = itertools.islice(items, limit)
    with _fresh_store(tmp, name) as store:
        start = time.perf_counter()
        result = ingest_items(items, store, batch_size=batch_size, workers=workers)
        elapsed = time.perf_counter() - start
        stored = store.count()
    return result, stored, elapsed


def _stages(path: str, tmp: str, batch_size: int, limit: int | None) -> dict[str, float]:
    """Seconds spent in each stage, measured one stage at a time."""
    from newsfuse.article import Document
    from newsfuse.ingest import clean_document, default_cleaner
    from newsfuse.readers import ReadOptions, read_inputs

    start = time.perf_counter()
    items = list(itertools.islice(read_inputs([path], ReadOptions()), limit))
    read_s = time.perf_counter() - start
    docs = [d for d in items if isinstance(d, Document)]
    cleaner = default_cleaner()
    start = time.perf_counter()
    cleaned = [clean_document(d, cleaner) for d in docs]
    clean_s = time.perf_counter() - start
    pairs = [(a, d.raw) for a, d in zip(cleaned, docs) if not hasattr(a, "reason")]
    with _fresh_store(tmp, "stages") as store:
        start = time.perf_counter()
        for i in range(0, len(pairs), batch_size):
            chunk = pairs[i : i + batch_size]
            store.add_articles([a for a, _ in chunk], [r for _, r in chunk])
        store_s = time.perf_counter() - start
    return {"read": read_s, "clean": clean_s, "store": store_s, "n": float(len(docs))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--workers", type=int, default=2, help="cleaning processes")
    parser.add_argument("--profile", action="store_true", help="print the top 25 functions")
    args = parser.parse_args(argv)
    if not Path(args.path).exists():
        print(f"error: {args.path}: no such file (give the dataset path)", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="newsfuse-bench-") as tmp:
        # Warm-up imports (trafilatura, syntok, ...) so they are not billed to the first run.
        _ingest_once(args.path, tmp, "warm", args.batch_size, 5)

        result, stored, elapsed = _ingest_once(args.path, tmp, "timed", args.batch_size,
                                               args.limit, args.workers)
        serial = _ingest_once(args.path, tmp, "serial", args.batch_size, args.limit, 1)
        serial_rate = (serial[0].added + serial[0].unchanged + serial[0].duplicates
                       + len(serial[0].rejected)) / serial[2]
        inputs = result.added + result.unchanged + result.duplicates + len(result.rejected)
        rate = inputs / elapsed if elapsed else float("inf")

        # Memory of this process (the workers are separate processes, not included).
        tracemalloc.start()
        _ingest_once(args.path, tmp, "traced", args.batch_size, args.limit, args.workers)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

        stages = _stages(args.path, tmp, args.batch_size, args.limit)

        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            _ingest_once(args.path, tmp, "profiled", args.batch_size, args.limit)
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)

    n = stages["n"] or 1.0
    rows = [
        ("inputs ingested", f"{inputs}", ""),
        ("  added / duplicates / rejected",
         f"{result.added} / {result.duplicates} / {len(result.rejected)}", ""),
        ("  articles in store", f"{stored}", ""),
        ("wall time (s)", f"{elapsed:.2f}", ""),
        ("articles per second (read+clean+store)", f"{rate:.0f}",
         f">= {TARGET_PER_SECOND:.0f} {'OK' if rate >= TARGET_PER_SECOND else 'BELOW TARGET'}"),
        ("  same with 1 process (articles per second)", f"{serial_rate:.0f}", ""),
        ("peak traced Python memory (MB, tracemalloc)", f"{peak / 2**20:.1f}", ""),
        ("peak RSS of the process (MB, ru_maxrss)", f"{maxrss_mb:.1f}", ""),
        ("stage: read (ms/article)", f"{1000 * stages['read'] / n:.2f}", ""),
        ("stage: clean (ms/article)", f"{1000 * stages['clean'] / n:.2f}", ""),
        ("stage: store (ms/article)", f"{1000 * stages['store'] / n:.2f}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"ingest benchmark: {args.path} (batch size {args.batch_size}, "
          f"{args.workers} cleaning processes)")
    print(f"{'measure'.ljust(width)}  {'value':>12}  target")
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:>12}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
