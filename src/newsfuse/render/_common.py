"""What every renderer shares: article labels, citation numbers, value and relation wording."""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.article import Article
from newsfuse.story import Citation, Fact, FactValue, Relation, Report, Story
from newsfuse.units import unit_text

_QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "up_to": "up to",
    "at_most": "at most",
    "less_than": "less than",
    "nearly": "nearly",
    "range": "",
}

_RELATION_WORDS = {
    "duplicate": "is a duplicate of",
    "copy": "is a copy of",
    "rewrite": "is a rewrite of",
    "shared_source": "shares a source with",
    "independent": "is independent of",
}

# Strongest reuse first, so lists and legends read from "same text" to "unrelated".
RELATION_ORDER = ("duplicate", "copy", "rewrite", "shared_source", "independent")


@dataclass(frozen=True)
class StoryIndex:
    """Citation numbers of one story: the story's articles numbered 1..n in story order."""

    numbers: dict[str, int]
    articles: dict[str, Article]

    def number(self, article_id: str) -> int:
        return self.numbers[article_id]

    def legend(self) -> list[tuple[int, str, Article | None]]:
        """(number, article id, article or None when it is not in the report), by number."""
        return sorted(
            (n, aid, self.articles.get(aid)) for aid, n in self.numbers.items()
        )


def story_index(report: Report, story: Story) -> StoryIndex:
    """Number the story's articles; cited articles missing from ``story.articles`` come last."""
    numbers: dict[str, int] = {}
    for aid in story.articles:
        numbers.setdefault(aid, len(numbers) + 1)
    for citation in iter_story_citations(story):
        numbers.setdefault(citation.article, len(numbers) + 1)
    return StoryIndex(numbers, {a.id: a for a in report.articles})


def iter_story_citations(story: Story) -> list[Citation]:
    """Every citation of a story, in reading order."""
    out: list[Citation] = []
    for s in story.summary:
        out.extend(s.citations)
    for f in story.facts:
        for v in f.values:
            out.extend(v.sources)
    for q in story.quotes:
        out.extend(q.sources)
    for r in story.responsibility:
        out.extend(r.sources)
    for t in story.timeline:
        out.extend(t.sources)
    return out


def article_label(article: Article | None, article_id: str) -> str:
    """A short human name for an article: its outlet, else its title, else its id."""
    if article is None:
        return article_id
    if article.outlet:
        return article.outlet
    if article.title:
        return article.title if len(article.title) <= 40 else article.title[:39] + "…"
    return article.id


def article_snippet(article: Article, words: int = 12) -> str:
    """The first ``words`` words of the article's text, with '…' when cut."""
    parts = article.text.split()
    text = " ".join(parts[:words])
    return text + "…" if len(parts) > words else text


def article_long_label(article: Article | None, article_id: str) -> str:
    """Outlet, title and id, for legends."""
    if article is None:
        return f"{article_id} (not in this report)"
    parts = [p for p in (article.outlet, article.title) if p]
    if article.published:
        parts.append(article.published)
    parts.append(f"id {article.id}")
    return " — ".join(parts)


def untitled_opening(article: Article | None, words: int = 14) -> str | None:
    """The opening words of an article that has no title, in quote marks (so a reader can
    tell untitled sources apart); None when it has a title or no text."""
    if article is None or article.title or not article.text.strip():
        return None
    return f"“{article_snippet(article, words)}”"


def quote_text(text: str, direct: bool) -> str:
    """Quoted words in quote marks; reported speech (a paraphrase) without them."""
    return f"“{text}”" if direct else f"(reported) {text}"


