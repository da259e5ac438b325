"""Cross-check claims across independent sources: group equivalent claims into facts.

A fact is one thing measured about the story's own event (people killed, distance of the
first blast from the grave); its values list every citation and how many *independent*
source groups state them, so a story copied five times still counts once.

Not every number is a value of a fact:

* a *part* of a total (a casualty count qualified by a subgroup or a smaller place:
  "including 5 children", "12 of them", "10 people were killed in neighbouring X
  district") when the story states a larger total of the same measure becomes a fact of
  its own whose ``about`` starts with ``part:``; it never conflicts with the total;
* background figures (another, earlier event) are facts of their own (``background:``);
* "N counts of <offence>" are charges, not counts of anything in the event, and are left
  out;
* speeds compare in km/h within ``MAX_UNIT_REL_DIFF`` (120 mph = 193 km/h); earthquake
  magnitudes have no tolerance at all: 7.2 and 7.3 for one quake (agencies often differ)
  are a ``conflict``, never merged. A magnitude of an aftershock is another fact than the
  main quake's (its ``about`` differs);
* a date is a fact only when its day is known (ISO ``YYYY-MM-DD`` or ``YYYY-MM``) and it is
  about the story's event; dates naming the same day merge whatever words surround them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from newsfuse.story import (
    MEASURES,
    ArticleClaims,
    Citation,
    Consensus,
    Fact,
    FactValue,
    NumberClaim,
    Quote,
    ResponsibilityClaim,
    StoryQuote,
    StoryResponsibility,
)
from newsfuse.units import unit_text

# Relative tolerance for values in physical units: conversions and rounding by the
# writer ("500 metres" vs "1,640 feet" = 499.9 m) must compare equal, while 1 mile vs
# 1.5 km must not. Counts of people have no tolerance: 41 and 42 disagree.
MAX_UNIT_REL_DIFF = 0.05
# "about 100" covers what a writer would round to 100.
MAX_ABOUT_REL_DIFF = 0.10
# Word overlap (Jaccard) above which two "about" phrases name the same thing measured.
MIN_ABOUT_OVERLAP = 0.5
# Quotes whose normalised texts are at least this similar (rapidfuzz ratio, 0-100) merge.
MIN_QUOTE_RATIO = 90.0

_POINT = frozenset({"exact", "about", "nearly"})
_LOWER = frozenset({"at_least", "more_than"})
_UPPER = frozenset({"up_to", "at_most", "less_than"})
# Measures where a second distinct value in one article usually measures a second thing
# (first/second blast), unlike casualty counts where it is an update of the same count.
_POSITIONAL_MEASURES = frozenset({"distance", "duration", "time"})
# Measures numbered by order of mention when no ordinal word names which one it is. Not
# durations: the spans one report gives ("one day after", "eight days ago", "within 10
# days") follow no common order across reports, and numbering them joined unrelated spans
# of different articles into false conflicts (ECB+ 31_ecbplus, 41_ecbplus, 19_ecb).
_ORDERED_MEASURES = frozenset({"distance", "time"})

_ORDINALS = {
    "first": 1, "initial": 1, "1st": 1, "earlier": 1,
    "second": 2, "2nd": 2, "other": 2, "later": 2, "latter": 2,
    "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
}
_ORDINAL_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
_STOPWORDS = frozenset(
    "a an the of in on at to from for by with and or as among into during after before near "
    "about around some who which that were was is are be been has have had its their his her "
    "this these those than more least over up".split()
)
# Words that restate the measure itself or a generic head noun: "people killed",
# "individuals injured", "the death toll". They carry no information about *who*.
_GENERIC = frozenset(
    "people person persons individual individuals others other victim victims toll death "
    "deaths dead die died killed kill killing injured injury injuries wounded wound hurt "
    "number total least life lives fatalities casualties casualty count distance duration "
    "time date amount percent percentage sum".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    # A light suffix stripper: enough to match "blasts"/"blast", "policemen"/"policeman".
    for suffix, repl in (("men", "man"), ("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + repl
    return word


def about_words(about: str) -> frozenset[str]:
    """The content words of an ``about`` phrase, lower-cased and lightly stemmed."""
    return frozenset(
        _stem(w) for w in _WORD.findall(about.lower()) if w not in _STOPWORDS
    )


def _owner(about: str) -> str | None:
    """The named owner of a count ("points (Ortiz)" -> "ortiz"), if any."""
    m = re.search(r"\(([^()]+)\)\s*$", about)
    return m.group(1).lower() if m else None


def _counted_noun(about: str) -> str | None:
    """The counted noun of a count's ``about`` ("bombs placed" -> "bomb"), stemmed."""
    for word in _WORD.findall(about.lower()):
        if word not in _STOPWORDS and word not in _ORDINALS:
            return _stem(word)
    return None


def _anchor(about: str) -> int | None:
    """The ordinal the phrase names ("the second blast" -> 2), if any."""
    for word in _WORD.findall(about.lower()):
        if word in _ORDINALS:
            return _ORDINALS[word]
    return None


_PREPOSITIONS = frozenset("in at from by during after before near on of over since".split())
_CASUALTY_MEASURES = frozenset(
    {"killed", "injured", "missing", "arrested", "displaced", "evacuated", "rescued"}
)
# Measures whose "about" must name something in common to merge: two times of day or two
# dates without any shared word are usually of different moments (blast vs. press briefing).
_NEED_SHARED_WORDS = frozenset({"time", "date"})
# Unit words say how a duration is measured, not what lasts: never its key noun.
_TIME_UNITS = frozenset("second minute hour day week month year s".split())


