"""The claims stage: numbers, quotes and responsibility statements of one article.

Only sentences that can hold a claim (a digit, a number word, a quote mark, or an
attribution / responsibility cue) go through spaCy, in batches with ``nlp.pipe``; the rest
of the article is never parsed, and the entity recogniser runs only on sentences where
speakers, actors or sources are read. Every citation slices ``article.text`` to the cited
words.

Conventions other stages rely on:

* clock times: ``measure`` "time", ``normalized_unit`` "HH:MM" (24 h), ``normalized_value``
  seconds after midnight, ``value`` hours as a decimal, ``unit`` the time zone as written
  ("EST"; "local" for "local time") or "time" when none is given. Show ``surface`` to readers.
* dates: ``normalized_unit`` ISO text, ``normalized_value`` proleptic ordinal day.
* vague casualty counts ("dozens killed"): ``qualifier`` "at_least" and ``value`` the plural's
  lower bound (VAGUE_LOWER_BOUNDS: dozens 24, hundreds 200, thousands 2,000, ...); vague
  counts of anything else are dropped.
* speeds: ``measure`` "speed", ``unit`` as written ("mph", "km/h", "knots", "m/s"),
  ``normalized_unit`` "km/h"; ``about`` is what moves ("winds", "gusts", "the car").
* earthquake magnitudes: ``measure`` "magnitude", ``unit`` the scale named ("magnitude",
  "Richter", "moment magnitude"), no normalized value (scales are not converted); ``about``
  is the shock ("earthquake", "aftershock", "second earthquake").
* population figures ("a city of 160,000 people", "home to 2 million people", "a population
  of 50,000"): ``measure`` "count", ``about`` "population", ``event`` "background": they
  describe the place, never the event, and are kept (not dropped) so a reader can see them.
* ``event`` "background": a figure tied to another, dated event (an earlier year, "N years
  since ...", "anniversary of ..."), or a duration of four weeks or more (careers, ages, time
  since). When neither the story date nor ``published`` is known, the latest full date in the
  article gives the story's year; with none, bare years and month-year dates mark background.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsfuse.article import Article, Span
from newsfuse.claims import link
from newsfuse.claims.numbers import (
    NumberMention,
    find_dates,
    find_numbers,
    words_to_number,
)
from newsfuse.claims.quotes import find_quotes
from newsfuse.claims.responsibility import find_responsibility
from newsfuse.errors import StageError
from newsfuse.story import ArticleClaims, Citation, NumberClaim, Quote, ResponsibilityClaim

_PREFILTER = re.compile(
    r"\d|[“”\"]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozens?|hundreds|"
    r"thousands|millions|scores|half|an?\s+(?:kilomet|mile|hour|minute|metre|meter|yard|"
    r"foot|day|week))|\b(?:said|says|say|told|tells|according|report|reported|reports|stated|"
    r"announced|confirmed|added|responsib|claim|credit|blame|denied|deny|denies|attribut|"
    r"accus|alleg|carried\s+out|perpetrat|implicat|involve|kill|murder|slain|slay|wound|"
    r"injur|hurt|shot|shoot|stabb|died|dies|dead|because\s+of|arrested|charged|suspect|"
    r"convicted)",
    re.IGNORECASE,
)
# Double quotes, an opening single curly quote, or a straight single quote opening a word
# after a space ("'It was a mess,' she said"); a closing ’ alone is far more often an
# apostrophe ("don’t") than a quote.
_QUOTE_MARK = re.compile(r"[“”\"‘]|(?:^|(?<=\s))'(?=\w)")
_PRONOUN_SAID = re.compile(r"\b(?:he|she|they)\s+(?:\w+\s+)?(?:said|says|told|tells|added|"
                           r"noted|explained|argued|insisted|warned)\b", re.IGNORECASE)
BATCH_SIZE = 64
_UNIT_MEASURES = ("distance", "duration", "money", "percent", "speed", "magnitude")


# Durations this long describe a career, an age or the time since another event ("34 years of
# experience", "after fifteen years"), not the event itself, which news measures in seconds to
# days (a storm lasting two weeks is the rare exception we accept to lose to background).
MIN_BACKGROUND_DURATION_S = 28 * 86400.0
# Conventional lower bounds of vague plural counts: "dozens" is at least two dozen, "hundreds"
# at least two hundred. Only casualty counts keep them (qualifier ``at_least``); a vague count of
# anything else ("thousands of fans gathered") is dropped: it cannot be checked across sources.
VAGUE_LOWER_BOUNDS = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2_000.0,
                      "millions": 2_000_000.0, "billions": 2_000_000_000.0,
                      "tens of thousands": 20_000.0, "hundreds of thousands": 200_000.0}
_CASUALTY_MEASURES = frozenset(link.CASUALTY_CUES.values())


def _story_year(story_date: str | None, published: str | None, text: str) -> int | None:
    for value in (story_date, published):
        if value:
            m = re.match(r"\s*(\d{4})", value)
            if m:
                return int(m.group(1))
    # No date given: the latest full date (with its day) written in the article is the best
    # guess of the story's year; a bare year ("in 2020") more often names a past event.
    years = [int(m.normalized_unit[:4]) for m in find_dates(text)
             if m.normalized_unit and len(m.normalized_unit) == 10]
    return max(years) if years else None


LEAD_SENTENCES = 3
_WEEKDAY_RE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                         re.IGNORECASE)


def _story_weekday(text: str, lead: list[Span]) -> str | None:
    """The first weekday the article's lead names ("... on Wednesday"): the story's own day."""
    for s in lead:
        m = _WEEKDAY_RE.search(text[s.start:s.end])
        if m:
            return m.group(1).lower()
    return None


def _names_other_event(text: str, sentences: list[Span], sentence: Span, noun: str,
                       story_day: str | None) -> bool:
    """True when the event noun of a responsibility statement ("the strike") was last named in
    an earlier sentence dated to another weekday than the story's lead ("a drone strike in
    Beirut on Tuesday" while the lead says Wednesday): the statement is about that event."""
    if story_day is None:
        return False
    word = re.compile(rf"\b{re.escape(noun)}(?:e?s)?\b", re.IGNORECASE)
    for s in reversed([s for s in sentences if s.end <= sentence.start]):
        part = text[s.start:s.end]
        if word.search(part):
            days = {d.lower() for d in _WEEKDAY_RE.findall(part)}
            return bool(days) and story_day not in days
    return False


