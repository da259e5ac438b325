"""The JSON contract: shape, schema, citation checks and round-trips."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_builder import DAILY, storm_report

from newsfuse import story as story_module
from newsfuse.article import Article, Rejection
from newsfuse.contract import (
    check_citations,
    dumps,
    load_schema,
    report_from_json,
    report_to_json,
    validate,
)
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


def checked(report: Report) -> dict:
    data = report_to_json(report)
    validate(data)
    assert check_citations(data) == []
    return data


def test_report_json_has_the_contract_shape():
    data = checked(storm_report())
    assert data["schema_version"] == "1"
    assert [a["id"] for a in data["articles"]] == ["wire-1", "daily-2", "blog-3"]
    story = data["stories"][0]
    assert story["articles"] == ["wire-1", "daily-2", "blog-3"]
    killed = story["facts"][0]
    assert killed["status"] == "conflict"
    assert [v["value"] for v in killed["values"]] == [12, 14, 15]
    assert killed["consensus"] == {"value": None, "reason": "sources disagree: 12, 14, 15"}
    assert killed["values"][1]["sources"][0]["attribution"] == "Officials"
    distance = story["facts"][2]["values"][0]
    assert distance["value_high"] == 3
    assert distance["normalized"] == {"value": 4023.36, "unit": "m"}
    rel = story["provenance"][0]
    assert (rel["from"], rel["to"], rel["directed"]) == ("wire-1", "daily-2", True)
    assert rel["aligned"][0]["from"][0] == 0 and rel["aligned"][0]["verbatim"] is True
    assert story["summary"][1]["conflict"] is True
    assert data["rejected"] == [{"input": "broken.json", "reason": "malformed JSON at line 3"}]


def test_report_json_rounds_floats_to_four_places():
    rel = report_to_json(storm_report())["stories"][0]["provenance"][0]
    assert rel["verbatim"] == 0.4321
    assert rel["aligned"][1]["similarity"] == 0.8123


def test_article_json_keeps_original_only_when_cleaning_changed_it():
    articles = report_to_json(storm_report())["articles"]
    assert "original" not in articles[0]
    assert articles[1]["original"].endswith("Subscribe to our newsletter")
    assert articles[1]["text"] == DAILY
    assert articles[1]["removed"][0]["reason"] == "newsletter sign-up"


def test_every_citation_of_the_builder_report_slices_to_the_cited_words():
    data = checked(storm_report())
    texts = {a["id"]: a["text"] for a in data["articles"]}
    quote = data["stories"][0]["quotes"][0]
    src = quote["sources"][0]
    assert texts[src["article"]][src["start"]:src["end"]] == quote["text"]


def test_check_citations_reports_bad_spans_with_their_path():
    data = report_to_json(storm_report())
    story = data["stories"][0]
    story["summary"][0]["citations"][0]["end"] = 10_000
    story["quotes"][0]["sources"][0]["article"] = "nope"
    story["timeline"][0]["sources"][0]["start"] = story["timeline"][0]["sources"][0]["end"]
    problems = {p["where"]: p["problem"] for p in check_citations(data)}
    assert problems == {
        "stories[0].summary[0].citations[0]": "span outside the text (length 196)",
        "stories[0].quotes[0].sources[0]": "article not in the report",
        "stories[0].timeline[0].sources[0]": "span outside the text (length 196)",
    }


def test_check_citations_rejects_blank_spans_and_bad_alignments():
    data = report_to_json(storm_report())
    data["articles"][2]["text"] = " " * 200
    wire_aligned = data["stories"][0]["provenance"][0]["aligned"][0]
    wire_aligned["to"] = [150, 400]
    problems = check_citations(data)
    wheres = {p["where"] for p in problems}
    assert "stories[0].provenance[0].aligned[0].to" in wheres
    assert {p["problem"] for p in problems if p["article"] == "blog-3"} == {"span is blank"}


def test_validate_names_the_offending_field():
    data = report_to_json(storm_report())
    data["stories"][0]["facts"][0]["status"] = "maybe"
    with pytest.raises(InputError) as caught:
        validate(data, source="out.json")
    assert "out.json" in str(caught.value)
    assert "stories/0/facts/0/status" in str(caught.value)


def test_validate_rejects_a_wrong_schema_version_and_unknown_keys():
    data = report_to_json(storm_report())
    with pytest.raises(InputError):
        validate({**data, "schema_version": "2"})
    with pytest.raises(InputError, match="surprise"):
        validate({**data, "surprise": 1})


def test_report_from_json_round_trips_the_builder_report():
    report = storm_report()
    data = checked(report)
    again = report_from_json(json.loads(dumps(data)))
    assert report_to_json(again) == data
    assert again.articles == report.articles
    assert again.stories[0].facts == report.stories[0].facts


def test_report_from_json_rejects_non_reports():
    with pytest.raises(InputError):
        report_from_json({"articles": []})


def test_dumps_is_deterministic_and_sorted():
    one = dumps(report_to_json(storm_report()))
    two = dumps(report_to_json(storm_report()))
    assert one == two
    assert one.index('"articles"') < one.index('"rejected"') < one.index('"schema_version"')


# --- the schema agrees with the code ----------------------------------------------------

def test_schema_enums_match_the_story_constants():
    defs = load_schema()["$defs"]
    assert defs["fact"]["properties"]["measure"]["enum"] == list(story_module.MEASURES)
    assert defs["fact"]["properties"]["status"]["enum"] == list(story_module.FACT_STATUSES)
    assert defs["relation"]["properties"]["relation"]["enum"] == list(story_module.RELATIONS)
    assert defs["responsibility"]["properties"]["stance"]["enum"] == list(story_module.STANCES)
    assert defs["value"]["properties"]["qualifier"]["enum"] == list(story_module.QUALIFIERS)


# The contract's key names as written in the task (the public promise), by object.
CONTRACT_KEYS = {
    "#": {"schema_version", "articles", "stories", "rejected"},
    "article": {"id", "title", "outlet", "url", "published", "text", "removed"},
    "removal": {"text", "reason"},
    "story": {"id", "title", "articles", "summary", "facts", "quotes", "responsibility",
              "provenance", "source_groups", "timeline"},
    "summary_sentence": {"text", "citations"},
    "citation": {"article", "start", "end"},
    "fact": {"measure", "about", "status", "values", "consensus"},
    "value": {"value", "unit", "qualifier", "normalized", "sources", "independent_sources"},
    "quote": {"speaker", "text", "sources"},
    "responsibility": {"actor", "stance", "sources"},
    "relation": {"from", "to", "relation", "verbatim", "paraphrase", "aligned"},
    "timeline_entry": {"date", "text", "sources"},
    "rejection": {"input", "reason"},
}


def test_schema_requires_exactly_the_contract_keys():
    schema = load_schema()
    for name, keys in CONTRACT_KEYS.items():
        node = schema if name == "#" else schema["$defs"][name]
        assert set(node["required"]) == keys, name


def _objects(data: dict) -> dict[str, list[dict]]:
    story = data["stories"][0]
    fact_values = [v for f in story["facts"] for v in f["values"]]
    return {
        "#": [data],
        "article": data["articles"],
        "removal": [r for a in data["articles"] for r in a["removed"]],
        "story": [story],
        "summary_sentence": story["summary"],
        "citation": [c for s in story["summary"] for c in s["citations"]],
        "fact": story["facts"],
        "value": fact_values,
        "quote": story["quotes"],
        "responsibility": story["responsibility"],
        "relation": story["provenance"],
        "timeline_entry": story["timeline"],
        "rejection": data["rejected"],
    }


def test_code_emits_every_schema_property_and_nothing_else():
    schema = load_schema()
    for name, objects in _objects(report_to_json(storm_report())).items():
        node = schema if name == "#" else schema["$defs"][name]
        allowed = set(node["properties"])
        assert objects, name
        for obj in objects:
            assert set(node["required"]) <= set(obj) <= allowed, name


# --- property: any report round-trips ---------------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=40)
_opt_text = st.none() | _text
_num = st.none() | st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 4))
_unit = st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 4))


def _solid(text: str) -> list[int]:
    """Offsets of non-blank characters: spans starting there are never blank."""
    return [i for i, ch in enumerate(text) if not ch.isspace()]


@st.composite
def reports(draw) -> Report:
    texts = draw(st.lists(st.text(min_size=2, max_size=60).filter(lambda t: t.strip()),
                          min_size=1, max_size=3))
    articles = tuple(
        Article(id=f"a{i}", source=f"in/{i}.txt", original=t + draw(st.sampled_from(["", "x"])),
                text=t, title=draw(_opt_text), outlet=draw(_opt_text),
                published=draw(_opt_text), fields=draw(st.lists(st.tuples(_text, _text),
                                                                max_size=2).map(tuple)))
        for i, t in enumerate(texts)
    )

    def cite() -> Citation:
        a = draw(st.sampled_from(articles))
        start = draw(st.sampled_from(_solid(a.text)))
        end = draw(st.integers(start + 1, len(a.text)))
        return Citation(a.id, start, end, draw(_opt_text))

    def cites() -> tuple[Citation, ...]:
        return tuple(cite() for _ in range(draw(st.integers(0, 2))))

    value = FactValue(draw(_num), draw(_opt_text), draw(st.sampled_from(story_module.QUALIFIERS)),
                      cites(), draw(st.integers(0, 5)), draw(_num), draw(_opt_text), draw(_num),
                      draw(_opt_text))
    fact = Fact(draw(st.sampled_from(story_module.MEASURES)), draw(_text),
                draw(st.sampled_from(story_module.FACT_STATUSES)), (value,),
                draw(st.none() | st.builds(Consensus, _num, _text)))
    ids = [a.id for a in articles]
    s0, s1 = _solid(articles[0].text)[0], _solid(articles[-1].text)[0]
    pair = AlignedPair(s0, s0 + 1, s1, s1 + 1, draw(_unit), draw(st.booleans()))
    relation = Relation(ids[0], ids[-1], draw(st.sampled_from(story_module.RELATIONS)),
                        draw(_unit), draw(_unit), (pair,), draw(st.booleans()))
    story = Story(
        id=draw(_text), title=draw(_text), articles=tuple(ids),
        summary=(SummarySentence(draw(_text), cites(), draw(st.booleans())),),
        facts=(fact,),
        quotes=(StoryQuote(draw(_opt_text), draw(_text), cites()),),
        responsibility=(StoryResponsibility(draw(_opt_text),
                                            draw(st.sampled_from(story_module.STANCES)),
                                            cites()),),
        provenance=(relation,),
        source_groups=(tuple(ids),),
        timeline=(TimelineEntry(draw(_text), draw(_text), cites()),),
    )
    rejected = tuple(Rejection(draw(_text), draw(_text)) for _ in range(draw(st.integers(0, 2))))
    return Report(articles, (story,), rejected)


@settings(max_examples=60, deadline=None)
@given(reports())
def test_any_report_round_trips_through_json_text(report):
    data = report_to_json(report)
    validate(data)
    assert check_citations(data) == []
    assert report_from_json(json.loads(dumps(data))) == report
