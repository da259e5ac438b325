"""The Markdown renderer: the report as GitHub-flavoured Markdown (tables, lists, footnote legend).

A report of many stories opens with a linked table of contents, most important story first.

Article text is untrusted: Markdown and HTML metacharacters are escaped so a pasted
``<script>`` or ``[link](javascript:...)`` prints as text in any Markdown viewer.
"""

from __future__ import annotations

import re

from newsfuse.render._common import (
    MAX_LIST_ITEMS,
    StoryIndex,
    article_label,
    article_long_label,
    compact_fact,
    conflict_count,
    date_range_text,
    fact_groups,
    format_consensus,
    format_value,
    independent_source_count,
    is_single_article,
    markers,
    provenance_lines,
    quote_text,
    shorten,
    story_anchor,
    story_dates,
    story_index,
    story_lead,
    story_order,
    story_stats,
    untitled_opening,
)
from newsfuse.story import Fact, Report, Story

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


def render_markdown(report: Report, *, full: bool = False) -> str:
    """Render a report as Markdown (ends with a newline).

    A report of many stories opens with a table of contents (biggest and most disputed
    stories first, each linked to its section) and lists single-article stories compactly at
    the end, unless ``full``. Single-source and background figures, and quotes beyond
    ``MAX_LIST_ITEMS``, are folded into ``<details>`` blocks: nothing is dropped.
    """
    lines: list[str] = []
    if not report.stories:
        lines.append(f"_No stories ({len(report.articles)} articles read)._")
    if len(report.stories) == 1:
        lines.extend(_story(report, report.stories[0], level=1))
    elif report.stories:
        stories = story_order(report)
        singles = [] if full else [s for s in stories if is_single_article(s)]
        main = [s for s in stories if s not in singles] if singles else stories
        if not main:
            main, singles = stories, []
        lines.extend(_contents(report, main, singles))
        for number, story in enumerate(main, 1):
            lines.extend(_story(report, story, level=2, number=number))
        if singles:
            lines.extend(_single_pages(report, singles, len(main) + 1))
    if report.rejected:
        lines += ["## Rejected inputs", ""]
        lines += [f"- {md_escape(r.input)}: {md_escape(r.reason)}"
                  for r in report.rejected]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _link(story: Story, text: str) -> str:
    return f"[{md_escape(text)}](#{story_anchor(story)})"


def _contents(report: Report, main: list[Story], singles: list[Story]) -> list[str]:
    """Title, counts and a linked table of the stories, most important first."""
    total = len(main) + len(singles)
    out = [f"# {total} stories from {len(report.articles)} articles", ""]
    notes = [f"{len(main)} stories of two or more articles"]
    if singles:
        notes.append(f"{len(singles)} single-article pages (at the end)")
    if report.rejected:
        notes.append(f"{len(report.rejected)} rejected inputs")
    out += ["_" + " · ".join(notes) + "_", "",
            "| # | Story | Articles | Independent sources | Dates | Conflicts |",
            "|---:|---|---:|---:|---|---:|"]
    for number, story in enumerate(main, 1):
        cell = f"**{_link(story, shorten(story.title, 100))}**"
        lead = story_lead(story, 200)
        if lead and not lead.casefold().startswith(story.title.casefold().rstrip("…")[:60]):
            cell += f"<br>{md_escape(lead)}"
        conflicts = conflict_count(story)
        out.append(f"| {number} | {cell} | {len(story.articles)} | "
                   f"{independent_source_count(story)} | "
                   f"{date_range_text(story_dates(report, story))} | "
                   f"{f'**{conflicts}**' if conflicts else '—'} |")
    out.append("")
    if singles:
        out.append("Single-article pages: " + ", ".join(
            _link(s, shorten(s.title, 60)) for s in singles) + ".")
        out.append("")
    return out


def _single_pages(report: Report, singles: list[Story], first_number: int) -> list[str]:
    out = ["## Single-article pages", "",
           "_Articles no other input reports on (off-topic or unclustered pages); their "
           "figures are unchecked. Every detail is in the JSON report._", ""]
    for number, story in enumerate(singles, first_number):
        index = story_index(report, story)
        details = [date_range_text(story_dates(report, story))]
        for aid in story.articles:
            article = index.articles.get(aid)
            details.append(article.outlet if article is not None and article.outlet else aid)
        details += [f"{n} {word}{'' if n == 1 else 's'}" for n, word in
                    ((len(story.facts), "figure"), (len(story.quotes), "quote")) if n]
        out += [f'<a id="{story_anchor(story)}"></a>', "",
                f"### {number}. {md_escape(story.title)}", "",
                "_" + md_escape(" · ".join(details)) + "_", ""]
        lead = story_lead(story, 300)
        if lead:
            out += [md_escape(lead), ""]
    return out