def _phrase_words(text: str) -> list[str]:
    """Lower-case words of a short phrase ("Tens  of thousands" -> ["tens", "of", "thousands"])."""
    return re.findall(r"[a-z]+", text.lower())


# Lemmas whose sentences need named entities: speakers and actors are read with PERSON / ORG
# labels. Sentences holding only figures ("At least 12 people died") skip the recogniser,
# which costs about as much as the tagger and parser together in the small English model.
_ENTITY_LEMMAS = frozenset(link.REPORTING_VERBS | {
    "respond", "ask", "shout", "recall", "continue", "urge", "vow", "call", "claim", "take",
    "accept", "assume", "admit", "deny", "reject", "blame", "attribute", "ascribe", "hold",
    "accuse", "carry", "perpetrate", "orchestrate", "commit", "implicate", "involve",
    "according", "responsible", "responsibility", "credit", "blame", "allege"})


def _may_name(doc: Doc) -> bool:
    """Whether the recogniser can tell the claim readers anything about this sentence: it has
    a word that can be part of a name (a proper-noun tag, a capitalised word after the first)
    or a number (CARDINAL / PERCENT entities rule out speakers such as "55 percent of
    respondents"). On the 900 sentences of a 50-article story that would get entities, the
    170 without such a word got one entity in all (a sentence-initial "Notice" as ORG)."""
    return any(t.tag_ in ("NNP", "NNPS") or t.like_num or (t.i > 0 and t.is_title)
               for t in doc)


def _needs_entities(doc: Doc, start: int, quoted_next: set[int]) -> bool:
    return (start in quoted_next or bool(_QUOTE_MARK.search(doc.text)) or any(
        t.lemma_.lower() in _ENTITY_LEMMAS for t in doc)) and _may_name(doc)


def _quoted_next(text: str, spans: list[Span]) -> set[int]:
    """Starts of the sentences just before a quote or a "he said" (they name the speaker)."""
    return {spans[i - 1].start for i in range(1, len(spans))
            if _QUOTE_MARK.search(text[spans[i].start:spans[i].end])
            or _PRONOUN_SAID.search(text[spans[i].start:spans[i].end])}


