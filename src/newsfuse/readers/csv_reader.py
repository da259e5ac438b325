"""CSV/TSV reader: one Document per row, streamed, with the delimiter sniffed.

The first row is the header. Rows are numbered from 1 after the header (``source#N``) and
keep their exact original lines as ``raw``. Named ``csv_reader`` so it does not shadow the
standard library's ``csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from newsfuse.article import Document, Rejection
from newsfuse.errors import InputError
from newsfuse.readers.encoding import stream_encoding
from newsfuse.readers.jsonl import peek_head
from newsfuse.readers.records import FieldMap, record_to_document

_HEAD = 64 * 1024
_DELIMITERS = ",;\t|"

MAX_FIELD_BYTES = 512 * 1024 * 1024
"""Largest single CSV field accepted: the stdlib default (128 KB) is smaller than many
article bodies; this only moves the limit, it changes no result."""


def read_csv(
    stream: BinaryIO,
    source: str,
    *,
    field_map: FieldMap = (),
    delimiter: str | None = None,
) -> Iterator[Document | Rejection]:
    """Stream a CSV (or TSV) file with a header row.

    Args:
        stream: the file, opened in binary mode.
        source: the path as given.
        field_map: (input name, our name) renames, e.g. ``(("headline", "title"),)``.
        delimiter: force a delimiter; None sniffs it from the header line.

    Raises:
        InputError: empty, binary or undecodable file, or no header row.
    """
    if csv.field_size_limit() < MAX_FIELD_BYTES:
        csv.field_size_limit(MAX_FIELD_BYTES)
    head, stream = peek_head(stream, _HEAD)
    if not head.strip():
        raise InputError(source, "empty file")
    encoding = stream_encoding(head, source)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")  # type: ignore[arg-type]
    try:
        yield from _rows(text, source, encoding, field_map, delimiter)
    finally:
        text.detach()


def _rows(
    text: io.TextIOWrapper,
    source: str,
    encoding: str,
    field_map: FieldMap,
    delimiter: str | None,
) -> Iterator[Document | Rejection]:
    consumed: list[str] = []
    lines = _recording(text, consumed, source)
    try:
        header_line = next(lines)
    except StopIteration:
        raise InputError(source, "empty file") from None
    if delimiter is None:
        delimiter = _sniff_delimiter(header_line)
    header = next(csv.reader([header_line], delimiter=delimiter))
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        raise InputError(source, "no header row (the first line is empty)")
    consumed.clear()
    reader = csv.reader(lines, delimiter=delimiter)
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            n += 1
            consumed.clear()
            yield Rejection(f"{source}#{n}", f"malformed CSV row: {exc}")
            continue
        raw = "".join(consumed).encode(encoding.replace("-sig", ""))
        consumed.clear()
        if not any(cell.strip() for cell in row):
            continue
        n += 1
        where = f"{source}#{n}"
        if len(row) != len(header):
            yield Rejection(where, f"row has {len(row)} columns, header has {len(header)}")
            continue
        record = dict(zip(header, row, strict=True))
        yield record_to_document(record, where, "csv", field_map=field_map, raw=raw)


def _recording(text: io.TextIOWrapper, consumed: list[str], source: str) -> Iterator[str]:
    """Yield the file's lines, remembering those the csv reader pulls for the current row."""
    while True:
        try:
            line = text.readline()
        except UnicodeDecodeError as exc:
            raise InputError(source, f"cannot decode: {exc.reason} past the first 64 KB "
                             f"(not valid {exc.encoding})") from None
        if not line:
            return
        consumed.append(line)
        yield line


def _sniff_delimiter(header_line: str) -> str:
    """The delimiter of the header line.

    ``csv.Sniffer`` on whole samples was unreliable when article bodies hold many commas
    and quotes; the header line alone is short and unquoted, so it is sniffed instead.
    """
    try:
        return csv.Sniffer().sniff(header_line, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        counts = {d: header_line.count(d) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","
