"""The public JSON contract: one shape for the library, the CLI and the web API.

``SCHEMA_VERSION`` is bumped on any incompatible change; the JSON Schema lives in
``newsfuse/schema/`` and a test validates real output against it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import jsonschema

from newsfuse.article import Article, Paragraph, Rejection, Removal, Span
from newsfuse.errors import InputError
from newsfuse.story import (
    AlignedPair,
    Citation,
    Consensus,
    Fact,
    FactValue,
    Relation,
    Report,
    Story,
    StoryQuote,
    StoryResponsibility,
    SummarySentence,
    TimelineEntry,
)

SCHEMA_VERSION = "1"


def article_to_json(article: Article) -> dict[str, Any]:
    """The contract's article object: metadata, cleaned text, removals and structure.

    ``text`` is the cleaned text; every span anywhere in the output indexes into it.
    ``removed`` lists what cleaning dropped, with offsets into ``original`` (not ``text``).
    """
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "language": article.language,
        "source": article.source,
        "text": article.text,
        "removed": [
            {"text": r.text, "reason": r.reason, "start": r.start, "end": r.end}
            for r in article.removed
        ],
        "paragraphs": [
            {"start": p.start, "end": p.end, "kind": p.kind} for p in article.paragraphs
        ],
        "sentences": [[s.start, s.end] for s in article.sentences],
    }


# --- the report ---------------------------------------------------------------------------

# Numbers in the output are rounded so the same run prints the same bytes on every platform.
_FLOAT_PLACES = 4


def _num(value: float | None) -> float | int | None:
    """A number for JSON: rounded to 4 places; integral values printed as integers."""
    if value is None:
        return None
    rounded = round(float(value), _FLOAT_PLACES)
    if rounded.is_integer() and abs(rounded) < 2**53:
        return int(rounded)
    return rounded


def _citation_to_json(citation: Citation) -> dict[str, Any]:
    return {
        "article": citation.article,
        "start": citation.start,
        "end": citation.end,
        "attribution": citation.attribution,
    }


def _citations_to_json(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [_citation_to_json(c) for c in citations]


def report_article_to_json(article: Article) -> dict[str, Any]:
    """An article as the report's ``articles`` list shows it (the contract shape plus format)."""
    data = article_to_json(article)
    data["format"] = article.format
    data["fields"] = [[key, value] for key, value in article.fields]
    # ``removed`` offsets index into ``original``; it is only written when cleaning changed
    # something, so a reader can rebuild the exact Article without doubling every text.
    if article.original != article.text:
        data["original"] = article.original
    return data


def _value_to_json(value: FactValue) -> dict[str, Any]:
    normalized = None
    if value.normalized_value is not None or value.normalized_unit is not None:
        normalized = {"value": _num(value.normalized_value), "unit": value.normalized_unit}
    return {
        "value": _num(value.value),
        "value_high": _num(value.value_high),
        "unit": value.unit,
        "qualifier": value.qualifier,
        "normalized": normalized,
        "sources": _citations_to_json(value.sources),
        "independent_sources": value.independent_sources,
        "first_seen": value.first_seen,
    }


def _fact_to_json(fact: Fact) -> dict[str, Any]:
    consensus = None
    if fact.consensus is not None:
        consensus = {"value": _num(fact.consensus.value), "reason": fact.consensus.reason}
    return {
        "measure": fact.measure,
        "about": fact.about,
        "status": fact.status,
        "values": [_value_to_json(v) for v in fact.values],
        "consensus": consensus,
    }


def _relation_to_json(relation: Relation) -> dict[str, Any]:
    return {
        "from": relation.source,
        "to": relation.target,
        "relation": relation.relation,
        "directed": relation.directed,
        "verbatim": _num(relation.verbatim),
        "paraphrase": _num(relation.paraphrase),
        "aligned": [
            {
                "from": [pair.source_start, pair.source_end],
                "to": [pair.target_start, pair.target_end],
                "similarity": _num(pair.similarity),
                "verbatim": pair.verbatim,
            }
            for pair in relation.aligned
        ],
    }


