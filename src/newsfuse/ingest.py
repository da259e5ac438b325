"""The ingest stage: read inputs, clean them, and keep the articles (in a store or in memory).

``ingest`` streams into a :class:`~newsfuse.store.Store` batch by batch (one transaction per
batch, so a killed run keeps every finished batch); ``load_articles`` does the same work in
memory for one-off analysis. Bad inputs never stop a run: each becomes a ``Rejection``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from newsfuse.article import Article, Document, Rejection
from newsfuse.errors import InputError, StageError
from newsfuse.store import Duplicate, Store

if TYPE_CHECKING:
    # Imported lazily at run time: readers pull in trafilatura and feedparser (~0.3 s),
    # which cleaning worker processes (they import this module) do not need.
    from newsfuse.readers import Fetcher, ReadOptions

Cleaner = Callable[[Document], Article]

DUPLICATE_PREFIX = "duplicate of "

# Below this many inputs a worker pool costs more (process start-up, imports) than it saves.
MIN_PARALLEL_ITEMS = 64
# Documents sent to a worker at once, and chunks in flight per worker: enough to keep the
# workers busy while reading stays lazy (memory bounded however many inputs there are).
_CHUNK = 16
_CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class IngestProgress:
    """Where an ingest run is, passed to the ``progress`` callback after every input item.

    Attributes:
        seen: input items read so far (documents and rejected inputs).
        added: articles newly stored so far (counted when their batch commits).
        rejected: inputs rejected so far.
        source: the item just read.
    """

    seen: int
    added: int
    rejected: int
    source: str


@dataclass(frozen=True)
class IngestResult:
    """What an ingest run did.

    Attributes:
        added: articles newly stored.
        unchanged: articles already stored with the same id and content.
        duplicates: articles whose cleaned text was already stored under another id.
        rejected: every input that was not stored, with its reason: reading and cleaning
            rejections in input order, store refusals (id conflicts) as their batch commits.
        added_ids: the ids of the newly stored articles.
        duplicate_of: for each duplicate, which stored article it repeats.
        run_id: the store's id for this run.
    """

    added: int
    unchanged: int
    duplicates: int
    rejected: tuple[Rejection, ...]
    added_ids: tuple[str, ...] = ()
    duplicate_of: tuple[Duplicate, ...] = ()
    run_id: int | None = None


def default_cleaner(reference_date: _dt.date | None = None) -> Cleaner:
    """The cleaning stage (``newsfuse.clean.clean``) bound to a reference date (picklable)."""
    from newsfuse.clean import clean

    return functools.partial(clean, reference_date=reference_date)


def clean_document(doc: Document, cleaner: Cleaner) -> Article | Rejection:
    """Clean one document; an ``InputError`` (e.g. "empty after cleaning") becomes a Rejection."""
    try:
        return cleaner(doc)
    except InputError as exc:
        return Rejection(exc.source or doc.source, exc.reason)
    except RecursionError:
        return Rejection(doc.source, "too deeply nested to clean")


def ingest_documents(
    items: Iterable[Document | Rejection],
    *,
    reference_date: _dt.date | None = None,
    cleaner: Cleaner | None = None,
    workers: int = 1,
) -> tuple[list[Article], list[Rejection]]:
    """Clean documents in memory, without a store, keeping each distinct article once.

    Rejections among ``items`` (from the readers) pass through in order. An article whose id
    was already seen with different text is rejected ("duplicate id X: different content from
    <source>"); one whose cleaned text was already seen under another id is rejected as
    "duplicate of <id>"; the very same article read twice is kept once, silently.

    Args:
        items: what ``newsfuse.readers.read_inputs`` yields.
        reference_date: passed to cleaning (resolves relative dates such as "Tuesday").
        cleaner: replaces the cleaning stage (tests, custom pipelines).
        workers: processes cleaning in parallel (see ``clean_items``).

    Returns:
        The articles in input order, and the rejections in input order.
    """
    clean_one = cleaner or default_cleaner(reference_date)
    articles: list[Article] = []
    rejections: list[Rejection] = []
    by_id: dict[str, tuple[str, str]] = {}
    by_hash: dict[str, str] = {}
    for _item, result in clean_items(items, clean_one, workers=workers):
        if isinstance(result, Rejection):
            rejections.append(result)
            continue
        digest = result.content_hash()
        known = by_id.get(result.id)
        if known is not None:
            if known[0] != digest:
                rejections.append(
                    Rejection(
                        result.source,
                        f"duplicate id {result.id}: different content from {known[1]}",
                    )
                )
            continue
        if digest in by_hash:
            rejections.append(Rejection(result.source, f"{DUPLICATE_PREFIX}{by_hash[digest]}"))
            continue
        by_id[result.id] = (digest, result.source)
        by_hash[digest] = result.id
        articles.append(result)
    return articles, rejections


def load_articles(
    paths: Sequence[str],
    options: ReadOptions | None = None,
    *,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
    reference_date: _dt.date | None = None,
    cleaner: Cleaner | None = None,
    workers: int = 1,
) -> tuple[list[Article], list[Rejection]]:
    """Read and clean inputs into memory (no store), de-duplicated as in ``ingest_documents``.

    Args:
        paths: files, directories, URLs or ``-`` for standard input.
        options: reader options (format, field mapping, URL fetching, limits); None means
            ``ReadOptions()``.
        fetcher: replaces the HTTP fetcher (tests, proxies).
        stdin: the stream read for ``-``.
        reference_date: passed to cleaning.
        cleaner: replaces the cleaning stage.
        workers: processes cleaning in parallel (see ``clean_items``).

    Returns:
        The distinct articles in input order, and every rejected input with its reason.
    """
    return ingest_documents(
        _read(paths, options, fetcher=fetcher, stdin=stdin),
        reference_date=reference_date,
        cleaner=cleaner,
        workers=workers,
    )


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    options: ReadOptions | None = None,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
    batch_size: int = 200,
    progress: Callable[[IngestProgress], None] | None = None,
    reference_date: _dt.date | None = None,
    cleaner: Cleaner | None = None,
    workers: int = 1,
) -> IngestResult:
    """Read, clean and store inputs in batches of ``batch_size`` articles.

    Each batch is one transaction: a run killed part-way keeps every finished batch, and
    running it again stores only what is missing (already stored articles are ``unchanged``).
    Rejections (from reading, cleaning or the store) are kept in the store with the run.

    Args:
        paths: files, directories, URLs or ``-`` for standard input.
        store: where the articles go.
        options: reader options.
        fetcher: replaces the HTTP fetcher.
        stdin: the stream read for ``-``.
        batch_size: articles per transaction.
        progress: called after every input item.
        reference_date: passed to cleaning.
        cleaner: replaces the cleaning stage (must be picklable when ``workers > 1``).
        workers: processes cleaning in parallel (1: clean in this process).

    Raises:
        StageError: ``batch_size`` is not positive.
        StoreError: the store cannot be written.
    """
    return ingest_items(
        _read(paths, options, fetcher=fetcher, stdin=stdin),
        store,
        batch_size=batch_size,
        progress=progress,
        cleaner=cleaner or default_cleaner(reference_date),
        workers=workers,
    )


def ingest_items(
    items: Iterable[Document | Rejection],
    store: Store,
    *,
    batch_size: int = 200,
    progress: Callable[[IngestProgress], None] | None = None,
    cleaner: Cleaner | None = None,
    workers: int = 1,
) -> IngestResult:
    """Clean and store already-read items (what ``ingest`` does after reading)."""
    if batch_size < 1:
        raise StageError(f"batch_size must be at least 1, got {batch_size}")
    clean_one = cleaner or default_cleaner()
    run_id = store.begin_run()
    added: list[str] = []
    unchanged = 0
    duplicates: list[Duplicate] = []
    rejected: list[Rejection] = []
    pending: list[Rejection] = []
    batch: list[Article] = []
    raws: list[bytes] = []
    seen = 0

    def flush() -> None:
        nonlocal unchanged
        result = store.add_articles(batch, raws)
        added.extend(result.added)
        unchanged += len(result.unchanged)
        duplicates.extend(result.duplicates)
        pending.extend(result.rejected)
        rejected.extend(result.rejected)
        store.add_rejections(run_id, pending)
        batch.clear()
        raws.clear()
        pending.clear()

    for item, outcome in clean_items(items, clean_one, workers=workers):
        seen += 1
        if isinstance(outcome, Rejection):
            rejected.append(outcome)
            pending.append(outcome)
            if len(pending) >= batch_size:  # a long run of bad inputs is kept as it goes
                store.add_rejections(run_id, pending)
                pending.clear()
        else:
            batch.append(outcome)
            raws.append(item.raw if isinstance(item, Document) else b"")
            if len(batch) >= batch_size:
                flush()
        if progress is not None:
            progress(IngestProgress(seen, len(added), len(rejected), _source_of(item)))
    flush()
    counts = {
        "added": len(added),
        "unchanged": unchanged,
        "duplicates": len(duplicates),
        "rejected": len(rejected),
    }
    store.finish_run(run_id, counts)
    return IngestResult(
        added=len(added),
        unchanged=unchanged,
        duplicates=len(duplicates),
        rejected=tuple(rejected),
        added_ids=tuple(added),
        duplicate_of=tuple(duplicates),
        run_id=run_id,
    )


def clean_items(
    items: Iterable[Document | Rejection],
    cleaner: Cleaner,
    *,
    workers: int = 1,
) -> Iterator[tuple[Document | Rejection, Article | Rejection]]:
    """Pair every item with its cleaning outcome, in input order, on ``workers`` processes.

    Cleaning is pure and CPU-bound (sentence segmentation dominates), so with ``workers > 1``
    documents are cleaned in worker processes; reading stays lazy and at most a few chunks per
    worker are in flight. The pool starts only once more than ``MIN_PARALLEL_ITEMS`` items
    have come, so small inputs never pay for it. ``cleaner`` must be picklable then.
    """
    iterator = iter(items)
    head = list(itertools.islice(iterator, MIN_PARALLEL_ITEMS if workers > 1 else 0))
    for item in head:
        yield item, _outcome(item, cleaner)
    if workers <= 1 or len(head) < MIN_PARALLEL_ITEMS:
        for item in iterator:
            yield item, _outcome(item, cleaner)
        return
    context = multiprocessing.get_context("spawn")  # no fork: the parent may run threads
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
    ) as pool:
        in_flight: deque[tuple[list[Document | Rejection], Future[list[Article | Rejection]]]]
        in_flight = deque()
        while chunk := list(itertools.islice(iterator, _CHUNK)):
            # Raw bytes stay here: workers need only the text and metadata.
            docs = [dataclasses.replace(i, raw=b"") for i in chunk if isinstance(i, Document)]
            in_flight.append((chunk, pool.submit(_clean_chunk, cleaner, docs)))
            if len(in_flight) >= workers * _CHUNKS_PER_WORKER:
                yield from _pair(*in_flight.popleft())
        while in_flight:
            yield from _pair(*in_flight.popleft())


def _outcome(item: Document | Rejection, cleaner: Cleaner) -> Article | Rejection:
    return item if isinstance(item, Rejection) else clean_document(item, cleaner)


def _clean_chunk(cleaner: Cleaner, docs: list[Document]) -> list[Article | Rejection]:
    # InputError cannot cross the process boundary intact (its __init__ takes two
    # arguments), so workers return Rejection values instead of raising.
    return [clean_document(doc, cleaner) for doc in docs]


def _pair(
    chunk: list[Document | Rejection], future: Future[list[Article | Rejection]]
) -> Iterator[tuple[Document | Rejection, Article | Rejection]]:
    outcomes = iter(future.result())
    for item in chunk:
        yield item, item if isinstance(item, Rejection) else next(outcomes)


def _watch_parent(parent_pid: int) -> None:
    """Worker initializer: exit when the parent dies (e.g. SIGKILL) instead of lingering.

    Ctrl-C is left to the parent, which stops the pool; workers would only print tracebacks.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent_pid:
            threading.Event().wait(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsfuse-parent-watch").start()


def _source_of(item: Document | Rejection) -> str:
    return item.input if isinstance(item, Rejection) else item.source


def _read(
    paths: Sequence[str],
    options: ReadOptions | None,
    *,
    fetcher: Fetcher | None,
    stdin: BinaryIO | None,
) -> Iterator[Document | Rejection]:
    from newsfuse.readers import ReadOptions, read_inputs

    return read_inputs(paths, options or ReadOptions(), fetcher=fetcher, stdin=stdin)
