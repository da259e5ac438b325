"""The terminal renderer (rich): a readable report, in colour only when asked (on a TTY).

A report of many stories opens with an overview (biggest and most disputed stories first),
then each story; single-article pages are listed compactly at the end. Article text is
untrusted: it is always wrapped in :class:`rich.text.Text`, never parsed as rich markup, so
``[bold]`` in an article prints as written.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from newsfuse.render._common import (
    MAX_LIST_ITEMS,
    StoryIndex,
    article_label,
    article_long_label,
    compact_fact,
    conflict_count,
    date_range_text,
    fact_groups,
    fact_label,
    format_consensus,
    format_value,
    independent_source_count,
    is_single_article,
    markers,
    provenance_lines,
    quote_text,
    short_date_range,
    shorten,
    story_dates,
    story_index,
    story_lead,
    story_order,
    story_stats,
    untitled_opening,
)
from newsfuse.story import Fact, Report, Story

_STATUS_STYLE = {"conflict": "bold red", "updated": "yellow", "agreed": "green",
                 "single_source": "dim"}


def render_text(report: Report, *, color: bool = False, width: int = 100,
                full: bool = False) -> str:
    """Render a report for a terminal.

    A report of one story shows everything. A report of many opens with an overview, shows
    the stories of two or more articles in full but with long lists cut to
    ``MAX_LIST_ITEMS`` entries (the rest counted), and lists single-article stories compactly
    at the end, unless ``full``.

    Args:
        report: what to render.
        color: emit ANSI colours and styles (only for a TTY).
        width: the line width to wrap at.
        full: show every story and every list in full, even in a report of many stories.

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
    if len(report.stories) == 1:
        _story(console, report, report.stories[0], "", limit=None)
    elif report.stories:
        stories = story_order(report)
        singles = [] if full else [s for s in stories if is_single_article(s)]
        main = [s for s in stories if s not in singles] if singles else stories
        if len(main) == 0:  # nothing but single pages: show them all in full
            main, singles = stories, []
        _overview(console, report, main, singles)
        for number, story in enumerate(main, 1):
            console.rule(style="dim")
            _story(console, report, story, f"Story {number}/{len(main)}: ",
                   limit=None if full else MAX_LIST_ITEMS)
        if singles:
            _single_pages(console, report, singles, first_number=len(main) + 1)
    if report.rejected:
        console.print()
        console.print(Text(f"Rejected inputs ({len(report.rejected)})", style="bold red"))
        for rejection in report.rejected:
            console.print(Text(f"  {rejection.line()}"))
    # rich pads tables and indented blocks to the full width; trailing blanks only get in
    # the way of a reader who copies or greps the report.
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


def _overview(console: Console, report: Report, main: list[Story],
              singles: list[Story]) -> None:
    """The first screen of a many-story report: one row per story, most important first."""
    total = len(main) + len(singles)
    head = f"{total} stories from {len(report.articles)} articles"
    if report.rejected:
        rejected = len(report.rejected)
        head += f" ({_count(rejected, 'input')} rejected, listed at the end)"
    console.print(Text(head, style="bold"))
    # Fixed columns: '#', articles, sources, dates, conflicts and their padding take 52
    # columns; the story column gets the rest, so each row is the title plus a lead line.
    story_width = max(30, console.width - 52)
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Story (first summary sentence)", width=story_width, overflow="fold")
    table.add_column("Art.", justify="right", no_wrap=True)
    table.add_column("Src.", justify="right", no_wrap=True)
    table.add_column("Dates", no_wrap=True)
    table.add_column("Confl.", justify="right", no_wrap=True)
    for number, story in enumerate(main, 1):
        title = shorten(story.title, story_width)
        cell = Text(title, style="bold")
        lead = story_lead(story, 2 * story_width - 12)
        if lead and not _same_start(lead, story.title):
            cell.append("\n" + lead, style="dim")
        conflicts = conflict_count(story)
        table.add_row(str(number), cell, str(len(story.articles)),
                      str(independent_source_count(story)),
                      short_date_range(story_dates(report, story)),
                      Text(str(conflicts) if conflicts else "—",
                           style="bold red" if conflicts else "dim"))
    console.print(table)
    if singles:
        console.print(Text(f"+ {len(singles)} single-article pages, listed at the end "
                           f"(stories {len(main) + 1}–{total}).", style="dim"))
    console.print()


def _same_start(lead: str, title: str) -> bool:
    """True when the lead only repeats the title (titles are often the first sentence)."""
    a, b = lead.casefold().rstrip("…"), title.casefold().rstrip("…")
    n = min(len(a), len(b), 60)
    return a[:n] == b[:n]


