"""The text, Markdown and JSON renderers show every part of the report, safely."""

from __future__ import annotations

import dataclasses
import json

import pytest
from report_builder import storm_report

from newsfuse.contract import check_citations, validate
from newsfuse.errors import ConfigError
from newsfuse.render import render, render_json, render_markdown, render_text
from newsfuse.story import Report


def test_text_shows_title_summary_markers_and_legend():
    out = render_text(storm_report())
    assert out.startswith("Storm kills at least 12 in Norland\n")
    assert ("At least 12 people were killed when a storm hit the coast of Norland on Monday. "
            "[1][2]") in out
    assert "Officials later said the toll rose to 14. [2]  (figures disputed" in out
    assert "[1] Wire Agency — Storm kills 12 in Norland — 2024-03-04T08:00:00Z — id wire-1" in out
    assert "[3] id blog-3" in out


def test_text_lists_every_fact_value_with_its_sources():
    out = render_text(storm_report(), width=160)
    assert "at least 12 people [1][2] (1 independent)" in out
    assert "14 people [2]" in out
    assert "15 people [3]" in out
    assert "about 3,000 people [1][2]" in out
    assert "2.5–3 miles (= 4,023.36 m) [3]" in out
    assert "sources disagree: 12, 14, 15" in out


def test_text_states_provenance_as_a_sentence():
    out = render_text(storm_report(), width=160)
    assert ("- The Daily (daily-2) [2] is a rewrite of Wire Agency (wire-1) [1] "
            "(verbatim 43%, paraphrase 71%)") in out
    assert "- independent of each other: [1]–[3]" in out


def test_text_lists_conflicting_facts_before_agreed_ones():
    out = render_text(storm_report(), width=160)
    assert out.index("killed") < out.index("evacuated") < out.index("distance")


def test_text_shows_dates_and_times_held_in_the_normalized_unit():
    import dataclasses as dc

    from newsfuse.story import Fact, FactValue

    report = storm_report()
    story = report.stories[0]
    when = Fact("date", "date of landfall", "single_source", (
        FactValue(None, None, "exact", story.facts[0].values[0].sources, 1,
                  normalized_unit="2024-03-04"),))
    clock = Fact("time", "time of landfall", "single_source", (
        FactValue(6.0, None, "about", story.facts[0].values[0].sources, 1,
                  normalized_value=21600.0, normalized_unit="06:00"),))
    story = dc.replace(story, facts=(when, clock))
    out = render_text(dc.replace(report, stories=(story,)), width=160)
    assert "2024-03-04 [1][2]" in out
    assert "about 06:00 [1][2]" in out   # the clock time, not decimal hours


def test_text_shows_groups_timeline_quotes_responsibility_and_rejections():
    out = render_text(storm_report(), width=160)
    assert "1. [2] The Daily, [1] Wire Agency" in out
    assert "2024-03-04  Storm hits Norland; at least 12 killed [1]" in out
    assert "Mayor Ana Petrov: “We have never seen winds like this” [1]" in out
    assert "the weather office: blamed [3]" in out
    assert "rejected broken.json: malformed JSON at line 3" in out


def test_text_has_no_colour_codes_unless_asked():
    plain = render_text(storm_report())
    coloured = render_text(storm_report(), color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31mconflict" in coloured  # conflicts in bold red
    assert "\x1b[33m" in coloured or "\x1b[33;" in coloured  # the disputed note in yellow


def test_text_prints_rich_markup_in_articles_literally():
    report = storm_report()
    story = dataclasses.replace(report.stories[0], title="[bold red]Breaking[/bold red] news")
    out = render_text(dataclasses.replace(report, stories=(story,)), color=True)
    assert "[bold red]Breaking[/bold red] news" in out


def test_text_of_an_empty_report_says_so():
    assert render_text(Report((), ())) == "No stories (0 articles read).\n"


def test_markdown_has_sections_table_and_escaped_markers():
    out = render_markdown(storm_report())
    assert out.startswith("# Storm kills at least 12 in Norland\n")
    for heading in ("## Summary", "## Sources", "## Facts", "## Quotes", "## Responsibility",
                    "## Provenance", "## Independent source groups", "## Timeline",
                    "## Rejected inputs"):
        assert heading in out
    assert "| killed | people killed in the storm | **conflict** |" in out
    assert "at least 12 people \\[1\\]\\[2\\] (1 independent)<br>14 people \\[2\\]" in out
    assert "1. \\[2\\] The Daily, \\[1\\] Wire Agency" in out


def test_markdown_escapes_untrusted_markup():
    report = storm_report()
    story = dataclasses.replace(report.stories[0],
                                title="<script>alert(1)</script> [x](javascript:alert(1)) | *")
    out = render_markdown(dataclasses.replace(report, stories=(story,)))
    assert "<script>" not in out
    assert "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\| \\*" in out


def test_json_renderer_output_validates_and_cites_correctly():
    data = json.loads(render_json(storm_report()))
    validate(data)
    assert check_citations(data) == []
    assert render_json(storm_report()) == render_json(storm_report())


def test_render_dispatches_on_format_and_refuses_unknown_ones():
    report = storm_report()
    assert render(report, "md") == render_markdown(report)
    assert render(report, "json") == render_json(report)
    assert render(report, "text") == render_text(report)
    with pytest.raises(ConfigError, match="unknown format 'pdf'"):
        render(report, "pdf")


def test_clock_time_value_shows_the_time_and_zone_not_decimal_hours():
    from newsfuse.render._common import format_value
    from newsfuse.story import Citation, FactValue

    value = FactValue(value=10.0, unit="EST", qualifier="exact",
                      sources=(Citation("a", 0, 5),), independent_sources=1,
                      normalized_value=36000.0, normalized_unit="10:00")
    assert format_value(value) == "10:00 EST"
    about = FactValue(value=15.0, unit="time", qualifier="about",
                      sources=(Citation("a", 0, 5),), independent_sources=1,
                      normalized_value=54000.0, normalized_unit="15:00")
    assert format_value(about) == "about 15:00"


def test_reported_speech_is_not_shown_in_quote_marks():
    from newsfuse.render._common import quote_text

    assert quote_text("it was premature", direct=False) == "(reported) it was premature"
    assert quote_text("We will rebuild", direct=True) == "“We will rebuild”"


def test_consensus_of_a_clock_time_is_shown_as_the_time_with_its_zone():
    from newsfuse.render._common import format_consensus
    from newsfuse.story import Citation, Consensus, Fact, FactValue

    value = FactValue(value=10.0, unit="EST", qualifier="exact",
                      sources=(Citation("a", 0, 5),), independent_sources=1,
                      normalized_value=36000.0, normalized_unit="10:00")
    fact = Fact("time", "time", "single_source", (value,), Consensus(10.0, "one source"))
    assert format_consensus(fact) == "10:00 EST"


def test_an_untitled_source_is_listed_with_its_opening_words():
    report = storm_report()
    blog = next(a for a in report.articles if a.id == "blog-3")
    opening = " ".join(blog.text.split()[:5])
    text = render_text(report, width=200)
    markdown = render_markdown(report)
    # The titled wire copy keeps its title alone; the untitled blog is told by its words.
    legend = text.split("Sources", 1)[1]
    assert f"id blog-3 “{opening}" in legend
    assert f"id blog-3 — “{opening}" in markdown
    assert "Storm kills 12 in Norland — 2024-03-04T08:00:00Z — id wire-1\n" in legend
