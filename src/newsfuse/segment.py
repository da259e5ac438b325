"""Paragraph and sentence segmentation with exact character offsets.

Every span returned here indexes into the string it was given, so ``text[s.start:s.end]`` is
always the paragraph or sentence itself (trimmed of surrounding whitespace), never a re-joined
copy. Sentences come from syntok, which was measured best on news text (pysbd splits
"10 a.m. EST" wrongly); syntok tokens carry their offsets, which are mapped back here.
"""

from __future__ import annotations

import re

from syntok import segmenter

from newsfuse.article import Span

# A line is any run of characters without a line break; blank lines simply yield no span.
_LINE = re.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[Span]:
    """Split text into paragraphs: blocks separated by single or blank lines.

    Every non-blank line is one paragraph (crawled and extracted news text puts one
    paragraph per line, with or without blank lines between them).

    Args:
        text: any text.

    Returns:
        Trimmed spans, in order, with exact offsets into ``text``; none is empty.
    """
    spans: list[Span] = []
    for match in _LINE.finditer(text):
        start, end = _trimmed(text, match.start(), match.end())
        if start < end:
            spans.append(Span(start, end))
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` into sentences with exact offsets into ``text``.

    Args:
        text: the full text the offsets refer to.
        start: where the region to split begins.
        end: where it ends (default: the end of ``text``).

    Returns:
        Trimmed sentence spans in order, each inside ``[start, end)``.
    """
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    region = text[start:stop]
    if not region.strip():
        return []
    spans: list[Span] = []
    for paragraph in segmenter.analyze(region):
        for sentence in paragraph:
            if not sentence:
                continue
            first, last = sentence[0], sentence[-1]
            s = first.offset
            e = last.offset + len(last.value)
            # syntok may normalise a token's value (e.g. a hyphenated line break); its offset
            # is still exact, so clamp to the region and re-trim rather than trust the value.
            s, e = _trimmed(region, max(0, s), min(len(region), e))
            if s < e:
                spans.append(Span(start + s, start + e))
    return _cover_gaps(text, spans, start, stop)


def _cover_gaps(text: str, spans: list[Span], start: int, stop: int) -> list[Span]:
    """Keep sentences ordered and disjoint, attaching any non-space gap to its neighbour.

    syntok drops nothing in practice, but if a stray character falls between two sentences
    (or after the last one) it is attached so no words of the region are lost.
    """
    if not spans:
        s, e = _trimmed(text, start, stop)
        return [Span(s, e)] if s < e else []
    out: list[Span] = []
    for span in sorted(spans, key=lambda x: (x.start, x.end)):
        if out and span.start < out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Span(out[-1].start, span.end)
            continue
        out.append(span)
    first = out[0]
    if text[start : first.start].strip():
        s, _ = _trimmed(text, start, first.start)
        out[0] = Span(s, first.end)
    last = out[-1]
    if text[last.end : stop].strip():
        _, e = _trimmed(text, last.end, stop)
        out[-1] = Span(last.start, e)
    return out