def _single_pages(console: Console, report: Report, singles: list[Story],
                  first_number: int) -> None:
    """Single-article stories, two or three lines each (``--full`` shows them in full)."""
    console.rule(style="dim")
    console.print(Text(f"Single-article pages ({len(singles)})", style="bold cyan"))
    console.print(Text("Articles no other input reports on (off-topic or unclustered pages); "
                       "their figures are unchecked. Every detail is in --format json "
                       "or --full.", style="dim"))
    for number, story in enumerate(singles, first_number):
        index = story_index(report, story)
        console.print()
        line = Text(f"{number}. ", style="bold")
        line.append(shorten(story.title, 120), style="bold")
        console.print(line)
        details = [date_range_text(story_dates(report, story))]
        for aid in story.articles:
            article = index.articles.get(aid)
            details.append(article.outlet if article is not None and article.outlet else aid)
        details += [_count(len(story.facts), "figure"), _count(len(story.quotes), "quote")]
        console.print(Padding(Text(" · ".join(d for d in details if d), style="dim"),
                              (0, 0, 0, 3)))
        lead = story_lead(story, 240)
        if lead and not _same_start(lead, story.title):
            console.print(Padding(Text(lead), (0, 0, 0, 3)))
    console.print()


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _count(n: int, word: str) -> str:
    """'1 quote', '3 quotes', '' for none."""
    return f"{n} {word}{'' if n == 1 else 's'}" if n else ""


def _more(console: Console, hidden: int, what: str) -> None:
    if hidden > 0:
        console.print(Text(f"  … and {_count(hidden, 'more ' + what)} (--full or --format json "
                           f"shows all)", style="dim"))


def _story(console: Console, report: Report, story: Story, prefix: str,
           limit: int | None) -> None:
    index = story_index(report, story)
    console.print(Text(prefix + story.title, style="bold cyan"))
    console.print(Text(_story_facts_line(report, story, index), style="dim"))

    if story.summary:
        _heading(console, "Summary")
        for sentence in story.summary:
            line = Text(sentence.text)
            line.append(" " + markers(sentence.citations, index), style="cyan")
            if sentence.conflict:
                line.append("  (figures disputed, see facts)", style="yellow")
            console.print(line)

    _legend(console, index)
    _facts(console, story, index, limit)

    if story.quotes:
        _heading(console, "Quotes")
        shown = story.quotes if limit is None else story.quotes[:limit]
        for quote in shown:
            line = Text(f"{quote.speaker or 'unnamed speaker'}: ", style="bold")
            line.append(quote_text(quote.text, quote.direct))
            line.append(f" {markers(quote.sources, index)}", style="cyan")
            console.print(line)
        _more(console, len(story.quotes) - len(shown), "quote")

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
        shown = story.timeline if limit is None else story.timeline[:limit]
        for entry in shown:
            line = Text(f"{entry.date}  ", style="bold")
            line.append(entry.text)
            line.append(f" {markers(entry.sources, index)}", style="cyan")
            console.print(line)
        _more(console, len(story.timeline) - len(shown), "timeline line")
    console.print()


def _story_facts_line(report: Report, story: Story, index: StoryIndex) -> str:
    """'5 articles · 4 independent sources · 2013-07-02 – 2013-07-03 · 3 conflicts · id s-1'."""
    outlets = {index.articles[a].outlet for a in story.articles
               if a in index.articles and index.articles[a].outlet}
    return " · ".join([*story_stats(report, story, outlets=len(outlets)), f"id {story.id}"])


def _facts(console: Console, story: Story, index: StoryIndex, limit: int | None) -> None:
    """Cross-checked facts in a table (conflicts first); single-source and background
    figures one line each, apart, so the table is not buried in unchecked numbers."""
    groups = fact_groups(story)
    if groups.checked:
        _heading(console, "Facts")
        table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=True, pad_edge=False)
        table.add_column("Fact", ratio=2, overflow="fold")
        table.add_column("Status", no_wrap=True)
        table.add_column("Values and sources", ratio=4, overflow="fold")
        table.add_column("Stated", ratio=3, overflow="fold")
        for fact in groups.checked:
            _fact_row(table, fact, index)
        console.print(table)
    for title, facts in (("Single-source figures (not cross-checked)", groups.single_source),
                         ("Background figures (other events mentioned)", groups.background)):
        if not facts:
            continue
        _heading(console, f"{title}: {len(facts)}")
        shown = facts if limit is None else facts[:limit]
        for fact in shown:
            line = Text("- ")
            if fact.status in ("conflict", "updated"):
                line.append(f"{fact.status}: ", style=_STATUS_STYLE[fact.status])
            line.append(compact_fact(fact, index))
            console.print(line)
        _more(console, len(facts) - len(shown), "figure")


def _fact_row(table: Table, fact: Fact, index: StoryIndex) -> None:
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
        if fact.status != "agreed":  # an agreed value's reason repeats its row
            stated.append(f"\n{fact.consensus.reason}", style="dim")
    label = Text(fact_label(fact))
    table.add_row(label, Text(fact.status.replace("_", " "), style=style), values, stated)


def _legend(console: Console, index: StoryIndex) -> None:
    _heading(console, "Sources")
    for number, aid, article in index.legend():
        line = Text(f"[{number}] ", style="cyan")
        line.append(article_long_label(article, aid))
        opening = untitled_opening(article)
        if opening:
            line.append(f" {opening}", style="italic")
        console.print(line)
