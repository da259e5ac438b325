"""Cleaning: a Document in, an Article out, with every removal kept as an audit trail.

The text is split into paragraphs (one per line); small named rules (:mod:`.rules`) drop
boilerplate, captions, credits, repeats and headlines of other articles, or strip a byline or
dateline prefix. Kept paragraphs are joined with blank lines into ``Article.text`` unchanged, so
every span is exact, and every dropped piece is a :class:`~newsfuse.article.Removal` with
offsets into ``Article.original``. Rules are applied until nothing changes, which makes
cleaning idempotent: cleaning the cleaned text again (with the same metadata) changes nothing.
"""

from __future__ import annotations

import datetime
import re

from newsfuse.article import Article, Document, Paragraph, Removal, Span, content_id
from newsfuse.clean import metadata
from newsfuse.clean.metadata import find_dates, guess_language, resolve_weekday
from newsfuse.clean.rules import (
    CONTEXT_FREE,
    DROP_RULES,
    Block,
    Page,
    Rule,
    boilerplate_sentence,
    has_edge_boilerplate_signal,
    headline_like,
    is_clip_length,
    leading_prefix,
    looks_like_heading,
    make_block,
    reads_as_prose,
    repeated_paragraph,
)
from newsfuse.errors import InputError
from newsfuse.segment import split_paragraphs, split_sentences

__all__ = ["clean", "find_dates", "guess_language", "resolve_weekday"]

TITLE_REASON = "headline (moved to title)"
_MIN_WORDS_WITHOUT_SENTENCE = 30
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def clean(doc: Document, *, reference_date: datetime.date | None = None) -> Article:
    """Clean one document into an article, keeping what was removed and why.

    Args:
        doc: the document as a reader produced it.
        reference_date: a date known to be close to publication (e.g. the crawl date), used
            only to resolve weekday names when the text gives no explicit date.

    Returns:
        The article: cleaned text, paragraphs (body/heading), body sentences, removals and
        metadata (the document's own, completed from the text where it gave none).

    Raises:
        InputError: ``(doc.source, "empty after cleaning")`` when no body text is left.
    """
    original = doc.text
    blocks = [
        make_block(k + 1, s.start, s.end, original[s.start : s.end])
        for k, s in enumerate(split_paragraphs(original))
    ]
    removals: list[Removal] = []
    title = doc.title
    inferred_title: str | None = None
    memo: _Memo = {}
    # Each round changes at least one paragraph (drop, trim, or take the title), so the
    # loop ends; the bound is a guard only.
    for _ in range(4 * len(blocks) + 4):
        page = Page(tuple(blocks), title)
        dropped = _drop_round(page, removals, memo)
        if dropped is not None:
            blocks = dropped
            continue
        if title is None and _takes_title(original, blocks, removals):
            first = blocks.pop(0)
            removals.append(Removal(first.start, first.end, first.text, TITLE_REASON))
            title = inferred_title = first.text
            continue
        trimmed = _prefix_round(page, removals)
        if trimmed is None:
            break
        blocks = trimmed

    page = Page(tuple(blocks), title)
    kinds = ["heading" if looks_like_heading(page, i) else "body" for i in range(len(blocks))]
    body = [b.text for b, kind in zip(blocks, kinds) if kind == "body"]
    if not body or (
        len(body) == 1
        and headline_like(body[0])
        and not (reads_as_prose(body[0]) and not any(is_clip_length(r.text) for r in removals))
        and len(body[0].split()) < _MIN_WORDS_WITHOUT_SENTENCE
    ):
        # One headline-shaped scrap left (a video page's title): no report. Two or more such
        # lines are kept: they are usually the story's highlights, and they carry facts. So is
        # a lone line that reads as prose (articles, past auxiliaries, pronouns: "Two boys
        # were hurt when ..."), even if its final period was lost: it is a sentence, unless the
        # page is a video player's (a bare clip length "3:37" was removed), whose titles are
        # written like that too.
        raise InputError(doc.source, "empty after cleaning")
    text, paragraphs, sentences = _assemble(blocks, kinds)
    removals.sort(key=lambda r: (r.start, r.end))
    return Article(
        id=doc.id if doc.id is not None else content_id(original),
        source=doc.source,
        original=original,
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        removed=tuple(removals),
        title=doc.title if doc.title is not None else inferred_title,
        outlet=doc.outlet if doc.outlet is not None else _outlet(removals),
        url=doc.url,
        author=doc.author if doc.author is not None else _author(removals),
        published=doc.published
        if doc.published is not None
        else metadata.infer_published(
            [r.text for r in removals if r.reason in ("date line", "dateline", TITLE_REASON)],
            body[0],
            text,
            reference_date,
        ),
        language=doc.language if doc.language is not None else guess_language(text),
        format=doc.format,
        fields=doc.fields,
    )


_Memo = dict[tuple[object, object], "str | None"]


def _drop_round(page: Page, removals: list[Removal], memo: _Memo) -> list[Block] | None:
    """Apply the drop rules to every paragraph; the survivors, or None if none was dropped.

    Repeats are judged last, on a page the other rules have already settled: a paragraph is
    dropped as a repeat only of an earlier paragraph that is kept. (A page may print a
    caption or embed carrying the lead's text, then the lead itself; the caption goes as a
    caption and the lead stays.)

    ``memo`` remembers, within one ``clean`` call, the answers that cannot change between
    rounds: context-free rules per text, and "not a repeat" per paragraph span (paragraphs
    only ever disappear, so a paragraph that repeats nothing never starts to).
    """
    for rules in (_OTHER_RULES, (repeated_paragraph,)):
        kept: list[Block] = []
        for i, block in enumerate(page.blocks):
            reason = None
            for rule in rules:
                reason = _apply(rule, page, i, memo)
                if reason is not None:
                    break
            if reason is None:
                kept.append(block)
            else:
                removals.append(Removal(block.start, block.end, block.text, reason))
        if len(kept) < len(page.blocks):
            return kept
    return None


