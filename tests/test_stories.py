"""Incremental stories in the store, and the stories/story/cluster commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.article import Article
from newsfuse.embed import HashingEmbedder
from newsfuse.store import Store
from newsfuse.store.stories import (
    founder,
    list_stories,
    plan_changes,
    story_article_ids,
    story_changes,
    story_id_for,
    update_stories,
)
from tests.test_cluster import CORPUS

EMBEDDER = HashingEmbedder()
NOW = "2024-06-01T00:00:00Z"


def open_store(path: Path, articles: list[Article]) -> Store:
    store = Store.open(path)
    store.add_articles(articles, [a.text.encode() for a in articles])
    return store


def memberships(store: Store) -> dict[str, list[str]]:
    return {row.id: story_article_ids(store, row.id) for row in list_stories(store)}


def by_id(*ids: str) -> list[Article]:
    return [a for a in CORPUS if a.id in ids]


def test_update_creates_one_story_per_event_with_ids_from_the_founding_article(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db", CORPUS) as store:
        result = update_stories(store, EMBEDDER, None, now=NOW)
        stories = memberships(store)
    assert result.assigned == len(CORPUS) and result.count("created") == 3
    dayton = by_id("dayton-1", "dayton-2", "dayton-3")
    assert founder(dayton).id == "dayton-1"  # earliest published, then smallest id
    assert stories[story_id_for("dayton-1")] == ["dayton-1", "dayton-2", "dayton-3"]
    assert stories[story_id_for("toledo-1")] == ["toledo-1", "toledo-2", "toledo-3"]
    assert stories[story_id_for("storm-1")] == ["storm-1"]


def test_update_assigns_a_new_article_to_its_existing_story_as_joined(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db", [a for a in CORPUS if a.id != "toledo-3"]) as store:
        update_stories(store, EMBEDDER, None, now=NOW)
        store.add_articles(by_id("toledo-3"), [b"x"])
        result = update_stories(store, EMBEDDER, None, now="2024-06-02T00:00:00Z")
        toledo = story_id_for("toledo-1")
        assert story_article_ids(store, toledo) == ["toledo-1", "toledo-2", "toledo-3"]
        assert [(c.kind, c.story_id) for c in result.changes] == [("joined", toledo)]
        logged = story_changes(store, toledo)
    assert [c.kind for c in logged] == ["created", "joined"]
    assert json.loads(logged[1].detail)["articles"] == ["toledo-3"]
    assert logged[1].at == "2024-06-02T00:00:00Z"


def test_update_with_nothing_new_changes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db", CORPUS) as store:
        update_stories(store, EMBEDDER, None, now=NOW)
        again = update_stories(store, EMBEDDER, None, now=NOW)
        assert again.changes == () and again.assigned == 0
        assert len(story_changes(store)) == 3


def test_ingesting_in_two_orders_gives_the_same_stories(tmp_path: Path) -> None:
    forward, backward = CORPUS, CORPUS[::-1]
    results = []
    for name, order in (("f", forward), ("b", backward)):
        with open_store(tmp_path / f"{name}.db", order[:3]) as store:
            update_stories(store, EMBEDDER, None, now=NOW)
            store.add_articles(order[3:], [a.text.encode() for a in order[3:]])
            update_stories(store, EMBEDDER, None, now=NOW)
            results.append(memberships(store))
    assert results[0] == results[1]


def test_plan_changes_reports_merges_and_splits() -> None:
    old = {"s-a": {"1", "2"}, "s-b": {"3"}, "s-c": {"4", "5"}}
    new = {"s-a": {"1", "2", "3", "6"}, "s-c": {"4"}, "s-e": {"5"}, "s-f": {"7"}}
    changes = [(c.kind, c.story_id, json.loads(c.detail)) for c in plan_changes(old, new)]
    assert changes == [
        ("split", "s-c", {"into": ["s-c", "s-e"]}),
        ("merged", "s-a", {"stories": ["s-a", "s-b"], "added": ["6"]}),
        ("created", "s-f", {"articles": ["7"]}),
    ]


def test_list_stories_counts_articles_outlets_and_dates(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db", CORPUS) as store:
        update_stories(store, EMBEDDER, None, now=NOW)
        rows = {r.id: r for r in list_stories(store)}
    toledo = rows[story_id_for("toledo-1")]
    assert (toledo.articles, toledo.first_seen, toledo.last_seen) == (3, "2021-03-04", "2021-03-07")
    assert toledo.outlets == 3  # no outlet or url: each source counts once


def test_story_article_ids_names_the_missing_story(tmp_path: Path) -> None:
    from newsfuse.errors import StoreError

    with open_store(tmp_path / "s.db", CORPUS) as store, pytest.raises(StoreError, match="s-nope"):
        story_article_ids(store, "s-nope")


# --- commands ------------------------------------------------------------------------------


@pytest.fixture
def hashing_models(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.analyze as analyze

    monkeypatch.setattr(analyze, "load_models", lambda: analyze.Models(EMBEDDER, None))


def test_stories_update_then_list_as_json(tmp_path: Path, hashing_models: None, capsys) -> None:
    from newsfuse.cli.app import app, run

    db = tmp_path / "s.db"
    open_store(db, CORPUS).close()
    assert run(app, ["stories", "--update", "--json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(s["articles"] for s in data["stories"]) == [1, 3, 3]
    assert {s["id"] for s in data["stories"]} == {story_id_for(x) for x in ("dayton-1", "toledo-1", "storm-1")}


def test_story_articles_only_json_lists_articles_and_changes(tmp_path: Path, hashing_models: None, capsys) -> None:
    from newsfuse.cli.app import app, run

    db = tmp_path / "s.db"
    open_store(db, CORPUS).close()
    assert run(app, ["cluster", "--db", str(db)]) == 0
    capsys.readouterr()
    sid = story_id_for("dayton-1")
    assert run(app, ["story", sid, "--articles-only", "--json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in data["articles"]] == ["dayton-1", "dayton-2", "dayton-3"]
    assert [c["kind"] for c in data["changes"]] == ["created"]


def test_story_with_unknown_id_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    from newsfuse.cli.app import app, run

    db = tmp_path / "s.db"
    open_store(db, CORPUS).close()
    assert run(app, ["story", "s-missing", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "no story with id s-missing" in err and "Traceback" not in err


def test_story_renders_the_analysis_in_the_chosen_format(
    tmp_path: Path, hashing_models: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import newsfuse.analyze as analyze
    from newsfuse.cli.app import app, run
    from newsfuse.story import Story

    seen = {}

    def fake_analyze(articles, models, *, words, story_id):
        seen["ids"] = sorted(a.id for a in articles)
        return Story(id=story_id, title="Salem Avenue shooting", articles=tuple(seen["ids"]))

    monkeypatch.setattr(analyze, "analyze_story", fake_analyze)
    db = tmp_path / "s.db"
    open_store(db, CORPUS).close()
    assert run(app, ["cluster", "--db", str(db)]) == 0
    capsys.readouterr()
    sid = story_id_for("dayton-1")
    assert run(app, ["story", sid, "--format", "json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert seen["ids"] == ["dayton-1", "dayton-2", "dayton-3"]
    assert [s["id"] for s in data["stories"]] == [sid]
    assert run(app, ["story", sid, "--format", "pdf", "--db", str(db)]) == 1
