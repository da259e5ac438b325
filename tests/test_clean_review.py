"""Cleaning on hand-built pages shaped like the failures of a review on unseen stories.

Each test builds a small page in the layout the review found (caption copies of the lead,
a lone sentence left after the headline, a dateline above the headline, lower-cased
boilerplate) with invented text from several news domains.
"""

from __future__ import annotations

import pytest

from newsfuse.article import Document
from newsfuse.clean import clean
from newsfuse.errors import InputError


def make(*paragraphs: str, sep: str = "\n\n", **meta) -> Document:
    return Document(source="page.txt", text=sep.join(paragraphs), format="text", id="p", **meta)


def kept(doc: Document) -> list[str]:
    article = clean(doc)
    return [article.text[p.start : p.end] for p in article.paragraphs]


def reasons(doc: Document) -> dict[str, str]:
    return {r.text: r.reason for r in clean(doc).removed}


# --- 1. a repeat is dropped only when its first copy is kept ---------------------------------

FIRE_LEAD = (
    "Flames tore through a four-storey apartment block on Elm Street before dawn on Sunday, "
    "forcing dozens of residents onto the street, fire officials said."
)
FIRE_REST = [
    "Two firefighters were treated for smoke inhalation.",
    "The cause of the fire is under investigation, the department said.",
]


def test_clean_keeps_lead_after_its_video_caption_copy_is_dropped():
    caption = FIRE_LEAD + " (Published Sunday, March 3, 2024)"
    doc = make(caption, FIRE_LEAD, *FIRE_REST, title="Fire guts apartment block")
    assert reasons(doc) == {caption: "embedded post or video"}
    assert kept(doc) == [FIRE_LEAD, *FIRE_REST]


def test_clean_keeps_paragraph_repeated_after_its_photo_caption_copy():
    lead = "Shares of Northwind Corp fell 12 percent on Monday after the retailer cut its forecast."
    rest = ["The company blamed weak holiday demand.", "Analysts had expected a smaller decline."]
    doc = make(lead.rstrip("."), "Photo: Getty Images", lead, *rest, title="Northwind shares fall")
    removed = reasons(doc)
    assert removed[lead.rstrip(".")] == "photo caption"
    assert lead not in removed
    assert kept(doc) == [lead, *rest]


def test_clean_still_drops_repeat_of_a_kept_paragraph():
    first = "Voters in the district chose Maria Lopez by a margin of 2,300 votes on Tuesday."
    doc = make(first, "Turnout reached 61 percent, the clerk said.", first, title="Lopez wins")
    assert reasons(doc) == {first: "repeated paragraph (first at paragraph 1)"}
    assert kept(doc) == [first, "Turnout reached 61 percent, the clerk said."]


# --- 2. a lone real sentence survives ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # cut at a comma, as a truncated page leaves it
        "Early Friday morning, around 2 a.m., the 31-year-old singer checked into a clinic in "
        "Palm Springs, Calif,",
        # no final period, but a sentence: past auxiliary and articles
        "Three hikers were rescued from the ridge after they spent the night in freezing rain",
        "The council voted 7-2 to close the library branch on Oak Avenue, the mayor said",
    ],
)
def test_clean_keeps_lone_sentence_after_headline_and_date(sentence):
    doc = make("Singer Checks Into Clinic", "Fri., May 3, 2024 11:45 AM PDT", sentence)
    article = clean(doc)
    assert article.title == "Singer Checks Into Clinic"
    assert article.text == sentence


def test_clean_keeps_deck_of_headline_lines_with_names():
    deck = [
        "Deputies search for suspect who killed four people Wednesday in Marsh County",
        "Coroner: Ana Ruiz, 14, Lee Park, 17, and Tom Gray, 50 are the four victims",
        "Burned car believed to be connected to the killings found 15 miles away",
    ]
    assert kept(make(*deck, title="Search continues for suspect")) == deck


def test_clean_still_rejects_lone_video_title():
    doc = make("Storm Chasers Capture Tornado Over Prairie Town", "2:14", title="Video")
    with pytest.raises(InputError, match="empty after cleaning"):
        clean(doc)


def test_clean_rejects_video_page_whose_clip_title_reads_like_a_sentence():
    doc = make("Zoo's new calf has a big toy ball, and he loves it", "1:48", title="Video")
    with pytest.raises(InputError, match="empty after cleaning"):
        clean(doc)


def test_clean_drops_archived_article_notice():
    doc = make("This article is outdated and was moved to archive", title="Archive")
    with pytest.raises(InputError, match="empty after cleaning"):
        clean(doc)


# --- 3. the first line is the article's own headline; a dateline line is metadata ----------

QUAKE_BODY = [
    "A strong earthquake struck off the coast on Tuesday, damaging houses and injuring at "
    "least five people.",
    "The quake struck at a depth of 10 kilometers, the geological survey said.",
    "Officials said schools would stay closed on Wednesday.",
]


