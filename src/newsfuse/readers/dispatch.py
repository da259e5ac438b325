"""Choosing a reader: by file extension, by forced format, or by sniffing the content."""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterator
from pathlib import PurePath

from newsfuse.article import Document, Rejection
from newsfuse.readers.csv_reader import read_csv
from newsfuse.readers.encoding import bom_encoding
from newsfuse.readers.feed import read_feed
from newsfuse.readers.html import read_html
from newsfuse.readers.jsonl import read_json, read_jsonl
from newsfuse.readers.records import FieldMap
from newsfuse.readers.text import read_text
from newsfuse.readers.url import Fetcher, FetchResult
from newsfuse.readers.warc import read_warc

FORMATS = ("text", "html", "json", "jsonl", "csv", "feed", "warc")

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc",
}

_FEED_MARKERS = re.compile(r"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_MARKERS = re.compile(
    r"<(!doctype\s+html|html|head|body|article|div|p|title|meta|h[1-6])[\s>/]", re.IGNORECASE
)


def reader_for_path(path: str) -> str:
    """The reader a file's extension selects, or ``"unknown"`` (then the content is sniffed).

    ``.warc.gz`` is ``warc``; other ``.gz`` files are judged by the name inside
    (``a.jsonl.gz`` -> ``jsonl``).
    """
    name = PurePath(path).name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    return _EXTENSIONS.get(PurePath(name).suffix, "unknown")


def sniff_format(head: bytes) -> str:
    """Guess a format from the first bytes of an input (stdin, unknown extensions).

    ``<`` with feed markers -> feed, with HTML markers -> html; ``{``/``[`` -> json, or
    jsonl when the first line is a complete object and more lines follow; the WARC magic
    (plain or gzip) -> warc; anything else -> text.
    """
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(8)
        except (OSError, EOFError):
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else "text"
    if head.startswith(b"WARC/"):
        return "warc"
    text = _sniff_text(head).lstrip()
    if text.startswith("<"):
        sample = text[:4096]
        if _FEED_MARKERS.search(sample):
            return "feed"
        if _HTML_MARKERS.search(sample):
            return "html"
        return "feed" if sample.startswith("<?xml") else "html"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first, _, rest = text.partition("\n")
        if rest.strip().startswith("{"):
            try:
                if isinstance(json.loads(first), dict):
                    return "jsonl"
            except json.JSONDecodeError:
                pass
        return "json"
    return "text"


def is_gzip_member_file(path: str) -> bool:
    """True for ``x.jsonl.gz`` style files that are read through gzip (not WARCs)."""
    name = path.lower()
    return name.endswith(".gz") and not name.endswith((".warc.gz", ".arc.gz"))


def read_stream(
    stream: io.BufferedIOBase,
    source: str,
    fmt: str,
    *,
    doc_id: str | None,
    field_map: FieldMap,
    delimiter: str | None = None,
    max_line_bytes: int = 100 * 1024 * 1024,
) -> Iterator[Document | Rejection]:
    """Read a streamed format (jsonl, csv, warc) from an open binary stream."""
    if fmt == "jsonl":
        yield from read_jsonl(stream, source, field_map=field_map,  # type: ignore[arg-type]
                              max_line_bytes=max_line_bytes)
    elif fmt == "csv":
        yield from read_csv(stream, source, field_map=field_map,  # type: ignore[arg-type]
                            delimiter=delimiter)
    elif fmt == "warc":
        yield from read_warc(stream, source)  # type: ignore[arg-type]
    else:
        raise ValueError(f"{fmt} is not a streamed format")


def read_bytes(
    data: bytes,
    source: str,
    fmt: str,
    *,
    doc_id: str | None = None,
    field_map: FieldMap = (),
    fetch_links: bool = False,
    fetcher: Fetcher | None = None,
    delimiter: str | None = None,
) -> Iterator[Document | Rejection]:
    """Read a whole input held in memory with the reader ``fmt`` (a name from FORMATS)."""
    if fmt == "text":
        yield read_text(data, source, doc_id=doc_id)
    elif fmt == "html":
        yield read_html(data, source, doc_id=doc_id)
    elif fmt == "json":
        yield from read_json(data, source, field_map=field_map)
    elif fmt == "feed":
        yield from read_feed(data, source, fetch_links=fetch_links, fetcher=fetcher)
    else:
        yield from read_stream(io.BytesIO(data), source, fmt, doc_id=doc_id,
                               field_map=field_map, delimiter=delimiter)


def read_fetched(
    result: FetchResult, source: str, fetcher: Fetcher
) -> Iterator[Document | Rejection]:
    """Read a fetched URL by its content type (falling back to sniffing the body)."""
    from newsfuse.errors import InputError

    ctype = result.content_type.split(";")[0].strip().lower()
    if "html" in ctype:
        fmt = "html"
    elif any(k in ctype for k in ("rss", "atom", "xml")):
        fmt = "feed"
    elif "ndjson" in ctype or "jsonl" in ctype:
        fmt = "jsonl"
    elif "json" in ctype:
        fmt = "json"
    elif "csv" in ctype:
        fmt = "csv"
    else:
        fmt = sniff_format(result.body[:4096])
    try:
        if fmt == "html":
            yield read_html(result.body, source, url=result.url, fmt="url")
            return
        for item in read_bytes(result.body, source, fmt, fetcher=fetcher):
            if isinstance(item, Document) and item.url is None and fmt == "text":
                from dataclasses import replace

                item = replace(item, url=result.url, format="url")
            yield item
    except InputError as exc:
        yield Rejection(exc.source, exc.reason)


def _sniff_text(head: bytes) -> str:
    bom = bom_encoding(head)
    if bom is not None:
        name, length = bom
        return head[length:].decode(name, errors="ignore")
    # Only to look for markers: a wrong character here changes no output.
    return head.decode("utf-8", errors="ignore")
