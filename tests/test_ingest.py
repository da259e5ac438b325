"""The ingest stage with hand-built documents and a stand-in cleaner (no readers needed)."""

from __future__ import annotations

import pytest

from newsfuse.article import Article, Document, Rejection, content_id
from newsfuse.errors import InputError, StageError
from newsfuse.ingest import IngestProgress, clean_document, ingest_documents, ingest_items
from newsfuse.store import Duplicate, Store


def simple_cleaner(doc: Document) -> Article:
    """Strips whitespace; an empty result is an InputError, as the real cleaner does."""
    text = doc.text.strip()
    if not text:
        raise InputError(doc.source, "empty after cleaning")
    return Article(
        id=doc.id or content_id(text), source=doc.source, original=doc.text,
        text=text, title=doc.title, outlet=doc.outlet, format=doc.format,
    )


def doc(id_: str | None, text: str, source: str | None = None, raw: bytes = b"") -> Document:
    return Document(source=source or f"in/{id_}.txt", text=text, format="text", id=id_, raw=raw)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "c.db", now=lambda: "2024-01-01T00:00:00Z") as s:
        yield s


def test_cleaning_error_becomes_rejection_with_its_reason():
    assert clean_document(doc("e", "   "), simple_cleaner) == Rejection(
        "in/e.txt", "empty after cleaning"
    )


def test_ingest_documents_passes_reader_rejections_through_in_order():
    items = [doc("a", "Alpha."), Rejection("bad.bin", "binary file, not text"), doc("b", "Beta.")]
    articles, rejections = ingest_documents(items, cleaner=simple_cleaner)
    assert [a.id for a in articles] == ["a", "b"]
    assert rejections == [Rejection("bad.bin", "binary file, not text")]


def test_ingest_documents_reports_duplicate_ids_and_drops_identical_content():
    items = [
        doc("a", "Alpha.", source="one.txt"),
        doc("a", "Something else.", source="two.txt"),
        doc("c", "Alpha.", source="three.txt"),
        doc("a", "Alpha.", source="one-again.txt"),
    ]
    articles, rejections = ingest_documents(items, cleaner=simple_cleaner)
    assert [a.source for a in articles] == ["one.txt"]
    assert rejections == [
        Rejection("two.txt", "duplicate id a: different content from one.txt"),
        Rejection("three.txt", "duplicate of a"),
    ]


def test_ingest_stores_articles_with_their_raw_bytes(store):
    result = ingest_items(
        [doc("a", "Alpha.", raw=b"<p>Alpha.</p>"), doc("b", "Beta.", raw=b"Beta.")],
        store, cleaner=simple_cleaner,
    )
    assert (result.added, result.unchanged, result.duplicates, result.rejected) == (2, 0, 0, ())
    assert store.raw("a") == b"<p>Alpha.</p>"
    assert store.get("b").text == "Beta."


def test_ingest_twice_adds_nothing_the_second_time(store):
    items = [doc(str(i), f"Text number {i}.") for i in range(7)]
    first = ingest_items(items, store, batch_size=3, cleaner=simple_cleaner)
    second = ingest_items(items, store, batch_size=3, cleaner=simple_cleaner)
    assert first.added == 7 and second.added == 0 and second.unchanged == 7
    assert store.count() == 7


def test_ingest_keeps_rejections_of_every_stage_in_the_store(store):
    store.add_articles([Article("x", "old.txt", "Old.", "Old.")], [b""])
    items = [
        Rejection("broken.json#3", "invalid JSON at column 5"),
        doc("e", "  "),
        doc("x", "New words.", source="new.txt"),
        doc("y", "Old.", source="copy.txt"),
    ]
    result = ingest_items(items, store, cleaner=simple_cleaner)
    expected = (
        Rejection("broken.json#3", "invalid JSON at column 5"),
        Rejection("in/e.txt", "empty after cleaning"),
        Rejection("new.txt", "duplicate id x: different content from old.txt"),
    )
    assert set(result.rejected) == set(expected)
    assert result.duplicate_of == (Duplicate("y", "copy.txt", "x"),)
    assert set(store.rejections(result.run_id)) == set(expected)
    assert store.get("x").text == "Old."
    run = store.runs()[-1]
    assert run[3] == {"added": 0, "duplicates": 1, "rejected": 3, "unchanged": 0}


