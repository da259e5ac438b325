"""Text and Markdown reports of many stories: overview first, single pages last, facts apart.

Reports are built by hand: the storm story of ``report_builder`` plus a two-article fire
story and two single-article pages, so every expected line can be checked by reading.
"""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from report_builder import article, span, storm_report

from newsfuse.contract import report_to_json
from newsfuse.render import render_json, render_markdown, render_text
from newsfuse.render._common import (
    fact_groups,
    fact_label,
    shorten,
    short_date_range,
    story_anchor,
    story_order,
)
from newsfuse.story import Consensus, Fact, FactValue, Report, Story, StoryQuote, SummarySentence

FIRE_A = "A fire destroyed a warehouse in Tessa on Friday. Two workers were hurt."
FIRE_B = "Fire gutted a Tessa warehouse on Friday night. Two workers were injured."
PAGE_X = "Subscribe to our newsletter for the best deals of the week."
PAGE_Y = "The council approved a new bus lane on Main Street."


def _fire_story() -> tuple[Story, tuple]:
    a = article("fire-a", FIRE_A, outlet="Tessa Times", published="2024-05-10T09:00:00Z")
    b = article("fire-b", FIRE_B, outlet="Valley Post", published="2024-05-11")
    hurt = Fact("injured", "workers injured", "agreed", (
        FactValue(2.0, "workers", "exact", (span(a, "Two"), span(b, "Two")), 2),
    ), Consensus(2.0, "2 stated by 2 of 2 independent sources"))
    quotes = tuple(StoryQuote(f"Speaker {i}", f"words number {i}", (span(a, "fire"),))
                   for i in range(12))
    story = Story(id="s-fire", title="Warehouse fire in Tessa", articles=("fire-a", "fire-b"),
                  summary=(SummarySentence(FIRE_A.split(". ")[0] + ".",
                                           (span(a, "A fire destroyed"),)),),
                  facts=(hurt,), quotes=quotes,
                  source_groups=(("fire-a",), ("fire-b",)))
    return story, (a, b)


def _single(aid: str, text: str, title: str) -> tuple[Story, object]:
    art = article(aid, text, title=title, published="2024-05-09")
    story = Story(id=f"s-{aid}", title=title, articles=(aid,),
                  summary=(SummarySentence(text, (span(art, text),)),))
    return story, art


def many_report() -> Report:
    storm = storm_report()
    fire, fire_articles = _fire_story()
    x, ax = _single("page-x", PAGE_X, "Deals of the week")
    y, ay = _single("page-y", PAGE_Y, "Bus lane approved")
    articles = tuple(sorted(storm.articles + fire_articles + (ax, ay), key=lambda a: a.id))
    # stories in id order, as the pipeline returns them: single pages first
    stories = tuple(sorted(storm.stories + (fire, x, y), key=lambda s: s.id))
    return Report(articles, stories, storm.rejected)


def test_stories_are_ordered_by_size_with_single_pages_last():
    titles = [s.title for s in story_order(many_report())]
    assert titles == ["Storm kills at least 12 in Norland", "Warehouse fire in Tessa",
                      "Bus lane approved", "Deals of the week"]


def test_text_opens_with_an_overview_of_every_multi_article_story():
    out = render_text(many_report())
    first_story = out.index("Story 1/2: Storm kills at least 12 in Norland")
    overview = out[:first_story]
    assert overview.startswith("4 stories from 7 articles (1 input rejected, listed at the end)")
    assert overview.index("Storm kills at least 12") < overview.index("Warehouse fire")
    storm_row = next(line for line in overview.splitlines() if "Storm kills" in line)
    # articles, independent sources, dates (second date without its year), conflicts
    # 3 articles, 2 independent groups (wire+daily, blog), one dated day, 1 conflict (killed)
    assert storm_row.split()[-4:] == ["3", "2", "2024-03-04", "1"]
    fire_row = next(line for line in overview.splitlines() if "Warehouse fire" in line)
    assert fire_row.split()[-6:] == ["2", "2", "2024-05-10", "–", "05-11", "—"]
    assert "+ 2 single-article pages, listed at the end (stories 3–4)." in overview


def test_text_lists_single_article_pages_compactly_after_the_stories():
    out = render_text(many_report())
    tail = out[out.index("Single-article pages (2)"):]
    assert out.index("Story 2/2: Warehouse fire") < out.index("Single-article pages (2)")
    assert "3. Bus lane approved" in tail and "4. Deals of the week" in tail
    assert "2024-05-09 · page-y" in tail
    assert PAGE_Y in tail
    assert "Sources" not in tail  # no full sections for a single page
    assert tail.index("Rejected inputs (1)") > tail.index("4. Deals of the week")


