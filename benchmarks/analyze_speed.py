"""Time of each stage of one story's analysis (where the seconds go), for N articles.

Prints wall and CPU time (process time, all threads) per stage; CPU time is the fairer
figure on a shared machine. ``--profile`` adds the top functions by cumulative time.

The story is the bundled example (5 articles), or with ``--articles N`` the GVA incident with
the most articles padded with the articles of the next-largest incidents (real shooting
reports that overlap only partly) up to N.

Each repeat times the stages one after another (CPU per stage), then the whole story as
:func:`newsfuse.analyze.analyze_story` runs it (independent stages overlapped in threads).

Run: ``.venv/bin/python benchmarks/analyze_speed.py [--articles 50] [--repeat 2]
[--data ../shared/datasets]``; note ``uptime`` load alongside the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from quality import clean_records, gva_incidents, read_jsonl_gz  # noqa: E402

from newsfuse.analyze import (  # noqa: E402
    STORY_STAGES,
    Models,
    _MemoEmbedder,
    load_models,
    run_overlapped,
    story_pipeline,
)


def _report(label: str, articles: int, wall: float, cpu: float) -> None:
    print(f"  {label:<16} {wall:7.2f} s wall {cpu:7.2f} s cpu = "
          f"{articles / wall:.2f} articles/s wall, "
          f"{articles / max(cpu, 1e-9):.2f} articles/s per cpu-second")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="0 = the bundled example")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--profile", action="store_true", help="cProfile the whole story")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time the story this many times (fresh per-story memo each time)")
    args = parser.parse_args(argv)
    models = load_models()
    if args.articles:
        pool: list[dict] = []
        gva = read_jsonl_gz(args.data / "gva_dev.jsonl.gz")
        for records in sorted(gva_incidents(gva, 1), key=lambda rs: (-len(rs), rs[0]["incident"])):
            pool.extend(records)
            if len(pool) >= args.articles + 10:
                break
        articles = clean_records(pool)[: args.articles]
    else:
        from newsfuse.ingest import load_articles

        articles, _ = load_articles([str(ROOT / "examples" / "kerman-2024")])
    ordered = tuple(sorted(articles, key=lambda a: a.id))
    print(f"{len(ordered)} articles, {sum(len(a.sentences) for a in ordered)} sentences")
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for _ in range(args.repeat):
        values = {"articles": ordered, "words": 150,
                  "models": Models(_MemoEmbedder(models.embedder), models.nlp)}
        total, total_cpu = 0.0, 0.0
        print("stages one after another:")
        for stage in STORY_STAGES:
            start, start_cpu = time.perf_counter(), time.process_time()
            values.update(stage.run(values))
            elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            total += elapsed
            total_cpu += cpu
            print(f"  {stage.name:<16} {elapsed:7.2f} s wall {cpu:7.2f} s cpu")
        _report("total", len(ordered), total, total_cpu)
        # As analyze_story runs it: independent stages (align, claims) side by side.
        start, start_cpu = time.perf_counter(), time.process_time()
        run_overlapped(story_pipeline(), articles=ordered, words=150,
                       models=Models(_MemoEmbedder(models.embedder), models.nlp))
        _report("overlapped", len(ordered), time.perf_counter() - start,
                time.process_time() - start_cpu)
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
