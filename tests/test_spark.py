"""The Spark engine gives the same stories, facts and near-duplicates as the single machine.

Runs on ``local[2]`` over real articles (tests/data/spark: 21 GVA shooting reports of 10
incidents, two of which the clustering splits, 6 ECB+ documents of two topics, one light
rewrite and one exact copy of a GVA article). One SparkSession (2 shuffle partitions: each
task costs a Python round trip) per module; the Spark job runs once per mode and the
single-machine path once, and every test compares those results.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install newsfuse[spark])")
if shutil.which("java") is None:
    pytest.skip("no Java runtime on PATH (Spark needs Java 17+)", allow_module_level=True)

from newsfuse.analyze import analyze, group_by_field, load_models  # noqa: E402
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
    session = build_session("local[2]", "newsfuse-tests", partitions=2)
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
    # The --one-story and --group-by modes on a few GVA reports of several incidents.
    few = {a.id: a for a in articles}
    subset = [few[json.loads(Path(p).read_text())["id"]] for p in _few_paths()]
    one = analyze(subset, models)
    by_field = analyze(subset, models, grouping=group_by_field("incident"))
    return articles, report, find_duplicates(articles), one, by_field


def _few_paths() -> list[str]:
    return [str(p) for p in sorted(DATA.glob("gva-*.json"))[:6]]


@pytest.fixture(scope="module")
def distributed(spark):
    return run_job([str(DATA)], spark=spark)


@pytest.fixture(scope="module")
def modes(spark, tmp_path_factory):
    """--one-story (also written as a report file) and --group-by incident on Spark."""
    out = tmp_path_factory.mktemp("spark") / "report.json"
    one = run(_few_paths(), one_story=True, spark=spark, output=str(out), duplicates=False)
    by_field = run(_few_paths(), group_by="incident", spark=spark, duplicates=False)
    return one, json.loads(out.read_text()), by_field


def test_spark_reads_and_cleans_the_same_articles_and_rejections(single, distributed) -> None:
    articles, report, *_ = single
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
    _, report, *_ = single
    got = {s.id: s.articles for s in distributed.report.stories}
    want = {s.id: s.articles for s in report.stories}
    assert got == want
    # Not trivially equal: several multi-article stories, and not one story of everything.
    multi = [m for m in want.values() if len(m) > 1]
    assert len(multi) >= 6 and len(want) >= 10


def test_spark_stories_group_gold_incidents_like_the_single_machine(distributed) -> None:
    incident = {}
    for path in DATA.glob("gva-*.json"):
        record = json.loads(path.read_text())
        incident[record["id"]] = record["incident"]
    pure = [s for s in distributed.report.stories
            if len(s.articles) > 1 and len({incident.get(a, a) for a in s.articles}) == 1]
    assert len(pure) >= 6


def test_spark_facts_and_whole_report_json_are_identical(single, distributed) -> None:
    _, report, *_ = single
    facts = {s.id: s.facts for s in report.stories}
    assert {s.id: s.facts for s in distributed.report.stories} == facts
    assert any(facts.values())
    assert dumps(report_to_json(distributed.report)) == dumps(report_to_json(report))


def test_spark_near_duplicate_groups_match_find_duplicates(single, distributed) -> None:
    _, _, groups, *_ = single
    assert [g.ids() for g in distributed.duplicates] == [g.ids() for g in groups]
    assert any("zz-near-copy" in g.ids() for g in groups)


def test_spark_one_story_and_group_by_match_analyze(single, modes) -> None:
    *_, one, by_field = single
    got_one, written, got_by_field = modes
    assert len(got_one.stories) == 1 and len(got_one.stories[0].articles) == 6
    assert dumps(report_to_json(got_one)) == dumps(report_to_json(one))
    assert written == json.loads(dumps(report_to_json(one)))
    # Several incidents among the six, grouped by the input's own "incident" field.
    incident: dict[str, list[str]] = {}
    for path in _few_paths():
        record = json.loads(Path(path).read_text())
        incident.setdefault(record["incident"], []).append(record["id"])
    assert len(incident) >= 3
    members = sorted(sorted(s.articles) for s in got_by_field.stories)
    assert members == sorted(sorted(v) for v in incident.values())
    assert dumps(report_to_json(got_by_field)) == dumps(report_to_json(by_field))


def test_spark_reads_jsonl_from_shared_storage_and_writes_parquet(spark, tmp_path) -> None:
    records = [json.loads(p.read_text()) for p in sorted(DATA.glob("gva-*.json"))[:3]]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    out = tmp_path / "out"
    result = run_job([f"file://{source}"], input_format="jsonl", spark=spark, one_story=True,
                     output=f"file://{out}", output_format="parquet", duplicates=False)
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