def test_text_shows_single_source_and_background_figures_apart_from_the_table():
    storm = storm_report()
    story = storm.stories[0]
    background = Fact("killed", "background: people killed", "single_source", (
        FactValue(40.0, "people", "exact", (span(storm.articles[2], "Storm chaos"),), 1),))
    story = dataclasses.replace(story, facts=story.facts + (background,))
    out = render_text(dataclasses.replace(storm, stories=(story,)))
    table_end = out.index("Single-source figures (not cross-checked): 1")
    assert "people evacuated" in out[:table_end]
    assert "- length of coast hit (distance): 2.5–3 miles (= 4,023.36 m) [3]" in out
    assert "Background figures (other events mentioned): 1\n- people killed: 40 people [3]" in out


def test_text_of_many_stories_caps_long_lists_and_counts_the_rest():
    out = render_text(many_report())
    assert "Speaker 7: “words number 7”" in out
    assert "Speaker 8" not in out
    assert "… and 4 more quotes (--full or --format json shows all)" in out


def test_text_full_shows_every_quote_and_single_page_in_full():
    out = render_text(many_report(), full=True)
    assert "Speaker 11: “words number 11”" in out
    assert "Single-article pages" not in out
    assert "Story 4/4: Deals of the week" in out


def test_text_of_many_stories_fits_in_the_width():
    for width in (80, 100):
        out = render_text(many_report(), width=width)
        assert max(len(line) for line in out.splitlines()) <= width
        assert not any(line.endswith(" ") for line in out.splitlines())


def test_text_of_one_story_has_no_overview_and_no_caps():
    report = many_report()
    fire = next(s for s in report.stories if s.id == "s-fire")
    out = render_text(dataclasses.replace(report, stories=(fire,)))
    assert out.startswith("Warehouse fire in Tessa\n")
    assert "Speaker 11" in out


def test_markdown_of_many_stories_links_contents_to_anchored_sections():
    out = render_markdown(many_report())
    assert out.startswith("# 4 stories from 7 articles\n")
    assert ("| 1 | **[Storm kills at least 12 in Norland](#story-s-storm)**") in out
    assert '<a id="story-s-storm"></a>\n\n## 1. Storm kills at least 12 in Norland' in out
    assert "### Summary" in out
    assert "Single-article pages: [Bus lane approved](#story-s-page-y)" in out
    assert '<a id="story-s-page-y"></a>\n\n### 3. Bus lane approved' in out
    assert out.index("## 2. Warehouse fire") < out.index("## Single-article pages")


def test_markdown_folds_single_source_figures_and_extra_quotes_without_dropping_them():
    out = render_markdown(many_report())
    assert "<summary>Single-source figures (not cross-checked): 1</summary>" in out
    assert "- length of coast hit (distance): 2.5–3 miles (= 4,023.36 m) \\[3\\]" in out
    assert "<summary>4 more quotes</summary>" in out
    for i in range(12):
        assert f"words number {i}" in out


def test_json_of_many_stories_keeps_every_story_in_pipeline_order():
    report = many_report()
    data = json.loads(render_json(report))
    assert [s["id"] for s in data["stories"]] == [s.id for s in report.stories]
    assert data == report_to_json(report)


def test_fact_groups_put_conflicts_first_and_background_apart():
    story = storm_report().stories[0]
    groups = fact_groups(story)
    assert [f.status for f in groups.checked] == ["conflict", "agreed"]
    assert [f.measure for f in groups.single_source] == ["distance"]
    assert groups.background == ()


def test_fact_label_adds_the_measure_only_when_the_words_lack_it():
    fact = Fact("magnitude", "earthquake", "agreed", ())
    assert fact_label(fact) == "earthquake (magnitude)"
    assert fact_label(Fact("killed", "background: people killed", "agreed", ())) == \
        "people killed"
    assert fact_label(Fact("count", "houses damaged", "agreed", ())) == "houses damaged"


def test_short_date_range_drops_the_shared_year_only():
    assert short_date_range(("2024-03-04", "2024-03-06")) == "2024-03-04 – 03-06"
    assert short_date_range(("2023-12-31", "2024-01-01")) == "2023-12-31 – 2024-01-01"
    assert short_date_range(("2024-03-04", "2024-03-04")) == "2024-03-04"
    assert short_date_range(None) == "undated"


def test_story_anchor_keeps_only_safe_characters():
    story = Story(id='s-1"><script>', title="t", articles=())
    assert story_anchor(story) == "story-s-1---script-"


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=0, max_size=300), st.integers(min_value=5, max_value=120))
def test_shorten_never_exceeds_the_limit_and_keeps_short_text(text, limit):
    out = shorten(text, limit)
    assert len(out) <= limit
    assert "\n" not in out
    if len(" ".join(text.split())) <= limit:
        assert out == " ".join(text.split())


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(4)))
def test_order_of_stories_in_the_report_does_not_change_the_text(perm):
    report = many_report()
    shuffled = dataclasses.replace(report, stories=tuple(report.stories[i] for i in perm))
    assert render_text(shuffled) == render_text(report)
    assert render_markdown(shuffled) == render_markdown(report)
