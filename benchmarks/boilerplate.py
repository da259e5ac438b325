"""Boilerplate removal on real crawled news pages: what each cleaning rule removed, and speed.

Cleans every article of ``gva_dev.jsonl.gz`` (2,820 crawled news pages with site boilerplate),
prints how many paragraphs/characters each rule removed and the cleaning speed (with the share
of time spent in syntok sentence splitting), and dumps a fixed-seed random sample of articles
(removals with reasons, then kept paragraphs) to a text file for review by hand.

Usage: .venv/bin/python benchmarks/boilerplate.py [--data ../shared/datasets] [--sample 60]
       [--seed 7] [--out /tmp/newsfuse_boilerplate_sample.txt]

Hand review (2026-11-21, reading the dumps of three samples; a "paragraph" is one line of
the page):
C = boilerplate paragraphs (or prefixes) correctly removed, L = boilerplate left in,
W = article text wrongly removed. Precision = C / (C + W), recall = C / (C + L).

1. seed 7, 60 articles, first rule set:           C 68, L 51, W 10 -> P 0.87, R 0.57.
   The rules were then fixed on what this review showed (bare "(AP)" datelines taken for
   credits, near-copy threshold too loose for lists, broken sentences taken for inserted
   headlines, contact lines, embeds, template code, title glued to its timestamp, ...).
   Same 60 articles after the fixes (tuned on them, so optimistic): C 109, L 15, W 0.
2. seed 11, 50 fresh articles, rules as after review 1 (held out, the honest estimate):
                                                   C 68, L 27, W 5  -> P 0.93, R 0.72.
   Errors: a press release's list of victims ("Name 07/04/1988 DECEASED") taken for
   inserted headlines (3), a truncated last sentence taken for a headline (2); left in:
   registration/verification walls, station-notice pages, "Related Coverage" lines, shouted
   all-caps headlines of other articles, reporter bios. After fixing those general patterns
   the same 50 read C 87, L 8, W 3 (again optimistic, tuned on them); a later rule that keeps
   headline-shaped lines above the first sentence (a story's own deks) brings it to C 85, L 10.
3. seed 23, 30 fresh articles, rules as after review 2 (held out):
                                                   C 63, L 13, W 11 -> P 0.85, R 0.83.
   Errors: 9 of the 11 were items of lists the text announces with a colon ("Quick Facts:",
   "Minors shot so far this year:") taken for inserted headlines, 1 an unpunctuated
   sentence, 1 an editor's update line that says "Click here". After fixing the list and
   past-tense cases the same 30 read C 66, L 10, W 2 (tuned on them).
Across the three held-out readings (before each round of fixes): C 199, L 91, W 26, i.e.
precision 0.88, recall 0.69; the current rules score higher on those same pages (P 0.97-1.00,
R 0.87-0.92), but that is measured on pages they were fixed on.
Review on unseen stories (ECB+/GVA/Multi-News, 2026-11-21) fixed generally: repeats are
judged only against kept paragraphs, a lone prose line survives, place+date lines are metadata,
any-case "City —" datelines, reader pitches/post links inside one-line articles. On the whole
file this changed: rejected 119 -> 115 (4 real one-sentence/deck pages kept), characters kept
90.0% -> 90.2%, "repeated paragraph" 450 -> 372 removals (a hand check of the 78 now-kept
paragraphs: real leads whose first copy was a caption/embed; some repeated headline-shaped
lines are now reported as "inserted headline" instead), "date line" 84 -> 123 (timestamps
formerly labelled embeds, or kept with zones like CEST), "dateline" 969 -> 993.
Still missed in the samples: captions with no credit ("Police respond after ..."), loose
tweet fragments, promo blurbs of a station's sister sites, the press-release list above.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

from newsfuse.article import Document
from newsfuse.clean import clean
from newsfuse.errors import InputError
from newsfuse.segment import split_sentences

REPO = Path(__file__).resolve().parent.parent

def _reason_key(reason: str) -> str:
    """Group "repeated paragraph (first at paragraph 3)" under one name."""
    return re.sub(r"\(first at paragraph \d+\)", "(...)", reason)


def load(path: Path) -> list[dict]:
    """The records of a gzip JSON Lines file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "datasets")
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsfuse_boilerplate_sample.txt"))
    args = parser.parse_args(argv)

    records = load(args.data / "gva_dev.jsonl.gz")
    docs = [
        Document(
            source=f"gva_dev.jsonl.gz#{n + 1}", text=r["text"], format="jsonl", id=r["id"],
            title=r.get("title"), url=r.get("url"), published=r.get("published"),
        )
        for n, r in enumerate(records)
    ]
    paragraphs = collections.Counter()
    chars = collections.Counter()
    articles, rejected = {}, {}
    started, cpu_started = time.perf_counter(), time.process_time()
    for doc in docs:
        try:
            article = clean(doc)
        except InputError as exc:
            rejected[doc.id] = exc.reason
            continue
        articles[doc.id] = article
        for removal in article.removed:
            key = _reason_key(removal.reason)
            paragraphs[key] += 1
            chars[key] += len(removal.text)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    # syntok alone, on the kept body paragraphs, to see its share of the cost.
    cpu_started = time.process_time()
    for article in articles.values():
        for para in article.paragraphs:
            if para.kind == "body":
                split_sentences(article.text, para.start, para.end)
    syntok_cpu = time.process_time() - cpu_started

    total_in = sum(len(d.text) for d in docs)
    total_out = sum(len(a.text) for a in articles.values())
    print(f"articles: {len(docs)}  cleaned: {len(articles)}  rejected: {len(rejected)}"
          f" ({collections.Counter(rejected.values()).most_common()})")
    print(f"characters in: {total_in}  kept: {total_out} ({total_out / max(total_in, 1):.1%})")
    # CPU time, not wall time: the machine may be shared, and one process uses one core.
    print(f"clean: {cpu:.1f} s CPU = {1000 * cpu / len(docs):.2f} ms/article ="
          f" {len(docs) / cpu:.0f} articles/s per core (wall {elapsed:.1f} s);"
          f" syntok sentence splitting alone: {syntok_cpu:.1f} s CPU ({syntok_cpu / cpu:.0%})")
    print(f"{'rule':45} {'paragraphs':>10} {'characters':>11}")
    for key, count in paragraphs.most_common():
        print(f"{key:45} {count:>10} {chars[key]:>11}")

    rng = random.Random(args.seed)
    sample = rng.sample(sorted(d.id for d in docs), min(args.sample, len(docs)))
    by_id = {d.id: d for d in docs}
    with args.out.open("w", encoding="utf-8") as out:
        for number, doc_id in enumerate(sample, 1):
            out.write(f"\n{'=' * 100}\n#{number} {doc_id}  title={by_id[doc_id].title!r}\n")
            if doc_id in rejected:
                out.write(f"REJECTED: {rejected[doc_id]}\n")
                for line in by_id[doc_id].text.splitlines():
                    if line.strip():
                        out.write(f"   . {line.strip()[:300]}\n")
                continue
            article = articles[doc_id]
            events = [(r.start, f"-- [{r.reason}] {r.text[:300]}") for r in article.removed]
            # Kept paragraphs in original order: locate each in the original text.
            cursor = 0
            for para in article.paragraphs:
                body = article.text[para.start : para.end]
                at = article.original.find(body, cursor)
                cursor = max(cursor, at)
                mark = "H" if para.kind == "heading" else "+"
                events.append((at, f"{mark}  {body[:300]}"))
            for _, line in sorted(events, key=lambda e: e[0]):
                out.write(line + "\n")
    print(f"sample of {len(sample)} articles (seed {args.seed}) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