def format_number(value: float | None) -> str:
    """A number as a reader expects it: 3,000 / 2.5 / 0.125; '?' when unknown."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


# Units of earthquake magnitudes (claims: the scale named). The scale's name goes before the
# number as news writes it ("magnitude 7.2"); "Richter" is shown after it.
MAGNITUDE_UNITS = frozenset({"magnitude", "moment magnitude", "Richter"})
# Speeds carry their km/h value; it is shown rounded after the unit as written.
SPEED_UNIT = "km/h"


def _magnitude_text(number: str, unit: str) -> str:
    return f"magnitude {number} (Richter)" if unit == "Richter" else f"{unit} {number}"


def _speed_text(number: str, value: FactValue) -> str:
    """'120 mph (193 km/h)', '100–120 km/h'."""
    text = f"{number} {value.unit}"
    if value.unit == SPEED_UNIT or value.normalized_value is None or not value.value:
        return text
    factor = value.normalized_value / value.value
    shown = format_number(round(value.normalized_value))
    if value.value_high is not None:
        shown = f"{shown}–{format_number(round(value.value_high * factor))}"
    return f"{text} ({shown} {SPEED_UNIT})"


def format_value(value: FactValue) -> str:
    """'at least 12 people', '2.5–3 miles', 'about 3,000', 'up to 120 mph (193 km/h)',
    'magnitude 7.2'."""
    number = format_number(value.value)
    if value.value_high is not None:
        number = f"{number}–{format_number(value.value_high)}"
    words = _QUALIFIER_WORDS.get(value.qualifier, value.qualifier.replace("_", " "))
    if value.unit in MAGNITUDE_UNITS and value.normalized_unit is None:
        return f"{words} {_magnitude_text(number, value.unit)}".strip()
    if value.normalized_unit == SPEED_UNIT and value.unit:
        return f"{words} {_speed_text(number, value)}".strip()
    text = f"{words} {number}".strip()
    if value.unit:
        text = f"{text} {unit_text(value.unit, value.value, value.value_high)}"
    normalized = value.normalized_unit
    if normalized and any(ch.isdigit() for ch in normalized):
        # A unit holding digits is a formatted value (an ISO date, a clock time "15:00"):
        # show it instead of the raw number; a clock time keeps its zone ("10:00 EST").
        zone = value.unit if value.unit not in (None, "time", "date") else None
        shown = " ".join(p for p in (words, normalized, zone) if p)
        return shown
    if value.normalized_value is not None and normalized and normalized != value.unit:
        text = f"{text} (= {format_number(value.normalized_value)} {normalized})"
    return text


_STATUS_ORDER = ("conflict", "updated", "agreed", "single_source")


def sorted_facts(story: Story) -> list[Fact]:
    """Facts that need a reader's attention first (conflicts, updates), else in story order."""
    rank = {name: i for i, name in enumerate(_STATUS_ORDER)}
    return sorted(story.facts, key=lambda f: rank.get(f.status, len(rank)))


def format_consensus(fact: Fact) -> str:
    """The consensus of a fact as a reader expects it: '12 people', '1 km', '10:00 EST'.

    A fact with no single number but one distinct stated value (a date) shows that value.
    """
    consensus = fact.consensus
    if consensus is None:
        return "—"
    if consensus.value is None:
        shown = {format_value(v) for v in fact.values}
        return shown.pop() if len(shown) == 1 else format_consensus_value(None)
    for v in fact.values:
        if v.value != consensus.value:
            continue
        if v.normalized_unit and any(ch.isdigit() for ch in v.normalized_unit):
            # a clock time or a date: the formatted value, not decimal hours
            zone = v.unit if v.unit not in (None, "time", "date") else None
            return " ".join(p for p in (v.normalized_unit, zone) if p)
        if v.unit in MAGNITUDE_UNITS and v.normalized_unit is None:
            return _magnitude_text(format_consensus_value(consensus.value), v.unit)
        if v.normalized_unit == SPEED_UNIT and v.unit:
            return _speed_text(format_consensus_value(consensus.value),
                               FactValue(v.value, v.unit, v.qualifier, (), 0,
                                         v.normalized_value, v.normalized_unit))
        if v.unit:
            unit = unit_text(v.unit, consensus.value)
            return f"{format_consensus_value(consensus.value)} {unit}"
    return format_consensus_value(consensus.value)