def _parse_many(nlp: Language, jobs: list[tuple[str, list[Span], list[Span]]]
                ) -> list[dict[int, Doc]]:
    """Parse the selected sentences of several articles in one ``nlp.pipe`` run.

    ``jobs`` holds (text, selected spans, all spans) per article. Each distinct sentence text
    is parsed once (copies repeat sentences verbatim); the entity recogniser runs only where
    speakers, actors or sources are read (reporting / responsibility words, quote marks, the
    sentence before a quote), on a copy of the parse, so an article never sees entities it
    would not have asked for. A sentence's parse does not depend on its neighbours in a
    batch, so the docs are those of parsing each article alone.

    The recogniser runs in a second thread, batch by batch, while later sentences are still
    being parsed: both spend their time in matrix code that releases the GIL, and it only
    annotates docs the parsing thread no longer touches.
    """
    unique: dict[str, int] = {}
    for text, selected, _ in jobs:
        for s in selected:
            unique.setdefault(text[s.start:s.end], len(unique))
    if "ner" not in nlp.pipe_names:
        parsed = list(nlp.pipe(unique, batch_size=BATCH_SIZE))
        return [{s.start: parsed[unique[text[s.start:s.end]]] for s in selected}
                for text, selected, _ in jobs]
    recogniser = nlp.get_pipe("ner")

    def recognise(batch: list[Doc]) -> None:
        for _ in recognise_pipe(batch, batch_size=BATCH_SIZE):
            pass

    recognise_pipe = recogniser.pipe
    out: list[dict[int, Doc]] = []
    need: dict[str, Doc] = {}
    batch: list[Doc] = []
    parsed: list[Doc] = []
    with nlp.select_pipes(disable=["ner"]), ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="newsfuse-ner") as pool:
        stream = nlp.pipe(unique, batch_size=BATCH_SIZE)
        running = []
        for text, selected, spans in jobs:
            quoted_next = _quoted_next(text, spans)
            docs: dict[int, Doc] = {}
            for s in selected:
                sentence = text[s.start:s.end]
                while len(parsed) <= unique[sentence]:
                    parsed.append(next(stream))
                doc = parsed[unique[sentence]]
                if _needs_entities(doc, s.start, quoted_next):
                    if sentence not in need:
                        need[sentence] = doc.copy()
                        batch.append(need[sentence])
                        if len(batch) == BATCH_SIZE:
                            running.append(pool.submit(recognise, batch))
                            batch = []
                    doc = need[sentence]
                docs[s.start] = doc
            out.append(docs)
        if batch:
            running.append(pool.submit(recognise, batch))
        for future in running:
            future.result()
    return out


def _persons(docs: dict[int, Doc]) -> list[tuple[int, str, bool]]:
    """PERSON entities as (offset, name, is the subject of its clause). A name followed by
    another capitalised word is part of a longer name ("... Kennedy International Airport")
    and is left out."""
    found = []
    for start, doc in sorted(docs.items()):
        for ent in doc.ents:
            if ent.label_ != "PERSON" or len(ent.text) <= 1:
                continue
            if ent.end < len(doc) and doc[ent.end].is_title and doc[ent.end].pos_ == "PROPN":
                continue
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.dep_ in ("appos", "compound") and
                ent.root.head.dep_ in ("nsubj", "nsubjpass"))
            found.append((start + ent.start_char, ent.text, subject))
    return found


@dataclasses.dataclass(frozen=True)
class _StoryTime:
    """When an article places its story: the year, the ISO date (the story's, else the
    article's publication) and the weekday its lead names; figures of other times are
    background."""

    year: int | None
    date: str | None
    weekday: str | None

    def is_background(self, doc: Doc, token: Token) -> bool:
        return link.is_background(doc, token, self.year, story_date=self.date,
                                  lead_weekday=self.weekday)