def story_to_json(story: Story) -> dict[str, Any]:
    """The contract's story object (see :func:`report_to_json`)."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "summary": [
            {
                "text": s.text,
                "citations": _citations_to_json(s.citations),
                "conflict": s.conflict,
            }
            for s in story.summary
        ],
        "facts": [_fact_to_json(f) for f in story.facts],
        "quotes": [
            {"speaker": q.speaker, "text": q.text, "direct": q.direct,
             "sources": _citations_to_json(q.sources)}
            for q in story.quotes
        ],
        "responsibility": [
            {"actor": r.actor, "stance": r.stance, "sources": _citations_to_json(r.sources)}
            for r in story.responsibility
        ],
        "provenance": [_relation_to_json(r) for r in story.provenance],
        "source_groups": [list(group) for group in story.source_groups],
        "timeline": [
            {"date": t.date, "text": t.text, "sources": _citations_to_json(t.sources)}
            for t in story.timeline
        ],
    }


def report_to_json(report: Report) -> dict[str, Any]:
    """The public JSON of a run: articles, stories and rejected inputs.

    Lists keep the order of the report (the stages sort them deterministically); numbers are
    rounded to 4 places. Serialise with :func:`dumps` for stable bytes (sorted keys).

    Args:
        report: the result of :func:`newsfuse.analyze.analyze`.

    Returns:
        A plain dict that validates against ``newsfuse-1.schema.json``.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [report_article_to_json(a) for a in report.articles],
        "stories": [story_to_json(s) for s in report.stories],
        "rejected": [{"input": r.input, "reason": r.reason} for r in report.rejected],
    }


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """Serialise contract JSON deterministically: sorted keys, UTF-8 text, no NaN."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=indent, allow_nan=False)


# --- reading it back ----------------------------------------------------------------------


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _citation_from_json(data: dict[str, Any]) -> Citation:
    return Citation(
        article=data["article"],
        start=int(data["start"]),
        end=int(data["end"]),
        attribution=data.get("attribution"),
    )


def _citations_from_json(items: Iterable[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(_citation_from_json(c) for c in items)


def _article_from_json(data: dict[str, Any]) -> Article:
    text = data["text"]
    return Article(
        id=data["id"],
        source=data.get("source") or data["id"],
        original=data.get("original", text),
        text=text,
        paragraphs=tuple(
            Paragraph(int(p["start"]), int(p["end"]), p.get("kind", "body"))
            for p in data.get("paragraphs", ())
        ),
        sentences=tuple(Span(int(s), int(e)) for s, e in data.get("sentences", ())),
        removed=tuple(
            Removal(int(r.get("start", 0)), int(r.get("end", 0)), r["text"], r["reason"])
            for r in data.get("removed", ())
        ),
        title=data.get("title"),
        outlet=data.get("outlet"),
        url=data.get("url"),
        author=data.get("author"),
        published=data.get("published"),
        language=data.get("language"),
        format=data.get("format", "text"),
        fields=tuple((str(k), str(v)) for k, v in data.get("fields", ())),
    )


def _value_from_json(data: dict[str, Any]) -> FactValue:
    normalized = data.get("normalized") or {}
    return FactValue(
        value=_float(data["value"]),
        unit=data.get("unit"),
        qualifier=data["qualifier"],
        sources=_citations_from_json(data["sources"]),
        independent_sources=int(data["independent_sources"]),
        normalized_value=_float(normalized.get("value")),
        normalized_unit=normalized.get("unit"),
        value_high=_float(data.get("value_high")),
        first_seen=data.get("first_seen"),
    )


def _fact_from_json(data: dict[str, Any]) -> Fact:
    consensus = data.get("consensus")
    return Fact(
        measure=data["measure"],
        about=data["about"],
        status=data["status"],
        values=tuple(_value_from_json(v) for v in data["values"]),
        consensus=(
            None
            if consensus is None
            else Consensus(value=_float(consensus["value"]), reason=consensus["reason"])
        ),
    )


def _relation_from_json(data: dict[str, Any]) -> Relation:
    return Relation(
        source=data["from"],
        target=data["to"],
        relation=data["relation"],
        verbatim=float(data["verbatim"]),
        paraphrase=float(data["paraphrase"]),
        aligned=tuple(
            AlignedPair(
                source_start=int(a["from"][0]),
                source_end=int(a["from"][1]),
                target_start=int(a["to"][0]),
                target_end=int(a["to"][1]),
                similarity=float(a["similarity"]),
                verbatim=bool(a.get("verbatim", False)),
            )
            for a in data["aligned"]
        ),
        directed=bool(data.get("directed", False)),
    )


def story_from_json(data: dict[str, Any]) -> Story:
    """Rebuild a Story from its contract object."""
    return Story(
        id=data["id"],
        title=data["title"],
        articles=tuple(data["articles"]),
        summary=tuple(
            SummarySentence(
                text=s["text"],
                citations=_citations_from_json(s["citations"]),
                conflict=bool(s.get("conflict", False)),
            )
            for s in data["summary"]
        ),
        facts=tuple(_fact_from_json(f) for f in data["facts"]),
        quotes=tuple(
            StoryQuote(q["speaker"], q["text"], _citations_from_json(q["sources"]),
                       direct=bool(q.get("direct", True)))
            for q in data["quotes"]
        ),
        responsibility=tuple(
            StoryResponsibility(r["actor"], r["stance"], _citations_from_json(r["sources"]))
            for r in data["responsibility"]
        ),
        provenance=tuple(_relation_from_json(r) for r in data["provenance"]),
        source_groups=tuple(tuple(g) for g in data["source_groups"]),
        timeline=tuple(
            TimelineEntry(t["date"], t["text"], _citations_from_json(t["sources"]))
            for t in data["timeline"]
        ),
    )


def report_from_json(data: dict[str, Any]) -> Report:
    """Rebuild a Report from contract JSON (the inverse of :func:`report_to_json`).

    Raises:
        InputError: the data is not a newsfuse report of this schema version (checked with
            :func:`validate` first, so the message names the offending field).
    """
    validate(data)
    return Report(
        articles=tuple(_article_from_json(a) for a in data["articles"]),
        stories=tuple(story_from_json(s) for s in data["stories"]),
        rejected=tuple(Rejection(r["input"], r["reason"]) for r in data["rejected"]),
    )


# --- checking it --------------------------------------------------------------------------

SCHEMA_FILE = "newsfuse-1.schema.json"


@functools.cache
def _schema_text() -> str:
    # Cached because it is a packaged, read-only file: the cache cannot change results.
    return resources.files("newsfuse").joinpath("schema", SCHEMA_FILE).read_text("utf-8")


def load_schema() -> dict[str, Any]:
    """The committed JSON Schema (draft 2020-12) of the contract, as a fresh dict."""
    return json.loads(_schema_text())


def validate(data: Any, *, source: str = "report") -> None:
    """Check contract JSON against the committed schema.

    Args:
        data: the decoded JSON.
        source: how to name the data in the error (a file name, "request body").

    Raises:
        InputError: naming the first offending field (JSON path) and what is wrong with it.
    """
    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise InputError(source, f"not a newsfuse {SCHEMA_VERSION} report at {where}: "
                         f"{first.message[:200]}{more}")


def _iter_citations(data: dict[str, Any]) -> Iterator[tuple[str, str, int, int]]:
    """Every span of the report as (JSON path, article id, start, end)."""
    for si, story in enumerate(data.get("stories", ())):
        base = f"stories[{si}]"
        for i, sentence in enumerate(story.get("summary", ())):
            for j, c in enumerate(sentence.get("citations", ())):
                yield f"{base}.summary[{i}].citations[{j}]", c["article"], c["start"], c["end"]
        for i, fact in enumerate(story.get("facts", ())):
            for k, value in enumerate(fact.get("values", ())):
                for j, c in enumerate(value.get("sources", ())):
                    path = f"{base}.facts[{i}].values[{k}].sources[{j}]"
                    yield path, c["article"], c["start"], c["end"]
        for key in ("quotes", "responsibility", "timeline"):
            for i, item in enumerate(story.get(key, ())):
                for j, c in enumerate(item.get("sources", ())):
                    yield f"{base}.{key}[{i}].sources[{j}]", c["article"], c["start"], c["end"]
        for i, rel in enumerate(story.get("provenance", ())):
            for j, pair in enumerate(rel.get("aligned", ())):
                path = f"{base}.provenance[{i}].aligned[{j}]"
                yield f"{path}.from", rel["from"], pair["from"][0], pair["from"][1]
                yield f"{path}.to", rel["to"], pair["to"][0], pair["to"][1]


def check_citations(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every citation of contract JSON whose span does not slice to text of its article.

    A span is good when its article is in ``articles`` and ``0 <= start < end <= len(text)``
    and the sliced text is not blank.

    Returns:
        One dict per bad span: ``{"where", "article", "start", "end", "problem"}``; empty when
        every citation checks out.
    """
    texts = {a["id"]: a["text"] for a in data.get("articles", ())}
    problems: list[dict[str, Any]] = []
    for where, article, start, end in _iter_citations(data):
        text = texts.get(article)
        if text is None:
            problem = "article not in the report"
        elif not (0 <= start < end <= len(text)):
            problem = f"span outside the text (length {len(text)})"
        elif not text[start:end].strip():
            problem = "span is blank"
        else:
            continue
        problems.append(
            {"where": where, "article": article, "start": start, "end": end, "problem": problem}
        )
    return problems