def format_consensus_value(value: float | None) -> str:
    return "no single value" if value is None else format_number(value)


def percent(fraction: float) -> str:
    return f"{round(fraction * 100):d}%"


def relation_sentence(relation: Relation, index: StoryIndex) -> str:
    """'The Daily (daily-2) is a rewrite of Wire Agency (wire-1) (verbatim 43%, paraphrase 71%)'."""
    target = _named(relation.target, index)
    source = _named(relation.source, index)
    words = _RELATION_WORDS.get(relation.relation, relation.relation)
    scores = f"verbatim {percent(relation.verbatim)}, paraphrase {percent(relation.paraphrase)}"
    direction = "" if relation.directed or relation.relation == "independent" else "; direction unknown"
    return f"{target} {words} {source} ({scores}{direction})"


def provenance_lines(story: Story, index: StoryIndex) -> list[str]:
    """One sentence per reuse relation, then all independent pairs on one line."""
    lines, independent = [], []
    for relation in sorted_relations(story):
        if relation.relation == "independent":
            pair = sorted((index.numbers.get(relation.source, 0),
                           index.numbers.get(relation.target, 0)))
            independent.append(f"[{pair[0]}]–[{pair[1]}]")
        else:
            lines.append(relation_sentence(relation, index))
    if independent:
        lines.append("independent of each other: " + ", ".join(sorted(independent)))
    return lines


def _named(article_id: str, index: StoryIndex) -> str:
    label = article_label(index.articles.get(article_id), article_id)
    number = index.numbers.get(article_id)
    marker = f" [{number}]" if number is not None else ""
    return (f"{label}{marker}" if label == article_id else f"{label} ({article_id}){marker}")


def sorted_relations(story: Story) -> list[Relation]:
    """Relations strongest first, then by ids (independent pairs last)."""
    rank = {name: i for i, name in enumerate(RELATION_ORDER)}
    return sorted(story.provenance,
                  key=lambda r: (rank.get(r.relation, len(rank)), r.source, r.target))


def markers(citations: tuple[Citation, ...] | list[Citation], index: StoryIndex) -> str:
    """'[1][3]': one marker per cited article, in number order, no repeats."""
    numbers = sorted({index.numbers[c.article] for c in citations if c.article in index.numbers})
    return "".join(f"[{n}]" for n in numbers)


# --- many-story reports: order, overview figures, fact groups --------------------------------

# In a report of many stories the text and Markdown renderers show at most this many entries
# of a long list (single-source figures, background figures, quotes, timeline) per story; the
# rest is counted (Markdown folds it away instead). JSON always keeps everything.
MAX_LIST_ITEMS = 8

_BACKGROUND = "background:"


def is_background(fact: Fact) -> bool:
    """A figure about another, earlier event the story mentions in passing."""
    return fact.about.startswith(_BACKGROUND)


@dataclass(frozen=True)
class FactGroups:
    """A story's facts as a reader scans them.

    Attributes:
        checked: facts of the story's own event stated by two or more independent sources or
            in conflict/updated (conflicts first), for the facts table.
        single_source: the story's own facts that only one independent source states.
        background: facts about other events the articles mention (any status).
    """

    checked: tuple[Fact, ...]
    single_source: tuple[Fact, ...]
    background: tuple[Fact, ...]


def fact_groups(story: Story) -> FactGroups:
    """Split the facts of a story into checked, single-source and background ones."""
    checked, single, background = [], [], []
    for fact in sorted_facts(story):
        if is_background(fact):
            background.append(fact)
        elif fact.status == "single_source":
            single.append(fact)
        else:
            checked.append(fact)
    return FactGroups(tuple(checked), tuple(single), tuple(background))


def fact_label(fact: Fact) -> str:
    """What a fact is about, with its measure when the words do not already say it.

    'people killed', 'earthquake (magnitude)', 'duration'; a background fact loses its
    'background:' prefix (it is shown under its own heading).
    """
    about = fact.about[len(_BACKGROUND):].strip() if is_background(fact) else fact.about
    about = about or fact.measure
    if fact.measure.lower() in about.lower() or fact.measure == "count":
        return about
    return f"{about} ({fact.measure})"