def _number_claim(article: Article, sentence: Span, doc: Doc, mention: NumberMention,
                  when: _StoryTime, revised: bool) -> NumberClaim | None:
    story_year = when.year
    anchor = link.anchor_token(doc, mention.number_start if mention.number_start >= 0
                               else mention.start,
                               mention.number_end if mention.number_end >= 0 else mention.end)
    noun = cue = None
    population = False
    if mention.kind in ("time", "date"):
        measure = mention.kind
    elif mention.unit_measure in _UNIT_MEASURES:
        measure = mention.unit_measure
    elif anchor is None:
        return None
    else:
        measure, noun, cue = link.find_measure(anchor)
        population = link.is_population(anchor, noun)
        if population:
            # "a city of 160,000 people": how many live there, not an event figure.
            measure, cue = "count", None
        if link.counts_sources(anchor, noun):
            return None  # "according to four officials": the speakers, not the event
        if measure in _CASUALTY_MEASURES and link.is_intended(cue):
            return None  # "wanted to kill the two kids": an intention, not a toll
        if measure in _CASUALTY_MEASURES and noun is not None and noun is not cue and \
                not link.is_person_noun(noun):
            # "two explosions killed 50": the explosions are the killers, not the killed.
            measure, cue = "count", None
    if measure in ("time", "date") or measure in _UNIT_MEASURES:
        end_toks = link.tokens_in(doc, mention.start, mention.end)
        about = link.unit_about(doc, end_toks[-1] if end_toks else None, measure)
        unit = mention.unit
    elif population:
        about, unit = "population", None
    else:
        if anchor is not None and noun is None and anchor.pos_ not in ("NUM",) and \
                not anchor.like_num and mention.value is not None and cue is None:
            return None
        about = link.about_phrase(measure, noun, cue, anchor) if anchor is not None else measure
        unit = noun.lower_ if noun is not None and noun.pos_ in ("NOUN", "PROPN") and \
            not link.CASUALTY_CUES.get(noun.lemma_.lower()) else None
        if measure == "count" and not any(t.pos_ in ("VERB", "AUX") for t in doc):
            # A verbless fragment ("4 children" left by a broken page) states nothing.
            return None
        if measure == "count" and noun is None:
            # A bare number with nothing it counts ("10" under a photo, "one of them").
            return None
    if mention.value is None and mention.kind == "quantity":
        vague = VAGUE_LOWER_BOUNDS.get(
            " ".join(_phrase_words(mention.surface[mention.number_start - mention.start:])))
        if measure not in _CASUALTY_MEASURES or vague is None:
            return None
        value, qualifier = vague, "at_least"
    else:
        value, qualifier = mention.value, mention.qualifier
    if measure == "time":
        # The clock reading stays in normalized_unit ("15:00"); unit says it is a time, or
        # keeps the time zone as written ("EST") so "10 a.m. EST" is not read as local time.
        unit = mention.unit or "time"
    if mention.kind == "date":
        # A date is background exactly when it lies in an earlier year than the story.
        year = int(mention.normalized_unit[:4]) if mention.normalized_unit else None
        background = year is not None and story_year is not None and year < story_year
        if story_year is None and mention.value is None:
            # Year unknown: a month and year without a day ("In October 2022") dates another
            # event, as a bare year does for numbers (link.is_background).
            background = True
    else:
        background = anchor is not None and when.is_background(doc, anchor)
        if measure == "duration" and (mention.normalized_value or 0) >= \
                MIN_BACKGROUND_DURATION_S:
            background = True
        background = background or population
    attributed = link.attribution(doc, anchor)
    start, end = sentence.start + mention.start, sentence.start + mention.end
    if article.text[start:end] != mention.surface:
        raise StageError(f"claims: number span {start}:{end} of {article.id} does not slice "
                         f"to {mention.surface!r}")
    return NumberClaim(
        measure=measure, about=about, value=value, unit=unit,
        qualifier=qualifier, surface=mention.surface,
        citation=Citation(article.id, start, end, attributed),
        sentence=Citation(article.id, sentence.start, sentence.end, attributed),
        value_high=mention.value_high, normalized_value=mention.normalized_value,
        normalized_unit=mention.normalized_unit,
        event="background" if background else "main",
        revision=revised and measure not in ("time", "date"),
    )


# Verbs whose object (or passive subject) is the person killed or injured; "shot" counts only
# as "shot dead" / "shot and killed" (link._cue), since people shot may survive.
_CASUALTY_VERBS = frozenset({"kill", "murder", "slay", "injure", "wound", "hurt", "shoot",
                             "stab", "die"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})