def test_ingest_commits_one_batch_at_a_time(store):
    counts_seen_by_progress = []

    def progress(p: IngestProgress) -> None:
        counts_seen_by_progress.append(store.count())

    items = [doc(str(i), f"Text {i}.") for i in range(10)]
    ingest_items(items, store, batch_size=4, progress=progress, cleaner=simple_cleaner)
    # the count only ever moves in whole batches (4, 8) until the final flush (10)
    assert set(counts_seen_by_progress) == {0, 4, 8}
    assert store.count() == 10


def test_progress_reports_every_item(store):
    calls: list[IngestProgress] = []
    items = [doc("a", "A."), Rejection("r", "bad"), doc("b", "B.")]
    ingest_items(items, store, progress=calls.append, cleaner=simple_cleaner)
    assert [(c.seen, c.rejected, c.source) for c in calls] == [
        (1, 0, "in/a.txt"), (2, 1, "r"), (3, 1, "in/b.txt")
    ]


def test_batch_size_must_be_positive(store):
    with pytest.raises(StageError, match="batch_size must be at least 1"):
        ingest_items([], store, batch_size=0, cleaner=simple_cleaner)


def test_parallel_cleaning_gives_the_same_outcomes_in_the_same_order():
    from newsfuse.ingest import MIN_PARALLEL_ITEMS, clean_items

    items: list = []
    for i in range(MIN_PARALLEL_ITEMS * 3):
        items.append(doc(f"d{i}", f"Paragraph number {i}." if i % 7 else " ", raw=b"r%d" % i))
        if i % 11 == 0:
            items.append(Rejection(f"bad{i}.bin", "binary file, not text"))
    serial = list(clean_items(items, simple_cleaner, workers=1))
    parallel = list(clean_items(items, simple_cleaner, workers=2))
    assert parallel == serial
    assert [item for item, _ in parallel] == items  # raw bytes kept on the items
    assert any(isinstance(o, Rejection) and o.reason == "empty after cleaning"
               for _, o in parallel)


def test_parallel_ingest_stores_every_article(store):
    from newsfuse.ingest import MIN_PARALLEL_ITEMS

    items = [doc(f"p{i}", f"Text {i}.", raw=b"%d" % i) for i in range(MIN_PARALLEL_ITEMS * 2)]
    result = ingest_items(items, store, batch_size=10, cleaner=simple_cleaner, workers=2)
    assert result.added == len(items) == store.count()
    assert store.raw("p99") == b"99"


def _stored_after(items, tmp_dir) -> list[Article]:
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_dir) as where:
        with Store.open(f"{where}/c.db") as s:
            ingest_items(items, s, batch_size=3, cleaner=simple_cleaner)
            return list(s.articles())


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.sampled_from(["Alpha.", "Beta.", "Gamma.", "Delta.", "Epsilon."]),
                   min_size=1, max_size=8, unique=True),
    data=st.data(),
)
def test_stored_articles_do_not_depend_on_input_order(tmp_path, texts, data):
    items = [doc(f"id{i}", t, source=f"src{i}") for i, t in enumerate(texts)]
    shuffled = data.draw(st.permutations(items))
    assert _stored_after(items, tmp_path) == _stored_after(shuffled, tmp_path)


def test_long_runs_of_rejections_are_stored_batch_by_batch(store):
    stored_while_running = []

    def progress(p: IngestProgress) -> None:
        stored_while_running.append(len(store.rejections()))

    items = [Rejection(f"bad{i}", "empty file") for i in range(7)]
    result = ingest_items(items, store, batch_size=3, progress=progress, cleaner=simple_cleaner)
    assert stored_while_running == [0, 0, 3, 3, 3, 6, 6]
    assert store.rejections(result.run_id) == items
