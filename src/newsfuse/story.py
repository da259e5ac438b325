"""The story model: claims, provenance, facts, summary and timeline of one real-world event.

These frozen dataclasses mirror the public JSON contract (``newsfuse.contract``) one to one.
Every citation is ``(article id, start, end)`` into that article's cleaned ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.article import Article, Rejection

MEASURES = (
    "killed", "injured", "missing", "arrested", "displaced", "evacuated", "rescued",
    "magnitude", "speed", "money", "percent", "distance", "duration", "time", "date", "count",
)
FACT_STATUSES = ("agreed", "conflict", "updated", "single_source")
RELATIONS = ("duplicate", "copy", "rewrite", "shared_source", "independent")
STANCES = ("claimed", "denied", "blamed", "none_claimed")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "at_most", "less_than",
              "nearly", "range")


@dataclass(frozen=True)
class Citation:
    """A cited passage: ``article.text[start:end]`` of the article with id ``article``."""

    article: str
    start: int
    end: int
    attribution: str | None = None


# --- claims (per article, from newsfuse.claims) -------------------------------------------


@dataclass(frozen=True)
class NumberClaim:
    """A number with what it counts, as one article states it.

    Attributes:
        measure: one of MEASURES.
        about: what exactly is measured, in words ("people killed in the blasts").
        value: the number (low end of a range); None when only a word like "dozens" is given
            and no value can be read.
        value_high: high end of a range, else None.
        unit: the unit as given ("feet", "USD", "people"), or None. Speeds: "mph", "km/h",
            "knots", "m/s" (spellings of one unit share one name: "kph" is "km/h");
            earthquake magnitudes: the scale named, "magnitude", "Richter" or
            "moment magnitude".
        qualifier: one of QUALIFIERS.
        normalized_value / normalized_unit: value in a canonical unit (metres, seconds,
            km/h for speeds, ISO date) or None when there is no conversion (currencies are
            kept as given; magnitudes of different scales are not converted, so a magnitude
            has none).
        surface: the words of the number as written ("at least 41").
        citation: the span of the number mention (and its attribution, if any).
        sentence: the span of the whole sentence.
        event: ``main`` for the story's own event, ``background`` for another event
            mentioned in passing (an earlier attack, last year's funeral).
        revision: True when the wording marks an update ("rose to", "was revised").
    """

    measure: str
    about: str
    value: float | None
    unit: str | None
    qualifier: str
    surface: str
    citation: Citation
    sentence: Citation
    value_high: float | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None
    event: str = "main"
    revision: bool = False


@dataclass(frozen=True)
class Quote:
    """A quote with its speaker; ``direct`` for quoted words, else reported speech."""

    speaker: str | None
    text: str
    citation: Citation
    direct: bool = True


@dataclass(frozen=True)
class ResponsibilityClaim:
    """Who claimed, denied or was blamed for the event; actor None for "no one has claimed"."""

    actor: str | None
    stance: str
    citation: Citation


@dataclass(frozen=True)
class ArticleClaims:
    """Everything extracted from one article."""

    article: str
    numbers: tuple[NumberClaim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    responsibility: tuple[ResponsibilityClaim, ...] = ()


# --- provenance (per pair of articles, from newsfuse.provenance) --------------------------


@dataclass(frozen=True)
class AlignedPair:
    """Two aligned passages: ``source`` span in the ``from`` article, ``target`` in ``to``."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    similarity: float
    verbatim: bool = False


@dataclass(frozen=True)
class Relation:
    """How two articles of a story relate.

    ``source`` is the earlier/original article (``from`` in JSON), ``target`` the one that
    reuses it (``to``); ``directed`` is False when neither time nor containment tells the
    direction (then source/target are in id order).
    """

    source: str
    target: str
    relation: str
    verbatim: float
    paraphrase: float
    aligned: tuple[AlignedPair, ...] = ()
    directed: bool = False


# --- story-level results (from newsfuse.reconcile / summarize / timeline) -----------------


@dataclass(frozen=True)
class FactValue:
    """One value of a fact with every source that states it."""

    value: float | None
    unit: str | None
    qualifier: str
    sources: tuple[Citation, ...]
    independent_sources: int
    normalized_value: float | None = None
    normalized_unit: str | None = None
    value_high: float | None = None
    first_seen: str | None = None


@dataclass(frozen=True)
class Consensus:
    """The value newsfuse states for a fact, with the reason it is justified."""

    value: float | None
    reason: str


@dataclass(frozen=True)
class Fact:
    """A group of equivalent claims across articles, with its status."""

    measure: str
    about: str
    status: str
    values: tuple[FactValue, ...]
    consensus: Consensus | None = None


@dataclass(frozen=True)
class StoryQuote:
    """A quote across articles; ``direct`` False for reported speech (no quote marks)."""

    speaker: str | None
    text: str
    sources: tuple[Citation, ...]
    direct: bool = True


@dataclass(frozen=True)
class StoryResponsibility:
    actor: str | None
    stance: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class SummarySentence:
    """A summary sentence (a source sentence) with every article that supports it."""

    text: str
    citations: tuple[Citation, ...]
    conflict: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    text: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Story:
    """One real-world event and everything newsfuse found about it."""

    id: str
    title: str
    articles: tuple[str, ...]
    summary: tuple[SummarySentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    responsibility: tuple[StoryResponsibility, ...] = ()
    provenance: tuple[Relation, ...] = ()
    source_groups: tuple[tuple[str, ...], ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True)
class Report:
    """The result of a run: the articles, the stories found in them, and rejected inputs."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    rejected: tuple[Rejection, ...] = ()
