"""The story commands: ``stories`` (list, ``--update`` to cluster new articles), ``story ID``
(one story: its articles and analysis) and ``cluster`` (the incremental update alone).

Thin wrappers over :mod:`newsfuse.store.stories`; data on standard output, progress and
summaries on standard error.
"""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfuse.cli.app import app, stderr_console
from newsfuse.cli.corpus_cmds import _DB_OPTION, _open_existing
from newsfuse.contract import SCHEMA_VERSION, article_to_json
from newsfuse.errors import ConfigError

STORY_FORMATS = ("text", "md", "json", "html")


def _story_row_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "articles": row.articles,
        "outlets": row.outlets,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _run_update(store: Any, quiet: bool = False) -> None:
    from newsfuse.analyze import load_models
    from newsfuse.store.stories import update_stories

    err = stderr_console(quiet)
    with err.status("clustering articles into stories"):
        models = load_models()
        result = update_stories(store, models.embedder, models.nlp, now=store_clock())
    counts = ", ".join(f"{result.count(k)} {k}" for k in ("created", "joined", "merged", "split"))
    err.print(f"{result.assigned} articles assigned; {result.stories} stories ({counts})")


def store_clock() -> str:
    """The timestamp stamped on story changes (the store's own clock)."""
    from newsfuse.store import utc_now

    return utc_now()


@app.command("stories")
def stories_command(
    db: str = _DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="A JSON object with a list of stories."),
    update: bool = typer.Option(
        False, "--update", help="First assign articles not yet in a story (clustering)."
    ),
) -> None:
    """List the stories: id, articles, outlets, first and last seen, title."""
    from newsfuse.store.stories import list_stories

    with _open_existing(db) as store:
        if update:
            _run_update(store)
        rows = list_stories(store)
    if as_json:
        data = {"schema_version": SCHEMA_VERSION, "stories": [_story_row_json(r) for r in rows]}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} stories in {db}", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("outlets", justify="right")
    table.add_column("first seen", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True)
    for r in rows:
        table.add_row(
            Text(r.id), str(r.articles), str(r.outlets), Text(r.first_seen or ""),
            Text(r.last_seen or ""), Text(r.title),
        )
    Console(highlight=False).print(table)
    if not rows:
        stderr_console().print("no stories yet: run `newsfuse stories --update` after ingest")


@app.command("cluster")
def cluster_command(db: str = _DB_OPTION) -> None:
    """Assign articles not yet in a story to stories (same as ``stories --update``)."""
    with _open_existing(db) as store:
        _run_update(store)


@app.command("story")
def story_command(
    story_id: str = typer.Argument(..., metavar="ID", help="The story id (see `newsfuse stories`)."),
    db: str = _DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    fmt: str = typer.Option("text", "--format", help="text, md, json or html."),
    analyze: bool = typer.Option(
        True, "--analyze/--articles-only",
        help="Analyse the story (facts, provenance, summary) or only list its articles.",
    ),
    words: int = typer.Option(150, "--words", help="Target summary length in words."),
) -> None:
    """Show one story: its articles and its analysis (summary, facts, provenance, timeline)."""
    from newsfuse.store.stories import story_article_ids, story_changes

    if as_json:
        fmt = "json"
    if fmt not in STORY_FORMATS:
        raise ConfigError(f"--format {fmt!r}: use one of {', '.join(STORY_FORMATS)}")
    with _open_existing(db) as store:
        articles = [store.get(i) for i in story_article_ids(store, story_id)]
        changes = story_changes(store, story_id)
    if not analyze:
        _print_articles(story_id, articles, changes, fmt)
        return
    from newsfuse.analyze import analyze_story, load_models
    from newsfuse.render import render
    from newsfuse.story import Report

    with stderr_console().status(f"analysing story {story_id} ({len(articles)} articles)"):
        story = analyze_story(articles, load_models(), words=words, story_id=story_id)
    report = Report(articles=tuple(sorted(articles, key=lambda a: a.id)), stories=(story,))
    typer.echo(render(report, fmt).rstrip("\n"))


def _print_articles(story_id: str, articles: list[Any], changes: list[Any], fmt: str) -> None:
    if fmt == "json":
        data = {
            "schema_version": SCHEMA_VERSION,
            "story": story_id,
            "articles": [article_to_json(a) for a in articles],
            "changes": [
                {"at": c.at, "kind": c.kind, "detail": json.loads(c.detail)} for c in changes
            ],
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if fmt in ("html",):
        raise ConfigError("--articles-only supports --format text, md or json")
    bullet = "- " if fmt == "md" else "  "
    lines = [f"# story {story_id}" if fmt == "md" else f"story {story_id}", ""]
    for a in articles:
        meta = ", ".join(v for v in (a.outlet, a.published) if v)
        lines.append(f"{bullet}{a.id}: {a.title or a.text[:80]}" + (f" ({meta})" if meta else ""))
    lines.append("")
    lines.append("changes:")
    lines.extend(f"{bullet}{c.at} {c.kind} {c.detail}" for c in changes)
    typer.echo("\n".join(lines))
