"""WARC reader (warcio): every successful HTML response record becomes a Document.

Other records (requests, metadata, images, redirects) are not articles and are skipped
without a word. A truncated or corrupt archive keeps the records read before the damage
and adds one Rejection naming the offset.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsfuse.article import Document, Rejection
from newsfuse.errors import InputError
from newsfuse.readers.html import read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, source: str) -> Iterator[Document | Rejection]:
    """Stream a WARC (plain or gzip); record N (1-based, counting every record) is
    ``source#N``.

    Yields:
        A Document per 2xx HTML response (``url`` = WARC-Target-URI, ``published`` falls
        back to the WARC-Date), a Rejection per such page without article text, and one
        Rejection if the archive is corrupt or truncated.
    """
    records = ArchiveIterator(stream, check_digests=False)
    n = 0
    offset = 0
    while True:
        try:
            record = next(records)
            n += 1
            offset = records.get_record_offset()
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or not any(t in ctype for t in _HTML_TYPES):
                continue
            body = record.content_stream().read()
        except StopIteration:
            if n == 0:
                raise InputError(source, "empty or not a WARC file") from None
            return
        except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as exc:
            if n == 0:
                raise InputError(source, f"not a valid WARC: {_short(exc)}") from None
            where = records.offset if hasattr(records, "offset") else offset
            yield Rejection(
                source, f"corrupt or truncated WARC at byte offset {where} "
                f"(after record {n}): {_short(exc)}"
            )
            return
        url = record.rec_headers.get_header("WARC-Target-URI")
        warc_date = record.rec_headers.get_header("WARC-Date")
        where_record = f"{source}#{n}"
        try:
            yield read_html(body, where_record, url=url, published=warc_date, fmt="warc")
        except InputError as exc:
            yield Rejection(where_record, exc.reason)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
