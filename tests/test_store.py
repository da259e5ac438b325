"""The SQLite corpus store: creation, migrations, idempotent batches, exact round-trips."""

from __future__ import annotations

import sqlite3
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.article import Article, Paragraph, Rejection, Removal, Span
from newsfuse.errors import StageError, StoreError
from newsfuse.store import Duplicate, Store
from newsfuse.store.schema import LATEST_VERSION


def fixed_clock() -> str:
    return "2024-01-02T03:04:05Z"


def make_article(id_: str, text: str, source: str | None = None, **kw) -> Article:
    return Article(id=id_, source=source or f"in/{id_}.txt", original=text, text=text, **kw)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "corpus.db", now=fixed_clock) as s:
        yield s


def test_open_creates_schema_with_wal_and_foreign_keys(tmp_path):
    with Store.open(tmp_path / "new.db") as s:
        conn = s.connection
        assert s.schema_version() == LATEST_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        # synchronous NORMAL is 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "raw", "rejections", "runs", "stories", "story_articles",
                "story_changes"} <= tables


def test_reopening_keeps_articles(tmp_path):
    path = tmp_path / "c.db"
    with Store.open(path) as s:
        s.add_articles([make_article("x", "Body text.")], [b"raw"])
    with Store.open(path) as s:
        assert s.count() == 1
        assert s.get("x").text == "Body text."


def test_open_refuses_newer_schema(tmp_path):
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"future\.db.*newer than this newsfuse"):
        Store.open(path)


def test_open_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db: not a SQLite database"):
        Store.open(path)
    # and the file is left as it was
    assert path.read_bytes().startswith(b"these are my notes")


def test_open_refuses_a_foreign_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"other\.db.*not a newsfuse store"):
        Store.open(path)


def test_open_refuses_a_directory(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_open_names_a_missing_parent_directory(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "c.db")


def test_adding_same_batch_twice_adds_nothing_the_second_time(store):
    batch = [make_article("a", "One."), make_article("b", "Two.")]
    first = store.add_articles(batch, [b"1", b"2"])
    second = store.add_articles(batch, [b"1", b"2"])
    assert first.added == ("a", "b")
    assert second.added == ()
    assert second.unchanged == ("a", "b")
    assert store.count() == 2


def test_same_id_with_different_content_is_rejected_and_stored_one_kept(store):
    store.add_articles([make_article("a", "Original words.", source="first.txt")], [b"1"])
    result = store.add_articles([make_article("a", "Other words.", source="second.txt")], [b"2"])
    assert result.added == ()
    assert result.rejected == (
        Rejection("second.txt", "duplicate id a: different content from first.txt"),
    )
    assert store.get("a").text == "Original words."
    assert store.raw("a") == b"1"


def test_same_content_under_new_id_is_a_duplicate_not_stored_twice(store):
    store.add_articles([make_article("a", "Same words.")], [b"1"])
    result = store.add_articles([make_article("b", "Same words.", source="copy.txt")], [b"2"])
    assert result.duplicates == (Duplicate("b", "copy.txt", "a"),)
    assert store.ids() == ["a"]


def test_duplicates_inside_one_batch_are_resolved_in_order(store):
    result = store.add_articles(
        [
            make_article("a", "Alpha.", source="1"),
            make_article("a", "Beta.", source="2"),
            make_article("c", "Alpha.", source="3"),
            make_article("a", "Alpha.", source="4"),
        ],
        [b"", b"", b"", b""],
    )
    assert result.added == ("a",)
    assert result.rejected == (Rejection("2", "duplicate id a: different content from 1"),)
    assert result.duplicates == (Duplicate("c", "3", "a"),)
    assert result.unchanged == ("a",)
    assert store.count() == 1


def test_text_with_lone_surrogate_is_rejected_with_reason(store):
    result = store.add_articles([make_article("s", "bad \udc80 text")], [b""])
    assert result.rejected == (Rejection("in/s.txt", "original is not valid Unicode text"),)
    assert store.count() == 0


def test_batch_is_one_transaction_and_rolls_back_on_failure(store):
    store.add_articles([make_article("keep", "Kept.")], [b""])
    # A trigger makes the database refuse the second row of the batch, after the first row
    # was already inserted inside the same transaction.
    store.connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.id = 'bad' "
        "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
    )
    with pytest.raises(StoreError, match="cannot store articles: refused by test"):
        store.add_articles([make_article("good", "Good."), make_article("bad", "Bad.")],
                           [b"", b""])
    assert store.ids() == ["keep"]
    assert store.connection.execute("SELECT count(*) FROM raw").fetchone()[0] == 1


def test_raw_bytes_are_kept_compressed_and_returned_exactly(store):
    data = b"<html>" + bytes(range(256)) * 20 + b"</html>"
    store.add_articles([make_article("r", "Text.")], [data])
    assert store.raw("r") == data
    stored = store.connection.execute("SELECT data FROM raw").fetchone()[0]
    assert zlib.decompress(stored) == data and len(stored) < len(data)