_OTHER_RULES = tuple(rule for rule in DROP_RULES if rule is not repeated_paragraph)


def _apply(rule: Rule, page: Page, i: int, memo: _Memo) -> str | None:
    """One rule's verdict on paragraph ``i``, remembered where it cannot change."""
    block = page.blocks[i]
    if rule in CONTEXT_FREE:
        key: tuple[object, object] = (rule, block.text)
        if key not in memo:
            memo[key] = rule(page, i)
        return memo[key]
    if rule is repeated_paragraph:
        key = (rule, (block.start, block.end))
        if key in memo:
            return None
        reason = rule(page, i)
        if reason is None:
            memo[key] = None
        return reason
    return rule(page, i)


def _takes_title(original: str, blocks: list[Block], removals: list[Removal]) -> bool:
    """Is the first kept paragraph the headline? Never when it is the only text left.

    The first line of the text (once date lines are gone) is the article's own headline
    candidate; a timestamp printed right under it marks it as the headline even when it ends
    with "!" or "?"."""
    if len(blocks) < 2:
        return False
    first, second = blocks[0], blocks[1]
    separated = bool(_BLANK_LINE.search(original, first.end, second.start))
    # "The rest is single-spaced" needs at least one more gap to look at.
    rest_single = len(blocks) >= 3 and not any(
        _BLANK_LINE.search(original, a.end, b.start) for a, b in zip(blocks[1:], blocks[2:])
    )
    stamped = any(
        r.reason == "date line" and first.end <= r.start and r.end <= second.start
        for r in removals
    )
    return metadata.looks_like_title(first.text, separated, rest_single, stamped)


def _prefix_round(page: Page, removals: list[Removal]) -> list[Block] | None:
    """Strip byline/dateline prefixes of the first paragraphs, and reader pitches or post
    signatures opening or closing a long paragraph; None if there were none."""
    blocks = list(page.blocks)
    changed = False
    for i, block in enumerate(page.blocks):
        trimmed = _edge_sentences(block, removals)
        if trimmed is not None:
            blocks[i] = trimmed
            changed = True
            continue
        found = leading_prefix(page, i)
        if found is None:
            continue
        length, reason = found
        cut = block.text[:length].rstrip()
        rest = block.text[length:].lstrip()
        new_start = block.end - len(rest)
        removals.append(Removal(block.start, block.start + len(cut), cut, reason))
        blocks[i] = make_block(block.index, new_start, block.end, rest)
        changed = True
    return blocks if changed else None


def _edge_sentences(block: Block, removals: list[Removal]) -> Block | None:
    """The paragraph without the boilerplate sentences at its start and end (a newsletter
    pitch before a one-line article, a tweet's link and signature after it), or None when
    there are none. A paragraph is never emptied here: the paragraph rules judge it whole."""
    if not has_edge_boilerplate_signal(block.text):
        return None
    spans = split_sentences(block.text)
    if len(spans) < 2:
        return None
    texts = [block.text[s.start : s.end] for s in spans]
    first, last = 0, len(spans)
    while first < last and boilerplate_sentence(texts[first]):
        first += 1
    while last > first and boilerplate_sentence(texts[last - 1]):
        last -= 1
    if first == last or (first == 0 and last == len(spans)):
        return None
    for k in [*range(first), *range(last, len(spans))]:
        span = spans[k]
        reason = boilerplate_sentence(texts[k]) or ""
        removals.append(
            Removal(block.start + span.start, block.start + span.end, texts[k], reason)
        )
    start = block.start + spans[first].start
    end = block.start + spans[last - 1].end
    return make_block(block.index, start, end, block.text[spans[first].start : spans[last - 1].end])


def _assemble(
    blocks: list[Block], kinds: list[str]
) -> tuple[str, tuple[Paragraph, ...], tuple[Span, ...]]:
    """Join the kept paragraphs with blank lines; their spans and the body sentences."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for block, kind in zip(blocks, kinds):
        if parts:
            offset += 2
        paragraphs.append(Paragraph(offset, offset + len(block.text), kind))
        parts.append(block.text)
        offset += len(block.text)
    text = "\n\n".join(parts)
    sentences: list[Span] = []
    for paragraph in paragraphs:
        if paragraph.kind == "body":
            sentences.extend(split_sentences(text, paragraph.start, paragraph.end))
    return text, tuple(paragraphs), tuple(sentences)


def _outlet(removals: list[Removal]) -> str | None:
    """The outlet named by a removed "Outlet –" tag, else a copyright footer, else a dateline
    agency ("(Reuters)")."""
    candidates: list[tuple[int, str]] = []
    for removal in removals:
        if removal.reason == "byline":
            match = _TAG.match(removal.text)
            if match:
                candidates.append((0, match.group("outlet")))
        elif removal.reason == "copyright footer":
            name = metadata.copyright_owner(removal.text)
            if name:
                candidates.append((1, name))
        elif removal.reason == "dateline":
            match = _AGENCY.search(removal.text)
            if match:
                candidates.append((2, match.group(1).strip()))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


_TAG = re.compile(r"^(?P<outlet>[^\n]{1,60}?)\s+[-–—]{1,2}$")
_AGENCY = re.compile(r"\(([^()]{1,40})\)")


def _author(removals: list[Removal]) -> str | None:
    """The author named by the first removed byline paragraph."""
    for removal in removals:
        if removal.reason == "byline":
            author = metadata.byline_author(removal.text)
            if author:
                return author
    return None
