"""Small hand-built inputs shared by the stage tests (no earlier stage is run)."""

from __future__ import annotations

from newsfuse.article import Article, Span
from newsfuse.reconcile import reconcile_facts
from newsfuse.story import ArticleClaims, Citation, Fact, NumberClaim


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


def number_claim(article_id: str, text: str, number: str, value: float, *,
                 measure: str = "count", about: str = "count", unit: str | None = None,
                 qualifier: str = "exact", normalized: float | None = None,
                 norm_unit: str | None = None, nth: int = 0,
                 event: str = "main") -> NumberClaim:
    """A claim slicing the ``nth`` occurrence of ``number`` out of ``text`` (the article's
    whole text is its sentence)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(number, at + 1)
    return NumberClaim(measure, about, value, unit, qualifier, number,
                       Citation(article_id, at, at + len(number)),
                       Citation(article_id, 0, len(text)),
                       normalized_value=normalized, normalized_unit=norm_unit, event=event)


def facts_of(*items: tuple[str, str, list[NumberClaim]]) -> tuple[Fact, ...]:
    """Reconciled facts of (article id, text, claims) items, each article its own source."""
    texts = {a: t for a, t, _ in items}
    claims = [ArticleClaims(a, tuple(ns)) for a, _, ns in items]
    return tuple(reconcile_facts(claims, [[a] for a in texts], {a: None for a in texts},
                                 texts=texts))
