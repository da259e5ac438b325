"""Incremental stories in the corpus store: assign new articles, merge and split, log changes.

Each update re-clusters every stored article (clustering is deterministic and its work grows
with the number of articles, not its square), then reconciles the result with the stored
stories. A story's id is derived from its founding article (earliest published, then smallest
id), so the same articles give the same stories and ids whatever order they arrived in, and an
id stays put as long as its founder stays the story's earliest article. Every difference is
written to ``story_changes`` with kind ``created``, ``joined``, ``merged`` or ``split``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsfuse.article import Article
from newsfuse.cluster import ClusterConfig, Embedder, cluster_articles
from newsfuse.errors import StoreError

CHANGE_KINDS = ("created", "joined", "merged", "split")


@dataclass(frozen=True)
class StoryChange:
    """One recorded change; ``detail`` is a JSON object as a string (sorted keys)."""

    kind: str
    story_id: str
    detail: str
    at: str = ""


@dataclass(frozen=True)
class StoryUpdate:
    """What one :func:`update_stories` run did.

    Attributes:
        assigned: how many articles were not in a story before and now are.
        stories: how many stories exist after the update.
        changes: the changes recorded, in the order written.
    """

    assigned: int
    stories: int
    changes: tuple[StoryChange, ...]

    def count(self, kind: str) -> int:
        """How many changes of one kind were recorded."""
        return sum(1 for c in self.changes if c.kind == kind)


@dataclass(frozen=True)
class StoryRow:
    """A stored story as listed by ``newsfuse stories``.

    ``first_seen``/``last_seen`` are the earliest and latest publication dates of its
    articles (None when none is dated).
    """

    id: str
    title: str
    articles: int
    outlets: int
    first_seen: str | None
    last_seen: str | None
    created_at: str
    updated_at: str


def founder(articles: Sequence[Article]) -> Article:
    """The founding article: earliest published (undated last), then smallest id."""
    return min(articles, key=lambda a: (0 if a.published else 1, a.published or "", a.id))


def story_id_for(founding_article_id: str) -> str:
    """The story id derived from its founding article's id."""
    return "s-" + hashlib.sha256(founding_article_id.encode("utf-8")).hexdigest()[:16]


def _title(articles: Sequence[Article]) -> str:
    try:
        from newsfuse.analyze import story_title
    except ImportError:  # analyze is optional for clustering; fall back to the founder's title
        story_title = None
    if story_title is not None:
        return story_title(articles)
    first = founder(articles)
    return (first.title or first.text[:120]).strip() or "(untitled story)"


def _memberships(conn: sqlite3.Connection) -> dict[str, set[str]]:
    stories: dict[str, set[str]] = defaultdict(set)
    for story_id, article_id in conn.execute(
        "SELECT story_id, article_id FROM story_articles ORDER BY story_id, article_id"
    ):
        stories[story_id].add(article_id)
    return dict(stories)


def _detail(**values: Any) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False)


def plan_changes(
    old: dict[str, set[str]], new: dict[str, set[str]]
) -> list[StoryChange]:
    """The changes that turn the ``old`` stories into the ``new`` ones (both id -> members).

    A new story holding articles of two or more old stories is ``merged``; an old story whose
    articles now lie in two or more stories is ``split``; a new story of only unassigned
    articles is ``created``; a story that kept its old articles and gained new ones ``joined``.
    """
    old_story_of = {a: s for s, members in old.items() for a in members}
    changes: list[StoryChange] = []
    split: set[str] = set()
    for old_id in sorted(old):
        parts = sorted({sid for sid, members in new.items() if members & old[old_id]})
        if len(parts) > 1:
            split.add(old_id)
            changes.append(StoryChange("split", old_id, _detail(into=parts)))
    for sid in sorted(new):
        members = new[sid]
        sources = sorted({old_story_of[a] for a in members if a in old_story_of})
        added = sorted(a for a in members if a not in old_story_of)
        if not sources:
            changes.append(StoryChange("created", sid, _detail(articles=sorted(members))))
        elif len(sources) > 1:
            changes.append(StoryChange("merged", sid, _detail(stories=sources, added=added)))
        elif added or (sources[0] != sid and sources[0] not in split):
            # New articles, or the story's founder changed (an earlier article arrived).
            changes.append(
                StoryChange("joined", sid, _detail(articles=added, previous_id=sources[0]))
            )
    return changes


