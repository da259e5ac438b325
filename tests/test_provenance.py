"""Provenance on a hand-built story: a wire report, its copy, a hand-written spun rewrite,
an independent report of the same storm and an unrelated business report."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.align import align_story
from newsfuse.article import Article, Span
from newsfuse.embed import HashingEmbedder, load_default_embedder
from newsfuse.errors import StageError
from newsfuse.provenance import (
    Coverage,
    classify,
    coverage,
    source_groups,
    trace_provenance,
)
from newsfuse.story import AlignedPair, Relation

_SENTENCE = re.compile(r"\S.*?(?:[.!?][\"”]?(?=\s|$)|$)", re.S)


def make_article(article_id: str, paragraphs: list[str], published: str | None = None) -> Article:
    """An article whose text is the paragraphs joined by blank lines, one span per sentence."""
    text = "\n\n".join(paragraphs)
    spans = tuple(Span(m.start(), m.end()) for m in _SENTENCE.finditer(text))
    return Article(id=article_id, source=f"{article_id}.txt", original=text, text=text,
                   sentences=spans, published=published)


WIRE_P1 = ("A powerful storm tore through the coastal town of Port Halden on Saturday night, killing "
           "at least seven people and leaving thousands without power, officials said. The storm "
           "made landfall shortly after 9 p.m. with sustained winds of 110 miles per hour, "
           "according to the National Weather Service.")
WIRE_P2 = ("Emergency crews worked through the night to clear fallen trees from the main highway "
           "leading into the town. Mayor Linda Okafor said the damage was the worst she had seen in "
           "her three decades living there. \"We have lost homes, we have lost businesses, and worst "
           "of all we have lost neighbours,\" Okafor told reporters at a press conference on Sunday "
           "morning.")
WIRE_P3 = ("The county sheriff's office said 23 people were taken to hospital, four of them in "
           "critical condition. About 41,000 homes and businesses remained without electricity on "
           "Sunday, the regional utility company reported.")
WIRE_P4 = ("The governor declared a state of emergency for three counties and asked for federal "
           "disaster assistance. Forecasters warned that heavy rain would continue through Monday "
           "and could cause flash flooding in low-lying areas.")

WIRE = make_article("wire", [WIRE_P1, WIRE_P2, WIRE_P3, WIRE_P4], "2024-03-10T08:00:00+00:00")
# The same wire copy, its last paragraph replaced by local service information.
COPY = make_article("copy", [WIRE_P1, WIRE_P2, WIRE_P3, (
    "Local schools will remain closed on Monday while inspectors check the buildings for "
    "structural damage. Residents who need shelter can go to the community centre on Harbour "
    "Street, which opened its doors on Saturday night.")], "2024-03-10T11:30:00+00:00")
# Written by hand the way spinning tools rewrite: every sentence restated, some padding added.
REWRITE = make_article("rewrite", [
    "On Saturday night, a violent storm swept across the seaside community of Port Halden, "
    "claiming the lives of no fewer than seven individuals and cutting electricity to thousands, "
    "according to authorities. According to the National Weather Service, the storm came ashore "
    "just after 9 p.m., bringing sustained winds reaching 110 miles per hour.",
    "Throughout the night, emergency teams labored to remove toppled trees from the primary "
    "highway into the town. Linda Okafor, the town's mayor, described the destruction as the most "
    "severe she had witnessed during her thirty years living there. Speaking to journalists at a "
    "Sunday morning news conference, Okafor said: \"We have lost homes, we have lost businesses, "
    "and worst of all we have lost neighbours.\"",
    "Four of the 23 people brought to hospital are in critical condition, the county sheriff's "
    "office reported. The regional utility company said roughly 41,000 homes and businesses were "
    "still without electricity as of Sunday.",
    "Three counties were placed under a state of emergency by the governor, who also requested "
    "federal disaster aid. Meteorologists cautioned that heavy rain is expected to continue "
    "until Monday, possibly causing flash flooding in low-lying neighbourhoods.",
    "Storms of this strength are a stark reminder of how vulnerable coastal communities remain "
    "in the face of extreme weather. Residents are advised to stay tuned to local news outlets "
    "and official channels for further updates as the situation develops.",
])
INDEPENDENT = make_article("independent", [
    "Residents of Port Halden spent Sunday sifting through the wreckage of their homes after a "
    "storm killed seven people in the town. Tom Reyes, 54, said the wind ripped the roof off his "
    "garage while his family sheltered in the basement. \"It sounded like a freight train,\" he "
    "said.",
    "Volunteers from nearby churches handed out water, blankets and hot meals at a makeshift "
    "relief station. Hospital officials said several patients were still being treated for "
    "injuries caused by flying debris.",
    "The town's harbour, home to a small fishing fleet, was littered with overturned boats. "
    "Insurance adjusters are expected to arrive later this week to assess the losses.",
], "2024-03-11T09:00:00+00:00")
UNRELATED = make_article("unrelated", [
    "Shares of chipmaker Veltron rose 8 percent on Tuesday after the company reported quarterly "
    "revenue well above analysts' expectations. The firm said demand for its data-centre "
    "processors had doubled compared with the same period last year.",
    "Chief executive Mara Lindqvist told investors the company would open a new factory in 2026. "
    "Analysts said supply constraints could still weigh on margins in the coming months.",
])
STORY = [WIRE, COPY, REWRITE, INDEPENDENT, UNRELATED]


@pytest.fixture(scope="module")
def minilm():
    return load_default_embedder()


@pytest.fixture(scope="module")
def relations(minilm) -> dict[frozenset[str], Relation]:
    alignments = align_story(STORY, minilm)
    return {frozenset((r.source, r.target)): r for r in trace_provenance(STORY, alignments)}


def test_builder_splits_sentences_that_slice_to_text():
    # "9 p.m." ends a sentence for this simple splitter, so 9 written sentences give 10 spans.
    assert len(WIRE.sentences) == 10
    assert WIRE.sentence_texts()[0].startswith("A powerful storm")
    assert WIRE.sentence_texts()[-1].endswith("low-lying areas.")


def test_copy_with_a_changed_paragraph_is_a_copy_directed_by_time(relations):
    relation = relations[frozenset(("wire", "copy"))]
    assert relation.relation == "copy"
    assert (relation.source, relation.target, relation.directed) == ("wire", "copy", True)
    # 7 of the copy's 9 sentences are the wire's words.
    assert 0.6 <= relation.verbatim <= 0.9
    assert all(p.verbatim for p in relation.aligned)


def test_spun_rewrite_is_a_rewrite_of_the_shorter_original(relations):
    relation = relations[frozenset(("wire", "rewrite"))]
    assert relation.relation == "rewrite"
    assert (relation.source, relation.target, relation.directed) == ("wire", "rewrite", True)
    assert relation.paraphrase >= 0.5
    assert relation.verbatim < 0.2


def test_copy_and_rewrite_of_the_same_wire_share_a_source(relations):
    assert relations[frozenset(("copy", "rewrite"))].relation == "shared_source"


def test_independent_report_of_the_same_event_is_independent(relations):
    for other in ("wire", "copy", "rewrite"):
        relation = relations[frozenset((other, "independent"))]
        assert relation.relation == "independent"
        assert not relation.directed
        assert relation.source < relation.target


def test_unrelated_report_aligns_nothing(relations):
    for other in ("wire", "copy", "rewrite", "independent"):
        relation = relations[frozenset((other, "unrelated"))]
        assert relation.relation == "independent"
        assert relation.aligned == ()


def test_every_pair_of_articles_gets_one_relation(relations):
    assert len(relations) == 10


def test_aligned_spans_slice_to_sentences_of_source_and_target(relations):
    by_id = {a.id: a for a in STORY}
    for relation in relations.values():
        source, target = by_id[relation.source], by_id[relation.target]
        for pair in relation.aligned:
            assert Span(pair.source_start, pair.source_end) in source.sentences
            assert Span(pair.target_start, pair.target_end) in target.sentences


def test_source_groups_join_reusing_articles(relations):
    groups = source_groups(STORY, list(relations.values()))
    assert groups == (("copy", "rewrite", "wire"), ("independent",), ("unrelated",))


def test_provenance_does_not_depend_on_input_order(minilm):
    forward = trace_provenance(STORY, align_story(STORY, minilm))
    backward = trace_provenance(STORY[::-1], align_story(STORY[::-1], minilm))
    assert forward == backward


# --- unit behaviour with hand-built alignments ---------------------------------------------


def test_coverage_counts_sentence_characters_by_kind():
    article = make_article("x", ["Aaaa aaaa aaaa. Bbbb bbbb bbbb. Cccc cccc cccc."])
    first, second, _ = article.sentences
    result = coverage(article, [(first.start, first.end, True), (second.start, second.end, False)])
    assert result.verbatim == pytest.approx(1 / 3)
    assert result.paraphrase == pytest.approx(1 / 3)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (Coverage(0.95, 0.0), Coverage(0.92, 0.05), "duplicate"),
    (Coverage(0.7, 0.1), Coverage(0.95, 0.0), "copy"),
    (Coverage(0.05, 0.8), Coverage(0.05, 0.5), "rewrite"),
    (Coverage(0.35, 0.25), Coverage(0.2, 0.1), "copy"),
    (Coverage(0.25, 0.2), Coverage(0.2, 0.1), "shared_source"),
    # Two reports sharing a police statement: verbatim, but a small share of either body.
    (Coverage(0.2, 0.1), Coverage(0.25, 0.1), "independent"),
    (Coverage(0.0, 0.3), Coverage(0.0, 0.2), "independent"),
])
def test_classify_by_coverage(a, b, expected):
    assert classify(a, b, 6) == expected
    assert classify(b, a, 6) == expected


def test_a_few_paraphrased_sentences_are_not_a_rewrite():
    # Two reports restating the same five wire facts in their own words.
    assert classify(Coverage(0.0, 0.64), Coverage(0.0, 0.55), 5) == "independent"
    assert classify(Coverage(0.0, 0.64), Coverage(0.0, 0.55), 6) == "rewrite"


def test_two_aligned_sentences_are_not_reuse_unless_everything_is_verbatim():
    assert classify(Coverage(0.0, 0.8), Coverage(0.0, 0.6), 2) == "independent"
    assert classify(Coverage(1.0, 0.0), Coverage(1.0, 0.0), 2) == "duplicate"


def test_copy_without_times_is_directed_by_containment():
    sentences = [f"Sentence number {n} that is long enough here." for n in range(1, 7)]
    long = make_article("a", [" ".join(sentences)])
    short = make_article("b", [" ".join(sentences[:4])])
    pairs = tuple(AlignedPair(s.start, s.end, s.start, s.end, 1.0, True) for s in short.sentences)
    (relation,) = trace_provenance([long, short], {("a", "b"): pairs})
    assert relation.relation == "copy"
    assert (relation.source, relation.target, relation.directed) == ("a", "b", True)
    assert relation.verbatim == 1.0


def test_equal_coverage_without_times_is_undirected_in_id_order():
    text = ["First sentence long enough to align. Second sentence long enough to align."]
    a, b = make_article("zeta", text), make_article("alpha", text)
    pairs = tuple(AlignedPair(s.start, s.end, s.start, s.end, 1.0, True) for s in a.sentences)
    (relation,) = trace_provenance([a, b], {("alpha", "zeta"): pairs})
    assert relation.relation == "duplicate"
    assert (relation.source, relation.target, relation.directed) == ("alpha", "zeta", False)


def test_alignment_naming_an_unknown_article_is_a_stage_error():
    with pytest.raises(StageError, match="unknown article"):
        trace_provenance([WIRE], {("nope", "wire"): ()})


def test_source_groups_are_sorted_and_cover_every_article():
    relations = [Relation("c", "a", "copy", 0.8, 0.0), Relation("b", "d", "independent", 0, 0)]
    articles = [make_article(i, ["Some text long enough."]) for i in "dcba"]
    assert source_groups(articles, relations) == (("a", "c"), ("b",), ("d",))


def test_hashing_embedder_finds_the_verbatim_copy_too():
    alignments = align_story([WIRE, COPY], HashingEmbedder())
    (relation,) = trace_provenance([WIRE, COPY], alignments)
    assert relation.relation == "copy"


def _duplicate_pair(first_published: str | None, second_published: str | None) -> Relation:
    text = [" ".join(f"Sentence number {n} long enough to align." for n in range(1, 5))]
    a = make_article("a", text, first_published)
    b = make_article("b", text, second_published)
    pairs = tuple(AlignedPair(s.start, s.end, s.start, s.end, 1.0, True) for s in a.sentences)
    (relation,) = trace_provenance([a, b], {("a", "b"): pairs})
    return relation


def test_later_publication_is_the_target():
    relation = _duplicate_pair("2024-05-02T10:00:00+02:00", "2024-05-02T09:30:00+00:00")
    assert (relation.source, relation.target, relation.directed) == ("a", "b", True)
    relation = _duplicate_pair("2024-05-03", "2024-05-02")
    assert (relation.source, relation.target, relation.directed) == ("b", "a", True)


def test_a_bare_date_does_not_order_articles_of_the_same_day():
    relation = _duplicate_pair("2024-05-02", "2024-05-02T18:00:00")
    assert not relation.directed


def test_unreadable_publication_time_is_ignored():
    assert not _duplicate_pair("last Tuesday", "2024-05-02").directed


# --- source groups: complete linkage, no chains of weak links -------------------------------


def _rel(source: str, target: str, relation: str, verbatim: float, paraphrase: float) -> Relation:
    return Relation(source, target, relation, verbatim, paraphrase)


def _all_pairs(ids: str, linked: dict[str, Relation]) -> list[Relation]:
    """Every pair of ``ids``: the given relation, else independent."""
    out = []
    for x, a in enumerate(ids):
        for b in ids[x + 1:]:
            out.append(linked.get(a + b, _rel(a, b, "independent", 0.0, 0.0)))
    return out


def test_chain_of_reuse_links_does_not_make_one_group():
    # a copies b, b rewrites c, c copies d: a-c, a-d and b-d are independent of each other.
    relations = _all_pairs("abcd", {
        "ab": _rel("a", "b", "copy", 0.8, 0.1),
        "bc": _rel("b", "c", "rewrite", 0.1, 0.6),
        "cd": _rel("c", "d", "copy", 0.9, 0.0),
    })
    articles = [make_article(i, ["Some text long enough."]) for i in "abcd"]
    assert source_groups(articles, relations) == (("a", "b"), ("c", "d"))


def test_weak_shared_source_is_a_relation_but_not_a_group_edge():
    relations = _all_pairs("ab", {"ab": _rel("a", "b", "shared_source", 0.2, 0.25)})
    articles = [make_article(i, ["Some text long enough."]) for i in "ab"]
    assert source_groups(articles, relations) == (("a",), ("b",))
    relations = _all_pairs("ab", {"ab": _rel("a", "b", "shared_source", 0.4, 0.3)})
    assert source_groups(articles, relations) == (("a", "b"),)


def test_ten_republications_of_one_wire_copy_are_one_group():
    ids = "abcdefghij"
    linked = {x + y: _rel(x, y, "duplicate", 0.97, 0.0)
              for n, x in enumerate(ids) for y in ids[n + 1:]}
    articles = [make_article(i, ["Some text long enough."]) for i in ids]
    assert source_groups(articles, _all_pairs(ids, linked)) == (tuple(ids),)


def test_no_pair_inside_a_group_is_independent(relations):
    groups = source_groups(STORY, list(relations.values()))
    for group in groups:
        for x, a in enumerate(group):
            for b in group[x + 1:]:
                assert relations[frozenset((a, b))].relation != "independent"


def _sentences(prefix: str, count: int) -> list[str]:
    return [f"{prefix} sentence number {n} says something long enough to be aligned." for n in range(count)]


def test_two_trimmed_copies_of_one_wire_share_a_source_and_form_one_group():
    wire_sentences = _sentences("Wire", 8)
    wire = make_article("wire", [" ".join(wire_sentences)], "2024-01-01T08:00:00")
    first = make_article("first", [" ".join(wire_sentences[:4])], "2024-01-01T09:00:00")
    second = make_article("second", [" ".join(wire_sentences[4:])], "2024-01-01T10:00:00")

    def verbatim_pairs(a: Article, b: Article) -> tuple[AlignedPair, ...]:
        text_b = {b.text[s.start:s.end]: s for s in b.sentences}
        return tuple(AlignedPair(s.start, s.end, text_b[t].start, text_b[t].end, 1.0, True)
                     for s in a.sentences if (t := a.text[s.start:s.end]) in text_b)

    alignments = {("first", "wire"): verbatim_pairs(first, wire),
                  ("second", "wire"): verbatim_pairs(second, wire),
                  ("first", "second"): ()}
    found = {frozenset((r.source, r.target)): r for r in
             trace_provenance([wire, first, second], alignments)}
    assert found[frozenset(("first", "wire"))].relation == "copy"
    assert found[frozenset(("first", "second"))].relation == "shared_source"
    assert source_groups([wire, first, second], list(found.values())) == (("first", "second", "wire"),)


def test_a_roundup_copying_two_reports_does_not_tie_them_together():
    one, two = _sentences("One", 4), _sentences("Two", 4)
    first = make_article("first", [" ".join(one)], "2024-01-01T08:00:00")
    second = make_article("second", [" ".join(two)], "2024-01-01T08:30:00")
    roundup = make_article("roundup", [" ".join(one + two)], "2024-01-01T12:00:00")

    def verbatim_pairs(a: Article, b: Article) -> tuple[AlignedPair, ...]:
        text_b = {b.text[s.start:s.end]: s for s in b.sentences}
        return tuple(AlignedPair(s.start, s.end, text_b[t].start, text_b[t].end, 1.0, True)
                     for s in a.sentences if (t := a.text[s.start:s.end]) in text_b)

    alignments = {("first", "roundup"): verbatim_pairs(first, roundup),
                  ("roundup", "second"): verbatim_pairs(roundup, second),
                  ("first", "second"): ()}
    found = {frozenset((r.source, r.target)): r for r in
             trace_provenance([first, second, roundup], alignments)}
    assert found[frozenset(("first", "second"))].relation == "independent"
    groups = source_groups([first, second, roundup], list(found.values()))
    assert len(groups) == 2


_KINDS = ("duplicate", "copy", "rewrite", "shared_source", "independent")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.sampled_from(_KINDS),
                          st.floats(0, 1), st.floats(0, 1)), max_size=25))
def test_groups_partition_articles_and_hold_no_independent_pair(edges):
    ids = [f"a{n}" for n in range(7)]
    relations, seen = [], set()
    for x, y, kind, verbatim, paraphrase in edges:
        pair = frozenset((ids[x], ids[y]))
        if x == y or pair in seen:
            continue
        seen.add(pair)
        relations.append(Relation(ids[x], ids[y], kind, verbatim, paraphrase))
    related = {frozenset((r.source, r.target)) for r in relations if r.relation != "independent"}
    groups = source_groups([make_article(i, ["Some text long enough."]) for i in ids], relations)
    assert sorted(a for g in groups for a in g) == ids
    for group in groups:
        assert all(frozenset((a, b)) in related for n, a in enumerate(group) for b in group[n + 1:])
