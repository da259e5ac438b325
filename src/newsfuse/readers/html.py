"""HTML reader: the main text and metadata of a web page, found by trafilatura.

Navigation, comment sections and other boilerplate are left out by trafilatura; the
paragraphs it keeps are joined with blank lines so later stages see the page's structure.
``html_fragment_to_text`` turns small HTML snippets (feed entries) into text, where
trafilatura's whole-page heuristics would discard short content.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from newsfuse.article import Document
from newsfuse.errors import InputError
from newsfuse.readers.encoding import decode_bytes, declared_encoding

_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
                   re.IGNORECASE)

# Elements of trafilatura's output tree that are paragraphs of their own.
_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "code", "div"}

# Elements that end a paragraph in arbitrary HTML (feed fragments).
_HTML_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "li", "ul", "ol", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "pre", "figure", "figcaption", "dl",
    "dt", "dd", "hr", "aside", "main", "address",
}
_HTML_DROP = {"script", "style", "noscript", "template", "iframe", "svg", "form", "button"}


def read_html(
    data: bytes,
    source: str,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    published: str | None = None,
    fmt: str = "html",
) -> Document:
    """Extract a web page's main text and metadata.

    Args:
        data: the page's bytes.
        source: the path, ``path#N`` or URL, for the document and for errors.
        doc_id: the id to give the document (a file stem), or None.
        url: where the page was found (WARC target, fetched URL); wins over the page's own
            canonical URL.
        published: a fallback date when the page has none (e.g. a WARC-Date).
        fmt: the ``Document.format`` to record (html, warc, url, feed).

    Raises:
        InputError: empty, binary or undecodable bytes, or no article text in the page.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    markup = decode_bytes(data, source, declared=declared_encoding(data))
    found = _extract(markup, url)
    if found is None:
        raise InputError(source, "no article text found in HTML")
    text = _body_text(found.get("body"))
    if not text.strip():
        text = (found.get("text") or "").strip()
    if not text:
        raise InputError(source, "no article text found in HTML")
    lang = _LANG.search(markup[:8192])
    return Document(
        source=source,
        text=text,
        format=fmt,
        id=doc_id,
        title=_clean(found.get("title")),
        outlet=_clean(found.get("sitename")) or _clean(found.get("hostname")),
        url=url or _clean(found.get("url")),
        author=_clean(found.get("author")),
        published=_clean(found.get("date")) or published,
        language=_clean(found.get("language")) or (lang.group(1) if lang else None),
        raw=data,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML snippet: block elements become blank-line-separated paragraphs.

    Used for feed entries, whose HTML is a few paragraphs without page boilerplate.
    """
    if "<" not in fragment:
        return _normalise_paragraphs(_unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _normalise_paragraphs(_unescape(re.sub(r"<[^>]*>", " ", fragment)))
    parts: list[str] = []
    _walk(root, parts)
    return _normalise_paragraphs("".join(parts))


def _extract(markup: str, url: str | None) -> dict[str, Any] | None:
    try:
        result = trafilatura.bare_extraction(
            markup,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except (ValueError, TypeError, etree.LxmlError):
        # trafilatura raises on some pathological markup; treat it as "nothing found".
        return None
    if result is None:
        return None
    return result.as_dict() if hasattr(result, "as_dict") else dict(result)


def _body_text(body: Any) -> str:
    """Paragraphs of trafilatura's output tree, joined by blank lines."""
    if body is None:
        return ""
    paragraphs: list[str] = []
    for child in body:
        paragraphs.extend(_paragraphs_of(child))
    return "\n\n".join(p for p in paragraphs if p)


def _paragraphs_of(element: Any) -> list[str]:
    children = [c for c in element if isinstance(c.tag, str)]
    if element.tag in {"list", "table", "div", "quote"} and any(
        c.tag in _BLOCKS for c in children
    ):
        out: list[str] = []
        if element.text and element.text.strip():
            out.append(" ".join(element.text.split()))
        for child in children:
            out.extend(_paragraphs_of(child))
            if child.tail and child.tail.strip():
                out.append(" ".join(child.tail.split()))
        return out
    if element.tag == "row":
        cells = [" ".join("".join(c.itertext()).split()) for c in children]
        return [" | ".join(c for c in cells if c)]
    text = _inline_text(element)
    return [text] if text else []


def _inline_text(element: Any) -> str:
    """Text of one paragraph; ``<lb/>`` line breaks are kept as single newlines."""
    pieces: list[str] = []

    def visit(node: Any) -> None:
        if node.text:
            pieces.append(node.text)
        for child in node:
            if child.tag == "lb":
                pieces.append("\n")
            else:
                visit(child)
            if child.tail:
                pieces.append(child.tail)

    visit(element)
    lines = [" ".join(line.split()) for line in "".join(pieces).split("\n")]
    return "\n".join(line for line in lines if line)


def _walk(node: Any, parts: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _HTML_DROP:
        if node.tail:
            parts.append(node.tail)
        return
    block = tag in _HTML_BLOCKS
    if block:
        parts.append("\n\n")
    if tag == "br":
        parts.append("\n")
    if node.text and tag:
        parts.append(node.text)
    for child in node:
        _walk(child, parts)
    if block:
        parts.append("\n\n")
    if node.tail:
        parts.append(node.tail)


def _normalise_paragraphs(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    out = []
    for para in paragraphs:
        lines = [" ".join(line.split()) for line in para.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return "\n\n".join(out)


def _unescape(text: str) -> str:
    return html_lib.unescape(text)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
