"""The HTML report in a real headless Chromium: hostile article text never runs, our script does.

Chromium loads the page from a ``file://`` URL with ``--dump-dom`` after a virtual-time
budget, so every script on the page has run (or been blocked) before the DOM is printed.
The test proves both halves: the page's own script ran (it sets ``data-nf-ready`` and paints
the side-by-side panes) and no injected code ran (title unchanged, no injected element or
attribute in the live DOM).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_builder import WIRE, article, storm_report

from newsfuse.render.html import render_html
from newsfuse.story import AlignedPair, Relation, Report, Story

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                         "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless chromium is not installed (run .ci/browser-deps as root)")

PWN = "document.title='pwned';document.documentElement.setAttribute('data-pwned','1')"
HOSTILE = (
    f" <script>{PWN}</script>"
    f' "><img src=x onerror="{PWN}">'
    f" </script><script>{PWN}</script>"
    f" <a href=\"javascript:{PWN}\">click</a>"
    f" </textarea><svg onload=\"{PWN}\"></svg>"
    f" <iframe src=\"javascript:parent.{PWN}\"></iframe>"
)
# Chromium's own switches for a closed network: without them it tries to reach Google's hosts.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--virtual-time-budget=3000"]


class Dom(HTMLParser):
    """Elements with their attributes, and the text of the document title, from a DOM."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        # the document's <title> is the first; SVG shapes carry <title> tooltips too
        self._in_title = tag == "title" and not self.find("title")[1:]

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.elements if t == tag]


def dump_dom(page: Path, tmp_path: Path, fragment: str = "") -> Dom:
    dom = Dom()
    dom.feed(dump_html(page, tmp_path, fragment))
    dom.close()
    return dom


def dump_html(page: Path, tmp_path: Path, fragment: str = "") -> str:
    """The live DOM as HTML after the page's script ran."""
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri() + fragment],
        capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def hostile_report():
    report = storm_report(WIRE + HOSTILE)
    wire = dataclasses.replace(report.articles[0], title="Wire" + HOSTILE,
                               outlet="Agency" + HOSTILE, url=f"javascript:{PWN}")
    daily = dataclasses.replace(report.articles[1], url="https://daily.example/a?b=1&c=<2>")
    story = dataclasses.replace(report.stories[0], title="Storm" + HOSTILE)
    return dataclasses.replace(report, articles=(wire, daily) + report.articles[2:],
                               stories=(story,))


@pytest.fixture(scope="module")
def hostile_dom(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    page = tmp / "report.html"
    page.write_text(render_html(hostile_report(), title="Safe title"), encoding="utf-8")
    return dump_dom(page, tmp)


def test_the_pages_own_script_runs_in_the_browser(hostile_dom):
    html = hostile_dom.find("html")[0]
    assert html.get("data-nf-ready") == "1"
    # the script painted the aligned passages into both side-by-side panes
    marks = [a for a in hostile_dom.find("mark") if "al" in (a.get("class") or "").split()]
    assert len(marks) >= 4
    assert {a.get("data-k") for a in marks} == {"0", "1"}


def test_injected_code_in_article_text_never_runs(hostile_dom):
    assert hostile_dom.title == "Safe title"
    assert "data-pwned" not in hostile_dom.find("html")[0]
    for tag, attrs in hostile_dom.elements:
        assert not [n for n in attrs if n.lower().startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), attrs
    assert not hostile_dom.find("img") and not hostile_dom.find("iframe")
    assert len(hostile_dom.find("script")) == 2  # the JSON data and the page's own script
    assert len(hostile_dom.find("svg")) == 1  # only the provenance graph


def test_page_loads_nothing_from_outside(hostile_dom):
    for tag, attrs in hostile_dom.elements:
        assert "src" not in attrs, (tag, attrs)
        assert tag not in ("link", "iframe", "object", "embed", "base"), tag
        href = attrs.get("href")
        if href and not href.startswith("#"):
            # only the articles' own http(s) addresses, as plain links that load nothing
            assert tag == "a" and href.startswith(("https://", "http://")), (tag, attrs)
            assert "noopener" in (attrs.get("rel") or ""), attrs


def test_opening_a_citation_anchor_highlights_the_cited_passage(tmp_path):
    report = storm_report()
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    first = "At least 12 people were killed when a storm hit the coast of Norland on Monday."
    dom = dump_dom(page, tmp_path, f"#a0-0-{len(first)}")
    focused = [a for a in dom.find("mark") if "focus" in (a.get("class") or "").split()]
    assert focused and all(f"a0-0-{len(first)}" in a["data-spans"].split() for a in focused)
    # nothing else is highlighted
    others = [a for a in dom.find("mark") if a.get("data-spans")
              and f"a0-0-{len(first)}" not in a["data-spans"].split()]
    assert others and not [a for a in others if "focus" in (a.get("class") or "")]


def test_side_by_side_marks_the_aligned_words_after_emoji_and_carriage_returns(tmp_path):
    # JavaScript counts UTF-16 units (an emoji is two) and the HTML parser turns CR LF into
    # LF: both would shift the marks if the page passed Python offsets or parsed text as is.
    left_text = "\U0001F300\U0001F300 Storm update. The bridge closed at noon on Friday."
    right_text = "Local news.\r\nThe bridge closed at noon on Friday, police said."
    passage = "The bridge closed at noon on Friday"
    left, right = article("left-1", left_text), article("right-2", right_text)
    ls, rs = left_text.index(passage), right_text.index(passage)
    relation = Relation("left-1", "right-2", "copy", 0.9, 0.9, directed=True, aligned=(
        AlignedPair(ls, ls + len(passage), rs, rs + len(passage), 1.0, verbatim=True),))
    report = Report(articles=(left, right), stories=(Story(
        id="s", title="Bridge", articles=("left-1", "right-2"), provenance=(relation,)),))
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    live = dump_html(page, tmp_path)
    for pane in ("left-0", "right-0"):
        body = live.split(f'id="{pane}">', 1)[1].split("</div>", 1)[0]
        marked = re.findall(r'<mark class="al verbatim"[^>]*>([^<]*)</mark>', body)
        assert marked == [passage], (pane, body)
    assert 'tabindex="0"' in live.split('id="left-0">', 1)[1].split("</div>", 1)[0]
