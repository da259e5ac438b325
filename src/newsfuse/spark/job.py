"""The whole stream pipeline as one Spark job: read -> clean -> (near-)duplicates -> stories
-> analysis -> report, giving the same ``Report`` as the single-machine path.

Single-machine equivalent: ``load_articles`` + ``analyze(grouping=cluster_articles)`` (or
``--one-story`` / ``--group-by``), plus ``find_duplicates``. Reading and cleaning run in
executors, one input file (or shared-storage record) at a time; which article of an exact
duplicate pair is kept is decided on the driver with ``ingest_documents`` itself over
(id, content hash) digests, so the choice and the rejection messages are the same.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsfuse.article import Article, Document, Rejection
from newsfuse.cluster import ClusterConfig
from newsfuse.dedupe import DuplicateGroup
from newsfuse.errors import ConfigError
from newsfuse.spark.clustering import cluster_ids
from newsfuse.spark.duplicates import find_duplicates_spark
from newsfuse.spark.session import ModelsFactory, build_session, default_models, worker_models
from newsfuse.story import Report, Story

#: Output formats: one report JSON file (like ``newsfuse analyze --format json``), or
#: directories of JSON Lines / Parquet parts (articles/, stories/, rejected/, duplicates/).
OUTPUT_FORMATS = ("json", "jsonl", "parquet")
#: Inputs read with ``spark.read`` from shared storage instead of newsfuse's file readers.
SHARED_INPUT_FORMATS = ("jsonl", "parquet")

Order = tuple[int, int]


@dataclass(frozen=True)
class SparkResult:
    """What a Spark run produced.

    Attributes:
        report: the same report as the single-machine ``analyze``.
        duplicates: near-duplicate groups, as ``newsfuse.dedupe.find_duplicates`` gives them.
    """

    report: Report
    duplicates: tuple[DuplicateGroup, ...]


@dataclass(frozen=True)
class _Digest:
    """What ``ingest_documents`` looks at to keep or reject a cleaned article."""

    id: str
    source: str
    digest: str

    def content_hash(self) -> str:
        return self.digest


@dataclass(frozen=True)
class _FieldValue:
    """What a ``group_by_field`` grouping looks at of an article."""

    id: str
    name: str
    value: str | None

    def field(self, name: str) -> str | None:
        return self.value if name == self.name else None


def plan_inputs(paths: Sequence[str]) -> tuple[list[tuple[int, str]], list[tuple[Order, Rejection]]]:
    """The files to read (numbered in the order ``read_inputs`` reads them) and the inputs
    rejected while listing directories.

    Raises:
        ConfigError: standard input (``-``) was given; the Spark engine reads files only.
    """
    from newsfuse.readers import walk_inputs  # the readers' own walk: same order, same skips

    items: list[tuple[int, str]] = []
    rejected: list[tuple[Order, Rejection]] = []
    for path in paths:
        if path == "-":
            raise ConfigError("the Spark engine cannot read standard input; give files")
        if not path.lower().startswith(("http://", "https://")) and os.path.isdir(path):
            for member in walk_inputs(path):
                if isinstance(member, Rejection):
                    rejected.append(((len(items), -1), member))
                    items.append((len(items), ""))
                else:
                    items.append((len(items), member))
        else:
            items.append((len(items), path))
    return [(i, p) for i, p in items if p], rejected


def _read_and_clean(
    items: Iterable[tuple[int, str]], options: Any, reference_date: _dt.date | None
) -> Iterator[tuple[Order, Article | Rejection]]:
    from newsfuse.ingest import clean_document, default_cleaner
    from newsfuse.readers import read_inputs

    cleaner = default_cleaner(reference_date)
    for number, path in items:
        for k, item in enumerate(read_inputs([path], options)):
            yield (number, k), item if isinstance(item, Rejection) else clean_document(item, cleaner)


def _record_outcomes(
    rows: Iterable[tuple[Any, int]], fmt: str, reference_date: _dt.date | None
) -> Iterator[tuple[Order, Article | Rejection]]:
    from newsfuse.ingest import clean_document, default_cleaner
    from newsfuse.readers.records import record_to_document

    cleaner = default_cleaner(reference_date)
    for row, n in rows:
        record = row.asDict(recursive=True)
        where = f"{record.pop('_newsfuse_file', '') or 'input'}#{n + 1}"
        doc = record_to_document(record, where, fmt)
        yield (0, n), doc if isinstance(doc, Rejection) else clean_document(doc, cleaner)


def _outcomes(
    spark: Any, paths: Sequence[str], input_format: str | None, reference_date: _dt.date | None
) -> tuple[Any, list[tuple[Order, Rejection]]]:
    sc = spark.sparkContext
    if input_format in SHARED_INPUT_FORMATS:
        from pyspark.sql.functions import input_file_name

        reader = spark.read.json if input_format == "jsonl" else spark.read.parquet
        frame = reader(list(paths)).withColumn("_newsfuse_file", input_file_name())
        return frame.rdd.zipWithIndex().mapPartitions(
            lambda rows: _record_outcomes(rows, input_format, reference_date)
        ), []
    if input_format is not None:
        raise ConfigError(
            f"unknown Spark input format {input_format!r}: use {', '.join(SHARED_INPUT_FORMATS)} "
            "(read with spark.read) or none (newsfuse's readers)"
        )
    from newsfuse.readers import ReadOptions

    items, rejected = plan_inputs(paths)
    options = ReadOptions()
    slices = max(1, min(len(items), sc.defaultParallelism))
    rdd = sc.parallelize(items, slices).mapPartitions(
        lambda it: _read_and_clean(it, options, reference_date)
    )
    return rdd, rejected


def _keep_distinct(
    metas: list[tuple[Order, _Digest | Rejection]],
) -> tuple[set[Order], list[Rejection]]:
    """Apply ``ingest_documents`` (exact duplicates, clashing ids) to digests in input order."""
    from newsfuse.ingest import ingest_documents

    ordered = sorted(metas, key=lambda m: m[0])
    order_of = {id(item): order for order, item in ordered}
    # The identity cleaner hands each digest through; ingest_documents only reads its id,
    # source and content_hash(), so it keeps and rejects exactly as for full articles.
    kept, rejections = ingest_documents(
        (item for _, item in ordered), cleaner=lambda digest: digest  # type: ignore[arg-type,return-value]
    )
    return {order_of[id(k)] for k in kept}, rejections


def _analyze_partition(
    stories: Iterable[tuple[int, Iterable[Article]]], factory: ModelsFactory, words: int
) -> Iterator[Story]:
    from newsfuse.analyze import analyze_story

    batch = list(stories)
    if not batch:
        return
    models = worker_models(factory)
    for _, articles in batch:
        yield analyze_story(list(articles), models, words=words)


def run_job(
    paths: Sequence[str],
    *,
    master: str | None = "local[2]",
    one_story: bool = False,
    group_by: str | None = None,
    words: int = 150,
    output: str | None = None,
    output_format: str = "json",
    input_format: str | None = None,
    duplicates: bool = True,
    spark: Any | None = None,
    models: ModelsFactory | None = None,
    reference_date: _dt.date | None = None,
    cluster_config: ClusterConfig | None = None,
) -> SparkResult:
    """Run the stream pipeline on Spark; see :func:`run` for the arguments.

    Extra args:
        input_format: ``jsonl`` or ``parquet`` to read ``paths`` (any Hadoop URI: s3a://,
            hdfs://, file://) with ``spark.read``; None reads them with newsfuse's readers.
        duplicates: also find near-duplicate groups.
        spark: an existing SparkSession (else one is built for ``master`` and stopped after).
        models: a picklable zero-argument function returning ``newsfuse.analyze.Models``,
            called once per worker (default: the shipped models).
        reference_date: passed to cleaning.
        cluster_config: story clustering parameters.
    """
    if one_story and group_by:
        raise ConfigError("--one-story and --group-by cannot be used together")
    if words <= 0:
        raise ConfigError(f"--words must be positive, got {words}")
    if output_format not in OUTPUT_FORMATS:
        raise ConfigError(f"unknown output format {output_format!r}: use {', '.join(OUTPUT_FORMATS)}")
    if not paths:
        raise ConfigError("nothing to analyse: give input paths")
    factory = models or default_models
    own = spark is None
    session = build_session(master) if own else spark
    try:
        result = _run(session, paths, one_story, group_by, words, input_format, duplicates,
                      factory, reference_date, cluster_config)
        if output is not None:
            write_output(session, result, output, output_format)
        return result
    finally:
        if own:
            session.stop()


def _run(
    spark: Any, paths: Sequence[str], one_story: bool, group_by: str | None, words: int,
    input_format: str | None, find_dups: bool, factory: ModelsFactory,
    reference_date: _dt.date | None, cluster_config: ClusterConfig | None,
) -> SparkResult:
    from newsfuse.analyze import group_by_field

    sc = spark.sparkContext
    outcomes, listing_rejections = _outcomes(spark, paths, input_format, reference_date)
    outcomes = outcomes.persist()
    metas = outcomes.map(
        lambda kv: (kv[0], kv[1] if isinstance(kv[1], Rejection)
                    else _Digest(kv[1].id, kv[1].source, kv[1].content_hash()))
    ).collect()
    kept, rejections = _keep_distinct([*metas, *listing_rejections])
    shared_kept = sc.broadcast(kept)
    articles = outcomes.filter(lambda kv: kv[0] in shared_kept.value).values().persist()
    try:
        ids = sorted(articles.map(lambda a: a.id).collect())
        if not ids:
            outcomes.unpersist()
            return SparkResult(Report(articles=(), stories=(), rejected=tuple(rejections)), ())
        outcomes.unpersist()
        dups = find_duplicates_spark(articles) if find_dups else ()
        if one_story:
            groups = [ids]
        elif group_by:
            grouping = group_by_field(group_by)
            values = articles.map(lambda a: _FieldValue(a.id, group_by, a.field(group_by))).collect()
            groups = [[v.id for v in g] for g in grouping(values)]
        else:
            index_of = sc.broadcast({aid: i for i, aid in enumerate(ids)})
            indexed = articles.map(lambda a: (index_of.value[a.id], a))
            groups = cluster_ids(indexed, ids, factory, config=cluster_config)
        story_of = sc.broadcast({aid: k for k, g in enumerate(groups) for aid in g})
        slices = max(1, min(len(groups), sc.defaultParallelism))
        stories = (
            articles.map(lambda a: (story_of.value[a.id], a))
            .groupByKey(slices)
            .mapPartitions(lambda it: _analyze_partition(it, factory, words))
            .collect()
        )
        collected = sorted(articles.collect(), key=lambda a: a.id)
    finally:
        articles.unpersist()
    report = Report(
        articles=tuple(collected),
        stories=tuple(sorted(stories, key=lambda s: s.id)),
        rejected=tuple(rejections),
    )
    return SparkResult(report, tuple(dups))


def _local_path(output: str) -> str:
    if output.startswith("file://"):
        return output[len("file://") :]
    if "://" in output:
        raise ConfigError(
            f"{output}: a single JSON report is written on the driver's disk; for shared "
            "storage use output_format jsonl or parquet"
        )
    return output


def write_output(spark: Any, result: SparkResult, output: str, output_format: str) -> None:
    """Write the result: one report JSON file, or JSONL/Parquet directories under ``output``.

    Raises:
        ConfigError: the output cannot be written (exists, bad scheme, no permission).
    """
    from newsfuse.contract import report_article_to_json, dumps, report_to_json, story_to_json

    report = result.report
    if output_format == "json":
        path = _local_path(output)
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(dumps(report_to_json(report)))
        except OSError as exc:
            raise ConfigError(f"{output}: cannot write the report ({exc.strerror})") from exc
        return
    from pyspark.sql import Row

    tables = {
        "articles": [
            Row(id=a.id, title=a.title, outlet=a.outlet, url=a.url, published=a.published,
                json=dumps(report_article_to_json(a), indent=None))
            for a in report.articles
        ],
        "stories": [
            Row(id=s.id, title=s.title, articles=list(s.articles),
                json=dumps(story_to_json(s), indent=None))
            for s in report.stories
        ],
        "rejected": [Row(input=r.input, reason=r.reason) for r in report.rejected],
        "duplicates": [
            Row(representative=g.representative.id, members=[m.id for m in g.members])
            for g in result.duplicates
        ],
    }
    base = output.rstrip("/")
    for name, rows in tables.items():
        if not rows:
            continue
        frame = spark.createDataFrame(rows)
        target = f"{base}/{name}"
        try:
            if output_format == "parquet":
                frame.write.mode("errorifexists").parquet(target)
            elif "json" in frame.columns:
                frame.select("json").write.mode("errorifexists").text(target)
            else:
                frame.write.mode("errorifexists").json(target)
        except Exception as exc:  # Spark's AnalysisException / Py4J errors
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ConfigError(f"{target}: cannot write ({first})") from exc


def run(
    paths: Sequence[str],
    *,
    master: str | None = "local[2]",
    one_story: bool = False,
    group_by: str | None = None,
    words: int = 150,
    output: str | None = None,
    output_format: str = "json",
    **options: Any,
) -> Report:
    """Analyse news reports into stories on Spark; the same report as the single machine.

    Args:
        paths: files/directories (newsfuse's readers) or, with ``input_format``, JSONL or
            Parquet datasets on shared storage.
        master: the Spark master (``local[2]``; None when launched by ``spark-submit``).
        one_story: treat all inputs as one story.
        group_by: one story per value of this input field.
        words: summary length in words.
        output: where to write the result (None: only return it).
        output_format: ``json`` (one report file), ``jsonl`` or ``parquet`` (directories).
        **options: see :func:`run_job` (input_format, spark, models, reference_date, ...).

    Returns:
        The report: articles, stories and rejected inputs.

    Raises:
        ConfigError: bad arguments, Spark cannot start, or the output cannot be written.
    """
    return run_job(paths, master=master, one_story=one_story, group_by=group_by, words=words,
                   output=output, output_format=output_format, **options).report
