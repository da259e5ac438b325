"""The article model: what readers produce (Document) and what cleaning makes of it (Article).

Every later span (citation, claim, alignment) is ``(article id, start, end)`` into
``Article.text``, the cleaned text, so ``article.text[start:end]`` is always the cited words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

Fields = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Document:
    """One input item as a reader found it, before cleaning.

    Attributes:
        source: where it came from: a path, ``path#N`` for the N-th record of a file, or a URL.
        text: the text extracted from the input (for HTML: the main text trafilatura found).
        format: the reader that produced it: text, html, json, jsonl, csv, feed, warc, url.
        id: an explicit id from the input (a JSON/CSV ``id`` field), or the file stem; None
            means "derive one from the content".
        raw: the original bytes of the item (kept so nothing is lost), may be empty for
            very large inputs.
        fields: other input fields as (name, value) pairs, e.g. for ``--group-by``.
    """

    source: str
    text: str
    format: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    raw: bytes = b""
    fields: Fields = ()


@dataclass(frozen=True)
class Rejection:
    """An input that was not ingested, and why. Shown as one line; kept in reports and JSON."""

    input: str
    reason: str

    def line(self) -> str:
        """The one-line message shown to the user."""
        return f"rejected {self.input}: {self.reason}"


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` of an article's cleaned text."""

    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the cleaned text; ``kind`` is ``body`` or ``heading`` (kept as structure)."""

    start: int
    end: int
    kind: str = "body"


@dataclass(frozen=True)
class Removal:
    """A piece of the original text that cleaning dropped, with the rule's reason.

    ``start``/``end`` index into ``Article.original`` (the removed text is not in ``text``).
    """

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A cleaned article. Immutable; build a new one to change anything.

    Attributes:
        id: stable id: the explicit id or file stem, else derived from the content.
        source: path, ``path#N`` or URL it came from.
        original: the text as the reader extracted it, before cleaning.
        text: the cleaned text; every span of newsfuse indexes into it.
        paragraphs: paragraphs of ``text`` (body or heading) as character spans.
        sentences: body sentences of ``text`` as character spans (headings excluded).
        removed: what cleaning dropped from ``original``, each with its reason.
        fields: other input fields as (name, value) pairs.
    """

    id: str
    source: str
    original: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Span, ...] = ()
    removed: tuple[Removal, ...] = ()
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    format: str = "text"
    fields: Fields = field(default=())

    def sentence_texts(self) -> list[str]:
        """The body sentences as strings, in order."""
        return [self.text[s.start : s.end] for s in self.sentences]

    def field(self, name: str) -> str | None:
        """The value of an input field (or a metadata attribute) by name, or None."""
        if name in {"title", "outlet", "url", "author", "published", "language", "source"}:
            return getattr(self, name)
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def content_hash(self) -> str:
        """sha256 of the cleaned text: two articles with equal hashes say the same words."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def content_id(text: str, prefix: str = "a") -> str:
    """A stable id derived from content: the same text always gives the same id."""
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"
