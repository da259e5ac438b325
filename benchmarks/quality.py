"""Quality of the story analysis on real labelled data, each figure beside its baselines.

* Multi-News: ROUGE-1/2/L F (rouge-score, stemming on) of the newsfuse summary vs LexRank,
  TextRank (sumy) and lead-3, all at the reference length and on the same sentences.
* GVA: how often the story's killed / injured figures match the gold counts, vs a
  regex-majority baseline.
* MSRP: ``benchmarks/paraphrase.py``'s ``evaluate_msrp`` (when present).
* Speed: a 5-article and a 50-article story, and the embedder in sentences/second.

Run: ``.venv/bin/python benchmarks/quality.py [--data ../shared/datasets] [--limit N]``.
The functions are also used by ``tests/test_quality_gate.py`` on a committed sample.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsfuse.analyze import Models, analyze_story, load_models  # noqa: E402
from newsfuse.article import Article, Document  # noqa: E402
from newsfuse.errors import InputError  # noqa: E402

_WORD = re.compile(r"\S+")


def read_jsonl_gz(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def clean_records(records: Sequence[dict]) -> list[Article]:
    """Records (id, text, title?, url?, published?) -> cleaned articles; rejected ones dropped."""
    from newsfuse.clean import clean

    out = []
    for r in records:
        doc = Document(source=r["id"], text=r["text"], format="json", id=r["id"],
                       title=r.get("title"), url=r.get("url"), published=r.get("published"))
        try:
            out.append(clean(doc))
        except InputError:
            continue
    return out


# --- Multi-News ---------------------------------------------------------------------------


def _truncate(text: str, words: int) -> str:
    return " ".join(_WORD.findall(text)[:words])


class _Words:
    """A sumy tokenizer that needs no NLTK data: words by regex (sentences come from us)."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return re.findall(r"[\w']+", text)


def _sumy(kind: str, sentences: Sequence[str], words: int) -> str:
    """The top-ranked sentences of a sumy summarizer, in document order, up to ``words``."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Words()
    doc = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(
        Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    chosen: tuple = ()
    for count in range(1, len(sentences) + 1):
        chosen = summarizer(doc, count)
        if sum(len(_WORD.findall(str(s))) for s in chosen) >= words:
            break
    return " ".join(str(s) for s in chosen)


def summaries_for_cluster(articles: Sequence[Article], models: Models, words: int) -> dict[str, str]:
    """Our summary and the baselines for one cluster, each cut to ``words`` words."""
    story = analyze_story(articles, models, words=words)
    ours = " ".join(s.text for s in story.summary)
    sentences = [t for a in articles for t in a.sentence_texts()]
    first = articles[0].sentence_texts()
    return {
        "newsfuse": _truncate(ours, words),
        "lexrank": _truncate(_sumy("lexrank", sentences, words), words),
        "textrank": _truncate(_sumy("textrank", sentences, words), words),
        "lead3": _truncate(" ".join(first[:3]), words),
    }


def evaluate_multinews(records: Sequence[dict], models: Models,
                       progress: Callable[[str], None] | None = None) -> dict[str, dict[str, float]]:
    """Mean ROUGE-1/2/L F1 (x100) per system over the clusters.

    Articles are kept in the dataset's order (lead-3 uses the first one); analysis sorts by id.
    Every system is cut to the reference's word count.
    """
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals: dict[str, Counter] = {}
    n = 0
    for i, r in enumerate(records):
        articles = clean_records(r["articles"])
        if not articles:
            continue
        words = max(len(_WORD.findall(r["summary"])), 10)
        outputs = summaries_for_cluster(articles, models, words)
        for system, text in outputs.items():
            scores = scorer.score(r["summary"], text)
            totals.setdefault(system, Counter()).update(
                {k: v.fmeasure for k, v in scores.items()})
        n += 1
        if progress and (i + 1) % 10 == 0:
            progress(f"multinews {i + 1}/{len(records)}")
    return {s: {k: 100 * v / n for k, v in c.items()} for s, c in totals.items()} if n else {}


# --- GVA ----------------------------------------------------------------------------------

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_REGEX = re.compile(
    r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(?:people\s+|persons\s+|others\s+|men\s+|"
    r"women\s+)?(?:were\s+|are\s+)?(killed|dead|injured|wounded)\b", re.I)


def regex_majority(texts: Sequence[str]) -> dict[str, int]:
    """Baseline: majority vote of "(N) (people) killed|dead|injured|wounded"; 0 when none."""
    votes: dict[str, Counter] = {"killed": Counter(), "injured": Counter()}
    for text in texts:
        for m in _REGEX.finditer(text):
            raw = m[1].lower()
            value = _NUMBER_WORDS.get(raw, None) if not raw.isdigit() else int(raw)
            if value is None or value > 1000:
                continue
            measure = "killed" if m[2].lower() in {"killed", "dead"} else "injured"
            votes[measure][value] += 1
    return {k: (min(v.items(), key=lambda kv: (-kv[1], kv[0]))[0] if v else 0)
            for k, v in votes.items()}


def story_count(story, measure: str) -> int:
    """The story's figure for ``measure`` (decision documented here).

    The main (non-background) fact of that measure with the most cited sources; its
    consensus value, else its most supported value. No such fact: 0 (a report of a
    shooting that names no dead usually has none; GVA records 0 then).
    """
    facts = [f for f in story.facts
             if f.measure == measure and not f.about.startswith("background:")]
    if not facts:
        return 0
    fact = max(facts, key=lambda f: (sum(len(v.sources) for v in f.values),
                                     sum(v.independent_sources for v in f.values), f.about))
    value = fact.consensus.value if fact.consensus and fact.consensus.value is not None else None
    if value is None:
        known = [v for v in fact.values if v.value is not None]
        value = known[0].value if known else 0
    return int(value)


def gva_incidents(records: Sequence[dict], min_articles: int = 2) -> list[list[dict]]:
    """Records grouped by gold incident (each article once per incident), 2+ articles."""
    by: dict[str, dict[str, dict]] = {}
    for r in records:
        by.setdefault(r["incident"], {}).setdefault(r["id"], r)
    return [list(v.values()) for k, v in sorted(by.items()) if len(v) >= min_articles]


def evaluate_gva(incidents: Sequence[Sequence[dict]], models: Models,
                 progress: Callable[[str], None] | None = None) -> dict[str, dict[str, float]]:
    """Share of incidents whose killed / injured / both figures equal the gold counts."""
    hits = {"newsfuse": Counter(), "regex": Counter()}
    n = 0
    for i, records in enumerate(incidents):
        gold = records[0]["gold"]
        articles = clean_records(records)
        if not articles:
            continue
        story = analyze_story(articles, models, words=100)
        ours = {m: story_count(story, m) for m in ("killed", "injured")}
        base = regex_majority([a.text for a in articles])
        for name, pred in (("newsfuse", ours), ("regex", base)):
            k = pred["killed"] == gold["killed"]
            j = pred["injured"] == gold["injured"]
            hits[name].update({"killed": k, "injured": j, "both": k and j})
        n += 1
        if progress and (i + 1) % 10 == 0:
            progress(f"gva {i + 1}/{len(incidents)}")
    return {s: {k: 100 * c[k] / n for k in ("killed", "injured", "both")}
            for s, c in hits.items()} if n else {}


# --- speed --------------------------------------------------------------------------------


def speed(gva: Sequence[dict], kerman: Path, models: Models) -> dict[str, float]:
    """Seconds for a 5-article story (the bundled example) and a 50-article story.

    The 50-article story is the GVA incident with the most articles, padded with the
    articles of the next-largest incidents (same data set, so real shooting reports) up
    to 50: a realistic worst case where many reports overlap only partly.
    """
    from newsfuse.ingest import load_articles

    out: dict[str, float] = {}
    five, _ = load_articles([str(kerman)])
    start = time.perf_counter()
    analyze_story(five, models)
    out["5 articles, s"] = time.perf_counter() - start
    pool: list[dict] = []
    for records in sorted(gva_incidents(gva, 1), key=lambda rs: (-len(rs), rs[0]["incident"])):
        pool.extend(records)
        if len(pool) >= 60:
            break
    fifty = clean_records(pool)[:50]
    start = time.perf_counter()
    analyze_story(fifty, models)
    out[f"{len(fifty)} articles, s"] = elapsed = time.perf_counter() - start
    out["articles/s (50-article story)"] = len(fifty) / elapsed
    sentences = [t for a in fifty for t in a.sentence_texts()][:500]
    start = time.perf_counter()
    models.embedder.embed(sentences)
    out["embedder sentences/s"] = len(sentences) / (time.perf_counter() - start)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--limit", type=int, default=None,
                        help="at most N Multi-News clusters and N GVA incidents")
    parser.add_argument("--multinews", type=int, default=60, help="Multi-News clusters")
    parser.add_argument("--gva", type=int, default=100, help="GVA incidents (2+ articles)")
    parser.add_argument("--msrp", type=int, default=1000, help="MSRP pairs (0 = skip)")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    mn_limit = args.limit if args.limit is not None else args.multinews
    gva_limit = args.limit if args.limit is not None else args.gva

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    models = load_models()
    mn = read_jsonl_gz(args.data / "multinews_dev.jsonl.gz")[:mn_limit]
    start = time.perf_counter()
    rouge = evaluate_multinews(mn, models, log)
    print(f"\nMulti-News ROUGE F x100 ({len(mn)} clusters, at reference length, "
          f"{time.perf_counter() - start:.0f} s)")
    print(f"{'system':<10} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for system, s in rouge.items():
        print(f"{system:<10} {s['rouge1']:6.2f} {s['rouge2']:6.2f} {s['rougeL']:6.2f}")

    gva_records = read_jsonl_gz(args.data / "gva_dev.jsonl.gz")
    incidents = gva_incidents(gva_records)[:gva_limit]
    start = time.perf_counter()
    counts = evaluate_gva(incidents, models, log)
    print(f"\nGVA casualty counts equal to gold, % ({len(incidents)} incidents with 2+ "
          f"articles, {time.perf_counter() - start:.0f} s)")
    print(f"{'system':<10} {'killed':>7} {'injured':>8} {'both':>6}")
    for system, s in counts.items():
        print(f"{system:<10} {s['killed']:7.1f} {s['injured']:8.1f} {s['both']:6.1f}")

    if args.msrp:
        try:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from paraphrase import evaluate_msrp, load_msrp  # type: ignore[import-not-found]
        except ImportError as exc:
            print(f"\nMSRP: skipped ({exc})")
        else:
            pairs = load_msrp(args.data / "msrp_train.tsv")[: args.msrp]
            r = evaluate_msrp(pairs, models.embedder)
            print(f"\nMSRP ({len(pairs)} pairs): combined accuracy {r['accuracy']:.3f} "
                  f"F1 {r['f1']:.3f} at {r['threshold']}; "
                  f"majority accuracy {r['majority_accuracy']:.3f} F1 {r['majority_f1']:.3f}; "
                  f"tfidf-only {r['tfidf_only']}; minilm-only {r['minilm_only']}")

    if not args.skip_speed:
        print("\nSpeed (2 cores, shared machine)")
        for k, v in speed(gva_records, ROOT / "examples" / "kerman-2024", models).items():
            print(f"  {k}: {v:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
