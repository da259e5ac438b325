"""Readers: every input format newsfuse accepts, turned into ``Document`` or ``Rejection``.

``read_inputs`` is the one entry point: files, directories, URLs and standard input, with
the reader chosen by extension, by ``ReadOptions.format`` or by sniffing the content. It
never raises for a bad input; each problem becomes one ``Rejection`` with a reason.
"""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from newsfuse.article import Document, Rejection
from newsfuse.errors import ConfigError, InputError
from newsfuse.readers.dispatch import (
    FORMATS,
    is_gzip_member_file,
    read_bytes,
    read_stream,
    reader_for_path,
    sniff_format,
)
from newsfuse.readers.encoding import decode_bytes
from newsfuse.readers.url import Fetcher, FetchResult, HttpFetcher, human_size, read_urls

__all__ = [
    "FORMATS",
    "Fetcher",
    "FetchResult",
    "HttpFetcher",
    "ReadOptions",
    "decode_bytes",
    "read_inputs",
    "read_urls",
    "reader_for_path",
    "sniff_format",
]

_STREAMED = {"jsonl", "csv", "warc"}
_SNIFF_BYTES = 4096
STDIN = "<stdin>"


@dataclass(frozen=True)
class ReadOptions:
    """How ``read_inputs`` reads.

    Attributes:
        format: force one reader for every file: text|html|json|jsonl|csv|feed|warc.
        field_map: (input name, our name) renames for JSON/CSV, e.g. ("headline", "title").
        fetch_links: for feeds, fetch each entry's linked page and read it as HTML.
        max_bytes: whole-file readers reject larger files with a reason; JSONL, CSV and
            WARC are streamed and not limited.
        url_timeout: seconds allowed per URL.
        max_url_bytes: largest body fetched per URL.
        max_concurrency: URLs fetched at once.
    """

    format: str | None = None
    field_map: tuple[tuple[str, str], ...] = ()
    fetch_links: bool = False
    max_bytes: int = 100 * 1024 * 1024
    url_timeout: float = 20.0
    max_url_bytes: int = 10 * 1024 * 1024
    max_concurrency: int = 4

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise ConfigError(
                f"unknown input format {self.format!r}; use one of {', '.join(FORMATS)}"
            )
        for pair in self.field_map:
            if len(pair) != 2 or not all(isinstance(p, str) and p.strip() for p in pair):
                raise ConfigError(f"field map entries are (input name, our name), got {pair!r}")
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")