@pytest.mark.parametrize(
    "dateline",
    ["CHILE, March 4, 2024", "Reuters, Tuesday 2 Jul 2024", "Springfield, Ill., Oct. 9, 2023"],
)
def test_clean_never_takes_a_dateline_line_for_the_title(dateline):
    headline = "Strong earthquake shakes coastal province"
    doc = make(dateline, "Updated: July 2, 2024 15:01 IST", headline, *QUAKE_BODY, sep="\n")
    article = clean(doc)
    assert article.title == headline
    assert reasons(doc)[dateline] == "dateline"
    assert article.text == "\n\n".join(QUAKE_BODY)


def test_clean_takes_exclaiming_first_line_above_a_timestamp_as_title():
    headline = "Rain, Rain, Go Away!"
    body = [
        "Forecasters expect three more inches of rain in the valley by Friday.",
        "The river crested at 18 feet on Tuesday, the weather service said.",
    ]
    doc = make(headline, "Thursday, Apr 2, 2009 | Updated 1:32 PM PDT", *body, sep="\n")
    article = clean(doc)
    assert article.title == headline
    assert article.text == "\n\n".join(body)


def test_clean_keeps_first_sentence_ending_in_period_above_timestamp_as_body():
    lead = "Forecasters expect three more inches of rain in the valley by Friday."
    rest = "The river crested at 18 feet on Tuesday, the weather service said."
    article = clean(make(lead, "Posted: Apr 02, 2009 11:06 PM CEST", rest, sep="\n"))
    assert article.title is None
    assert article.text == f"{lead}\n\n{rest}"


@pytest.mark.parametrize(
    "stamp",
    ["12:52 p.m. EDT May 2, 2013", "10:55 P.M. FEB. 2, 2009", "Posted: Apr 02, 2009 11:06 PM CEST"],
)
def test_clean_labels_timestamp_lines_as_date_lines(stamp):
    doc = make("Council Approves Budget", stamp, *BUSINESS_BODY, sep="\n")
    assert reasons(doc)[stamp] == "date line"


BUSINESS_BODY = [
    "The city council approved a $2.1 billion budget on Monday by a vote of 9-4.",
    "The plan raises property taxes by 3 percent, the finance director said.",
]


def test_clean_keeps_timed_log_entries_that_are_not_video_playlists():
    entries = [
        "9:43 a.m. — A caller on Pine Street reported a stolen bicycle.",
        "5:26 p.m. — A driver struck a utility pole on Route 2; no one was hurt.",
    ]
    doc = make("Riverton, Feb. 24", *entries, "1:35 Highlights of the big game", sep="\n",
               title="Police log")
    assert kept(doc) == entries
    assert reasons(doc)["1:35 Highlights of the big game"] == "embedded post or video"


# --- 4. sentence-capitalised text: boilerplate and datelines in any case --------------------


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("Washington — the senate passed the farm bill on tuesday by a vote of 68-31.",
         "Washington —"),
        ("Hong kong — shares of the shipping group fell 9 percent after it cut its forecast.",
         "Hong kong —"),
        ("Orlando, fla. -- forecasters said the storm would make landfall late on friday.",
         "Orlando, fla. --"),
    ],
)
def test_clean_strips_leading_dateline_in_any_case(text, prefix):
    article = clean(make(text))
    assert [r.text for r in article.removed] == [prefix]
    assert r"—" not in article.text and not article.text.startswith(prefix)
    assert article.removed[0].reason == "dateline"


@pytest.mark.parametrize(
    "text",
    [
        "Although — as the mayor noted — the bridge reopened, traffic stayed heavy all week.",
        "He said — and repeated twice — that the plant would stay open until june.",
        "Police — who arrived within minutes — found two men with gunshot wounds.",
    ],
)
def test_clean_keeps_dashed_prose_openings(text):
    article = clean(make(text))
    assert article.text == text
    assert article.removed == ()


def test_clean_strips_newsletter_pitch_opening_a_one_line_article():
    pitch = (
        "This is the web version of citydesk, a daily newsletter on the latest turns in the "
        "budget fight. Like what you're reading? sign up to get citydesk in your inbox here."
    )
    news = (
        "The council will vote on the budget on thursday afternoon. The plan is opposed by "
        "most residents, a survey found."
    )
    article = clean(make(f"{pitch} {news}"))
    assert article.text == news
    assert {r.reason for r in article.removed} == {"share/subscribe prompt"}


def test_clean_strips_post_link_and_signature_closing_a_paragraph():
    news = (
        "Here's a post by the team's coach about the injury. Verified: our striker will miss "
        "the final with a torn ligament."
    )
    tail = "Https://t.co/ab12cd34 — jane coach ( @coachjane )"
    article = clean(make(f"{news} {tail}"))
    assert article.text == news
    assert [(r.text, r.reason) for r in article.removed] == [(tail, "embedded post or video")]


def test_clean_keeps_news_sentence_about_subscribing_inside_a_paragraph():
    text = (
        "The streaming service said on monday that 2 million people subscribe to its sports "
        "package. If you subscribe to the package, you will pay 5 dollars more from june, "
        "the company said. Analysts expected the increase."
    )
    assert clean(make(text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Two teenagers -- a 14-year-old and an 18-year-old -- were shot after a party on Friday.",
        "Elude arrest — 12:55 a.m. Sunday, County Jail. A man, 58, was arrested on charges.",
    ],
)
def test_clean_keeps_dashed_openings_that_are_not_places(text):
    assert clean(make(text)).text == text
