"""Hand-built reports for the contract, renderer, CLI and web tests (no pipeline stages run).

Three short reports of one invented storm; spans are found with ``str.index`` on the texts
below, so every citation slices to the words the test expects.
"""

from __future__ import annotations

from newsfuse.article import Article, Rejection, Removal, Span
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

WIRE = (
    "At least 12 people were killed when a storm hit the coast of Norland on Monday. "
    "\"We have never seen winds like this,\" said Mayor Ana Petrov. "
    "About 3,000 people were evacuated from low-lying areas."
)
DAILY = (
    "At least 12 people were killed when a storm hit the coast of Norland on Monday. "
    "Officials later said the toll rose to 14. "
    "About 3,000 people were evacuated, the fire service said."
)
BLOG = (
    "Storm chaos in Norland. Fifteen dead, according to local radio. "
    "Residents blamed the weather office for late warnings."
)


def span(article: Article, words: str, attribution: str | None = None) -> Citation:
    """A citation of the first occurrence of ``words`` in the article's text."""
    start = article.text.index(words)
    return Citation(article.id, start, start + len(words), attribution)


def article(aid: str, text: str, **meta: str) -> Article:
    """An article whose cleaned text is ``text``, one sentence per '. '-terminated piece."""
    sentences = []
    start = 0
    for piece in text.split(". "):
        end = start + len(piece) + (1 if start + len(piece) < len(text) else 0)
        sentences.append(Span(start, min(end, len(text))))
        start = end + 1
    return Article(id=aid, source=f"{aid}.txt", original=text, text=text,
                   sentences=tuple(sentences), **meta)


def storm_articles(wire_text: str = WIRE) -> tuple[Article, Article, Article]:
    """The three storm articles (the wire text may be replaced, e.g. by hostile markup)."""
    wire = article("wire-1", wire_text, outlet="Wire Agency", title="Storm kills 12 in Norland",
                   published="2024-03-04T08:00:00Z", url="https://wire.example/storm")
    daily = Article(
        id="daily-2", source="daily-2.html", original=DAILY + "\nSubscribe to our newsletter",
        text=DAILY, outlet="The Daily", title="Norland storm toll rises to 14",
        published="2024-03-04T15:00:00Z", format="html",
        removed=(Removal(len(DAILY) + 1, len(DAILY) + 28, "Subscribe to our newsletter",
                         "newsletter sign-up"),),
        fields=(("section", "world"),),
    )
    blog = article("blog-3", BLOG, outlet=None, title=None)
    return wire, daily, blog


def storm_report(wire_text: str = WIRE) -> Report:
    """A report of one story with every kind of content: facts in conflict, quotes, provenance.

    ``wire_text`` must keep the WIRE sentences (tests append hostile markup to it).
    """
    wire, daily, blog = storm_articles(wire_text)
    killed_12 = [span(wire, "At least 12"), span(daily, "At least 12")]
    first = "At least 12 people were killed when a storm hit the coast of Norland on Monday."
    quote = "We have never seen winds like this"
    shared = wire.text.index(first)
    relation = Relation(
        source="wire-1", target="daily-2", relation="rewrite", verbatim=0.43211,
        paraphrase=0.71, directed=True,
        aligned=(AlignedPair(shared, shared + len(first), 0, len(first), 1.0, verbatim=True),
                 AlignedPair(len(wire.text) - 55, len(wire.text), len(daily.text) - 57,
                             len(daily.text), 0.8123456)),
    )
    story = Story(
        id="s-storm",
        title="Storm kills at least 12 in Norland",
        articles=("wire-1", "daily-2", "blog-3"),
        summary=(
            SummarySentence(first, (span(wire, first), span(daily, first))),
            SummarySentence("Officials later said the toll rose to 14.",
                            (span(daily, "Officials later said the toll rose to 14."),),
                            conflict=True),
        ),
        facts=(
            Fact("killed", "people killed in the storm", "conflict", (
                FactValue(12.0, "people", "at_least", tuple(killed_12), 1,
                          first_seen="2024-03-04T08:00:00Z"),
                FactValue(14.0, "people", "exact", (span(daily, "14", "Officials"),), 1),
                FactValue(15.0, "people", "exact", (span(blog, "Fifteen", "local radio"),), 1),
            ), Consensus(None, "sources disagree: 12, 14, 15")),
            Fact("evacuated", "people evacuated", "agreed", (
                FactValue(3000.0, "people", "about",
                          (span(wire, "About 3,000"), span(daily, "About 3,000", "the fire service")),
                          1),
            ), Consensus(3000.0, "all sources agree")),
            Fact("distance", "length of coast hit", "single_source", (
                FactValue(2.5, "miles", "range", (span(blog, "Storm chaos"),), 1,
                          normalized_value=4023.36, normalized_unit="m", value_high=3.0),
            )),
        ),
        quotes=(StoryQuote("Mayor Ana Petrov", quote, (span(wire, quote),)),),
        responsibility=(StoryResponsibility("the weather office", "blamed",
                                            (span(blog, "Residents blamed the weather office"),)),),
        provenance=(relation,
                    Relation("blog-3", "wire-1", "independent", 0.0, 0.05)),
        source_groups=(("daily-2", "wire-1"), ("blog-3",)),
        timeline=(TimelineEntry("2024-03-04", "Storm hits Norland; at least 12 killed",
                                (span(wire, "on Monday"),)),),
    )
    return Report(articles=(wire, daily, blog), stories=(story,),
                  rejected=(Rejection("broken.json", "malformed JSON at line 3"),))