def update_stories(
    store: Any,
    embedder: Embedder,
    nlp: Any | None,
    *,
    now: str | Callable[[], str],
    config: ClusterConfig | None = None,
) -> StoryUpdate:
    """Bring the store's stories up to date with its articles.

    Args:
        store: a :class:`newsfuse.store.Store` (uses ``articles()`` and ``connection``).
        embedder: the sentence embedder for clustering.
        nlp: spaCy pipeline with NER, or None for capitalised-phrase names.
        now: the timestamp (or a clock returning one) stamped on changed rows.
        config: clustering parameters.

    Returns:
        What was assigned and which changes were recorded.

    Raises:
        StoreError: the stories cannot be written.
    """
    stamp = now() if callable(now) else now
    conn = store.connection
    old = _memberships(conn)
    articles = list(store.articles())
    assigned_before = {a for members in old.values() for a in members}
    unassigned = [a for a in articles if a.id not in assigned_before]
    if not unassigned:
        return StoryUpdate(assigned=0, stories=len(old), changes=())

    by_id = {a.id: a for a in articles}
    new: dict[str, set[str]] = {}
    for cluster in cluster_articles(articles, embedder, nlp, config=config):
        new[story_id_for(founder(cluster).id)] = {a.id for a in cluster}
    changes = [
        StoryChange(c.kind, c.story_id, c.detail, stamp) for c in plan_changes(old, new)
    ]
    changed = {c.story_id for c in changes if c.kind != "split"}
    try:
        conn.execute("BEGIN IMMEDIATE")
        created_at = dict(conn.execute("SELECT id, created_at FROM stories"))
        for gone in sorted(set(old) - set(new)):
            conn.execute("DELETE FROM story_articles WHERE story_id = ?", (gone,))
            conn.execute("DELETE FROM stories WHERE id = ?", (gone,))
        for sid in sorted(new):
            if sid in old and old[sid] == new[sid] and sid not in changed:
                continue
            members = sorted(new[sid])
            conn.execute(
                "INSERT INTO stories (id, title, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
                "updated_at = excluded.updated_at",
                (sid, _title([by_id[a] for a in members]), created_at.get(sid, stamp), stamp),
            )
            conn.execute("DELETE FROM story_articles WHERE story_id = ?", (sid,))
            conn.executemany(
                "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                [(sid, a) for a in members],
            )
        conn.executemany(
            "INSERT INTO story_changes (at, kind, story_id, detail) VALUES (?, ?, ?, ?)",
            [(c.at, c.kind, c.story_id, c.detail) for c in changes],
        )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"{getattr(store, 'path', 'store')}: cannot write stories: {exc}") from exc
    return StoryUpdate(assigned=len(unassigned), stories=len(new), changes=tuple(changes))


def list_stories(store: Any) -> list[StoryRow]:
    """Every stored story with its counts and dates, largest first, then by id."""
    conn = store.connection
    rows = conn.execute(
        """
        SELECT s.id, s.title, s.created_at, s.updated_at, COUNT(a.id),
               COUNT(DISTINCT COALESCE(a.outlet, a.url, a.source)),
               MIN(SUBSTR(a.published, 1, 10)), MAX(SUBSTR(a.published, 1, 10))
        FROM stories s
        JOIN story_articles sa ON sa.story_id = s.id
        JOIN articles a ON a.id = sa.article_id
        GROUP BY s.id
        """
    ).fetchall()
    out = [
        StoryRow(
            id=r[0], title=r[1] or "", created_at=r[2], updated_at=r[3], articles=r[4],
            outlets=r[5], first_seen=r[6], last_seen=r[7],
        )
        for r in rows
    ]
    return sorted(out, key=lambda s: (-s.articles, s.id))


def story_article_ids(store: Any, story_id: str) -> list[str]:
    """The ids of a story's articles, sorted.

    Raises:
        StoreError: no story has this id.
    """
    ids = [
        r[0]
        for r in store.connection.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id",
            (story_id,),
        )
    ]
    if not ids:
        raise StoreError(
            f"{getattr(store, 'path', 'store')}: no story with id {story_id} "
            "(run `newsfuse stories --update`, then `newsfuse stories` to list ids)"
        )
    return ids


def story_changes(store: Any, story_id: str | None = None) -> list[StoryChange]:
    """The recorded changes, oldest first; only one story's when ``story_id`` is given."""
    sql = "SELECT kind, story_id, detail, at FROM story_changes"
    params: tuple[str, ...] = ()
    if story_id is not None:
        sql += " WHERE story_id = ?"
        params = (story_id,)
    rows = store.connection.execute(sql + " ORDER BY seq", params)
    return [StoryChange(kind=k, story_id=s, detail=d or "{}", at=at) for k, s, d, at in rows]
