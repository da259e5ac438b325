"""Plain-text reader: the whole decoded file is the document's text.

The title is deliberately not taken from the first line here: the cleaning stage decides
whether a first line is a headline, with the same rule for every format.
"""

from __future__ import annotations

from newsfuse.article import Document
from newsfuse.errors import InputError
from newsfuse.readers.encoding import decode_bytes


def read_text(data: bytes, source: str, *, doc_id: str | None = None) -> Document:
    """Read a plain-text file (.txt, .md, or unknown text).

    Args:
        data: the file's bytes.
        source: the path as given.
        doc_id: the document id, normally the file stem.

    Raises:
        InputError: empty, binary or undecodable input.
    """
    if not data:
        raise InputError(source, "empty file")
    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, "empty file (only whitespace)")
    return Document(source=source, text=text, format="text", id=doc_id, raw=data)