def _subject(about: str, measure: str) -> frozenset[str]:
    """Who or what is measured, without generic words.

    Casualty counts: the words before the first preposition ("policemen among the dead" ->
    policeman, "people killed in the blasts" -> nothing specific). Counts: the counted noun
    (first word). Other measures: every content word.
    """
    words = [w for w in _WORD.findall(about.lower()) if w not in _ORDINALS]
    if measure in _CASUALTY_MEASURES:
        cut = next((i for i, w in enumerate(words) if w in _PREPOSITIONS | {"among"}), len(words))
        words = words[:cut]
    elif measure == "count":
        # The counted noun and the verb of its clause ("homes destroyed" is not "homes
        # damaged"; "houses" alone may be either).
        words = [w for w in words if w not in _STOPWORDS][:2]
    return frozenset(
        _stem(w) for w in words if w not in _STOPWORDS and _stem(w) not in _GENERIC
        and w not in _GENERIC
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _central(claim: NumberClaim) -> float | None:
    return claim.normalized_value if claim.normalized_value is not None else claim.value


def _is_round(x: float) -> bool:
    """One significant figure (10, 100, 200, 3000): the kind of number a writer rounds to."""
    if x <= 0 or x != int(x) or x < 10:
        return False
    magnitude = 10 ** int(math.floor(math.log10(x)))
    return int(x) % magnitude == 0


def _has_unit(claim: NumberClaim) -> bool:
    # Percentages are written as precise as they are known (88.41% of voters): no unit
    # tolerance, or 88.41% and 90% would read as one figure.
    return claim.normalized_unit is not None and claim.measure not in {
        "killed", "injured", "missing", "arrested", "displaced", "evacuated", "rescued", "count",
        "percent",
    }


@dataclass(frozen=True)
class _Interval:
    lo: float
    hi: float
    point: bool  # a central figure the report commits to (not a rounded bound)


def _interval(claim: NumberClaim) -> _Interval | None:
    """The values a claim allows.

    Decision (documented in the module's tests): a lower bound with a round number
    ("more than 100") is a rounding down and allows any higher value; a lower bound with a
    precise number ("at least 95") is the report's own count, so it is compared as the
    point 95. Two reports giving different central figures disagree even when the logic
    of "at least" would allow both.
    """
    c = _central(claim)
    if c is None:
        return None
    tol = MAX_UNIT_REL_DIFF if _has_unit(claim) else 0.0
    q = claim.qualifier
    raw = claim.value if claim.value is not None else c
    scale = c / raw if raw else 1.0
    if q == "range" and claim.value_high is not None:
        return _Interval(c * (1 - tol), claim.value_high * scale * (1 + tol), False)
    if q in _LOWER and _is_round(raw):
        return _Interval(c + (1e-9 if q == "more_than" else 0.0), math.inf, False)
    if q in _UPPER and _is_round(raw):
        return _Interval(-math.inf, c - (1e-9 if q == "less_than" else 0.0), False)
    if q in {"about", "nearly"}:
        # "about 40" is a rounded figure, not a count: it allows 38 and 41 alike, so it
        # supports no single figure. "about 1,640 feet" still commits to a value.
        low = c * (1 - max(tol, MAX_ABOUT_REL_DIFF))
        high = c * (1 + (tol if q == "nearly" else max(tol, MAX_ABOUT_REL_DIFF)))
        return _Interval(low, high, not _is_round(raw))
    return _Interval(c * (1 - tol), c * (1 + tol), True)


def _compatible(a: NumberClaim, b: NumberClaim) -> bool:
    if a.normalized_unit is None and b.normalized_unit is None and a.unit and b.unit:
        if a.unit.lower() != b.unit.lower() and a.measure == "money":
            return False
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return True
    if ia.point and ib.point:
        # Two committed figures agree only when each lies in the other's tolerance.
        ca, cb = _central(a), _central(b)
        return ia.lo <= cb <= ia.hi or ib.lo <= ca <= ib.hi  # type: ignore[operator]
    return ia.lo <= ib.hi and ib.lo <= ia.hi


def compatible_claims(a: NumberClaim, b: NumberClaim) -> bool:
    """Whether two claims of one measure can both be true (``41`` and ``more than 40``)."""
    return _compatible(a, b)


def _same_value(a: NumberClaim, b: NumberClaim) -> bool:
    """Whether two claims state the same value (merged into one FactValue)."""
    ca, cb = _central(a), _central(b)
    if ca is None or cb is None:
        return ca is None and cb is None and a.surface.lower() == b.surface.lower()
    point_a, point_b = a.qualifier in _POINT, b.qualifier in _POINT
    if not (point_a and point_b) and a.qualifier != b.qualifier:
        return False
    if a.qualifier == "range" and (a.value_high != b.value_high):
        return False
    tol = MAX_UNIT_REL_DIFF if _has_unit(a) and _has_unit(b) else 0.0
    return abs(ca - cb) <= tol * max(abs(ca), abs(cb)) + 1e-9


# Two clock times this close (seconds) are one reading when either is approximate.
MAX_ABOUT_CLOCK_DIFF_S = 15 * 60
_LOCAL_ZONES = frozenset({None, "time", "local"})


def _same_clock(a: NumberClaim, b: NumberClaim) -> bool:
    """Whether two clock times read the same: equal, or within a quarter of an hour when
    either is approximate ("about 7 p.m." and "7:01 p.m."), in the same time zone."""
    if a.normalized_value is None or b.normalized_value is None:
        return False
    zone_a = None if a.unit in _LOCAL_ZONES else a.unit
    zone_b = None if b.unit in _LOCAL_ZONES else b.unit
    if zone_a != zone_b or a.qualifier not in _POINT or b.qualifier not in _POINT:
        return a.normalized_value == b.normalized_value and zone_a == zone_b and \
            a.qualifier == b.qualifier
    tolerance = MAX_ABOUT_CLOCK_DIFF_S if "about" in (a.qualifier, b.qualifier) else 0.0
    return abs(a.normalized_value - b.normalized_value) <= tolerance


def _group_index(groups: Sequence[Sequence[str]]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, group in enumerate(sorted(tuple(sorted(g)) for g in groups)):
        for article in group:
            index.setdefault(article, i)
    return index


class _Groups:
    """Article id -> independent source group (an article in no group is its own group)."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self._index = _group_index(groups)

    def of(self, article: str) -> str:
        i = self._index.get(article)
        return f"g{i}" if i is not None else f"a:{article}"


def _claim_key(c: NumberClaim, article: str) -> tuple:
    return (article, c.citation.start, c.citation.end, c.measure, c.surface)


def _magnitude_clusters(items: Sequence[NumberClaim]) -> list[list[NumberClaim]]:
    """Split claims into runs of similar magnitude (ratio under 10 between neighbours)."""
    known = sorted((c for c in items if (_central(c) or 0) > 0), key=lambda c: _central(c) or 0)
    clusters: list[list[NumberClaim]] = []
    for c in known:
        if clusters and (_central(c) or 0) / (_central(clusters[-1][-1]) or 1) < 10.0:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    unknown = [c for c in items if (_central(c) or 0) <= 0]
    return clusters + ([unknown] if unknown else [])


# Order of mention tells the first blast from the second; past a few distinct values of one
# measure and scale in one article (a match report's yardages, a market report's prices)
# the n-th value of two articles is no longer the same thing.
MAX_POSITIONS = 3


def _positional_anchors(claims: Sequence[ArticleClaims]
                        ) -> tuple[dict[tuple, int], set[tuple]]:
    """For distance/duration/time claims without an ordinal word, number the distinct values
    of one article in order of mention (the first distance given, the second...).

    Returns the anchors and the claims of "crowded" articles (more than ``MAX_POSITIONS``
    distinct values at one scale), which get no anchor and join only an equal value.
    """
    anchors: dict[tuple, int] = {}
    crowded: set[tuple] = set()
    for ac in claims:
        by_measure: dict[str, list[NumberClaim]] = {}
        for c in ac.numbers:
            if c.event == "main" and c.measure in _ORDERED_MEASURES and _anchor(c.about) is None:
                by_measure.setdefault(c.measure, []).append(c)
        for items in by_measure.values():
            for cluster in _magnitude_clusters(items):
                cluster.sort(key=lambda c: (c.citation.start, c.citation.end))
                distinct: list[NumberClaim] = []
                for c in cluster:
                    for n, d in enumerate(distinct):
                        if _same_value(c, d):
                            anchors[_claim_key(c, ac.article)] = n + 1
                            break
                    else:
                        distinct.append(c)
                        anchors[_claim_key(c, ac.article)] = len(distinct)
                if len(distinct) == 1 or len(distinct) > MAX_POSITIONS:
                    # A single distance in an article tells nothing about which one it is.
                    for c in cluster:
                        anchors.pop(_claim_key(c, ac.article), None)
                if len(distinct) > MAX_POSITIONS:
                    crowded.update(_claim_key(c, ac.article) for c in cluster)
    return anchors, crowded


def _same_magnitude(a: NumberClaim, b: NumberClaim) -> bool:
    """Distances or durations an order of magnitude apart measure different things
    (the 700 m from the grave vs. the 820 km from the capital)."""
    ca, cb = _central(a), _central(b)
    if ca is None or cb is None or ca <= 0 or cb <= 0:
        return True
    return max(ca, cb) / min(ca, cb) < 10.0


@dataclass
class _Bucket:
    measure: str
    event: str
    anchor: int | None
    words: frozenset[str]
    members: list[tuple[str, NumberClaim]]
    names: set[str] = field(default_factory=set)
    nameless: bool = False


_NAMELESS_MEASURES = frozenset({"count", "money", "percent"})
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b")
# Measures where one story often states several values of different things with the same
# words ("51% of the vote" for one candidate, "47%" for another; the revenue of two firms):
# the names next to the number tell them apart.
_NAMED_MEASURES = frozenset({"percent", "money", "count"})
_NOT_NAMES = frozenset(
    "The A An In On At It He She They We This That These Those But And Or As By For "
    "According After Before About Some Most Many More Less Officials Police".split()
)


def _names_near(claim: NumberClaim, texts: Mapping[str, str] | None) -> frozenset[str]:
    """Capitalised names in the clause of the sentence that holds the number."""
    if texts is None or claim.sentence.article not in texts:
        return frozenset()
    text = texts[claim.sentence.article]
    start, end = claim.sentence.start, claim.sentence.end
    at = claim.citation.start
    if not (0 <= start <= at <= end <= len(text)):
        return frozenset()
    sentence = text[start:end]
    offset = at - start
    # The clause: between the nearest separators around the number.
    left = max(sentence.rfind(sep, 0, offset) for sep in (",", ";", " while ", " and "))
    right = [i for i in (sentence.find(sep, offset) for sep in (",", ";", " while ", " and "))
             if i >= 0]
    clause = sentence[left + 1 : min(right) if right else len(sentence)]
    return frozenset(m[0] for m in _NAME.finditer(clause) if m[0] not in _NOT_NAMES)


# Past this many distinct values of one counted noun in one report ("points", "games",
# "seasons" of a match report; "servers" of a product review), the noun no longer tells
# which thing a figure counts.
MAX_COUNT_VALUES = 2
# "a three-game losing streak", "a 200-student school": the number describes the noun
# after it, it counts nothing of the event.
_MODIFIER_AFTER = re.compile(r"^-[a-z]", re.IGNORECASE)


def _crowded_counts(claims: Sequence[ArticleClaims]) -> set[tuple]:
    """Claims of counts whose report gives more than ``MAX_COUNT_VALUES`` distinct values
    for the same counted noun."""
    crowded: set[tuple] = set()
    for ac in claims:
        by_subject: dict[frozenset[str], list[NumberClaim]] = {}
        for c in ac.numbers:
            if c.event == "main" and c.measure == "count":
                by_subject.setdefault(_subject(c.about, "count"), []).append(c)
        for items in by_subject.values():
            distinct: list[NumberClaim] = []
            for c in items:
                if not any(_same_value(c, d) for d in distinct):
                    distinct.append(c)
            if len(distinct) > MAX_COUNT_VALUES:
                crowded.update(_claim_key(c, ac.article) for c in items)
    return crowded


def _is_modifier(c: NumberClaim, texts: Mapping[str, str] | None) -> bool:
    """True for a count written as part of a compound adjective ("a three-game streak")."""
    if texts is None or c.citation.article not in texts:
        return False
    return bool(_MODIFIER_AFTER.match(texts[c.citation.article][c.citation.end:]))


def _bucket_claims(
    claims: Sequence[ArticleClaims], texts: Mapping[str, str] | None = None
) -> list[_Bucket]:
    positional, crowded = _positional_anchors(claims)
    crowded |= _crowded_counts(claims)
    flat: list[tuple[str, NumberClaim]] = []
    for ac in claims:
        for c in ac.numbers:
            flat.append((ac.article, c))
    flat.sort(key=lambda ac: _claim_key(ac[1], ac[0]))
    buckets: list[_Bucket] = []
    for article, c in flat:
        anchor = _anchor(c.about)
        if anchor is None:
            anchor = positional.get(_claim_key(c, article))
        # Background claims must match on the whole phrase (which earlier event); claims
        # about the story's event only on who/what is counted.
        words = about_words(c.about) if c.event != "main" else _subject(c.about, c.measure)
        # A figure that names nothing it measures ("$281 million", "17%", "2,000 people")
        # is only taken as the same fact as an equal figure: stories of every domain hold
        # many such figures of different things, and grouping them made false conflicts.
        # A duration that names neither what lasts nor which one ("one day after", "for
        # about an hour") is likewise taken only with an equal span; it may still be weighed
        # against the single named span of its scale (``_attach_generic``).
        nameless = c.event == "main" and (
            (c.measure in _NAMELESS_MEASURES and not words)
            or (c.measure == "duration" and anchor is None and not words - _TIME_UNITS)
            # "a 9-14 start", "a 38-44 mark": a record or a score, not a range of counts.
            or (c.measure == "count" and (c.qualifier == "range" or _is_modifier(c, texts)))
            or _claim_key(c, article) in crowded)
        for b in buckets:
            if b.measure != c.measure or b.event != c.event:
                continue
            if c.measure == "time" and not (b.words | words):
                # Clock times that name no moment ("at about 7 p.m.") are the same moment
                # when they read the same, whatever else each report mentions; unequal ones
                # stay apart (the blast, a later briefing), never one disputed figure.
                if _same_clock(b.members[0][1], c):
                    b.members.append((article, c))
                    break
                continue
            if (nameless or b.nameless) and not _same_value(b.members[0][1], c):
                continue
            key_b, key_c = b.words - _TIME_UNITS, words - _TIME_UNITS
            keyed = c.measure == "duration" and bool(key_b) and bool(key_c)
            if keyed and not (key_b & key_c):
                # "30 days' worth of treatment" and "a 90-day stay" are two durations.
                continue
            if (not keyed and b.anchor is not None and anchor is not None
                    and b.anchor != anchor):
                continue
            if ((b.anchor is None) != (anchor is None) and c.measure in _POSITIONAL_MEASURES
                    and not keyed):
                continue
            # For distances/durations, the same ordinal is enough ("second blast from the
            # grave" = "the second explosion ... away"): writers name the ends differently.
            if c.measure == "date":
                # One row per day named, whatever the surrounding words.
                if b.members[0][1].normalized_unit != c.normalized_unit:
                    continue
                b.members.append((article, c))
                break
            same_position = (c.measure in _POSITIONAL_MEASURES and anchor is not None
                             and b.anchor == anchor)
            if not same_position and _overlap(b.words, words) < MIN_ABOUT_OVERLAP and not (
                    c.measure == "count" and _same_value(b.members[0][1], c)
                    and _counted_noun(b.members[0][1].about) == _counted_noun(c.about)
                    and (None in (_owner(b.members[0][1].about), _owner(c.about)) or
                         _owner(b.members[0][1].about) == _owner(c.about))):
                # Counts of one noun with other verbs ("2 bombs placed", "2 bombs went off")
                # are one figure when equal; unequal ones stay apart (homes destroyed vs
                # damaged are different things, not a conflict).
                continue
            if c.measure in _NEED_SHARED_WORDS and not (b.words & words):
                continue
            if c.measure in _POSITIONAL_MEASURES and not _same_magnitude(b.members[0][1], c):
                continue
            if c.event != "main" and not _same_value(b.members[0][1], c):
                # Background figures are of many earlier events (a 2020 stampede, a 2017
                # attack); only the same figure is taken as the same event.
                continue
            if c.measure in _NAMED_MEASURES:
                names = _names_near(c, texts)
                if names and b.names and not (names & b.names) and \
                        not _same_value(b.members[0][1], c):
                    # Other names next to another value: another candidate, firm or place.
                    # The same value is the same figure, whoever is named beside it.
                    continue
                b.names |= names
            b.members.append((article, c))
            break
        else:
            buckets.append(_Bucket(c.measure, c.event, anchor, words, [(article, c)],
                                   set(_names_near(c, texts)), nameless))
    return _split_co_stated(_attach_generic(buckets))


# Measures where one report stating two different values in one fact means the fact holds
# two different things ("Miller averages 15.5 points, Iguodala 14.9"): counts of things
# other than casualties, spans, distances, sums and shares (two candidates' percentages
# when the names next to them are unknown). Not casualty counts or magnitudes, where one
# report may itself give two sources' figures of one toll or quake.
_CO_STATED_SPLIT = frozenset({"count", "duration", "distance", "money", "percent", "speed"})


def _equal_values(members: Sequence[tuple[str, NumberClaim]]
                  ) -> list[list[tuple[str, NumberClaim]]]:
    """Members grouped by equal value (``_same_value`` with each group's first), in order."""
    merged: list[list[tuple[str, NumberClaim]]] = []
    for article, c in members:
        for m in merged:
            if _same_value(m[0][1], c):
                m.append((article, c))
                break
        else:
            merged.append([(article, c)])
    return merged


def _split_co_stated(buckets: list[_Bucket]) -> list[_Bucket]:
    """Split a bucket whose every disagreement is stated within one single article.

    When each pair of incompatible values of a bucket is also stated together by one
    article, no two reports disagree: the values are of different things that share words
    (two players' points, two firms' revenues), and each becomes a fact of its own. A
    bucket where some report contradicts another keeps all its values (a real conflict
    is never hidden).
    """
    out: list[_Bucket] = []
    for b in buckets:
        if b.measure not in _CO_STATED_SPLIT or b.event != "main":
            out.append(b)
            continue
        merged = _equal_values(b.members)
        articles = [{a for a, _ in m} for m in merged]
        pairs = [(i, j) for i in range(len(merged)) for j in range(i + 1, len(merged))
                 if not _compatible(merged[i][0][1], merged[j][0][1])]
        if not pairs or any(not articles[i] & articles[j] for i, j in pairs):
            out.append(b)
            continue
        out.extend(_Bucket(b.measure, b.event, b.anchor, b.words, m, set(b.names), True)
                   for m in merged)
    return out


_GENERIC_JOINS = frozenset({"distance", "duration"})


def _attach_generic(buckets: list[_Bucket]) -> list[_Bucket]:
    """Join a bucket that names nothing ("about 20 minutes later") to the one specific fact.

    A writer often states a gap or a distance without saying between what, while another
    names it ("15 minutes after the first"). When exactly one other bucket of the same
    measure, event and scale exists, the generic mention is about the same thing and its
    value must be weighed against it (a 15 vs 20 minute disagreement is a conflict, not two
    facts). With zero or several candidates it stays on its own: which one it belongs to
    cannot be told.
    """
    out = list(buckets)
    for generic in buckets:
        # Times of day are left out: two clock times with nothing in common are usually
        # different moments (the blast, a later briefing), never one disputed figure.
        if (generic.measure not in _GENERIC_JOINS or generic.event != "main"
                or generic.words - _TIME_UNITS or generic.anchor is not None
                or (generic.nameless and generic.measure != "duration")):
            continue
        candidates = [
            b for b in out
            if b is not generic and b.measure == generic.measure and b.event == generic.event
            and not b.nameless
            and _same_magnitude(b.members[0][1], generic.members[0][1])
        ]
        # Spans naming nothing stay apart from each other (``_bucket_claims``); when
        # several of one scale exist, which of them is the named one's cannot be told.
        rivals = [
            b for b in out
            if b is not generic and b.measure == "duration" == generic.measure
            and b.event == generic.event and b.nameless and b.anchor is None
            and not b.words - _TIME_UNITS
            and _same_magnitude(b.members[0][1], generic.members[0][1])
        ]
        if len(candidates) == 1 and not rivals and generic in out:
            candidates[0].members.extend(generic.members)
            out.remove(generic)
    return out


def _number(value: float) -> str:
    """1640.0 -> "1,640"; 0.5 -> "0.5"."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _format_value(c: NumberClaim) -> str:
    words = {"exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about ",
             "up_to": "up to ", "at_most": "at most ", "less_than": "less than ",
             "nearly": "nearly ", "range": ""}
    if c.value is None:
        return c.surface
    if c.normalized_unit and any(ch.isdigit() for ch in c.normalized_unit):
        # a clock time or date: "10:00 EST", not decimal hours
        zone = f" {c.unit}" if c.unit not in (None, "time", "date") else ""
        return f"{words.get(c.qualifier, '')}{c.normalized_unit}{zone}"
    number = _number(c.value)
    if c.qualifier == "range" and c.value_high is not None:
        number = f"{_number(c.value)}-{_number(c.value_high)}"
    if c.measure == "magnitude":
        return f"{words.get(c.qualifier, '')}magnitude {number}"  # "magnitude 7.2"
    unit = f" {unit_text(c.unit, c.value, c.value_high)}" if c.unit and \
        c.unit not in {"people", "person"} else ""
    return f"{words.get(c.qualifier, '')}{number}{unit}"


def _fact_about(bucket: _Bucket) -> str:
    counts: dict[str, int] = {}
    for _, c in bucket.members:
        counts[c.about] = counts.get(c.about, 0) + 1
    best = sorted(counts, key=lambda a: (-counts[a], len(a), a))[0]
    by_clock = bucket.measure == "time" and not bucket.words
    if bucket.anchor is not None and _anchor(best) is None and not by_clock:
        # Told apart by order of mention: say which one it is (clock times that name no
        # moment are told apart by their reading instead).
        best = f"{best} ({_ORDINAL_NAMES.get(bucket.anchor, str(bucket.anchor))} mentioned)"
    if bucket.event == "part":
        return f"part: {best}"
    return best if bucket.event == "main" else f"background: {best}"


def _build_fact(
    bucket: _Bucket, groups: _Groups, published: Mapping[str, str | None]
) -> Fact:
    # Equal values (500 m and 1,640 ft) merge into one FactValue.
    merged = _equal_values(bucket.members)

    def groups_of(members: Sequence[tuple[str, NumberClaim]]) -> set[str]:
        return {groups.of(a) for a, _ in members}

    values: list[tuple[FactValue, list[tuple[str, NumberClaim]]]] = []
    for m in merged:
        qcount: dict[str, int] = {}
        for _, c in m:
            qcount[c.qualifier] = qcount.get(c.qualifier, 0) + 1
        qualifier = sorted(qcount, key=lambda q: (-qcount[q], q != "exact", q))[0]
        rep = min((c for _, c in m if c.qualifier == qualifier),
                  key=lambda c: (c.value is None, c.unit or "", c.value or 0.0))
        seen = sorted(p for a, _ in m if (p := published.get(a)))
        citations = tuple(sorted(
            {Citation(a, c.citation.start, c.citation.end, c.citation.attribution) for a, c in m},
            key=lambda x: (x.article, x.start, x.end, x.attribution or ""),
        ))
        fv = FactValue(
            value=rep.value, unit=rep.unit, qualifier=qualifier, sources=citations,
            independent_sources=len(groups_of(m)),
            normalized_value=rep.normalized_value, normalized_unit=rep.normalized_unit,
            value_high=rep.value_high, first_seen=seen[0] if seen else None,
        )
        values.append((fv, m))

    def sort_key(item: tuple[FactValue, list]) -> tuple:
        fv = item[0]
        central = fv.normalized_value if fv.normalized_value is not None else fv.value
        # Most independent groups first, then most mentions (a figure repeated by several
        # copies is what the story's sources mostly say), then by value.
        return (-fv.independent_sources, -len(fv.sources), central is None, central or 0.0,
                fv.qualifier)

    values.sort(key=sort_key)
    all_groups = set().union(*(groups_of(m) for _, m in values))
    # The claim each FactValue shows (its value, unit, qualifier): reasons quote it too.
    reps = [
        min((c for _, c in m if c.qualifier == fv.qualifier and c.value == fv.value
             and c.unit == fv.unit), key=lambda c: c.citation.start, default=m[0][1])
        for fv, m in values
    ]
    status, consensus = _judge(values, reps, all_groups, groups, published)
    return Fact(
        measure=bucket.measure, about=_fact_about(bucket), status=status,
        values=tuple(fv for fv, _ in values), consensus=consensus,
    )


def _same_figure(a: NumberClaim, b: NumberClaim) -> bool:
    """Both commit to the same central figure ("41" and "at least 41")."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None or not (ia.point and ib.point):
        return False
    return _compatible(a, b)


def _plural(k: int, one: str, many: str) -> str:
    return one if k == 1 else many


def _judge(
    values: list[tuple[FactValue, list[tuple[str, NumberClaim]]]],
    reps: list[NumberClaim],
    all_groups: set[str],
    groups: _Groups,
    published: Mapping[str, str | None],
) -> tuple[str, Consensus | None]:
    n = len(all_groups)
    idx = range(len(values))
    groups_of = [{groups.of(a) for a, _ in m} for _, m in values]
    committed = [(_interval(r) is not None and _interval(r).point) for r in reps]  # type: ignore[union-attr]
    # Groups stating the same central figure as value i (any qualifier).
    stated = [
        set().union(*(groups_of[j] for j in idx if j == i or _same_figure(reps[i], reps[j])))
        for i in idx
    ]
    # Groups whose every value is compatible with value i.
    allowing = [
        {g for g in all_groups
         if all(_compatible(reps[i], reps[j]) for j in idx if g in groups_of[j])}
        for i in idx
    ]
    best = min(idx, key=lambda i: (not committed[i], -len(stated[i]), -len(allowing[i]),
                                   -values[i][0].independent_sources, i))
    best_text = _format_value(reps[best])

    def rivals_text(rivals: Sequence[int]) -> str:
        return "; ".join(
            f"{values[j][0].independent_sources} "
            f"{_plural(values[j][0].independent_sources, 'source says', 'sources say')} "
            f"{_format_value(reps[j])}"
            for j in rivals
        )

    def support_text(i: int) -> str:
        k = len(stated[i])
        text = f"{_format_value(reps[i])} stated by {k} of {n} independent {_plural(n, 'source', 'sources')}"
        extra = len(allowing[i] - stated[i])
        if extra:
            text += f"; {extra} more give{'s' if extra == 1 else ''} a compatible figure"
        return text

    revised = sorted(
        (max((published.get(a) or "") for a, c in m if c.revision), i)
        for i, (_, m) in enumerate(values) if any(c.revision for _, c in m)
    )
    if n <= 1:
        pick = revised[-1][1] if revised else best
        reason = f"stated by a single independent source ({_format_value(reps[pick])})"
        others = [_format_value(r) for j, r in enumerate(reps) if j != pick]
        if others:
            reason += "; it also gives " + ", ".join(others)
            if revised:
                reason += f"; {_format_value(reps[pick])} is worded as the revision"
        return "single_source", Consensus(values[pick][0].value, reason)
    if all(_compatible(reps[i], reps[j]) for i in idx for j in idx if i < j):
        return "agreed", Consensus(values[best][0].value,
                                   support_text(best) + "; all figures are compatible")
    # A revision explains earlier, different figures: same article ("rose from 38 to 41")
    # or published no later than the revision.
    if revised:
        when, r = revised[-1]
        revision_articles = {a for a, c in values[r][1] if c.revision}

        def earlier(article: str) -> bool:
            p = published.get(article)
            return article in revision_articles or bool(when and p and p <= when)

        stale = [j for j in idx if j != r and not _compatible(reps[r], reps[j])]
        if all(earlier(a) for j in stale for a, _ in values[j][1]):
            reason = (f"{_format_value(reps[r])} is the latest revised figure"
                      + (f" ({when})" if when else "") + "; earlier: " + rivals_text(stale))
            return "updated", Consensus(values[r][0].value, reason)
    # Conflict: a consensus only when one committed figure is stated by strictly more
    # independent sources than every figure that contradicts it.
    rivals = [j for j in idx if not _compatible(reps[best], reps[j])]
    rival_stated = max((len(stated[j]) for j in rivals), default=0)
    if committed[best] and len(stated[best]) > rival_stated:
        return "conflict", Consensus(values[best][0].value,
                                     support_text(best) + "; " + rivals_text(rivals))
    return "conflict", None


_PART_BEFORE = re.compile(
    r"\b(including|includes|among them|among whom|among the dead|of them|of whom|of those|"
    r"of which|another|an additional|a further)\W*(?:at least |about |some |nearly )?$"
    # "In neighbouring Central X district, 10 people were killed": a smaller place's count.
    r"|\b(?:in|at)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+)?(?:[A-Z][\w'-]+\s+){1,3}"
    r"(?:district|province|county|region|village|town|regency|municipality|state)\s*,\s*"
    r"(?:at least |about |some |nearly )?$", re.IGNORECASE)
# "37 of the candidates", "two of its stores": a share of a larger count.
_COUNT_PART_AFTER = re.compile(r"^\s+of\s+(?:the|its|their|these|those|all|them|whom|which)\b",
                               re.IGNORECASE)
# "75 kilometres (50 miles)", "£300m ($450m)": the same figure restated in another unit.
_CONVERTED_MEASURES = frozenset({"distance", "duration", "money", "speed"})
_PART_AFTER = re.compile(
    r"^[^,;.]{0,20}\b(of them|of whom|of those)\b"
    r"|^[^,;.]{0,60}\b(in|at|from)\s+(the\s+)?(neighbou?ring\s+|nearby\s+)?"
    r"(?:[A-Z][\w'-]+\s+){1,3}(district|province|county|region|area|village|town|city|"
    r"regency|municipality|state|neighbou?rhood)\b",
)
_PART_ABOUT = re.compile(r"\b(district|province|county|region|village|regency|"
                         r"municipality|neighbou?rhood)\b", re.IGNORECASE)
_CHARGE_AFTER = re.compile(r"^\W*(?:[a-z-]+\s+)?counts?\s+of\b", re.IGNORECASE)


def _context(c: NumberClaim, texts: Mapping[str, str] | None) -> tuple[str, str]:
    """The sentence text before and after the number (empty without texts)."""
    if texts is None or c.sentence.article not in texts:
        return "", ""
    text = texts[c.sentence.article]
    if not (0 <= c.sentence.start <= c.citation.start <= c.citation.end <= c.sentence.end
            <= len(text)):
        return "", ""
    return text[c.sentence.start : c.citation.start], text[c.citation.end : c.sentence.end]


def _is_part(c: NumberClaim, texts: Mapping[str, str] | None) -> bool:
    before, after = _context(c, texts)
    return bool(_PART_BEFORE.search(before[-40:]) or _PART_AFTER.search(after)
                or _PART_ABOUT.search(c.about))


def _is_conversion(prev: NumberClaim | None, c: NumberClaim,
                   texts: Mapping[str, str] | None) -> bool:
    """True when ``c`` restates ``prev`` in brackets right after it ("75 km (50 miles)")."""
    if (prev is None or texts is None or c.measure not in _CONVERTED_MEASURES
            or prev.measure != c.measure or prev.citation.article != c.citation.article
            or prev.sentence != c.sentence or prev.citation.end > c.citation.start):
        return False
    if c.measure == "money" and prev.unit == c.unit:
        return False  # "$334 million ($281M)" is a part, not a conversion
    text = texts.get(c.citation.article, "")
    gap = text[prev.citation.end:c.citation.start]
    return bool(re.fullmatch(r"\s*\(\s*", gap)) and \
        text[c.citation.end:c.citation.end + 3].lstrip().startswith(")")


def _prepare(
    claims: Sequence[ArticleClaims], texts: Mapping[str, str] | None
) -> list[ArticleClaims]:
    """Drop numbers that are no fact's value and mark parts of totals (module docstring)."""
    totals: dict[object, float] = {}
    for ac in claims:
        for c in ac.numbers:
            if c.event == "main" and c.measure in _CASUALTY_MEASURES and _central(c):
                totals[c.measure] = max(totals.get(c.measure, 0.0), _central(c) or 0.0)
            if c.event == "main" and c.measure == "count" and _central(c):
                key = _counted_noun(c.about)
                totals[key] = max(totals.get(key, 0.0), _central(c) or 0.0)
    out = []
    for ac in claims:
        kept = []
        previous: NumberClaim | None = None
        for c in sorted(ac.numbers, key=lambda x: (x.citation.start, x.citation.end)):
            prev, previous = previous, c
            if _is_conversion(prev, c, texts):
                continue  # the bracketed conversion of the figure before it
            if (c.event == "main" and c.measure == "count" and _counted_noun(c.about)
                    and _COUNT_PART_AFTER.search(_context(c, texts)[1])
                    and (_central(c) or 0.0) < totals.get(_counted_noun(c.about), 0.0)):
                kept.append(replace(c, event="part"))
                continue
            if c.measure == "date" and (c.event != "main" or not c.normalized_unit):
                continue  # a bare day or another event's date
            if c.measure == "count" and _CHARGE_AFTER.search(_context(c, texts)[1]):
                continue  # "three counts of neglect": a charge
            if (c.event == "main" and c.measure in _CASUALTY_MEASURES and _is_part(c, texts)
                    and (_central(c) or 0.0) < totals.get(c.measure, 0.0)):
                c = replace(c, event="part")
            kept.append(c)
        out.append(replace(ac, numbers=tuple(kept)))
    return out


def reconcile_facts(
    claims: Sequence[ArticleClaims],
    groups: Sequence[Sequence[str]],
    published: Mapping[str, str | None],
    texts: Mapping[str, str] | None = None,
) -> tuple[Fact, ...]:
    """Group equivalent number claims across articles into facts with a status.

    Args:
        claims: the claims of every article of one story.
        groups: independent source groups (article ids); copies in one group count once.
            Articles in no group count as their own group.
        published: article id -> publication date/time (ISO) or None; orders revisions.
        texts: article id -> cleaned text. When given, percentages, sums of money and counts
            whose clauses name different people or organisations ("Smith won 51%", "Jones
            47%") are kept as different facts.

    Returns:
        Facts about the story's own event, then parts of its totals (``part:``), then facts
        about background events (their ``about`` starts with ``background:``; they never
        mix with the story's own), each sorted
        by measure, then about. Every disagreeing value is kept.
    """
    g = _Groups(groups)
    facts = [_build_fact(b, g, published) for b in _bucket_claims(_prepare(claims, texts), texts)]
    order = {m: i for i, m in enumerate(MEASURES)}
    facts.sort(key=lambda f: (f.about.startswith("background:"), f.about.startswith("part:"),
                              order.get(f.measure, 99),
                              f.about, tuple((v.value or 0.0) for v in f.values)))
    return tuple(facts)


# --- quotes and responsibility ------------------------------------------------------------

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _norm_text(text: str) -> str:
    return " ".join(_WORD.findall(text.translate(_QUOTE_CHARS).lower()))


def _speaker_words(speaker: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall((speaker or "").lower())) - _STOPWORDS


def reconcile_quotes(claims: Sequence[ArticleClaims]) -> tuple[StoryQuote, ...]:
    """Merge quotes of the same speaker with near-identical words, keeping every citation.

    A quote whose speaker one article did not name merges with a named one when the words
    are near-identical; the named speaker is kept. A direct quote (quoted words) never
    merges with reported speech, and ``StoryQuote.direct`` keeps which one it is.
    """
    flat: list[tuple[str, Quote]] = sorted(
        ((ac.article, q) for ac in claims for q in ac.quotes),
        key=lambda x: (x[0], x[1].citation.start, x[1].citation.end, x[1].text),
    )
    merged: list[list[tuple[str, Quote]]] = []
    # Per group: its first quote's normalised words and the words of its first named
    # speaker (None while it has none), kept so each quote is compared without redoing them.
    keys: list[tuple[str, frozenset[str] | None]] = []
    for article, q in flat:
        text = _norm_text(q.text)
        # A quote with no speaker joins any speaker; a group takes its first named speaker.
        words = _speaker_words(q.speaker) if q.speaker is not None else None
        group_words = words if q.speaker else None
        for index, m in enumerate(merged):
            rep_text, rep_words = keys[index]
            if q.direct != m[0][1].direct:
                continue
            # "Okafor" and "Governor Ada Okafor" are one speaker: one name contains the other.
            same = words is None or rep_words is None or (
                bool(words and rep_words) and (words <= rep_words or rep_words <= words))
            if same and fuzz.ratio(text, rep_text, score_cutoff=MIN_QUOTE_RATIO):
                m.append((article, q))
                if rep_words is None and group_words is not None:
                    keys[index] = (rep_text, group_words)
                break
        else:
            merged.append([(article, q)])
            keys.append((text, group_words))
    out = []
    for m in merged:
        speakers = sorted({x.speaker for _, x in m if x.speaker}, key=lambda s: (-len(s), s))
        texts = sorted({x.text for _, x in m}, key=lambda t: (-len(t), t))
        cites = tuple(sorted(
            {Citation(a, x.citation.start, x.citation.end, x.citation.attribution) for a, x in m},
            key=lambda c: (c.article, c.start, c.end),
        ))
        out.append(StoryQuote(speaker=speakers[0] if speakers else None, text=texts[0],
                              sources=cites, direct=m[0][1].direct))
    out.sort(key=lambda q: (-len(q.sources), q.speaker or "", q.text))
    return tuple(out)


_ACTOR_DROP = frozenset({"the", "group", "militant", "militants", "organisation", "organization"})


def _actor_key(actor: str | None) -> str:
    if actor is None:
        return ""
    words = [w for w in _WORD.findall(actor.lower()) if w not in _ACTOR_DROP]
    return " ".join(words)


def reconcile_responsibility(
    claims: Sequence[ArticleClaims],
) -> tuple[StoryResponsibility, ...]:
    """Merge responsibility claims with the same stance and actor, keeping every citation.

    "Claimed by X" and "no one has claimed" are kept as separate entries: the story shows
    the disagreement rather than choosing a side.
    """
    merged: dict[tuple[str, str], list[tuple[str, ResponsibilityClaim]]] = {}
    for ac in claims:
        for r in ac.responsibility:
            merged.setdefault((r.stance, _actor_key(r.actor)), []).append((ac.article, r))
    out = []
    for (stance, _), items in merged.items():
        actors = sorted({r.actor for _, r in items if r.actor}, key=lambda s: (-len(s), s))
        cites = tuple(sorted(
            {Citation(a, r.citation.start, r.citation.end, r.citation.attribution)
             for a, r in items},
            key=lambda c: (c.article, c.start, c.end),
        ))
        out.append(StoryResponsibility(actor=actors[0] if actors else None, stance=stance,
                                       sources=cites))
    out.sort(key=lambda r: (r.stance, r.actor or "", r.sources[0].article))
    return tuple(out)
