"""The corpus store's SQLite schema as an ordered list of migrations.

The schema version lives in ``PRAGMA user_version``; ``PRAGMA application_id`` marks the file
as a newsfuse store so a foreign SQLite database is refused rather than written into.
"""

from __future__ import annotations

# "NwsF" as a 32-bit integer: SQLite's documented way to tag a file with its application.
APPLICATION_ID = 0x4E777346

_V1 = """
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    url          TEXT,
    outlet       TEXT,
    title        TEXT,
    author       TEXT,
    published    TEXT,
    language     TEXT,
    format       TEXT NOT NULL,
    original     TEXT NOT NULL,
    text         TEXT NOT NULL,
    paragraphs   TEXT NOT NULL,   -- JSON [[start, end, kind], ...]
    sentences    TEXT NOT NULL,   -- JSON [[start, end], ...]
    removed      TEXT NOT NULL,   -- JSON [[start, end, text, reason], ...]
    fields       TEXT NOT NULL,   -- JSON [[name, value], ...]
    added_at     TEXT NOT NULL
);
CREATE TABLE raw (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data       BLOB NOT NULL      -- zlib-compressed original bytes of the input item
);
CREATE TABLE runs (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    started  TEXT NOT NULL,
    finished TEXT,
    counts   TEXT                 -- JSON object, e.g. {"added": 3, "rejected": 1}
);
CREATE TABLE rejections (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER REFERENCES runs(id),
    input  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX rejections_by_run ON rejections(run_id);
CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    title      TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE story_articles (
    story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_by_article ON story_articles(article_id);
CREATE TABLE story_changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    story_id TEXT,
    detail   TEXT                 -- JSON
);
"""

# (version, SQL) in order; a migration moves the schema from version-1 to version.
MIGRATIONS: tuple[tuple[int, str], ...] = ((1, _V1),)

LATEST_VERSION = MIGRATIONS[-1][0]

# The tables this code expects after all migrations (checked on open).
TABLES = frozenset(
    {"articles", "raw", "runs", "rejections", "stories", "story_articles", "story_changes"}
)
