"""The corpus store: cleaned articles, their original bytes and run history in one SQLite file.

Standard-library ``sqlite3`` in WAL mode: readers never block the writer, and a process killed
mid-run loses at most the batch it was writing (each batch is one transaction).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from newsfuse.article import Article, Paragraph, Rejection, Removal, Span
from newsfuse.errors import StageError, StoreError
from newsfuse.store.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, TABLES

Clock = Callable[[], str]

# SQLite limits bound parameters per statement (32766 since 3.32, 999 before); stay well below.
_MAX_PARAMS = 500

_ARTICLE_COLUMNS = (
    "id, content_hash, source, url, outlet, title, author, published, language, format, "
    "original, text, paragraphs, sentences, removed, fields, added_at"
)


def utc_now() -> str:
    """The current UTC time as ISO 8601 with a ``Z`` suffix, to the second (the default clock)."""
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Duplicate:
    """An article whose cleaned text is already stored under another id (it was not stored)."""

    id: str
    source: str
    duplicate_of: str


@dataclass(frozen=True)
class AddResult:
    """What one ``Store.add_articles`` batch did, article by article.

    Attributes:
        added: ids newly stored.
        unchanged: ids already stored with the same content (idempotent re-ingest).
        duplicates: articles with new ids whose content is already stored under another id.
        rejected: articles refused, e.g. an existing id with different content.
    """

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    rejected: tuple[Rejection, ...] = ()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_to_row(article: Article, added_at: str) -> tuple[Any, ...]:
    """The ``articles`` row of an article, in ``_ARTICLE_COLUMNS`` order."""
    return (
        article.id,
        article.content_hash(),
        article.source,
        article.url,
        article.outlet,
        article.title,
        article.author,
        article.published,
        article.language,
        article.format,
        article.original,
        article.text,
        _dumps([[p.start, p.end, p.kind] for p in article.paragraphs]),
        _dumps([[s.start, s.end] for s in article.sentences]),
        _dumps([[r.start, r.end, r.text, r.reason] for r in article.removed]),
        _dumps([[k, v] for k, v in article.fields]),
        added_at,
    )


def article_from_row(row: Sequence[Any]) -> Article:
    """The article stored in an ``articles`` row (``_ARTICLE_COLUMNS`` order); exact inverse."""
    (
        id_, _hash, source, url, outlet, title, author, published, language, fmt,
        original, text, paragraphs, sentences, removed, fields, _added_at,
    ) = row
    return Article(
        id=id_,
        source=source,
        original=original,
        text=text,
        paragraphs=tuple(Paragraph(s, e, k) for s, e, k in json.loads(paragraphs)),
        sentences=tuple(Span(s, e) for s, e in json.loads(sentences)),
        removed=tuple(Removal(s, e, t, r) for s, e, t, r in json.loads(removed)),
        title=title,
        outlet=outlet,
        url=url,
        author=author,
        published=published,
        language=language,
        format=fmt,
        fields=tuple((k, v) for k, v in json.loads(fields)),
    )


def _conflict(article: Article, stored_source: str) -> str:
    """The reason an article is refused: its id is stored with different content."""
    reason = f"duplicate id {article.id}: different content from {stored_source}"
    if stored_source == article.source:
        # Same input, new text: the file was edited or the cleaning rules changed since.
        reason += " (the stored version is kept; the input or the cleaning changed since)"
    return reason


def _unencodable(article: Article) -> str | None:
    """Name the first field SQLite cannot store (text with lone surrogates), or None."""
    named = [
        ("id", article.id), ("source", article.source), ("original", article.original),
        ("text", article.text), ("title", article.title), ("outlet", article.outlet),
        ("url", article.url), ("author", article.author), ("published", article.published),
        ("language", article.language), ("format", article.format),
    ]
    named += [(f"field {k!r}", f"{k}{v}") for k, v in article.fields]
    named += [("removed text", r.text + r.reason) for r in article.removed]
    for name, value in named:
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return name
    return None


def _chunks(items: Sequence[str], size: int = _MAX_PARAMS) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (executescript would COMMIT first)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise StageError(f"incomplete SQL statement in migration: {pending.strip()[:60]}")
    return statements


class Store:
    """A newsfuse corpus in one SQLite file. Open with :meth:`Store.open`; use as a context manager.

    Args:
        connection: an open connection already migrated to the latest schema.
        path: the database file (for messages).
        now: the clock stamping rows (ISO 8601 strings).
    """

    def __init__(self, connection: sqlite3.Connection, path: str, now: Clock) -> None:
        self._conn = connection
        self._path = path
        self._now = now

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, now: Clock = utc_now) -> Store:
        """Open (creating if needed) the store at ``path`` and bring its schema up to date.

        Raises:
            StoreError: the path is a directory or not a SQLite database, the database belongs
                to another application, or its schema is newer than this newsfuse knows.
        """
        path = os.fspath(path)
        if not path.strip():
            # sqlite3 would silently open a throw-away temporary database.
            raise StoreError("empty database path: give a file name, e.g. --db newsfuse.db")
        if os.path.isdir(path):
            raise StoreError(f"{path}: is a directory, not a database file")
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            raise StoreError(f"{path}: directory {parent} does not exist")
        try:
            conn = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            _check_identity(conn, path)
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            _migrate(conn, path)
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "not a database" in str(exc):
                raise StoreError(f"{path}: not a SQLite database (is it the right file?)") from exc
            raise StoreError(f"{path}: cannot open store: {exc}") from exc
        return cls(conn, path, now)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> str:
        """The database file."""
        return self._path

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection (autocommit mode: wrap writes in ``BEGIN``/``COMMIT``).

        For other store modules (stories, change feed) that share this file.
        """
        return self._conn

    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- articles ------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], raws: Sequence[bytes]) -> AddResult:
        """Store a batch of articles with their original bytes, in ONE transaction.

        Idempotent: an article already stored with the same id and content is ``unchanged``.
        A known id with different content is rejected and the stored article kept untouched;
        known content under a new id is a ``Duplicate`` of the stored id and not stored again.

        Args:
            articles: cleaned articles.
            raws: the original input bytes of each article (same length as ``articles``).

        Raises:
            StageError: ``raws`` does not match ``articles``.
            StoreError: the database cannot be written (disk full, locked too long, ...).
        """
        if len(raws) != len(articles):
            raise StageError(
                f"add_articles: {len(articles)} articles but {len(raws)} raw byte strings"
            )
        if not articles:
            return AddResult()
        added: list[str] = []
        unchanged: list[str] = []
        duplicates: list[Duplicate] = []
        rejected: list[Rejection] = []
        rows: list[tuple[Any, ...]] = []
        raw_rows: list[tuple[str, bytes]] = []
        stamp = self._now()
        problems = [_unencodable(a) for a in articles]
        hashes = [a.content_hash() if bad is None else "" for a, bad in zip(articles, problems)]
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                by_id = self._existing("id", [a.id for a in articles])
                by_hash = {h: i for i, (h, _s) in by_id.items()}
                by_hash.update(
                    {h: i for i, (h, _s) in self._existing("content_hash", hashes).items()}
                )
                for article, digest, raw, bad in zip(articles, hashes, raws, problems):
                    if bad is not None:
                        rejected.append(
                            Rejection(article.source, f"{bad} is not valid Unicode text")
                        )
                        continue
                    known = by_id.get(article.id)
                    if known is not None:
                        if known[0] == digest:
                            unchanged.append(article.id)
                        else:
                            rejected.append(Rejection(article.source, _conflict(article, known[1])))
                        continue
                    if digest in by_hash:
                        duplicates.append(Duplicate(article.id, article.source, by_hash[digest]))
                        continue
                    rows.append(article_to_row(article, stamp))
                    raw_rows.append((article.id, zlib.compress(raw, 6)))
                    by_id[article.id] = (digest, article.source)
                    by_hash[digest] = article.id
                    added.append(article.id)
                self._conn.executemany(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES "
                    f"({', '.join('?' * 17)})",
                    rows,
                )
                self._conn.executemany("INSERT INTO raw (article_id, data) VALUES (?, ?)", raw_rows)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"{self._path}: cannot store articles: {exc}") from exc
        return AddResult(tuple(added), tuple(unchanged), tuple(duplicates), tuple(rejected))

    def _existing(self, column: str, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Stored ``id -> (content_hash, source)`` for rows whose ``column`` is in ``keys``."""
        found: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(list(dict.fromkeys(keys))):
            marks = ", ".join("?" * len(chunk))
            cursor = self._conn.execute(
                f"SELECT id, content_hash, source FROM articles WHERE {column} IN ({marks})",
                tuple(chunk),
            )
            for id_, digest, source in cursor:
                found[id_] = (digest, source)
        return found

    def get(self, article_id: str) -> Article:
        """The stored article with this id.

        Raises:
            StoreError: no article has this id.
        """
        row = self._conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"{self._path}: no article with id {article_id}")
        return article_from_row(row)

    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def articles(self) -> Iterator[Article]:
        """Every stored article, sorted by id (streamed; the store may be large)."""
        cursor = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id")
        while True:
            rows = cursor.fetchmany(256)
            if not rows:
                return
            for row in rows:
                yield article_from_row(row)

    def ids(self) -> list[str]:
        """Every stored article id, sorted."""
        return [r[0] for r in self._conn.execute("SELECT id FROM articles ORDER BY id")]

    def count(self) -> int:
        """How many articles are stored."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def raw(self, article_id: str) -> bytes:
        """The original input bytes the article was read from.

        Raises:
            StoreError: no article has this id.
        """
        row = self._conn.execute(
            "SELECT data FROM raw WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"{self._path}: no article with id {article_id}")
        return zlib.decompress(row[0])

    # -- runs and rejections -------------------------------------------------------------

    def begin_run(self) -> int:
        """Record the start of an ingest run and return its id."""
        cursor = self._write("INSERT INTO runs (started) VALUES (?)", (self._now(),))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        """Record the end of a run with its counts (added, unchanged, rejected, ...)."""
        self._write(
            "UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
            (self._now(), _dumps(dict(sorted(counts.items()))), run_id),
        )

    def runs(self) -> list[tuple[int, str, str | None, dict[str, int] | None]]:
        """Every run as ``(id, started, finished, counts)``; an unfinished run has None."""
        out = []
        for id_, started, finished, counts in self._conn.execute(
            "SELECT id, started, finished, counts FROM runs ORDER BY id"
        ):
            out.append((id_, started, finished, json.loads(counts) if counts else None))
        return out

    def add_rejections(self, run_id: int | None, rejections: Iterable[Rejection]) -> None:
        """Keep the rejected inputs of a run (one transaction)."""
        stamp = self._now()
        rows = [(run_id, r.input, r.reason, stamp) for r in rejections]
        if not rows:
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "INSERT INTO rejections (run_id, input, reason, at) VALUES (?, ?, ?, ?)",
                    rows,
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"{self._path}: cannot store rejections: {exc}") from exc

    def rejections(self, run_id: int | None = None) -> list[Rejection]:
        """The stored rejections, of one run or of all, in the order they were stored."""
        if run_id is None:
            cursor = self._conn.execute("SELECT input, reason FROM rejections ORDER BY id")
        else:
            cursor = self._conn.execute(
                "SELECT input, reason FROM rejections WHERE run_id = ? ORDER BY id", (run_id,)
            )
        return [Rejection(i, r) for i, r in cursor]

    def _write(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self._path}: cannot write: {exc}") from exc


def _check_identity(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a SQLite file that belongs to another application or a newer newsfuse."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(f"{path}: a SQLite database of another application, not a newsfuse store")
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path}: store schema version {version} is newer than this newsfuse supports "
            f"({LATEST_VERSION}); upgrade newsfuse to open it"
        )
    if version == 0:
        names = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        }
        if names:
            raise StoreError(
                f"{path}: a SQLite database with other tables ({', '.join(sorted(names)[:3])}), "
                "not a newsfuse store"
            )


def _migrate(conn: sqlite3.Connection, path: str) -> None:
    """Apply every migration newer than the file's ``user_version``, each in one transaction."""
    for version, script in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current < version:
                for statement in _statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(version)}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = TABLES - names
    if missing:
        raise StoreError(f"{path}: store is missing tables {', '.join(sorted(missing))}")
