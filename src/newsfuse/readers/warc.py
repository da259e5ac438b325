"""WARC reader (warcio): every successful HTML response record becomes a Document.

Other records (requests, metadata, images, redirects) are not articles and are skipped
without a word. A truncated or corrupt archive keeps the records read before the damage
and adds one Rejection naming the offset.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsfuse.article import Document, Rejection
from newsfuse.errors import InputError
from newsfuse.readers.html import read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16
# Blank lines may follow the last record; anything longer is a cut-off record.
_TRAILING_SLACK = 8


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
    complete = 0  # records read to their end
    while True:
        try:
            record = next(records)
            n += 1
            if record.rec_headers.get_header("Content-Length") is None:
                raise EOFError(f"record {n} has no Content-Length (cut off in its headers?)")
            body = _html_body(record)
            if _remaining(record) > 0:
                # warcio stops quietly at the end of a cut-off file; a block shorter than
                # its Content-Length is how truncation shows.
                raise EOFError(f"record {n} is cut off before its declared end")
        except StopIteration:
            if n == 0:
                raise InputError(
                    source, "not a WARC file, or cut off inside its first record"
                ) from None
            offset = records.offset
            left = _bytes_after(stream, offset)
            if left > _TRAILING_SLACK:
                # warcio also ends quietly when a file is cut inside a record's headers.
                yield Rejection(
                    source, f"corrupt or truncated WARC at byte offset {offset} (after "
                    f"record {n}): {left} bytes left that are not a complete record"
                )
            return
        # warcio reports malformed headers with a range of exceptions (AttributeError on a
        # record cut before its WARC-Target-URI); all mean "cannot parse this record".
        except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error,
                AttributeError, KeyError, IndexError) as exc:
            if not complete:
                raise InputError(
                    source, f"not a WARC file, or cut off inside its first record: {_short(exc)}"
                ) from None
            yield Rejection(
                source, f"corrupt or truncated WARC at byte offset {records.offset} "
                f"(record {n + 1 if complete == n else n}): {_short(exc)}"
            )
            return
        complete += 1
        if body is None:
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        warc_date = record.rec_headers.get_header("WARC-Date")
        where_record = f"{source}#{n}"
        try:
            yield read_html(body, where_record, url=url, published=warc_date, fmt="warc")
        except InputError as exc:
            yield Rejection(where_record, exc.reason)


def _html_body(record: Any) -> bytes | None:
    """The payload of a 2xx HTML response record; other records are drained, giving None."""
    headers = record.http_headers
    if record.rec_type == "response" and headers is not None:
        status = headers.get_statuscode() or ""
        ctype = (headers.get_header("Content-Type") or "").lower()
        if status.startswith("2") and any(t in ctype for t in _HTML_TYPES):
            return record.content_stream().read()
    while record.raw_stream.read(_CHUNK):
        pass
    return None


def _remaining(record: Any) -> int:
    """Bytes the record declared but the file did not have (0 for a complete record)."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return int(getattr(stream, "limit", 0) or 0)


def _bytes_after(stream: BinaryIO, offset: int) -> int:
    """How many bytes of a seekable stream lie past ``offset`` (0 if it cannot tell)."""
    try:
        if not stream.seekable():
            return 0
        return max(0, stream.seek(0, io.SEEK_END) - offset)
    except OSError:
        return 0


def _short(exc: BaseException) -> str:
    if isinstance(exc, (AttributeError, KeyError, IndexError)):
        return "malformed record headers"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
