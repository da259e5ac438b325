"""The corpus commands: ``ingest`` inputs into the store, list ``articles``, ``show`` one.

Thin wrappers over :func:`newsfuse.ingest.ingest` and :class:`newsfuse.store.Store`: data on
standard output, progress, rejections and the summary on standard error.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsfuse.cli.app import EXIT_OK, EXIT_REJECTED, app, stderr_console
from newsfuse.contract import article_to_json
from newsfuse.errors import ConfigError, StoreError

DEFAULT_DB = "newsfuse.db"
FORMATS = ("text", "html", "json", "jsonl", "csv", "feed", "warc")

_DB_OPTION = typer.Option(
    DEFAULT_DB, "--db", envvar="NEWSFUSE_DB", help="The corpus store (SQLite file)."
)


def parse_field_map(pairs: list[str]) -> tuple[tuple[str, str], ...]:
    """``["title=headline"]`` -> ``(("headline", "title"),)``: (input name, newsfuse name).

    Raises:
        ConfigError: a pair is not ``NAME=FIELD`` with both sides non-empty.
    """
    mapped = []
    for pair in pairs:
        name, sep, field = pair.partition("=")
        if not sep or not name.strip() or not field.strip():
            raise ConfigError(
                f"--field {pair!r}: expected NAME=FIELD, e.g. --field title=headline"
            )
        mapped.append((field.strip(), name.strip()))
    return tuple(mapped)


def _open_existing(db: str) -> Any:
    """Open a store that must already exist (listing commands never create one)."""
    from newsfuse.store import Store

    if not os.path.exists(db):
        raise StoreError(f"{db}: no such store (create it with: newsfuse ingest PATH --db {db})")
    return Store.open(db)


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories, http(s) URLs, or - for standard input."
    ),
    db: str = _DB_OPTION,
    input_format: str | None = typer.Option(
        None, "--format", help=f"Force a reader: {', '.join(FORMATS)}."
    ),
    field: list[str] = typer.Option(
        [], "--field", help="NAME=FIELD: read newsfuse's NAME from the input's FIELD "
        "(e.g. title=headline). Repeatable."
    ),
    fetch: bool = typer.Option(False, "--fetch", help="Fetch the pages that feed entries link."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Articles per transaction."),
    workers: int = typer.Option(
        0, "--workers", min=0, help="Cleaning processes (0: one per core, at most 4)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
) -> None:
    """Read, clean and store news reports; rejected inputs are listed on stderr (exit 2)."""
    from newsfuse.ingest import ingest
    from newsfuse.readers import ReadOptions
    from newsfuse.store import Store

    if input_format is not None and input_format not in FORMATS:
        raise ConfigError(f"--format {input_format!r}: expected one of {', '.join(FORMATS)}")
    options = ReadOptions(
        format=input_format, field_map=parse_field_map(field), fetch_links=fetch
    )
    stdin = getattr(sys.stdin, "buffer", None) if "-" in paths else None
    workers = workers or min(4, os.cpu_count() or 1)
    err = stderr_console(quiet=False)
    show_progress = not quiet and err.is_terminal
    with Store.open(db) as store:
        if show_progress:
            with Progress(
                SpinnerColumn(),
                TextColumn("ingesting {task.fields[seen]} inputs: {task.fields[added]} new, "
                           "{task.fields[rejected]} rejected"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("ingest", total=None, seen=0, added=0, rejected=0)

                def progress(p: Any) -> None:
                    bar.update(task, seen=p.seen, added=p.added, rejected=p.rejected)

                result = ingest(paths, store, options=options, stdin=stdin,
                                batch_size=batch_size, progress=progress, workers=workers)
        else:
            result = ingest(paths, store, options=options, stdin=stdin,
                            batch_size=batch_size, workers=workers)
        total = store.count()
    for rejection in result.rejected:
        err.print(rejection.line(), markup=False, highlight=False, soft_wrap=True)
    if not quiet:
        for dup in result.duplicate_of:
            err.print(f"duplicate {dup.source}: same text as stored article {dup.duplicate_of}",
                      markup=False, highlight=False, soft_wrap=True)
        err.print(
            f"{db}: {result.added} added, {result.unchanged} unchanged, "
            f"{result.duplicates} duplicates, {len(result.rejected)} rejected; "
            f"{total} articles stored",
            markup=False, highlight=False, soft_wrap=True,
        )
    if as_json:
        summary = {
            "db": db,
            "added": result.added,
            "unchanged": result.unchanged,
            "duplicates": [
                {"id": d.id, "source": d.source, "duplicate_of": d.duplicate_of}
                for d in result.duplicate_of
            ],
            "rejected": [{"input": r.input, "reason": r.reason} for r in result.rejected],
            "stored": total,
        }
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    raise typer.Exit(EXIT_REJECTED if result.rejected else EXIT_OK)


@app.command("articles")
def articles_command(
    db: str = _DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="A JSON list of contract articles."),
) -> None:
    """List the stored articles: id, outlet, published, title, size, removals."""
    with _open_existing(db) as store:
        if as_json:
            # Streamed: a store may hold more articles than fit comfortably in memory.
            out = sys.stdout
            out.write("[")
            for i, article in enumerate(store.articles()):
                out.write(",\n" if i else "\n")
                out.write(json.dumps(article_to_json(article), ensure_ascii=False))
            out.write("\n]\n")
            out.flush()
            return
        rows = [
            (a.id, a.outlet or "", (a.published or "")[:10], a.title or "", len(a.text),
             len(a.removed))
            for a in store.articles()
        ]
        id_width = max((len(r[0]) for r in rows), default=2)
        table = Table(title=f"{len(rows)} articles in {db}", title_justify="left",
                      box=box.SIMPLE_HEAD)
        # Ids are never cut (they are what `show` needs); the title shrinks first.
        table.add_column("id", no_wrap=True, min_width=id_width)
        table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=16)
        table.add_column("published", no_wrap=True, min_width=10)
        table.add_column("title", no_wrap=True, overflow="ellipsis", ratio=1, min_width=12)
        table.add_column("chars", justify="right", no_wrap=True, min_width=5)
        table.add_column("removed", justify="right", no_wrap=True, min_width=7)
        for id_, outlet, published, title, chars, removed in rows:
            table.add_row(Text(id_), Text(outlet), Text(published), Text(title), str(chars),
                          str(removed))
        out = Console(highlight=False)
        if not out.is_terminal:
            # Piped output has no real width (rich assumes 80): give the title room.
            out = Console(highlight=False, width=max(out.width, id_width + 110))
        out.print(table)
        return


@app.command("show")
def show_command(
    article_id: str = typer.Argument(..., metavar="ID", help="The article id."),
    db: str = _DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="The contract article object."),
) -> None:
    """Show one stored article: its cleaned text, then what cleaning removed and why."""
    with _open_existing(db) as store:
        article = store.get(article_id)
    if as_json:
        typer.echo(json.dumps(article_to_json(article), ensure_ascii=False, indent=2))
        return
    out = Console(highlight=False)
    header = Text(article.title or article.id, style="bold")
    out.print(header)
    meta = " | ".join(
        v for v in (article.id, article.outlet, article.published, article.author,
                    article.url or article.source) if v
    )
    out.print(Text(meta, style="dim"))
    out.print()
    out.print(Text(article.text))
    out.print()
    out.print(Text(f"removed by cleaning ({len(article.removed)}):", style="bold"))
    for removal in article.removed:
        line = Text()
        line.append(f"[{removal.reason}] ", style="yellow")
        line.append(removal.text, style="red strike")
        out.print(line)


__all__ = ["DEFAULT_DB", "parse_field_map"]