def test_get_missing_id_names_it(store):
    with pytest.raises(StoreError, match="no article with id nope"):
        store.get("nope")


def test_articles_are_listed_sorted_by_id(store):
    store.add_articles([make_article(i, f"Text {i}.") for i in ["m", "b", "z", "a"]], [b""] * 4)
    assert [a.id for a in store.articles()] == ["a", "b", "m", "z"]


def test_mismatched_raws_is_a_stage_error(store):
    with pytest.raises(StageError, match="1 articles but 0 raw"):
        store.add_articles([make_article("a", "A.")], [])


def test_runs_and_rejections_are_recorded(store):
    run = store.begin_run()
    store.add_rejections(run, [Rejection("x.txt", "empty file"), Rejection("y.bin", "binary")])
    store.finish_run(run, {"added": 0, "rejected": 2})
    assert store.rejections(run) == [Rejection("x.txt", "empty file"), Rejection("y.bin", "binary")]
    assert store.runs() == [
        (run, fixed_clock(), fixed_clock(), {"added": 0, "rejected": 2})
    ]


def test_added_at_comes_from_the_injected_clock(store):
    store.add_articles([make_article("a", "A.")], [b""])
    assert store.connection.execute("SELECT added_at FROM articles").fetchone()[0] == fixed_clock()


# -- round-trip property ---------------------------------------------------------------

_text = st.text(max_size=40)
_opt = st.none() | _text


@st.composite
def articles(draw):
    text = draw(_text)
    original = draw(_text)
    return Article(
        id=draw(st.text(min_size=1, max_size=12)),
        source=draw(_text),
        original=original,
        text=text,
        paragraphs=tuple(
            Paragraph(s, e, k)
            for s, e, k in draw(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6),
                                                   st.sampled_from(["body", "heading"])),
                                         max_size=4))
        ),
        sentences=tuple(
            Span(s, e)
            for s, e in draw(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
                                      max_size=4))
        ),
        removed=tuple(
            Removal(s, e, t, r)
            for s, e, t, r in draw(st.lists(st.tuples(st.integers(0, 10**6),
                                                      st.integers(0, 10**6), _text, _text),
                                            max_size=3))
        ),
        title=draw(_opt),
        outlet=draw(_opt),
        url=draw(_opt),
        author=draw(_opt),
        published=draw(_opt),
        language=draw(_opt),
        format=draw(st.sampled_from(["text", "html", "json", "jsonl", "csv", "feed", "warc"])),
        fields=tuple(draw(st.lists(st.tuples(_text, _text), max_size=3))),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles(), raw=st.binary(max_size=64))
def test_article_round_trips_exactly_through_the_store(store, article, raw):
    store.connection.execute("DELETE FROM raw")
    store.connection.execute("DELETE FROM articles")
    result = store.add_articles([article], [raw])
    assert result.added == (article.id,)
    assert store.get(article.id) == article
    assert list(store.articles()) == [article]
    assert store.raw(article.id) == raw


def test_changed_input_under_the_same_source_says_the_stored_version_is_kept(store):
    store.add_articles([make_article("a", "First version.", source="a.txt")], [b""])
    result = store.add_articles([make_article("a", "Edited version.", source="a.txt")], [b""])
    assert result.rejected == (
        Rejection("a.txt", "duplicate id a: different content from a.txt (the stored version "
                  "is kept; the input or the cleaning changed since)"),
    )
    assert store.get("a").text == "First version."


def test_in_memory_store_works_for_tests_of_other_stages():
    with Store.open(":memory:") as s:
        s.add_articles([make_article("m", "In memory.")], [b"x"])
        assert s.get("m").text == "In memory." and s.raw("m") == b"x"


def test_opening_an_older_store_applies_newer_migrations_and_keeps_data(tmp_path, monkeypatch):
    import newsfuse.store.sqlite as sqlite_store
    from newsfuse.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    with Store.open(path) as s:
        s.add_articles([make_article("kept", "Kept across upgrades.")], [b"r"])
    v2 = (LATEST_VERSION + 1, "CREATE TABLE extra (x INTEGER);\nINSERT INTO extra VALUES (7);\n")
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", (*MIGRATIONS, v2))
    monkeypatch.setattr(sqlite_store, "LATEST_VERSION", v2[0])
    with Store.open(path) as s:
        assert s.schema_version() == v2[0]
        assert s.connection.execute("SELECT x FROM extra").fetchall() == [(7,)]
        assert s.get("kept").text == "Kept across upgrades."


def test_a_failing_migration_leaves_the_store_at_its_old_version(tmp_path, monkeypatch):
    import newsfuse.store.sqlite as sqlite_store
    from newsfuse.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    Store.open(path).close()
    broken = (LATEST_VERSION + 1, "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n")
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(sqlite_store, "LATEST_VERSION", broken[0])
    with pytest.raises(StoreError, match="cannot open store: no such table: nowhere"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchall() == []
    conn.close()


def test_empty_path_is_refused_instead_of_a_temporary_database():
    with pytest.raises(StoreError, match="empty database path"):
        Store.open("")