def _details(summary: str, body: list[str]) -> list[str]:
    """A folded block (GitHub and most viewers): the summary line shows, the body on click."""
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _story(report: Report, story: Story, *, level: int, number: int | None = None) -> list[str]:
    index = story_index(report, story)
    h = "#" * level
    sub = "#" * (level + 1)
    title = md_escape(story.title)
    out = [f'<a id="{story_anchor(story)}"></a>', ""] if number is not None else []
    out += [f"{h} {f'{number}. ' if number is not None else ''}{title}", "",
            f"_{md_escape(_facts_line(report, story))}_", ""]
    if story.summary:
        out += [f"{sub} Summary", ""]
        for sentence in story.summary:
            note = " **(figures disputed)**" if sentence.conflict else ""
            out.append(f"{md_escape(sentence.text)} {_cite(markers(sentence.citations, index))}"
                       f"{note}")
            out.append("")
    out += [f"{sub} Sources", ""]
    for n, aid, article in index.legend():
        opening = untitled_opening(article)
        tail = f" — {md_escape(opening)}" if opening else ""
        out.append(f"{n}. {md_escape(article_long_label(article, aid))}{tail}")
    out.append("")
    groups = fact_groups(story)
    if groups.checked:
        out += [f"{sub} Facts", "", "| Measure | About | Status | Values and sources | Stated |",
                "|---|---|---|---|---|"]
        for fact in groups.checked:
            out.append(_fact_row(fact, index))
        out.append("")
    for label, facts in (("Single-source figures (not cross-checked)", groups.single_source),
                         ("Background figures (other events mentioned)", groups.background)):
        if facts:
            body = [f"- {md_escape(compact_fact(f, index))}" for f in facts]
            out += _details(f"{label}: {len(facts)}", body)
    if story.quotes:
        out += [f"{sub} Quotes", ""]
        rows = [f"- **{md_escape(q.speaker or 'unnamed speaker')}**: "
                f"{md_escape(quote_text(q.text, q.direct))} {_cite(markers(q.sources, index))}"
                for q in story.quotes]
        out += rows[:MAX_LIST_ITEMS]
        out.append("")
        if len(rows) > MAX_LIST_ITEMS:
            out += _details(f"{len(rows) - MAX_LIST_ITEMS} more quotes", rows[MAX_LIST_ITEMS:])
    if story.responsibility:
        out += [f"{sub} Responsibility", ""]
        for r in story.responsibility:
            out.append(f"- {md_escape(r.actor or 'no one')}: {r.stance.replace('_', ' ')} "
                       f"{_cite(markers(r.sources, index))}")
        out.append("")
    if story.provenance:
        out += [f"{sub} Provenance", ""]
        out += [f"- {md_escape(line)}" for line in provenance_lines(story, index)]
        out.append("")
    if story.source_groups:
        out += [f"{sub} Independent source groups", ""]
        for i, group in enumerate(story.source_groups, 1):
            out.append(f"{i}. " + ", ".join(
                md_escape(f"[{index.numbers.get(a, '?')}] "
                          f"{article_label(index.articles.get(a), a)}") for a in group))
        out.append("")
    if story.timeline:
        out += [f"{sub} Timeline", ""]
        for t in story.timeline:
            out.append(f"- **{md_escape(t.date)}** {md_escape(t.text)} "
                       f"{_cite(markers(t.sources, index))}")
        out.append("")
    return out


def _facts_line(report: Report, story: Story) -> str:
    """'5 articles · 4 independent sources · 2013-07-02 – 2013-07-03 · 3 conflicts · story id s-1'."""
    return " · ".join([*story_stats(report, story), f"story id {story.id}"])


def _fact_row(fact: Fact, index: StoryIndex) -> str:
    values = "<br>".join(
        f"{md_escape(format_value(v))} {_cite(markers(v.sources, index))} "
        f"({v.independent_sources} independent)" for v in fact.values)
    status = fact.status.replace("_", " ")
    if fact.status in ("conflict", "updated"):
        status = f"**{status}**"
    stated = "—"
    if fact.consensus is not None:
        stated = md_escape(format_consensus(fact))
        if fact.status != "agreed":  # an agreed value's reason repeats its row
            stated += f": {md_escape(fact.consensus.reason)}"
    return (f"| {md_escape(fact.measure)} | {md_escape(fact.about)} | {status} | "
            f"{values} | {stated} |")
