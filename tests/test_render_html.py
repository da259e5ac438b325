"""The HTML page: self-contained, citations linked to marked passages, and safe with hostile text."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from report_builder import WIRE, article, span, storm_report

from newsfuse.render.html import CSS, SCRIPT, render_html, script_json
from newsfuse.story import Fact, FactValue, Relation, Report, Story, StoryQuote

HOSTILE = ' <script>alert(1)</script> "><img src=x onerror=alert(2)> </textarea><svg onload=alert(3)>'


class Page(HTMLParser):
    """Collects elements, attributes, ids, scripts and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "script":
            self._in_script = attributes
            self.scripts.append((attributes, ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_script = None

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def hostile_report():
    report = storm_report(WIRE + HOSTILE)
    wire = dataclasses.replace(report.articles[0], title="T" + HOSTILE, outlet="O" + HOSTILE,
                               url="javascript:alert(4)")
    story = dataclasses.replace(report.stories[0], title="S" + HOSTILE)
    return dataclasses.replace(report, articles=(wire,) + report.articles[1:], stories=(story,))


def test_page_is_self_contained_with_no_external_resources():
    html = render_html(storm_report())
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert not any("src" in attrs for _, attrs in page.elements)
    assert not any(tag in ("link", "iframe", "object", "embed", "img") for tag, _ in page.elements)
    hrefs = [a["href"] for tag, a in page.elements if tag == "a" and a.get("href")]
    assert all(h.startswith("#") or h == "https://wire.example/storm" for h in hrefs)


def test_csp_allows_only_the_pages_own_script_and_style_by_hash():
    html = render_html(storm_report())
    page = parse(html)
    csp = next(a["content"] for t, a in page.elements
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")

    def digest(text):
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert "default-src 'none'" in csp
    assert f"script-src 'sha256-{digest(SCRIPT)}'" in csp
    assert f"style-src 'sha256-{digest(CSS)}'" in csp
    assert "unsafe-inline" not in csp
    assert f"<script>{SCRIPT}</script>" in html and f"<style>{CSS}</style>" in html


def test_every_summary_citation_links_to_a_marked_passage_with_the_cited_words():
    report = storm_report()
    html = render_html(report)
    page = parse(html)
    links = [a["href"][1:] for t, a in page.elements if t == "a" and a.get("class") == "cite"]
    assert len(links) >= 8
    assert all(link in page.ids for link in links)
    # a0 = the wire article: its first sentence is cited by the summary
    first = "At least 12 people were killed when a storm hit the coast of Norland on Monday."
    assert f'id="a0-0-{len(first)}"' in html
    after = html.split(f'<span class="anchor" id="a0-0-{len(first)}"></span>', 1)[1]
    marked = re.sub(r"<[^>]+>", "", after)
    assert marked.startswith(first)


def test_facts_table_highlights_conflicts():
    page = parse(render_html(storm_report()))
    rows = [a.get("class") for t, a in page.elements if t == "tr" and a.get("class")]
    assert rows == ["status-conflict", "status-agreed", "status-single_source"]


def test_provenance_graph_draws_the_articles_joined_by_reuse_with_a_directed_coloured_edge():
    html = render_html(storm_report())
    page = parse(html)
    circles = [a for t, a in page.elements if t == "circle"]
    lines = [a for t, a in page.elements if t == "line"]
    assert len(circles) == 2  # wire and daily; the blog reuses nothing and is listed instead
    assert len(lines) == 1  # the rewrite; independent pairs draw no edge
    assert lines[0]["stroke"] == "#ef6c00"
    assert lines[0]["marker-end"] == "url(#arrow-0-rewrite)"
    assert "1 article reuses no text of any other and is not drawn: [3]" in html
    assert "1 pair of articles checked and found independent" in html


def large_story_report(n: int = 20):
    """``n`` one-sentence reports of one event; report 2 copies report 1, the rest independent."""
    articles = tuple(article(f"r{i:02d}", f"Report {i} says the bridge closed on Friday.",
                             title=f"Report number {i} about the bridge")
                     for i in range(1, n + 1))
    ids = [a.id for a in articles]
    provenance = [Relation("r01", "r02", "copy", 0.9, 0.95, directed=True)]
    provenance += [Relation(a, b, "independent", 0.0, 0.1)
                   for i, a in enumerate(ids) for b in ids[i + 1:] if (a, b) != ("r01", "r02")]
    story = Story(id="s-bridge", title="Bridge closed", articles=tuple(ids),
                  provenance=tuple(provenance))
    return Report(articles=articles, stories=(story,))


def test_large_story_graph_draws_only_the_reuse_and_folds_the_independent_pairs():
    html = render_html(large_story_report(20))
    page = parse(html)
    assert len([a for t, a in page.elements if t == "circle"]) == 2
    assert len([a for t, a in page.elements if t == "line"]) == 1
    assert "18 articles reuse no text of any other and are not drawn: [3], [4]," in html
    # 20 * 19 / 2 = 190 pairs, one of them the copy
    folded = html.split("<details><summary>189 pairs of articles checked and found "
                        "independent</summary>", 1)[1].split("</details>", 1)[0]
    assert "[1]–[3]" in folded and "[19]–[20]" in folded and "[1]–[2]" not in folded


def test_story_of_independent_reports_draws_no_graph():
    report = large_story_report(4)
    story = report.stories[0]
    only_independent = tuple(r for r in story.provenance if r.relation == "independent")
    report = dataclasses.replace(report, stories=(
        dataclasses.replace(story, provenance=only_independent),))
    html = render_html(report)
    assert "<svg" not in html
    assert "No article reuses text of another: all 4 articles are independent reports." in html


def test_graph_places_linked_articles_next_to_each_other_on_the_circle():
    articles = tuple(article(f"r{i}", f"Report {i}.") for i in range(1, 7))
    # 1-4 and 2-5: in number order both would be diameters crossing at the centre
    provenance = (Relation("r1", "r4", "copy", 0.9, 0.9, directed=True),
                  Relation("r2", "r5", "copy", 0.9, 0.9, directed=True))
    report = Report(articles=articles, stories=(
        Story(id="s", title="t", articles=tuple(a.id for a in articles), provenance=provenance),))
    numbers = re.findall(r'<text class="num"[^>]*>(\d+)</text>', render_html(report))
    assert numbers in (["1", "4", "2", "5"], ["1", "4", "5", "2"])  # drawn in circle order


def test_side_by_side_data_holds_the_aligned_pair():
    html = render_html(storm_report())
    page = parse(html)
    data_script = [body for attrs, body in page.scripts if attrs.get("id") == "nf-data"]
    data = json.loads(data_script[0])
    pair = data["pairs"]["0"][0]
    assert (pair["from"], pair["to"]) == ("0", "1")
    assert pair["aligned"][0][:5] == [0, 79, 0, 79, True]
    # the script reads the texts from the Articles section: they are not written twice
    assert data["texts"] == {}
    assert html.count("Mayor Ana Petrov.") == 1
    selects = [a for t, a in page.elements if t == "select"]
    assert selects == [{"class": "pair-select", "id": "pair-0", "data-story": "0"}]


def test_script_json_cannot_close_the_script_element():
    text = script_json({"x": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script> & <!--"}


def test_hostile_article_text_cannot_run_script():
    html = render_html(hostile_report())
    page = parse(html)
    assert [(a, body == SCRIPT) for a, body in page.scripts] == [
        ({"type": "application/json", "id": "nf-data"}, False), ({}, True)]
    for tag, attrs in page.elements:
        assert not [name for name in attrs if name.lower().startswith("on")], (tag, attrs)
    assert not [t for t, _ in page.elements if t in ("img", "textarea")]
    assert [t for t, _ in page.elements].count("svg") == 1  # only the provenance graph
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text  # shown as text, never as markup
    assert "javascript:" not in " ".join(str(a.get("href")) for _, a in page.elements)
    assert HOSTILE.strip() in text  # the article text the side-by-side script reads


def test_background_figures_are_folded_apart_and_their_conflicts_not_counted():
    report = storm_report()
    story = report.stories[0]
    wire = report.articles[0]
    earlier = Fact("killed", "background: people killed", "conflict", (
        FactValue(300.0, "people", "exact", (span(wire, "About 3,000"),), 1),
        FactValue(310.0, "people", "exact", (span(wire, "At least 12"),), 1)))
    report = dataclasses.replace(report, stories=(
        dataclasses.replace(story, facts=story.facts + (earlier,)),))
    html = render_html(report)
    main, folded = html.split("<details><summary>1 background figure: about other, earlier "
                              "events the reports mention</summary>", 1)
    assert "3 facts about this event, 1 in conflict" in main
    assert "1 figure about other events below" in main
    assert "people killed" in folded.split("</details>", 1)[0]
    assert "background:" not in folded.split("</details>", 1)[0]  # the section says so
    assert "3 facts (1 in conflict)" in html


def test_disputed_summary_sentence_links_to_the_facts():
    html = render_html(storm_report())
    assert '<a class="disputed" href="#facts-0">(figures disputed, see facts)</a>' in html
    assert '<h3 id="facts-0">Facts</h3>' in html


def test_many_stories_get_an_index_largest_first_linking_to_each_story():
    big = large_story_report(5).stories[0]
    small = Story(id="s-one", title="A lone report", articles=("r01",))
    report = dataclasses.replace(large_story_report(5), stories=(small, big))
    html = render_html(report)
    index = html.split('<nav id="index"', 1)[1].split("</nav>", 1)[0]
    assert index.index('href="#story-1"') < index.index('href="#story-0"')  # 5 articles first
    assert "<td>1</td><td><a href=\"#story-1\"" in index
    # the sections follow the index order and keep their ids
    assert html.index('id="story-1"') < html.index('id="story-0"')
    assert html.count('<a href="#index">all stories</a>') == 2


def test_many_quotes_fold_single_article_ones_past_the_first_twelve():
    report = storm_report()
    story = report.stories[0]
    wire, daily = report.articles[0], report.articles[1]
    shared = StoryQuote("Mayor", "We have never seen winds like this",
                        (span(wire, "We have never seen"), span(daily, "At least 12")))
    lone = tuple(StoryQuote(f"Speaker {i}", f"words {i}", (span(wire, "About 3,000"),))
                 for i in range(12))
    report = dataclasses.replace(report, stories=(
        dataclasses.replace(story, quotes=(shared,) + lone),))
    html = render_html(report)
    assert "13 quotes, 1 reported by more than one article." in html
    # The shared quote and 11 single-article ones stay open; the 12th single one folds.
    open_part, folded = html.split("<details><summary>1 more quote reported by a single "
                                   "article</summary>", 1)
    quotes_open = open_part.split("<h3>Quotes</h3>", 1)[1]
    assert "<strong>Mayor</strong>" in quotes_open
    assert "<strong>Speaker 0</strong>" in quotes_open
    assert "<strong>Speaker 11</strong>" in folded and "Speaker 11" not in open_part
