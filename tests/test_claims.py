"""Claims stage: number grammar, measures, events, revisions, attribution, quotes, responsibility.

Sentences are hand-built from several news domains; the Kerman example is checked by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.article import Article, Span
from newsfuse.claims import extract_claims, find_numbers
from newsfuse.claims.model import verify_model_files
from newsfuse.errors import ModelError
from newsfuse.segment import split_sentences

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kerman-2024"



def make_article(text: str, article_id: str = "a1", published: str | None = None) -> Article:
    """An Article with one paragraph per line and syntok sentences inside each line."""
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        spans += split_sentences(text, line.start(), line.end())
    return Article(id=article_id, source=f"{article_id}.txt", original=text, text=text,
                   sentences=tuple(spans), published=published)


def claims_of(nlp, text: str, story_date: str = "2024-01-03"):
    return extract_claims(make_article(text), nlp, story_date=story_date)


def one(nums, surface):
    found = [n for n in nums if n.surface == surface]
    assert len(found) == 1, (surface, [n.surface for n in nums])
    return found[0]


# --- number grammar (no model) -----------------------------------------------------------

@pytest.mark.parametrize("text, qualifier, value", [
    ("at least 12 people", "at_least", 12), ("no fewer than 12 people", "at_least", 12),
    ("more than 12 people", "more_than", 12), ("over 12 people", "more_than", 12),
    ("upwards of 12 people", "more_than", 12), ("about 12 people", "about", 12),
    ("around 12 people", "about", 12), ("approximately 12 people", "about", 12),
    ("some 12 people", "about", 12), ("roughly 12 people", "about", 12),
    ("an estimated 12 people", "about", 12), ("up to 12 people", "up_to", 12),
    ("at most 12 people", "at_most", 12), ("fewer than 12 people", "less_than", 12),
    ("under 12 people", "less_than", 12), ("nearly 12 people", "nearly", 12),
    ("almost 12 people", "nearly", 12), ("close to 12 people", "nearly", 12),
    ("12 people", "exact", 12),
])
def test_find_numbers_reads_each_qualifier(text, qualifier, value):
    (m,) = find_numbers(text)
    assert (m.qualifier, m.value) == (qualifier, value)
    assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize("text, value, unit, normalized, norm_unit", [
    ("about 700 metres from the grave", 700, "metres", 700.0, "m"),
    ("around 2,300 feet from the tomb", 2300, "feet", 701.04, "m"),
    ("a kilometre from the grave", 1, "km", 1000.0, "m"),
    ("some 15 minutes after the first", 15, "minutes", 900.0, "s"),
    ("half an hour later", 0.5, "hours", 1800.0, "s"),
    ("the storm moved 40 miles inland", 40, "miles", 64373.76, "m"),
    ("a 5 km queue", 5, "km", 5000.0, "m"),
    ("the 100 yards dash", 100, "yards", 91.44, "m"),
])
def test_find_numbers_normalises_units(text, value, unit, normalized, norm_unit):
    (m,) = find_numbers(text)
    assert (m.value, m.unit, m.normalized_unit) == (value, unit, norm_unit)
    assert m.normalized_value == pytest.approx(normalized)


def test_find_numbers_keeps_currency_with_magnitude():
    (m,) = find_numbers("The merger is worth $2.5 billion, the company said.")
    assert (m.value, m.unit, m.normalized_value, m.surface) == (2.5e9, "USD", None, "$2.5 billion")
    (e,) = find_numbers("a fine of €300,000")
    assert (e.value, e.unit) == (300000, "EUR")


def test_find_numbers_reads_percent_with_and_without_space():
    found = find_numbers("turnout rose 8.2 % while support fell 3 percent")
    assert [(m.value, m.unit) for m in found] == [(8.2, "percent"), (3.0, "percent")]


@pytest.mark.parametrize("text, value", [
    ("two people", 2), ("twenty-five cars", 25), ("a hundred homes", 100),
    ("a dozen shots", 12), ("three million voters", 3e6), ("1.5 million people", 1.5e6),
])
def test_find_numbers_reads_number_words(text, value):
    (m,) = find_numbers(text)
    assert m.value == value


def test_find_numbers_gives_no_value_for_vague_words():
    found = find_numbers("dozens of people were hurt and hundreds fled")
    assert [(m.surface, m.value) for m in found] == [("dozens", None), ("hundreds", None)]


@pytest.mark.parametrize("text, low, high", [
    ("between 10 and 20 people", 10, 20), ("10-15 people", 10, 15), ("10 to 15 people", 10, 15),
])
def test_find_numbers_reads_ranges(text, low, high):
    (m,) = find_numbers(text)
    assert (m.value, m.value_high, m.qualifier) == (low, high, "range")


def test_find_numbers_keeps_from_to_as_two_numbers():
    found = find_numbers("the toll rose from 10 to 15")
    assert [m.value for m in found] == [10, 15]


@pytest.mark.parametrize("text", [
    "the fourth anniversary of his death", "the 22-year-old singer", "Jane Doe, 34, was charged",
    "in 2022 the law changed", "he finished 1st in the race", "call 555-123-4567 now",
    "shots near 1200 Main Street", "aged 19", "the 2019-2020 season",
])
def test_find_numbers_skips_ordinals_ages_years_phones_streets(text):
    assert [m for m in find_numbers(text) if m.kind == "quantity"] == []


def test_find_numbers_reads_clock_times_and_dates():
    t1, t2 = find_numbers("The first bomb went off around 3 pm and the next at 10 a.m. EST")
    assert (t1.kind, t1.normalized_unit, t1.qualifier) == ("time", "15:00", "about")
    assert (t2.normalized_unit, t2.surface) == ("10:00", "10 a.m. EST")
    (d,) = find_numbers("The vote was held on January 3, 2024.")
    assert (d.kind, d.normalized_unit) == ("date", "2024-01-03")
    (d2,) = find_numbers("It landed on 5 March.", default_year=2023)
    assert d2.normalized_unit == "2023-03-05"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789 ,.-$%abcdefmtkilo", max_size=40))
def test_find_numbers_spans_always_slice_to_surface(text):
    for m in find_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface


# --- model checksums ---------------------------------------------------------------------

def test_verify_model_files_names_the_mismatching_file(tmp_path):
    (tmp_path / "config.cfg").write_text("changed")
    with pytest.raises(ModelError, match="config.cfg"):
        verify_model_files(tmp_path, (("config.cfg", "0" * 64),))
    with pytest.raises(ModelError, match="missing"):
        verify_model_files(tmp_path, (("ner/model", "0" * 64),))


# --- measures, coordination, events, revisions, attribution ---------------------------------

def test_coordination_gives_two_casualty_claims(nlp):
    c = claims_of(nlp, "At least 9 people were killed and over 30 injured in the shooting, "
                       "police said.")
    killed, injured = one(c.numbers, "At least 9"), one(c.numbers, "over 30")
    assert (killed.measure, killed.qualifier, killed.value) == ("killed", "at_least", 9)
    assert (injured.measure, injured.qualifier, injured.value) == ("injured", "more_than", 30)
    assert killed.citation.attribution == "police"


def test_participle_clause_ties_numbers_to_their_verbs(nlp):
    c = claims_of(nlp, "The tornado tore through the town, killing more than 20 people and "
                       "injuring at least 140, the governor said.")
    assert one(c.numbers, "more than 20").measure == "killed"
    assert one(c.numbers, "at least 140").measure == "injured"
    assert one(c.numbers, "at least 140").citation.attribution == "the governor".removeprefix("the ")


def test_lives_claimed_and_left_injured_and_toll(nlp):
    c = claims_of(nlp, "The storm claimed the lives of at least 12 residents.\n"
                       "The floods have left over 200 homeless.\n"
                       "The death toll rose to 57 on Monday.")
    assert one(c.numbers, "at least 12").measure == "killed"
    assert one(c.numbers, "over 200").measure == "displaced"
    toll = one(c.numbers, "57")
    assert (toll.measure, toll.revision) == ("killed", True)


def test_other_measures_arrested_evacuated_missing(nlp):
    c = claims_of(nlp, "Police arrested 14 protesters after the election rally.\n"
                       "Officials evacuated 3,000 residents as the hurricane approached.\n"
                       "Five hikers remain missing.")
    assert one(c.numbers, "14").measure == "arrested"
    assert one(c.numbers, "3,000").measure == "evacuated"
    assert one(c.numbers, "Five").measure == "missing"


def test_counts_money_and_percent_in_business_and_election_news(nlp):
    c = claims_of(nlp, "Acme agreed to buy Widget Co for $2.5 billion, the company said.\n"
                       "The incumbent won 52.3 percent of the vote.\n"
                       "Firefighters found 40 vehicles burned.")
    money = one(c.numbers, "$2.5 billion")
    assert (money.measure, money.unit, money.value) == ("money", "USD", 2.5e9)
    assert money.citation.attribution == "company"
    assert one(c.numbers, "52.3 percent").measure == "percent"
    assert one(c.numbers, "40").measure == "count"


def test_background_event_is_marked_by_an_earlier_year(nlp):
    c = claims_of(nlp, "In 2022, a stampede at the stadium killed 56 people.\n"
                       "On Saturday, a crush at the same stadium killed 12 people.")
    assert one(c.numbers, "56").event == "background"
    assert one(c.numbers, "12").event == "main"


def test_relative_past_marks_background(nlp):
    c = claims_of(nlp, "Last year a similar storm killed 30 people in the region.")
    assert one(c.numbers, "30").event == "background"


def test_year_in_unrelated_relative_clause_keeps_main_event(nlp):
    c = claims_of(nlp, "At least 7 people died at a rally for the senator, who was elected "
                       "in 2018.")
    assert one(c.numbers, "At least 7").event == "main"


def test_revision_wording_marks_update(nlp):
    c = claims_of(nlp, "The number of injured was revised down to 40.\n"
                       "Firefighters rescued 40 people.")
    revised = [n for n in c.numbers if n.surface == "40"]
    assert [n.revision for n in revised] == [True, False]


def test_according_to_attribution(nlp):
    c = claims_of(nlp, "According to the fire department, 3 people were hurt.")
    hurt = one(c.numbers, "3")
    assert hurt.measure == "injured" and hurt.citation.attribution == "fire department"


def test_citations_slice_to_the_mention(nlp):
    text = "Officials said about 700 metres of road and more than 1,200 homes were damaged."
    c = claims_of(nlp, text)
    for n in c.numbers:
        assert text[n.citation.start:n.citation.end] == n.surface
        assert n.sentence.start <= n.citation.start < n.citation.end <= n.sentence.end


def test_ages_ordinals_and_years_are_not_counts(nlp):
    c = claims_of(nlp, "The 22-year-old singer marked the fourth anniversary of her debut "
                       "in 2019 album sales.")
    assert [n for n in c.numbers if n.measure == "count"] == []


# --- quotes --------------------------------------------------------------------------------

def test_quote_split_by_attribution_keeps_speaker_for_both_parts(nlp):
    text = ("“We will rebuild every home,” Mayor Jane Smith said. “Nobody will be left "
            "behind.”")
    c = claims_of(nlp, text)
    assert [(q.speaker, q.text) for q in c.quotes] == [
        ("Mayor Jane Smith", "We will rebuild every home"),
        ("Mayor Jane Smith", "Nobody will be left behind."),
    ]
    for q in c.quotes:
        assert text[q.citation.start:q.citation.end] == q.text


def test_pronoun_speaker_resolves_to_earlier_person(nlp):
    c = claims_of(nlp, "Coach Mark Davis praised the team after the final.\n"
                       "\"This is the best group I have ever worked with,\" he said.")
    assert [q.speaker for q in c.quotes if q.direct] == ["Mark Davis"]


def test_reported_speech_is_not_direct(nlp):
    c = claims_of(nlp, "The actress said that she would take a break from filming.")
    (q,) = c.quotes
    assert (q.direct, q.speaker) == (False, "actress")
    assert q.text.startswith("she would take a break")


def test_scare_quotes_are_not_quotes(nlp):
    c = claims_of(nlp, "Officials called the blast “terrorist attacks” on Tuesday.")
    assert [q for q in c.quotes if q.direct] == []


# --- responsibility ------------------------------------------------------------------------

def test_responsibility_stances(nlp):
    c = claims_of(nlp, "The Islamic State claimed responsibility for the bombing.\n"
                       "The rebel group denied involvement in the attack.\n"
                       "The government blamed the opposition for the violence.\n"
                       "Officials are attributing the attacks to separatists.\n"
                       "No one has immediately claimed responsibility for the shooting.")
    got = [(r.actor, r.stance) for r in c.responsibility]
    assert got == [("Islamic State", "claimed"), ("rebel group", "denied"),
                   ("opposition", "blamed"), ("separatists", "blamed"), (None, "none_claimed")]


def test_responsibility_for_a_past_attack_is_skipped(nlp):
    c = claims_of(nlp, "In October 2022, the Islamic State took credit for a shooting at a "
                       "shrine.")
    assert c.responsibility == ()


# --- the Kerman example, checked by hand ----------------------------------------------------

@pytest.fixture(scope="module")
def kerman(nlp):
    out = {}
    for path in sorted(EXAMPLE.glob("*.txt")):
        out[path.name[:3]] = extract_claims(make_article(path.read_text(), path.name[:3]), nlp,
                                            story_date="2024-01-03")
    return out


def _facts(claims, measure, event="main"):
    return {(n.qualifier, n.value) for n in claims.numbers
            if n.measure == measure and n.event == event}


def test_kerman_killed_figures(kerman):
    assert ("at_least", 103) in _facts(kerman["000"], "killed")
    assert ("more_than", 100) in _facts(kerman["001"], "killed")
    assert ("more_than", 100) in _facts(kerman["002"], "killed")
    assert ("at_least", 103) in _facts(kerman["003"], "killed")
    assert ("at_least", 95) in _facts(kerman["004"], "killed")


def test_kerman_injured_figures(kerman):
    assert ("more_than", 200) in _facts(kerman["000"], "injured")
    assert ("at_least", 140) in _facts(kerman["002"], "injured")
    assert ("at_least", 141) in _facts(kerman["003"], "injured")
    assert ("more_than", 210) in _facts(kerman["004"], "injured")


def test_kerman_distances_and_delays(kerman):
    def norm(key, measure):
        return {round(n.normalized_value, 2) for n in kerman[key].numbers if n.measure == measure}
    assert 700.0 in norm("000", "distance") and 1000.0 in norm("000", "distance")
    assert 701.04 in norm("002", "distance") and 609.6 in norm("002", "distance")
    assert 1000.0 in norm("001", "distance")
    assert 1200.0 in norm("000", "duration")  # about 20 minutes later
    assert 900.0 in norm("001", "duration") and 900.0 in norm("003", "duration")


def test_kerman_background_figures(kerman):
    assert ("at_least", 56) in _facts(kerman["003"], "killed", "background")
    assert ("at_least", 56) not in _facts(kerman["003"], "killed")
    assert (None, 15) in {(None, n.value) for n in kerman["004"].numbers
                          if n.event == "background"}
    assert 15 not in {n.value for n in kerman["004"].numbers
                      if n.measure == "killed" and n.event == "main"}


def test_kerman_responsibility(kerman):
    assert [(r.actor, r.stance) for r in kerman["000"].responsibility] == [
        ("Islamic State", "claimed")]
    assert [r.stance for r in kerman["002"].responsibility] == ["none_claimed"]
    assert ("Israel", "blamed") in {(r.actor, r.stance) for r in kerman["004"].responsibility}


def test_kerman_quote_speakers(kerman):
    speakers = {q.speaker for q in kerman["000"].quotes if q.direct}
    assert "Raisi" in speakers
    assert "Ayatollah Ali Khamenei" in {q.speaker for q in kerman["004"].quotes if q.direct}


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_DATE_PIECES = st.sampled_from([
    "on January 3, 2024", "on 3 March 2021", "on 2019-07-14", "last Tuesday", "at 10 a.m. EST",
    "more than 40 people", "about 2,300 feet", "in October 2022", "on Feb. 1, 2009",
    "at least 12 homes", "15 minutes later", "in 2020", "$2.5 billion", "on Sunday, May 5",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_DATE_PIECES, min_size=1, max_size=6), st.sampled_from([None, 2024]))
def test_find_dates_gives_exactly_the_dates_of_find_numbers(pieces, year):
    from newsfuse.claims.numbers import find_dates, find_numbers

    text = "Officials said " + ", and ".join(pieces) + "."
    expected = [m for m in find_numbers(text, default_year=year) if m.kind == "date"]
    assert find_dates(text, default_year=year) == expected


def test_find_dates_reads_written_dates_to_iso():
    from newsfuse.claims.numbers import find_dates

    found = find_dates("The storm hit on January 3, 2024, and power returned on 5 January 2024.")
    assert [m.normalized_unit for m in found] == ["2024-01-03", "2024-01-05"]
