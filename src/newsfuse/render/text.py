"""The terminal renderer (rich): a readable report, in colour only when asked (on a TTY).

Article text is untrusted: it is always wrapped in :class:`rich.text.Text`, never parsed as
rich markup, so ``[bold]`` in an article prints as written.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfuse.render._common import (
    format_consensus,
    quote_text,
    StoryIndex,
    article_label,
    article_long_label,
    format_value,
    markers,
    provenance_lines,
    sorted_facts,
    story_index,
)
from newsfuse.story import Report, Story

_STATUS_STYLE = {"conflict": "bold red", "updated": "yellow", "agreed": "green",
                 "single_source": "dim"}


def render_text(report: Report, *, color: bool = False, width: int = 100) -> str:
    """Render a report for a terminal.

    Args:
        report: what to render.
        color: emit ANSI colours and styles (only for a TTY).
        width: the line width to wrap at.

    Returns:
        The report as text, ending with a newline.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, no_color=not color,
        color_system="standard" if color else None, highlight=False, emoji=False,
        markup=False, soft_wrap=False, legacy_windows=False,
    )
    if not report.stories:
        console.print(Text(f"No stories ({len(report.articles)} articles read).", style="bold"))
    for number, story in enumerate(report.stories, 1):
        if number > 1:
            console.rule(style="dim")
        _story(console, report, story, number, len(report.stories))
    if report.rejected:
        console.print()
        console.print(Text(f"Rejected inputs ({len(report.rejected)})", style="bold red"))
        for rejection in report.rejected:
            console.print(Text(f"  {rejection.line()}"))
    return buffer.getvalue()


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _story(console: Console, report: Report, story: Story, number: int, total: int) -> None:
    index = story_index(report, story)
    prefix = f"Story {number}/{total}: " if total > 1 else ""
    console.print(Text(prefix + story.title, style="bold cyan"))
    outlets = {index.articles[a].outlet for a in story.articles
               if a in index.articles and index.articles[a].outlet}
    console.print(Text(f"{len(story.articles)} articles, {len(outlets)} named outlets, "
                       f"id {story.id}", style="dim"))

    if story.summary:
        _heading(console, "Summary")
        for sentence in story.summary:
            line = Text(sentence.text)
            line.append(" " + markers(sentence.citations, index), style="cyan")
            if sentence.conflict:
                line.append("  (figures disputed, see facts)", style="yellow")
            console.print(line)

    _legend(console, index)

    if story.facts:
        _heading(console, "Facts")
        table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=True, pad_edge=False)
        table.add_column("Measure", no_wrap=True)
        table.add_column("About", ratio=2, overflow="fold")
        table.add_column("Status", no_wrap=True)
        table.add_column("Values and sources", ratio=4, overflow="fold")
        table.add_column("Stated", ratio=3, overflow="fold")
        for fact in sorted_facts(story):
            style = _STATUS_STYLE.get(fact.status, "")
            values = Text()
            for i, value in enumerate(fact.values):
                if i:
                    values.append("\n")
                values.append(format_value(value), style=style if fact.status != "agreed" else "")
                values.append(f" {markers(value.sources, index)}", style="cyan")
                values.append(f" ({value.independent_sources} independent)", style="dim")
            stated = Text("—")
            if fact.consensus is not None:
                stated = Text(format_consensus(fact))
                stated.append(f"\n{fact.consensus.reason}", style="dim")
            table.add_row(Text(fact.measure), Text(fact.about),
                          Text(fact.status.replace("_", " "), style=style), values, stated)
        console.print(table)

    if story.quotes:
        _heading(console, "Quotes")
        for quote in story.quotes:
            line = Text(f"{quote.speaker or 'unnamed speaker'}: ", style="bold")
            line.append(quote_text(quote.text, quote.direct))
            line.append(f" {markers(quote.sources, index)}", style="cyan")
            console.print(line)

    if story.responsibility:
        _heading(console, "Responsibility")
        for item in story.responsibility:
            actor = item.actor or "no one"
            line = Text(f"{actor}: {item.stance.replace('_', ' ')}")
            line.append(f" {markers(item.sources, index)}", style="cyan")
            console.print(line)

    if story.provenance:
        _heading(console, "Provenance")
        for line in provenance_lines(story, index):
            console.print(Text(f"- {line}"))

    if story.source_groups:
        _heading(console, "Independent source groups")
        for i, group in enumerate(story.source_groups, 1):
            names = ", ".join(f"[{index.numbers.get(a, '?')}] "
                              f"{article_label(index.articles.get(a), a)}" for a in group)
            console.print(Text(f"{i}. {names}"))

    if story.timeline:
        _heading(console, "Timeline")
        for entry in story.timeline:
            line = Text(f"{entry.date}  ", style="bold")
            line.append(entry.text)
            line.append(f" {markers(entry.sources, index)}", style="cyan")
            console.print(line)
    console.print()


def _legend(console: Console, index: StoryIndex) -> None:
    _heading(console, "Sources")
    for number, aid, article in index.legend():
        line = Text(f"[{number}] ", style="cyan")
        line.append(article_long_label(article, aid))
        console.print(line)
