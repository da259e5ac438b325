"""RSS and Atom reader (feedparser): one Document per feed entry.

An entry's text is its content (or summary) turned from HTML into paragraphs; with
``fetch_links`` the linked page is fetched through the injected Fetcher and read as HTML,
falling back to the entry's own content when the fetch fails.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsfuse.article import Document, Rejection
from newsfuse.errors import InputError
from newsfuse.readers.html import html_fragment_to_text, read_html
from newsfuse.readers.url import Fetcher


def read_feed(
    data: bytes,
    source: str,
    *,
    fetch_links: bool = False,
    fetcher: Fetcher | None = None,
) -> Iterator[Document | Rejection]:
    """Read an RSS or Atom feed; entry N is ``source#N`` (1-based).

    Args:
        data: the feed's bytes (feedparser handles its declared encoding).
        source: the path or URL as given.
        fetch_links: fetch each entry's link and read the page instead of the entry text.
        fetcher: used when ``fetch_links`` is set.

    Raises:
        InputError: empty input, or a malformed feed with no entries (feedparser's reason).
    """
    if not data.strip():
        raise InputError(source, "empty file")
    if fetch_links and fetcher is None:
        raise InputError(source, "fetch_links needs a fetcher")
    # feedparser would treat a str as a URL or path; bytes are always parsed as content.
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.entries
    if not entries:
        if parsed.bozo:
            reason = parsed.get("bozo_exception") or "not a feed"
            raise InputError(source, f"malformed feed: {reason}")
        raise InputError(source, "feed has no entries")
    outlet = _clean(parsed.feed.get("title"))
    language = _clean(parsed.feed.get("language"))
    for n, entry in enumerate(entries, start=1):
        where = f"{source}#{n}"
        link = _clean(entry.get("link"))
        published = _iso_date(entry)
        if fetch_links and link and fetcher is not None:
            try:
                page = fetcher.fetch(link)
                doc = read_html(page.body, where, url=page.url, published=published,
                                fmt="feed")
            except InputError as exc:
                yield Rejection(link, exc.reason)
            else:
                yield _with_feed_metadata(doc, entry, outlet, language)
                continue
        text = _entry_text(entry)
        if not text:
            yield Rejection(where, "feed entry has no content or summary")
            continue
        yield Document(
            source=where,
            text=text,
            format="feed",
            id=_clean(entry.get("id")),
            title=_clean(entry.get("title")),
            outlet=outlet,
            url=link,
            author=_clean(entry.get("author")),
            published=published,
            language=_clean(entry.get("language")) or language,
            raw=_entry_raw(entry),
        )


def _with_feed_metadata(
    doc: Document, entry: Any, outlet: str | None, language: str | None
) -> Document:
    """A fetched page keeps its own metadata; the feed fills what the page lacks."""
    from dataclasses import replace

    return replace(
        doc,
        id=_clean(entry.get("id")),
        title=doc.title or _clean(entry.get("title")),
        outlet=doc.outlet or outlet,
        author=doc.author or _clean(entry.get("author")),
        language=doc.language or language,
    )


def _entry_text(entry: Any) -> str:
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    if not candidates and entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type") or "text/html"))
    texts = []
    for value, kind in candidates:
        if "html" in kind:
            texts.append(html_fragment_to_text(value))
        else:
            texts.append(html_fragment_to_text(value) if "<" in value else value.strip())
    # Some feeds give a short teaser and the full text; keep the fullest.
    return max(texts, key=len, default="")


def _entry_raw(entry: Any) -> bytes:
    contents = entry.get("content") or []
    value = contents[0].get("value") if contents else entry.get("summary", "")
    return (value or "").encode("utf-8")


def _iso_date(entry: Any) -> str | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get(
        "updated_parsed"
    )
    if parsed is None:
        return _clean(entry.get("published") or entry.get("updated"))
    stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return stamp.isoformat().replace("+00:00", "Z")


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
