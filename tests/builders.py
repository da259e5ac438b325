"""Small hand-built inputs shared by the stage tests (no earlier stage is run)."""

from __future__ import annotations

from newsfuse.article import Article, Span


def article(aid: str, *sentences: str, published: str | None = None) -> Article:
    """An article whose body sentences are exactly ``sentences`` joined by spaces."""
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        start = text.index(s, pos)
        spans.append(Span(start, start + len(s)))
        pos = start + len(s)
    return Article(id=aid, source=f"{aid}.txt", original=text, text=text,
                   sentences=tuple(spans), published=published)
