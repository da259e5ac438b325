"""The story's timeline: dated events from the articles and how key figures changed.

Dates are read from sentences (explicit dates, "January 2020", weekdays, "yesterday")
and relative ones are resolved against the article's publication date; an article
without one contributes only explicit dates. Every entry cites its sentences.

Rules (decided after review of real stories):

* an explicit date in a sentence wins: weekdays and "yesterday" in a sentence that names a
  date ("Sunday, February 1, 2009") are not resolved at all;
* the reference date for relative days is the article's publication date, unless it lies
  more than ``MAX_ANCHOR_GAP_DAYS`` from the story's median publication date (a crawl
  date), then the story's median; and when every full date the article's text names is
  that far before the reference, the latest of them is the reference, and a weekday is
  then the first such day after it (the text was written after the dates it names);
* a date after "after"/"before"/"since" ("a week after the July 15 slayings") is not the
  date of the sentence's event and is skipped;
* background sentences (a claim of the sentence is about another, earlier event) are kept
  only with an explicit date, and their text is marked ``Background:`` so a reader never
  takes them for the story's own events; relative days in them are not resolved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsfuse.article import Article
from newsfuse.story import ArticleClaims, Citation, Fact, TimelineEntry

# Two sentences of one date whose words overlap this much (token_set_ratio) are one entry.
MIN_SAME_EVENT_RATIO = 70.0
# Measures whose changes over time are worth a timeline entry.
# Publication dates further than this from the story's median are not used for weekdays.
MAX_ANCHOR_GAP_DAYS = 30
# A dated sentence needs this many content words (not function or date words) to be an
# event; sentences sharing this share of the shorter one's content words are one event.
MIN_EVENT_WORDS = 3
MIN_SHARED_CONTENT = 0.5
KEY_MEASURES = ("killed", "injured", "missing", "arrested", "displaced", "evacuated", "rescued")

_MONTHS = {
    name: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ])
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MDY = re.compile(rf"\b({_MONTH_RE})(?:\.\s*|\s+)(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b",
                  re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b",
                  re.I)
_MY = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(rf"\b(last\s+|next\s+|this\s+)?({'|'.join(_WEEKDAYS)})\b", re.I)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|last night|this morning|this afternoon)\b",
                       re.I)
_FUTURE = re.compile(r"\b(will|would|next|plans? to|scheduled|expected to)\b", re.I)
# A deadline or an obligation: a yearless date in such a sentence lies ahead ("must decide
# by May 9", "the May 9 deadline"), like one in a sentence about the future.
_AHEAD = re.compile(r"\b(will|must|deadline|scheduled to|expected to)\b", re.I)
_BY = re.compile(r"\b(by|until|till)\s+(the\s+)?$", re.I)
_QUOTE_MARKS = "\"“”«»"
# Picture captions and their credits: the date of a picture is not an event of the story.
_CAPTION = re.compile(
    r"\b(file photo|photo:|photo by|photograph by|pictured|caption|slideshow|photo gallery)"
    # A publication stamp ("... posted in Pedestrian Accidents on Wednesday, September 18").
    r"|\b(posted|published|updated)\s*(in|on|at|:)",
    re.I,
)
# Function words and date words: what is left of a sentence without them is its content.
_STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his in into is it its of "
    "on or she that the their them they this to was were which who will with would said says "
    "after before also than then there when while about over".split()
)
_DATE_WORD = re.compile(
    rf"^({_MONTH_RE}|{'|'.join(_WEEKDAYS)}|yesterday|today|tonight|last|night|morning|"
    r"afternoon|evening|early|late|\d+(st|nd|rd|th)?|[ap]m)$",
    re.I,
)
_NOT_ON = re.compile(r"\b(after|before|since|following|until|ahead of)\s+(the\s+)?$", re.I)
_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\.?(?![a-z])", re.I)


def _reference(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Found:
    date: str
    position: int
    explicit: bool = True


def _dates_in(
    sentence: str, ref: dt.date | None, *, relative: bool = True, forward: bool = False
) -> list[_Found]:
    """Every date the sentence names, as ISO strings (``YYYY-MM-DD`` or ``YYYY-MM``)."""
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return all(m.end() <= s or m.start() >= e for s, e in taken)

    def add(m: re.Match[str], value: str, explicit: bool = True) -> None:
        taken.append((m.start(), m.end()))
        if not _NOT_ON.search(sentence[max(0, m.start() - 20) : m.start()]):
            found.append(_Found(value, m.start(), explicit))

    for m in _ISO.finditer(sentence):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            add(m, d.isoformat())
    for pattern, month_group, day_group in ((_MDY, 1, 2), (_DMY, 2, 1)):
        for m in pattern.finditer(sentence):
            if not free(m) or m[month_group] == "may":  # the verb, not the month
                continue
            month = _MONTHS[m[month_group].lower()]
            day = int(m[day_group])
            if m[3]:
                year = int(m[3])
            elif ref is not None:
                # No year: the nearest such day not far after publication.
                year = ref.year
                candidate = _safe_date(year, month, day)
                lead_in = sentence[max(0, m.start() - 12) : m.start()]
                if _AHEAD.search(sentence) or _BY.search(lead_in):
                    # A deadline or plan: the first such day on or after publication.
                    if candidate and candidate < ref:
                        year += 1
                elif candidate and candidate > ref + dt.timedelta(days=31):
                    year -= 1
            else:
                continue
            d = _safe_date(year, month, day)
            if d:
                add(m, d.isoformat())
    for m in _MY.finditer(sentence):
        if free(m) and m[1] != "may":
            add(m, f"{int(m[2]):04d}-{_MONTHS[m[1].lower()]:02d}")
    if ref is not None and relative and not taken:
        future = bool(_FUTURE.search(sentence))
        for m in _WEEKDAY.finditer(sentence):
            if not free(m) or _quoted(sentence, m.start()):
                continue
            target = _WEEKDAYS.index(m[2].lower())
            delta = (ref.weekday() - target) % 7
            if (m[1] or "").strip().lower() == "next" or (future and delta) or forward:
                d = ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
            else:
                d = ref - dt.timedelta(days=delta)
            add(m, d.isoformat(), False)
        for m in _RELATIVE.finditer(sentence):
            if free(m) and not _quoted(sentence, m.start()):
                shift = -1 if m[1].lower() == "yesterday" else 0
                add(m, (ref + dt.timedelta(days=shift)).isoformat(), False)
    found.sort(key=lambda f: f.position)
    return found


def _quoted(sentence: str, position: int) -> bool:
    """Whether ``position`` lies inside quotation marks: a speaker's "today" is the day of
    the speech, which the publication date does not tell ("we can grow our economy today")."""
    before = sentence[:position]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    guillemets = before.count("«") > before.count("»")
    return straight or curly or guillemets


def _is_event_sentence(sentence: str) -> bool:
    """Whether a dated sentence can be a timeline entry: a whole sentence (not a dateline
    "★ Wednesday, 9 February 2011", a list lead-in "... for Wednesday is as follows:", the
    tail of a quote cut by sentence splitting, a photo caption) with words beyond its date."""
    stripped = sentence.strip()
    if not stripped or stripped[-1] not in ".!?\"”'’)":
        return False
    marks = sum(stripped.count(q) for q in _QUOTE_MARKS)
    if marks % 2 == 1 and stripped.count("“") != stripped.count("”"):
        return False
    if _CAPTION.search(stripped):
        return False
    return len(_content_words(stripped)) >= MIN_EVENT_WORDS


def _content_words(sentence: str) -> frozenset[str]:
    # Hyphenated words count by their parts ("6.1-magnitude"), possessives by their noun.
    words = (re.sub(r"['’]s$", "", w.lower())
             for w in re.findall(r"[^\W_](?:[\w'’.]*\w)?", sentence))
    return frozenset(w for w in words if w not in _STOPWORDS and not _DATE_WORD.match(w))


def _same_event(a: str, b: str) -> bool:
    """Two sentences of one date tell one event: their words overlap (token set ratio), or
    most content words of the shorter one are in the other ("Pierre Thomas was placed on
    injured reserve by the Saints on Wednesday" / "The Saints placed Pierre Thomas on IR
    Wednesday")."""
    if fuzz.token_set_ratio(a, b) >= MIN_SAME_EVENT_RATIO:
        return True
    wa, wb = _content_words(a), _content_words(b)
    small = min(len(wa), len(wb))
    return small >= MIN_EVENT_WORDS and len(wa & wb) >= MIN_SHARED_CONTENT * small


def _references(articles: Sequence[Article]) -> dict[str, tuple[dt.date | None, bool]]:
    """Each article's reference date for relative days (module docstring), and whether it
    is a date of the text (then weekdays are the days that follow it, not precede it)."""
    own = {a.id: _reference(a) for a in articles}
    known = sorted(d for d in own.values() if d is not None)
    median = known[len(known) // 2] if known else None
    out: dict[str, tuple[dt.date | None, bool]] = {}
    gap = dt.timedelta(days=MAX_ANCHOR_GAP_DAYS)
    for a in articles:
        ref = own[a.id]
        if ref is not None and median is not None and abs(ref - median) > gap:
            ref = median
        if ref is not None:
            full = [dt.date.fromisoformat(f.date) for span in a.sentences
                    for f in _dates_in(a.text[span.start : span.end], None) if len(f.date) == 10]
            if full and max(full) < ref - gap:
                out[a.id] = (max(full), True)
                continue
        out[a.id] = (ref, False)
    return out


def _time_in(sentence: str) -> str | None:
    m = _TIME.search(sentence)
    if not m:
        return None
    hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0)
    minute = int(m[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _figure_entries(articles: Sequence[Article], facts: Sequence[Fact]) -> list[TimelineEntry]:
    published = {a.id: a.published for a in articles}
    out = []
    for fact in facts:
        if fact.measure not in KEY_MEASURES or fact.about.startswith(("background:", "part:")):
            continue
        if len(fact.values) < 2 and fact.status != "updated":
            continue
        consensus = fact.consensus.value if fact.consensus else None
        for value in fact.values:
            if not value.first_seen:
                continue
            # A figure in dispute (not an update) is an entry only when several independent
            # sources state it or it is the consensus: one source's outlier is no change of
            # the figure (ECB+ 37_ecbplus: ten "killed"/"injured" values on one day).
            if (fact.status == "conflict" and value.independent_sources < 2
                    and (consensus is None or value.value != consensus)):
                continue
            cites = tuple(c for c in value.sources if published.get(c.article) == value.first_seen)
            label = {"exact": "", "at_least": "at least ", "more_than": "more than ",
                     "about": "about ", "nearly": "nearly ", "up_to": "up to ",
                     "at_most": "at most ", "less_than": "less than "}.get(value.qualifier, "")
            number = f"{value.value:g}" if value.value is not None else "an unstated number"
            text = (f"{fact.measure}: {label}{number} ({fact.about}), reported by "
                    f"{value.independent_sources} independent source"
                    f"{'s' if value.independent_sources != 1 else ''}")
            out.append(TimelineEntry(date=value.first_seen, text=text, sources=cites))
    return out


def build_timeline(
    articles: Sequence[Article],
    claims: Sequence[ArticleClaims],
    facts: Sequence[Fact],
) -> tuple[TimelineEntry, ...]:
    """Dated events and changes of key figures, each cited, sorted by date then text.

    Args:
        articles: the articles of one story (publication dates resolve "on Wednesday").
        claims: their claims; a sentence holding a background claim is a background event.
        facts: reconciled facts; key figures with several values become entries at the
            publication time each value was first seen.

    Returns:
        Entries whose ``date`` is ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``.
    """
    background: dict[str, list[tuple[int, int]]] = {}
    for ac in claims:
        for n in ac.numbers:
            if n.event == "background":
                background.setdefault(ac.article, []).append((n.citation.start, n.citation.end))
    refs = _references(articles)
    raw: list[tuple[str, str, Citation]] = []
    for article in sorted(articles, key=lambda a: a.id):
        ref, forward = refs[article.id]
        for span in article.sentences:
            sentence = article.text[span.start : span.end]
            if not _is_event_sentence(sentence):
                continue
            past = any(span.start <= s and e <= span.end
                       for s, e in background.get(article.id, ()))
            dates = _dates_in(sentence, ref, relative=not past, forward=forward)
            if not dates:
                continue
            if past:
                sentence = f"Background: {sentence}"
            date = dates[0].date
            clock = _time_in(sentence)
            if clock and len(date) == 10 and len({d.date for d in dates}) == 1:
                date = f"{date}T{clock}"
            raw.append((date, sentence, Citation(article.id, span.start, span.end)))
    # One entry per event: a sentence joins the first entry of its date that tells the same
    # event as any sentence already in it (each article cited once per entry).
    merged: list[tuple[str, str, list[Citation], list[str]]] = []
    for date, sentence, cite in raw:
        for entry in merged:
            if entry[0] == date and any(_same_event(t, sentence) for t in entry[3]):
                if all(c.article != cite.article for c in entry[2]):
                    entry[2].append(cite)
                    entry[3].append(sentence)
                break
        else:
            merged.append((date, sentence, [cite], [sentence]))
    entries = [TimelineEntry(d, t, tuple(sorted(cs, key=lambda c: (c.article, c.start))))
               for d, t, cs, _ in merged]
    entries.extend(_figure_entries(articles, facts))
    entries.sort(key=lambda e: (e.date, e.text, tuple((c.article, c.start) for c in e.sources)))
    return tuple(entries)
