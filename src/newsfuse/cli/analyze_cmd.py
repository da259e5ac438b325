"""``newsfuse analyze`` (inputs -> stories -> a rendered report) and ``newsfuse serve`` (web app).

Thin wrappers: reading is :func:`newsfuse.ingest.load_articles`, analysis is
:func:`newsfuse.analyze.analyze`, rendering is :mod:`newsfuse.render`. Data goes to stdout
(or ``--out``), progress and rejected inputs to stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer

from newsfuse.article import Article, Rejection
from newsfuse.cli.app import EXIT_REJECTED, app, stderr_console
from newsfuse.errors import ConfigError
from newsfuse.story import Report

FORMATS = ("text", "md", "json", "html")


def _pipeline() -> tuple[Callable[[], Any], Callable[..., Report], Callable[[str], Any]]:
    """(load_models, analyze, group_by_field) of :mod:`newsfuse.analyze`, imported lazily.

    Imported here, not at module level, so ``newsfuse --help`` does not load spaCy and ONNX.
    """
    try:
        from newsfuse.analyze import analyze, group_by_field, load_models
    except ImportError as exc:  # pragma: no cover - only while the package is incomplete
        raise ConfigError(f"the analysis stage is not available ({exc})") from exc
    return load_models, analyze, group_by_field


def cluster_grouping(models: Any) -> Callable[[Sequence[Article]], list[list[Article]]]:
    """The grouping that splits articles into stories with ``newsfuse.cluster``.

    Raises:
        ConfigError: the clustering module is not installed (use --one-story or --group-by).
    """
    try:
        from newsfuse.cluster import cluster_articles
    except ImportError as exc:
        raise ConfigError(
            "cannot split the inputs into stories: newsfuse.cluster is not available "
            f"({exc}); use --one-story or --group-by FIELD") from exc

    def grouping(articles: Sequence[Article]) -> list[list[Article]]:
        return cluster_articles(articles, models.embedder, models.nlp)

    return grouping


def _stored_articles(db: Path) -> list[Article]:
    if not db.exists():
        raise ConfigError(f"{db}: no such database (create it with `newsfuse ingest --db {db}`)")
    from newsfuse.store.sqlite import Store

    store = Store.open(db)
    try:
        return list(store.articles())
    finally:
        store.close()


def _read(paths: Sequence[str]) -> tuple[list[Article], list[Rejection]]:
    from newsfuse.ingest import load_articles

    stdin = sys.stdin.buffer if "-" in paths else None
    return load_articles(list(paths), stdin=stdin)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(None, help="Files, directories, URLs, or - for stdin."),
    one_story: bool = typer.Option(False, "--one-story", help="Treat all inputs as one story."),
    group_by: str | None = typer.Option(
        None, "--group-by", metavar="FIELD", help="One story per value of an input field."),
    words: int = typer.Option(150, "--words", min=1, help="Summary length in words."),
    fmt: str = typer.Option("text", "--format", help="text, md, json or html."),
    out: Path | None = typer.Option(None, "--out", help="Write the report here, not stdout."),
    db: Path | None = typer.Option(
        None, "--db", help="Analyse the articles stored in this database (no PATH given)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress messages."),
    full: bool = typer.Option(
        False, "--full", help="text/md: show every story and list in full (a report of many "
        "stories is otherwise condensed; json and html always hold everything)."),
    engine: str = typer.Option(
        "local", "--engine", help="local (this machine) or spark (pip install newsfuse[spark])."),
    master: str = typer.Option(
        "local[2]", "--master", help="Spark master URL, with --engine spark."),
) -> None:
    """Analyse news reports into verified stories and print the report."""
    from newsfuse.render import render

    if one_story and group_by:
        raise ConfigError("--one-story and --group-by cannot be used together")
    if fmt not in FORMATS:
        raise ConfigError(f"unknown --format {fmt!r}: use one of {', '.join(FORMATS)}")
    if paths and db is not None:
        raise ConfigError("give either PATH... or --db, not both")
    if not paths and db is None:
        raise ConfigError("nothing to analyse: give PATH... (files, directories, URLs, -) "
                          "or --db FILE")
    if engine not in ("local", "spark"):
        raise ConfigError(f"unknown --engine {engine!r}: use local or spark")
    if engine == "spark" and db is not None:
        raise ConfigError("--engine spark reads PATH... (files or shared storage), not --db")
    progress = stderr_console(quiet)
    errors = stderr_console(False)

    def say(message: str, console: Any = progress) -> None:
        console.print(message, markup=False, highlight=False, soft_wrap=True)

    if engine == "spark":
        report = _spark_report(paths, master, one_story=one_story, group_by=group_by,
                               words=words, say=say)
        for rejection in report.rejected:
            say(rejection.line(), errors)
        _emit(report, fmt, out, say, full=full)
        if report.rejected:
            raise typer.Exit(EXIT_REJECTED)
        return

    if db is not None:
        articles, rejected = _stored_articles(db), []
    else:
        articles, rejected = _read(paths)
    for rejection in rejected:
        say(rejection.line(), errors)
    if not articles:
        if rejected:
            say(f"error: all {len(rejected)} inputs were rejected; nothing to analyse", errors)
            raise typer.Exit(EXIT_REJECTED)
        raise ConfigError("no articles found in the inputs")
    say(f"read {len(articles)} articles ({len(rejected)} rejected); loading models…")

    load_models, run_analysis, group_by_field = _pipeline()
    models = load_models()
    if one_story:
        grouping = None
    elif group_by:
        grouping = group_by_field(group_by)
    else:
        grouping = cluster_grouping(models)
    say("analysing…")
    report = run_analysis(articles, models, grouping=grouping, words=words,
                          rejected=tuple(rejected))
    _emit(report, fmt, out, say, full=full)
    if rejected:
        raise typer.Exit(EXIT_REJECTED)


def _spark_report(paths: list[str], master: str, *, one_story: bool, group_by: str | None,
                  words: int, say: Any) -> Any:
    """The same report computed as a Spark job (newsfuse.spark)."""
    try:
        from newsfuse.spark import run_job
    except ImportError as exc:  # pyspark is the optional extra newsfuse[spark]
        raise ConfigError(f"--engine spark needs pyspark: pip install 'newsfuse[spark]' "
                          f"({exc})") from exc
    say(f"running on Spark ({master})…")
    return run_job(list(paths), master=master, one_story=one_story, group_by=group_by,
                   words=words).report


def _emit(report: Any, fmt: str, out: Path | None, say: Any, *, full: bool = False) -> None:
    """Render the report to stdout or to --out (``full``: text/md not condensed)."""
    from newsfuse.render import render

    color = out is None and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = 100
    if color:
        width = min(120, max(60, os.get_terminal_size(sys.stdout.fileno()).columns))
    rendered = render(report, fmt, color=color, width=width, full=full)
    if out is None:
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        try:
            out.write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{out}: cannot write the report ({exc.strerror})") from exc
        say(f"wrote {fmt} report to {out}")
    say(f"{len(report.stories)} stories from {len(report.articles)} articles")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    db: Path | None = typer.Option(None, "--db", help="Serve the articles of this database."),
) -> None:
    """Run the web app (paste articles, get a report; JSON API under /api)."""
    import uvicorn

    from newsfuse.web import create_app

    if db is not None and not db.exists():
        raise ConfigError(f"{db}: no such database")
    uvicorn.run(create_app(db_path=db), host=host, port=port, log_level="info")