def read_inputs(
    paths: Sequence[str],
    options: ReadOptions = ReadOptions(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Rejection]:
    """Read every input, lazily, in the order given.

    Args:
        paths: files, directories (read recursively in name order, hidden entries
            skipped), ``http(s)://`` URLs, or ``-`` for standard input.
        options: format, field renames, limits.
        fetcher: fetches URLs (and feed links); default an ``HttpFetcher`` built from the
            options, created only if a URL is read.
        stdin: the stream ``-`` reads (default ``sys.stdin.buffer``).

    Yields:
        Documents and Rejections. ``Document.source`` is the path as given (joined for
        directory members), ``path#N`` for the N-th record of a file, or the URL.
    """
    state = _Reader(options, fetcher)
    urls: list[str] = []
    for path in paths:
        if path.lower().startswith(("http://", "https://")):
            urls.append(path)
            continue
        if urls:
            yield from state.urls(urls)
            urls = []
        if path == "-":
            yield from state.stdin(stdin if stdin is not None else sys.stdin.buffer)
        else:
            yield from state.path(path)
    if urls:
        yield from state.urls(urls)


class _Reader:
    """The per-call state of ``read_inputs``: options and a lazily made fetcher."""

    def __init__(self, options: ReadOptions, fetcher: Fetcher | None) -> None:
        self.options = options
        self._fetcher = fetcher

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = HttpFetcher(
                timeout=self.options.url_timeout,
                max_bytes=self.options.max_url_bytes,
                max_concurrency=self.options.max_concurrency,
            )
        return self._fetcher

    def urls(self, urls: list[str]) -> Iterator[Document | Rejection]:
        yield from read_urls(urls, self.fetcher, max_concurrency=self.options.max_concurrency)

    def stdin(self, stream: BinaryIO) -> Iterator[Document | Rejection]:
        try:
            data = stream.read()
        except OSError as exc:
            yield Rejection(STDIN, f"cannot read: {exc.strerror or exc}")
            return
        if not data:
            yield Rejection(STDIN, "empty input")
            return
        fmt = self.options.format or sniff_format(data[:_SNIFF_BYTES])
        yield from _guarded(STDIN, fmt, lambda: read_bytes(
            data, STDIN, fmt, field_map=self.options.field_map,
            fetch_links=self.options.fetch_links, fetcher=self._feed_fetcher(),
        ))

    def path(self, path: str) -> Iterator[Document | Rejection]:
        try:
            is_dir = os.path.isdir(path)
            if not is_dir:
                os.stat(path)
        except FileNotFoundError:
            yield Rejection(path, "no such file or directory")
            return
        except OSError as exc:
            yield Rejection(path, f"cannot read: {exc.strerror or exc}")
            return
        if not is_dir:
            yield from self.file(path)
            return
        for member in walk_inputs(path):
            if isinstance(member, Rejection):
                yield member
            else:
                yield from self.file(member)

    def file(self, path: str) -> Iterator[Document | Rejection]:
        try:
            size = os.stat(path).st_size
        except FileNotFoundError:
            yield Rejection(path, "no such file or directory")
            return
        except OSError as exc:
            yield Rejection(path, f"cannot read: {exc.strerror or exc}")
            return
        if not os.path.isfile(path):
            yield Rejection(path, "not a regular file")
            return
        if size == 0:
            yield Rejection(path, "empty file")
            return
        gz = is_gzip_member_file(path)
        fmt = self.options.format or reader_for_path(path)
        name = PurePath(path[:-3] if gz else path)
        doc_id = name.stem if fmt in {"text", "html", "unknown"} else None
        delimiter = "\t" if name.suffix.lower() == ".tsv" and fmt == "csv" else None
        yield from _guarded(path, fmt, lambda: self._file(path, fmt, size, gz, doc_id,
                                                          delimiter))

    def _file(
        self, path: str, fmt: str, size: int, gz: bool, doc_id: str | None,
        delimiter: str | None,
    ) -> Iterator[Document | Rejection]:
        opener = gzip.open if gz else open
        with opener(path, "rb") as stream:
            if fmt == "unknown":
                head = stream.read(_SNIFF_BYTES)
                stream.seek(0)
                fmt = sniff_format(head)
                if fmt not in {"text", "html"}:
                    doc_id = None
            if fmt in _STREAMED:
                yield from read_stream(stream, path, fmt, doc_id=doc_id,  # type: ignore[arg-type]
                                       field_map=self.options.field_map, delimiter=delimiter,
                                       max_line_bytes=self.options.max_bytes)
                return
            limit = self.options.max_bytes
            data = stream.read(limit + 1)
            if len(data) > limit or (not gz and size > limit):
                shown = human_size(size) if not gz else f"more than {human_size(limit)}"
                raise InputError(
                    path, f"too large: {shown}, the limit for {fmt} files is "
                    f"{human_size(limit)} (split it, or use JSONL or CSV, which are streamed)"
                )
        yield from read_bytes(
            data, path, fmt, doc_id=doc_id, field_map=self.options.field_map,
            fetch_links=self.options.fetch_links, fetcher=self._feed_fetcher(),
        )

    def _feed_fetcher(self) -> Fetcher | None:
        return self.fetcher if self.options.fetch_links else None


def _guarded(source: str, fmt: str, make: object) -> Iterator[Document | Rejection]:
    """Run a reader, turning every problem into a Rejection and keeping what came before."""
    try:
        yield from make()  # type: ignore[operator]
    except InputError as exc:
        yield Rejection(exc.source, exc.reason)
    except FileNotFoundError:
        yield Rejection(source, "no such file or directory")
    except PermissionError:
        yield Rejection(source, "cannot read: permission denied")
    except (OSError, EOFError) as exc:
        # gzip and other streams signal corrupt data with OSError/EOFError.
        yield Rejection(source, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    except Exception as exc:  # noqa: BLE001 - the promise is "never raise for an input"
        yield Rejection(
            source, f"the {fmt} reader failed ({type(exc).__name__}: {exc}); please report this"
        )


def walk_inputs(root: str) -> Iterator[str | Rejection]:
    """Files under ``root`` in name order, depth first; hidden entries and symlinked
    directories (possible cycles) are skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield Rejection(root, f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        member = os.path.join(root, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk_inputs(member)
            elif entry.is_dir():
                continue
            else:
                yield member
        except OSError as exc:
            yield Rejection(member, f"cannot read: {exc.strerror or exc}")