def _conjunct_count(noun: Token) -> float | None:
    """How many people one conjunct names: its number ("two children"), 1 for a singular noun
    with an indefinite, possessive or name ("a boy", "his wife", "Ann Lee"), else None."""
    for child in noun.children:
        if child.dep_ == "nummod":
            return words_to_number(child.text)
    if noun.tag_ in ("NNS", "NNPS"):
        return None
    if any(c.dep_ in ("det", "poss") and (c.lower_ in _INDEFINITE or c.dep_ == "poss")
           for c in noun.children) or noun.ent_type_ == "PERSON":
        return 1.0
    return None


def _conjuncts(noun: Token) -> list[Token]:
    """The coordinated person nouns of a list: conjuncts, and common-noun appositions with
    their own determiner ("his wife, his mother and two sons" is often parsed with "mother"
    as an apposition). A proper-noun apposition names the same person ("his daughter, Ann")."""
    out = [noun]
    for child in noun.children:
        if child.dep_ == "conj" or child.dep_ == "appos" and child.pos_ == "NOUN" and any(
                c.dep_ in ("det", "poss", "nummod") for c in child.children):
            out += _conjuncts(child)
    return sorted(out, key=lambda t: t.i)


def singular_casualties(doc: Doc) -> list[tuple[int, int, float, str, Token]]:
    """Casualty counts written without a number: "wounded a young boy" (1), "killed his wife
    and two children" (3), "His wife and son were killed" (2), "One woman was injured" (1).

    Returns (start, end, value, measure, counted noun) with offsets into the sentence; only
    person nouns count, intentions and negated verbs give nothing.
    """
    found = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _CASUALTY_VERBS:
            continue
        measure = link._cue(verb)
        if measure not in ("killed", "injured") or link.is_intended(verb) or any(
                c.dep_ == "neg" for c in verb.children):
            continue
        deps = ("nsubj",) if verb.lemma_.lower() == "die" else ("dobj", "nsubjpass")
        obj = next((c for c in verb.children if c.dep_ in deps), None)
        if obj is None and verb.dep_ == "conj" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "was shot and killed": the subject hangs on the first verb.
            obj = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        conjuncts = _conjuncts(obj)
        values = [_conjunct_count(c) if link.is_person_noun(c) else None for c in conjuncts]
        if len(conjuncts) > 1 and any(c.dep_ in ("det", "poss") for c in obj.children):
            # "her husband and daughter": the determiner of the first covers the rest.
            values = [1.0 if v is None and c.tag_ == "NN" and link.is_person_noun(c) else v
                      for c, v in zip(conjuncts, values)]
        if any(v is None for v in values):
            continue
        if len(conjuncts) == 1 and not any(c.lower_ in _INDEFINITE for c in obj.children
                                           if c.dep_ in ("det", "nummod")):
            continue  # "killed his wife" alone: the number grammar or nothing
        if len(conjuncts) == 1 and any(c.dep_ == "nummod" and c.lower_ != "one"
                                       for c in obj.children):
            continue  # "killed two boys": the number grammar reads it
        first, last = conjuncts[0], conjuncts[-1]
        start = min(t.idx for t in first.subtree if t.i <= first.i)
        end = last.idx + len(last.text)
        found.append((start, end, float(sum(values)), measure, last))
    return found


def _singular_claims(article: Article, sentence: Span, doc: Doc, when: _StoryTime,
                     revised: bool, numbers: list[NumberClaim]) -> list[NumberClaim]:
    """Number claims for :func:`singular_casualties`. A sum over conjuncts is the total; the
    numbered parts inside it keep their own noun ("his wife and two children": people killed
    3, children killed 2) so they read as parts, not as a rival total."""
    out = []
    for start, end, value, measure, noun in singular_casualties(doc):
        a, b = sentence.start + start, sentence.start + end
        for i, claim in enumerate(numbers):
            if claim.measure == measure and a <= claim.citation.start and \
                    claim.citation.end <= b and claim.unit:
                numbers[i] = dataclasses.replace(claim, about=f"{claim.unit} {measure}")
        background = when.is_background(doc, noun)
        attributed = link.attribution(doc, noun)
        out.append(NumberClaim(
            measure=measure, about=f"people {measure}", value=value, unit=None,
            qualifier="exact", surface=article.text[a:b],
            citation=Citation(article.id, a, b, attributed),
            sentence=Citation(article.id, sentence.start, sentence.end, attributed),
            event="background" if background else "main", revision=revised))
    return out


