"""Timeline: explicit dates beat weekdays, crawl dates are not anchors, background marked.

Hand-built articles (sport arrest, shooting, flood, quake); calendar days checked by hand:
2009-02-01 is a Sunday, 2009-02-16 a Monday, 2015-07-20 a Monday, 2024-03-06 a Wednesday.
"""

from __future__ import annotations

from builders import article
from newsfuse.story import ArticleClaims, Citation, NumberClaim
from newsfuse.timeline import build_timeline




def test_timeline_weekday_with_explicit_date_takes_the_explicit_date():
    a = article("a", "The lineman was arrested early on Sunday, February 1, 2009 in the city.",
                published="2009-02-16")
    assert [e.date for e in build_timeline([a], [], [])] == ["2009-02-01"]


def test_timeline_crawl_dated_article_resolves_weekdays_against_the_story():
    # b was crawled years later; its "Wednesday" is the Wednesday of the story's week.
    a = article("a", "Deputies found four people shot at a home on Monday night.",
                published="2015-07-21")
    b = article("b", "Authorities were searching on Wednesday for the person who shot them.",
                published="2017-01-28")
    c = article("c", "The sheriff asked the public for help on Tuesday with any leads.",
                published="2015-07-22")
    dates = sorted(e.date for e in build_timeline([a, b, c], [], []))
    assert dates == ["2015-07-20", "2015-07-21", "2015-07-22"]


def test_timeline_single_article_with_late_publication_trusts_its_explicit_dates():
    a = article("a", "The river burst its banks on March 4, 2024 after a week of rain.",
                "Rescuers were still searching on Wednesday for two missing fishermen.",
                published="2026-01-10")
    dates = [e.date for e in build_timeline([a], [], [])]
    assert dates == ["2024-03-04", "2024-03-06"]


def test_timeline_date_after_after_is_not_the_event_date():
    a = article("a", "Deputies arrested the suspect about a week after the July 15 slayings.",
                published="2015-07-25")
    assert build_timeline([a], [], []) == ()


def test_timeline_background_sentences_are_marked_and_keep_only_explicit_dates():
    past = "In April 2012 an earlier quake killed 5 people in the same province."
    past_weekday = "On Tuesday last year, a smaller quake killed 2 people there."
    a = article("a", "The quake struck the province on Tuesday morning.", past, past_weekday,
                published="2013-07-03")

    def bg(sentence: str, surface: str, value: float) -> NumberClaim:
        s = a.text.index(sentence)
        at = a.text.index(surface, s)
        return NumberClaim("killed", "people killed", value, "people", "exact", surface,
                           Citation("a", at, at + 1), Citation("a", s, s + len(sentence)),
                           event="background")

    claims = [ArticleClaims("a", (bg(past, "5", 5), bg(past_weekday, "2", 2)))]
    entries = build_timeline([a], claims, [])
    assert [(e.date, e.text.startswith("Background: ")) for e in entries] == [
        ("2012-04", True), ("2013-07-02", False)]