def compact_fact(fact: Fact, index: StoryIndex) -> str:
    """A fact on one line: 'people evacuated: at least 200 people [3]; 250 [1]'."""
    values = "; ".join(f"{format_value(v)} {markers(v.sources, index)}".rstrip()
                       for v in fact.values)
    return f"{fact_label(fact)}: {values}"


def conflict_count(story: Story) -> int:
    """How many facts of the story's own event the sources disagree on."""
    return sum(1 for f in story.facts if f.status == "conflict" and not is_background(f))


def independent_source_count(story: Story) -> int:
    """Independent sources of a story: its source groups, plus articles in no group."""
    grouped = {a for group in story.source_groups for a in group}
    return len(story.source_groups) + sum(1 for a in story.articles if a not in grouped)


def story_dates(report: Report, story: Story) -> tuple[str, str] | None:
    """(earliest, latest) publication day of the story's articles, or None when none is dated."""
    by_id = {a.id: a for a in report.articles}
    days = sorted(by_id[a].published[:10] for a in story.articles
                  if a in by_id and by_id[a].published)
    return (days[0], days[-1]) if days else None


def date_range_text(dates: tuple[str, str] | None) -> str:
    """'2024-03-04', '2024-03-04 – 2024-03-06' or 'undated'."""
    if dates is None:
        return "undated"
    first, last = dates
    return first if first == last else f"{first} – {last}"


def story_order(report: Report) -> list[Story]:
    """Stories as a reader of many wants them: the biggest and most disputed first.

    Stories of two or more articles come first, by article count, independent sources and
    conflicts (most first), then title and id so the order is the same on every run;
    single-article stories (often off-topic or unclustered pages) come last, by title and id.
    """
    def key(story: Story) -> tuple[object, ...]:
        return (len(story.articles) <= 1, -len(story.articles),
                -independent_source_count(story), -conflict_count(story),
                story.title.casefold(), story.id)

    return sorted(report.stories, key=key)


def is_single_article(story: Story) -> bool:
    return len(story.articles) <= 1


def shorten(text: str, max_chars: int) -> str:
    """One line of at most ``max_chars`` characters, cut at a word with '…'."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    if " " in cut[max_chars // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def story_lead(story: Story, max_chars: int = 160) -> str:
    """The story in one line: its first summary sentence, shortened ('' without a summary)."""
    return shorten(story.summary[0].text, max_chars) if story.summary else ""


def story_anchor(story: Story) -> str:
    """An HTML/Markdown anchor id for the story, from its id (letters, digits, '-', '_')."""
    return "story-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in story.id)


def short_date_range(dates: tuple[str, str] | None) -> str:
    """Like :func:`date_range_text`, the second date without the year it shares:
    '2013-03-11 – 03-17'."""
    if dates is None:
        return "undated"
    first, last = dates
    if first == last:
        return first
    if first[:4] == last[:4] and len(last) == 10:
        return f"{first} – {last[5:]}"
    return f"{first} – {last}"


def story_stats(report: Report, story: Story, *, outlets: int = 0) -> list[str]:
    """A story's size at a glance: ['5 articles', '4 independent sources', ('3 named
    outlets',) '2013-07-02 – 2013-07-03', ('3 conflicting figures')]."""
    n = len(story.articles)
    parts = [f"{n} article{'s' if n != 1 else ''}"]
    if n > 1:
        parts.append(f"{independent_source_count(story)} independent sources")
    if outlets:
        parts.append(f"{outlets} named outlets")
    parts.append(date_range_text(story_dates(report, story)))
    conflicts = conflict_count(story)
    if conflicts:
        parts.append(f"{conflicts} conflicting figure{'s' if conflicts != 1 else ''}")
    return parts