def _select(article: Article) -> tuple[list[Span], list[Span]]:
    """All sentence spans of an article and those worth parsing (see module docstring)."""
    text = article.text
    spans = list(article.sentences) or ([Span(0, len(text))] if text.strip() else [])
    wanted = [bool(_PREFILTER.search(text[s.start:s.end])) for s in spans]
    for i, s in enumerate(spans[1:], start=1):
        # Parse the sentence before a quote or a "he said" too: it names the person the
        # pronoun refers to.
        if _QUOTE_MARK.search(text[s.start:s.end]) or _PRONOUN_SAID.search(text[s.start:s.end]):
            wanted[i - 1] = True
    return spans, [s for s, keep in zip(spans, wanted) if keep]


def extract_claims(article: Article, nlp: Language, *, story_date: str | None = None
                   ) -> ArticleClaims:
    """Number claims, quotes and responsibility claims of one article.

    Args:
        article: a cleaned article; its ``sentences`` spans are used (the whole text is one
            sentence when it has none).
        nlp: the spaCy pipeline from :func:`newsfuse.claims.load_nlp` (injected).
        story_date: ISO date of the story's event, if known; with the article's
            ``published`` date it tells the story's own figures from background figures.

    Returns:
        The article's claims, each citing ``article.text`` spans, in text order.
    """
    return extract_story_claims([article], nlp, story_date=story_date)[0]


def extract_story_claims(articles: Sequence[Article], nlp: Language, *,
                         story_date: str | None = None) -> tuple[ArticleClaims, ...]:
    """:func:`extract_claims` of every article, in order, parsing in one batch.

    The result equals ``tuple(extract_claims(a, nlp, story_date=story_date) for a in
    articles)``; it is faster because spaCy runs once over all the selected sentences and
    parses a sentence repeated verbatim by several articles only once.
    """
    selections = [_select(a) for a in articles]
    parsed = _parse_many(nlp, [(a.text, selected, spans)
                               for a, (spans, selected) in zip(articles, selections)])
    return tuple(_claims_of(a, spans, selected, docs, story_date)
                 for a, (spans, selected), docs in zip(articles, selections, parsed))


def _claims_of(article: Article, spans: list[Span], selected: list[Span], docs: dict[int, Doc],
               story_date: str | None) -> ArticleClaims:
    text = article.text
    story_year = _story_year(story_date, article.published, text)
    story_day = _story_weekday(text, spans[:LEAD_SENTENCES])
    when = _StoryTime(story_year, story_date or article.published, story_day)
    numbers: list[NumberClaim] = []
    responsibility: list[ResponsibilityClaim] = []
    seen_resp: set[tuple[str | None, str, int, int]] = set()
    for sentence in selected:
        doc = docs[sentence.start]
        sent_text = doc.text
        revised = link.revision_marked(sent_text)
        for mention in find_numbers(sent_text, default_year=story_year):
            if mention.kind == "quantity" and sent_text.strip(" .,:;-") == mention.surface:
                continue  # a number standing alone (photo counter, list marker)
            claim = _number_claim(article, sentence, doc, mention, when, revised)
            if claim is not None:
                numbers.append(claim)
        numbers += _singular_claims(article, sentence, doc, when, revised, numbers)
        for found in find_responsibility(doc, story_year):
            key = (found.actor, found.stance, sentence.start + found.start,
                   sentence.start + found.end)
            if key in seen_resp:
                continue
            if found.event_noun and _names_other_event(text, spans, sentence,
                                                       found.event_noun, story_day):
                continue  # "laid blame for the strike": a strike named earlier, another day
            seen_resp.add(key)
            responsibility.append(ResponsibilityClaim(
                found.actor, found.stance, Citation(article.id, key[2], key[3])))

    quotes = [
        Quote(q.speaker, text[q.start:q.end], Citation(article.id, q.start, q.end, q.speaker),
              q.direct)
        for q in find_quotes(text, [(s.start, s.end) for s in spans], docs, _persons(docs))
    ]
    return ArticleClaims(article.id, tuple(numbers), tuple(quotes), tuple(responsibility))
