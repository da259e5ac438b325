"""Claims throughput (articles/second) on the example story and on GVA articles, and a rough
check of the killed/injured figures against the GVA gold (article-level, main event only).

Usage: .venv/bin/python benchmarks/claims.py [DATASETS_DIR] [N_GVA]
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

from newsfuse.article import Article, Span
from newsfuse.claims import extract_claims, load_nlp
from newsfuse.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent


def _article(text: str, article_id: str, published: str | None = None) -> Article:
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        spans += split_sentences(text, line.start(), line.end())
    return Article(id=article_id, source=article_id, original=text, text=text,
                   sentences=tuple(spans), published=published)


def main() -> None:
    datasets = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "datasets"
    n_gva = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    nlp = load_nlp()
    example = [_article(p.read_text(), p.stem) for p in sorted((ROOT / "examples" / "kerman-2024").glob("*.txt"))]
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    t, c = time.perf_counter(), time.process_time()
    for a in example:
        extract_claims(a, nlp, story_date="2024-01-03")
    print(f"example: {len(example) / (time.perf_counter() - t):.1f} articles/s wall, "
          f"{len(example) / (time.process_time() - c):.1f} articles/s of CPU time")
    records = []
    with gzip.open(datasets / "gva_dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) >= n_gva:
                break
    arts = [_article(r["text"], r["id"], r.get("published")) for r in records]
    t, c = time.perf_counter(), time.process_time()
    out = [extract_claims(a, nlp, story_date=r["gold"].get("date")) for a, r in zip(arts, records)]
    elapsed, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"gva: {len(arts)} articles, {len(arts) / elapsed:.1f} articles/s wall, "
          f"{len(arts) / cpu:.1f} articles/s of CPU time")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for measure in ("killed", "injured"):
        stated = hit = 0
        for claims, r in zip(out, records):
            values = {n.value for n in claims.numbers if n.measure == measure and n.event == "main"}
            if values:
                stated += 1
                hit += r["gold"][measure] in values
        print(f"gva {measure}: {stated} articles state a figure; gold value among them in {hit}")


if __name__ == "__main__":
    main()
