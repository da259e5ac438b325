"""The Markdown renderer: the report as GitHub-flavoured Markdown (tables, lists, footnote legend).

Article text is untrusted: Markdown and HTML metacharacters are escaped so a pasted
``<script>`` or ``[link](javascript:...)`` prints as text in any Markdown viewer.
"""

from __future__ import annotations

import re

from newsfuse.render._common import (
    format_consensus,
    quote_text,
    article_label,
    article_long_label,
    format_value,
    markers,
    provenance_lines,
    sorted_facts,
    story_index,
)
from newsfuse.story import Report, Story

# Backslash-escapes work for every ASCII punctuation character in CommonMark; these are the
# ones that can start markup inline. '&' becomes an entity so "&lt;" stays literal.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Escape untrusted text for inline Markdown (newlines become spaces)."""
    text = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))


def _cite(marks: str) -> str:
    # markers are "[1][2]": escape the brackets so they are not read as link references.
    return md_escape(marks)


def render_markdown(report: Report) -> str:
    """Render a report as Markdown (ends with a newline)."""
    lines: list[str] = []
    if not report.stories:
        lines.append(f"_No stories ({len(report.articles)} articles read)._")
    for story in report.stories:
        lines.extend(_story(report, story))
    if report.rejected:
        lines += ["## Rejected inputs", ""]
        lines += [f"- {md_escape(r.input)}: {md_escape(r.reason)}"
                  for r in report.rejected]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _story(report: Report, story: Story) -> list[str]:
    index = story_index(report, story)
    out = [f"# {md_escape(story.title)}", "",
           f"_{len(story.articles)} articles · story id {md_escape(story.id)}_", ""]
    if story.summary:
        out += ["## Summary", ""]
        for sentence in story.summary:
            note = " **(figures disputed)**" if sentence.conflict else ""
            out.append(f"{md_escape(sentence.text)} {_cite(markers(sentence.citations, index))}"
                       f"{note}")
            out.append("")
    out += ["## Sources", ""]
    for number, aid, article in index.legend():
        out.append(f"{number}. {md_escape(article_long_label(article, aid))}")
    out.append("")
    if story.facts:
        out += ["## Facts", "", "| Measure | About | Status | Values and sources | Stated |",
                "|---|---|---|---|---|"]
        for fact in sorted_facts(story):
            values = "<br>".join(
                f"{md_escape(format_value(v))} {_cite(markers(v.sources, index))} "
                f"({v.independent_sources} independent)" for v in fact.values)
            status = fact.status.replace("_", " ")
            if fact.status in ("conflict", "updated"):
                status = f"**{status}**"
            stated = "—"
            if fact.consensus is not None:
                stated = (f"{md_escape(format_consensus(fact))}: "
                          f"{md_escape(fact.consensus.reason)}")
            out.append(f"| {md_escape(fact.measure)} | {md_escape(fact.about)} | {status} | "
                       f"{values} | {stated} |")
        out.append("")
    if story.quotes:
        out += ["## Quotes", ""]
        for q in story.quotes:
            out.append(f"- **{md_escape(q.speaker or 'unnamed speaker')}**: "
                       f"{md_escape(quote_text(q.text, q.direct))} {_cite(markers(q.sources, index))}")
        out.append("")
    if story.responsibility:
        out += ["## Responsibility", ""]
        for r in story.responsibility:
            out.append(f"- {md_escape(r.actor or 'no one')}: {r.stance.replace('_', ' ')} "
                       f"{_cite(markers(r.sources, index))}")
        out.append("")
    if story.provenance:
        out += ["## Provenance", ""]
        out += [f"- {md_escape(line)}" for line in provenance_lines(story, index)]
        out.append("")
    if story.source_groups:
        out += ["## Independent source groups", ""]
        for i, group in enumerate(story.source_groups, 1):
            out.append(f"{i}. " + ", ".join(
                md_escape(f"[{index.numbers.get(a, '?')}] "
                          f"{article_label(index.articles.get(a), a)}") for a in group))
        out.append("")
    if story.timeline:
        out += ["## Timeline", ""]
        for t in story.timeline:
            out.append(f"- **{md_escape(t.date)}** {md_escape(t.text)} "
                       f"{_cite(markers(t.sources, index))}")
        out.append("")
    return out
