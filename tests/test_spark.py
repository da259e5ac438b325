"""The Spark engine gives the same stories, facts and near-duplicates as the single machine.

Runs on ``local[2]`` over real articles (tests/data/spark: GVA shooting reports of 15
multi-article and 5 single-article incidents, 8 ECB+ documents of two topics, one light
rewrite and one exact copy of a GVA article). One SparkSession and one run per module.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install newsfuse[spark])")
if shutil.which("java") is None:
    pytest.skip("no Java runtime on PATH (Spark needs Java 17+)", allow_module_level=True)

from newsfuse.analyze import analyze, load_models  # noqa: E402
from newsfuse.cluster import cluster_articles  # noqa: E402
from newsfuse.contract import dumps, report_to_json  # noqa: E402
from newsfuse.dedupe import find_duplicates  # noqa: E402
from newsfuse.errors import ConfigError  # noqa: E402
from newsfuse.ingest import load_articles  # noqa: E402
from newsfuse.spark import build_session, run, run_job  # noqa: E402

pytestmark = pytest.mark.spark

DATA = Path(__file__).parent / "data" / "spark"


@pytest.fixture(scope="module")
def spark():
    session = build_session("local[2]", "newsfuse-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def single():
    """The single-machine pipeline: load_articles + cluster_articles + analyze."""
    articles, rejected = load_articles([str(DATA)])
    models = load_models()
    report = analyze(
        articles, models, rejected=tuple(rejected),
        grouping=lambda a: cluster_articles(a, models.embedder, models.nlp),
    )
    return articles, report, find_duplicates(articles)


@pytest.fixture(scope="module")
def distributed(spark):
    return run_job([str(DATA)], spark=spark)


def test_spark_reads_and_cleans_the_same_articles_and_rejections(single, distributed) -> None:
    articles, report, _ = single
    assert [a.id for a in distributed.report.articles] == sorted(a.id for a in articles)
    assert distributed.report.articles == report.articles
    # The exact copy under another id is rejected the same way on both paths.
    assert distributed.report.rejected == report.rejected
    assert [r.reason for r in report.rejected] == [
        f"duplicate of {_copied_id()}"]


def _copied_id() -> str:
    """The id of the GVA article that zz-exact-copy.json repeats word for word."""
    copy = json.loads((DATA / "zz-exact-copy.json").read_text())["text"]
    records = [json.loads(p.read_text()) for p in sorted(DATA.glob("gva-*.json"))]
    return next(r["id"] for r in records if r["text"] == copy)


def test_spark_stories_have_the_same_members_and_ids(single, distributed) -> None:
    _, report, _ = single
    got = {s.id: s.articles for s in distributed.report.stories}
    want = {s.id: s.articles for s in report.stories}
    assert got == want
    # Not trivially equal: several multi-article stories, and not one story of everything.
    multi = [m for m in want.values() if len(m) > 1]
    assert len(multi) >= 8 and len(want) > 15


def test_spark_stories_group_gold_incidents_like_the_single_machine(distributed) -> None:
    incident = {}
    for path in DATA.glob("gva-*.json"):
        record = json.loads(path.read_text())
        incident[record["id"]] = record["incident"]
    pure = [s for s in distributed.report.stories
            if len(s.articles) > 1 and len({incident.get(a, a) for a in s.articles}) == 1]
    assert len(pure) >= 8


def test_spark_facts_and_whole_report_json_are_identical(single, distributed) -> None:
    _, report, _ = single
    facts = {s.id: s.facts for s in report.stories}
    assert {s.id: s.facts for s in distributed.report.stories} == facts
    assert any(facts.values())
    assert dumps(report_to_json(distributed.report)) == dumps(report_to_json(report))


def test_spark_near_duplicate_groups_match_find_duplicates(single, distributed) -> None:
    _, _, groups = single
    assert [g.ids() for g in distributed.duplicates] == [g.ids() for g in groups]
    assert any("zz-near-copy" in g.ids() for g in groups)


def test_spark_one_story_and_group_by_match_analyze(spark, single, tmp_path) -> None:
    articles, _, _ = single
    gva = [str(p) for p in sorted(DATA.glob("gva-*.json"))[:6]]
    out = tmp_path / "report.json"
    report = run(gva, one_story=True, spark=spark, output=str(out))
    assert len(report.stories) == 1 and len(report.stories[0].articles) == 6
    assert json.loads(out.read_text())["stories"][0]["id"] == report.stories[0].id
    by_incident = run(gva, group_by="incident", spark=spark)
    members = sorted(sorted(s.articles) for s in by_incident.stories)
    incident: dict[str, list[str]] = {}
    for path in gva:
        record = json.loads(Path(path).read_text())
        incident.setdefault(record["incident"], []).append(record["id"])
    assert members == sorted(sorted(v) for v in incident.values())


def test_spark_reads_jsonl_from_shared_storage_and_writes_parquet(spark, tmp_path) -> None:
    records = [json.loads(p.read_text()) for p in sorted(DATA.glob("gva-*.json"))[:5]]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    out = tmp_path / "out"
    result = run_job([f"file://{source}"], input_format="jsonl", spark=spark, one_story=True,
                     output=f"file://{out}", output_format="parquet")
    assert sorted(a.id for a in result.report.articles) == sorted(r["id"] for r in records)
    stories = spark.read.parquet(str(out / "stories")).collect()
    assert [row.id for row in stories] == [result.report.stories[0].id]
    assert sorted(stories[0].articles) == sorted(r["id"] for r in records)


def test_spark_refuses_bad_arguments_with_reasons(spark) -> None:
    with pytest.raises(ConfigError, match="cannot be used together"):
        run([str(DATA)], one_story=True, group_by="incident", spark=spark)
    with pytest.raises(ConfigError, match="output format"):
        run([str(DATA)], output_format="xml", spark=spark)
    with pytest.raises(ConfigError, match="standard input"):
        run(["-"], spark=spark)
