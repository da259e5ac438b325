"""JSON and JSON Lines readers: one Document per record, one Rejection per bad record.

``.json`` holds an object, a list of objects, or ``{"articles": [...]}``; ``.jsonl`` /
``.ndjson`` hold one object per line and are streamed line by line, so files far larger
than memory work and one malformed line does not lose the others.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsfuse.article import Document, Rejection
from newsfuse.errors import InputError
from newsfuse.readers.encoding import bom_encoding, decode_bytes, stream_encoding
from newsfuse.readers.records import FieldMap, record_to_document

_HEAD = 64 * 1024
_SKIP_CHUNK = 1 << 20


def read_json(
    data: bytes, source: str, *, field_map: FieldMap = ()
) -> Iterator[Document | Rejection]:
    """Read a whole JSON file: an object, a list of objects or ``{"articles": [...]}``.

    Records of a list are ``source#N`` (1-based); a single object is ``source``.

    Raises:
        InputError: empty, undecodable or malformed JSON, or JSON of the wrong shape.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    text = decode_bytes(data, source)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    if isinstance(value, dict):
        yield record_to_document(value, source, "json", field_map=field_map, raw=data)
        return
    if not isinstance(value, list):
        raise InputError(
            source, f"JSON must be an object or a list of objects, got {_kind(value)}"
        )
    for n, item in enumerate(value, start=1):
        where = f"{source}#{n}"
        if not isinstance(item, dict):
            yield Rejection(where, f"record is not an object (got {_kind(item)})")
            continue
        raw = json.dumps(item, ensure_ascii=False).encode("utf-8")
        yield record_to_document(item, where, "json", field_map=field_map, raw=raw)


def read_jsonl(
    stream: BinaryIO,
    source: str,
    *,
    field_map: FieldMap = (),
    max_line_bytes: int = 100 * 1024 * 1024,
) -> Iterator[Document | Rejection]:
    """Stream a JSON Lines file; record ``source#N`` is line N (1-based, blank lines skipped).

    The file as a whole has no size limit; one line longer than ``max_line_bytes`` is
    rejected (and skipped without holding it in memory).

    Raises:
        InputError: the file is empty, binary or in no reliable encoding (judged from its
            first 64 KB); problems of single lines are Rejections instead.
    """
    head, stream = peek_head(stream, _HEAD)
    if not head.strip():
        raise InputError(source, "empty file")
    # JSON Lines is UTF-8 by definition; only a BOM may announce UTF-16/32. Deciding per
    # line (not from the head) lets one bad line be rejected alone.
    encoding = stream_encoding(head, source) if bom_encoding(head) else "utf-8"
    if b"\x00" in head and not bom_encoding(head):
        raise InputError(source, "binary file, not text")
    any_line = False
    for n, line in _lines(stream, encoding, max_line_bytes):
        if isinstance(line, _TooLong):
            any_line = True
            yield Rejection(f"{source}#{n}", f"line longer than {max_line_bytes} bytes")
            continue
        stripped = line.strip()
        if not stripped:
            continue
        any_line = True
        where = f"{source}#{n}"
        if isinstance(stripped, bytes):
            try:
                decoded = stripped.decode(encoding)
            except UnicodeDecodeError as exc:
                yield Rejection(where, f"not valid UTF-8 at column {exc.start + 1} "
                                "(JSON Lines must be UTF-8)")
                continue
            raw = line.rstrip(b"\r\n")
        else:
            decoded = stripped
            raw = line.rstrip("\r\n").encode("utf-8")
        if n == 1:
            decoded = decoded.lstrip("\ufeff")
        try:
            value = json.loads(decoded)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        if not isinstance(value, dict):
            yield Rejection(where, f"record is not an object (got {_kind(value)})")
            continue
        yield record_to_document(value, where, "jsonl", field_map=field_map, raw=raw)
    if not any_line:
        raise InputError(source, "empty file")


class _TooLong:
    """Marks a line longer than the line limit (its bytes are not kept)."""


def _lines(
    stream: BinaryIO, encoding: str, max_line_bytes: int
) -> Iterator[tuple[int, Any]]:
    """Numbered lines: bytes for ASCII-compatible encodings (so a bad line is rejected on
    its own), str for UTF-16/32 (whose newlines are not single bytes)."""
    if encoding.startswith(("utf-16", "utf-32")):
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")  # type: ignore[arg-type]
        try:
            yield from enumerate(text, start=1)
        finally:
            text.detach()
        return
    n = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            # Skip the rest of an over-long line in chunks, so memory stays bounded.
            while True:
                chunk = stream.readline(_SKIP_CHUNK)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, _TooLong()
            continue
        yield n, line


def _kind(value: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean",
            int: "number", float: "number", type(None): "null"}.get(type(value), "value")


def peek_head(stream: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of a stream, and a stream that still starts at them."""
    if stream.seekable():
        start = stream.tell()
        head = stream.read(size)
        stream.seek(start)
        return head, stream
    head = stream.read(size)
    return head, io.BufferedReader(_Prefixed(head, stream))  # type: ignore[return-value]


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read from another stream before the rest."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)
