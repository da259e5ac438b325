"""Renderers: pure functions from a :class:`~newsfuse.story.Report` to text, Markdown, JSON or HTML.

Every renderer shows the same content: summary with citation markers, facts with all their
values and sources, provenance, source groups, timeline, quotes, responsibility, rejections.
"""

from __future__ import annotations

from newsfuse.errors import ConfigError
from newsfuse.render.html import render_html
from newsfuse.render.json import render_json
from newsfuse.render.markdown import render_markdown
from newsfuse.render.text import render_text
from newsfuse.story import Report

FORMATS = ("text", "md", "json", "html")


def render(report: Report, fmt: str, *, color: bool = False, width: int = 100,
           full: bool = False) -> str:
    """Render a report in one of FORMATS.

    Args:
        report: what to render.
        fmt: ``text``, ``md``, ``json`` or ``html``.
        color: ANSI colours (text only; pass True only when writing to a terminal).
        width: line width of the text format.
        full: text and Markdown show every list in full (a report of many stories is
            otherwise condensed: long lists cut with a count of what is left out).

    Raises:
        ConfigError: unknown format.
    """
    if fmt == "text":
        return render_text(report, color=color, width=width, full=full)
    if fmt == "md":
        return render_markdown(report, full=full)
    if fmt == "json":
        return render_json(report)
    if fmt == "html":
        return render_html(report)
    raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown", "render_text"]
