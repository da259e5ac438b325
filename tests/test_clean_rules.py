"""Each cleaning rule on small hand-built pages from several news domains."""

from __future__ import annotations

import pytest

from newsfuse.article import Document
from newsfuse.clean import clean
from newsfuse.errors import InputError

STORM = [
    "Hurricane Delia made landfall near Port Lavaca early Tuesday with winds of 120 mph.",
    "More than 40,000 homes lost power across three counties, the utility said.",
    "Officials ordered evacuations along the coast on Monday night.",
]
ELECTION = [
    "Voters in the district chose Maria Lopez by a margin of 2,300 votes on Tuesday.",
    "Turnout reached 61 percent, the county clerk said in a statement.",
    "Lopez will be sworn in next month.",
]
BUSINESS = [
    "Shares of Northwind Corp fell 12 percent after the company cut its forecast.",
    "The retailer said sales in its third quarter dropped to $4.1 billion.",
    "Analysts had expected a smaller decline.",
]


def make(*paragraphs: str, sep: str = "\n\n", **meta) -> Document:
    return Document(source="page.txt", text=sep.join(paragraphs), format="text", id="p", **meta)


def reasons(doc: Document) -> dict[str, str]:
    return {r.text: r.reason for r in clean(doc).removed}


def kept(doc: Document) -> list[str]:
    article = clean(doc)
    return [article.text[p.start : p.end] for p in article.paragraphs]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Leave a Reply", "comment form"),
        ("Your email address will not be published. Required fields are marked *", "comment form"),
        ("12 Comments", "comment form"),
        ("Source link", "source link"),
        ("Source: Reuters", "source link"),
        ("© 2024 Gulf Coast Herald", "copyright footer"),
        ("Copyright 2016 KXYZ (Meredith Corporation). All rights reserved.", "copyright footer"),
        ("This material may not be published, broadcast, rewritten or redistributed.",
         "copyright footer"),
        ("This is a developing story. Check back for updates.", "developing-story note"),
        ("Stay with Channel 4 for updates on this developing story.", "developing-story note"),
        ("We use cookies to improve your experience on our site.", "cookie/login prompt"),
        ("Please enable Javascript to watch this video", "cookie/login prompt"),
        ("Already a subscriber? Log in", "cookie/login prompt"),
        ("Sign in to continue reading", "cookie/login prompt"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Read more: Flood warnings issued for three rivers", "related/read-more link"),
        ("RELATED: Storm season forecast raised", "related/read-more link"),
        ("Click here to see the full gallery.", "related/read-more link"),
        ("Sign up for our morning newsletter", "share/subscribe prompt"),
        ("Follow us on Twitter", "share/subscribe prompt"),
        ("Share this story", "share/subscribe prompt"),
        ("Download the News 3 app for on-the-go updates.", "share/subscribe prompt"),
        ("Contact Jane Roe at jroe@example.com or 555-123-4567.", "author contact line"),
        ("Close", "page control label"),
        ("EMBED >More News Videos Raw video: crowds gather downtown", "embedded post or video"),
        ("1:35 Coach reacts to the loss", "embedded post or video"),
        ("(Published Sunday, ${__output} 8, 2015)", "template code"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "copyright footer"),
        ("Reuse this content", "share/subscribe prompt"),
        ("Got a confidential news tip? We want to hear from you.", "share/subscribe prompt"),
        ("Supported by", "advertisement"),
        ("View this post on Instagram", "embedded post or video"),
        ("A post shared by Jane Star (@janestar)", "embedded post or video"),
        ("Tags: storms, weather, power outages", "related/read-more link"),
        ("Listen to this article", "page control label"),
        ("5 min read", "page control label"),
        ("Reporting by Jane Roe in London; Editing by John Doe", "byline"),
        ("Associated Press writer John Roe in Miami contributed to this report.", "byline"),
    ],
)
def test_clean_drops_boilerplate_line_with_its_reason(line, reason):
    doc = make(STORM[0], line, STORM[1], STORM[2])
    assert reasons(doc) == {line: reason}
    assert line not in clean(doc).text


def test_clean_keeps_long_news_paragraph_that_mentions_boilerplate_words():
    news = (
        "The company said it would sign up 2,000 new subscribers to its newsletter service by "
        "March, and that its cookie brand, which it registered in 2019, would be sold to a rival "
        "for an undisclosed sum after months of talks with regulators in three countries."
    )
    doc = make(BUSINESS[0], news, BUSINESS[1])
    assert reasons(doc) == {}


def test_clean_keeps_short_news_sentences_with_trigger_words():
    lines = [
        "Voters must register by Friday, the clerk said.",
        "Police posted the video on Facebook.",
        "The girl has not been identified, pending notification of her family.",
    ]
    assert reasons(make(ELECTION[0], *lines, ELECTION[1])) == {}


def test_clean_drops_repeated_paragraph_and_names_the_first():
    doc = make(STORM[0], STORM[1], STORM[0], STORM[2])
    assert reasons(doc) == {STORM[0]: "repeated paragraph (first at paragraph 1)"}
    assert clean(doc).text.count(STORM[0]) == 1


def test_clean_drops_lede_repeated_without_final_period():
    doc = make(ELECTION[0], ELECTION[1], ELECTION[0].rstrip("."), ELECTION[2])
    assert reasons(doc) == {ELECTION[0].rstrip("."): "repeated paragraph (first at paragraph 1)"}


def test_clean_keeps_similar_but_different_list_items():
    items = [
        "John Doe, 24, of Dayton, is charged with assault with a dangerous weapon and use of a "
        "firearm during a crime of violence.",
        "Jim Roe, 26, of Dayton, is charged with assault with a dangerous weapon and use of a "
        "firearm during a crime of violence.",
    ]
    assert reasons(make(ELECTION[0], *items)) == {}


@pytest.mark.parametrize(
    "credit",
    [
        "(AP Photo/Eric Gay)",
        "Photo by Jane Roe/Getty Images",
        "Mehr News via AFP \u2013 Getty Images",
        "The photograph was taken by MEHR NEWS/AFP via Getty Images.",
        "Photo: Facebook",
    ],
)
def test_clean_drops_photo_credit_and_the_caption_before_it(credit):
    caption = "Residents wade through a flooded street in Port Lavaca on Tuesday"
    doc = make(STORM[0], caption, credit, STORM[1], STORM[2])
    got = reasons(doc)
    assert got[caption] == "photo caption"
    assert got[credit] in {"photo credit", "photo caption"}
    assert len(got) == 2


def test_clean_drops_caption_with_glued_credit():
    line = "Crowds outside the stadium on Sunday.Jane Roe / AFP via Getty Images file"
    assert reasons(make(BUSINESS[0], line, BUSINESS[1])) == {line: "photo caption"}


def test_clean_keeps_news_sentence_ending_with_agency_name_and_period():
    line = "The group posted a statement, as reported by Reuters."
    assert reasons(make(STORM[0], line, STORM[1])) == {}


@pytest.mark.parametrize("counter", ["10", "1 of 12", "Photo 3/10"])
def test_clean_drops_gallery_counter(counter):
    doc = make(*ELECTION, counter, "Lopez thanked her supporters at a rally downtown.")
    assert reasons(doc)[counter] == "gallery counter"


def test_clean_drops_inserted_headlines_of_other_articles():
    other1 = "Storm chasers capture rare footage of twin tornadoes over Kansas plains"
    other2 = "Governor signs budget after weeks of tense negotiations with lawmakers"
    doc = make(STORM[0], other1, other2, STORM[1], STORM[2])
    assert reasons(doc) == {
        other1: "inserted headline of another article",
        other2: "inserted headline of another article",
    }


def test_clean_keeps_subheadings_as_heading_paragraphs():
    doc = make(ELECTION[0], "Who Is Maria Lopez?", ELECTION[1], "Turnout Rises Sharply",
               ELECTION[2])
    article = clean(doc)
    kinds = {article.text[p.start : p.end]: p.kind for p in article.paragraphs}
    assert kinds["Who Is Maria Lopez?"] == "heading"
    assert kinds["Turnout Rises Sharply"] == "heading"
    assert kinds[ELECTION[1]] == "body"
    assert "Turnout Rises Sharply" not in article.sentence_texts()
    assert article.removed == ()


def test_clean_keeps_broken_sentence_line_that_reads_as_prose():
    line = "The family described him as quiet but they never expected it would lead"
    assert reasons(make(STORM[0], line, "to this, his sister said.", STORM[1])) == {}


@pytest.mark.parametrize(
    ("first", "prefix", "outlet"),
    [
        ("HOUSTON (AP) \u2014 Flood waters rose overnight across the city and its suburbs.",
         "HOUSTON (AP) \u2014", "AP"),
        ("Port Lavaca, Texas (Reuters) - Flood waters rose overnight across the coast and inland.",
         "Port Lavaca, Texas (Reuters) -", "Reuters"),
        ("WASHINGTON \u2014 Lawmakers passed the spending bill late on Thursday night.",
         "WASHINGTON \u2014", None),
        ("Gulf Herald \u2013 Flood waters rose overnight across the city and its suburbs.",
         "Gulf Herald \u2013", "Gulf Herald"),
    ],
)
def test_clean_strips_dateline_or_outlet_prefix_and_keeps_the_rest(first, prefix, outlet):
    doc = make(first, STORM[1], STORM[2])
    article = clean(doc)
    assert [r.text for r in article.removed] == [prefix]
    removal = article.removed[0]
    assert article.original[removal.start : removal.end] == prefix
    rest = first[len(prefix) :].strip()
    assert article.text.startswith(rest)
    assert article.outlet == outlet


def test_clean_takes_author_from_byline_line():
    doc = make("By Jane Roe and John Doe, Gulf Herald", *STORM)
    article = clean(doc)
    assert article.author == "Jane Roe and John Doe"
    assert [r.reason for r in article.removed] == ["byline"]


def test_clean_does_not_take_by_phrase_in_prose_as_byline():
    line = "By Tuesday, the death toll had risen to 14, officials said."
    assert reasons(make(STORM[0], line, STORM[1])) == {}


def test_clean_moves_headline_line_to_title():
    title = "Hurricane Delia slams Texas coast, thousands without power"
    article = clean(make(title, *STORM))
    assert article.title == title
    assert article.removed[0].reason == "headline (moved to title)"
    assert article.text.startswith(STORM[0])


def test_clean_keeps_full_lead_sentence_first_line_as_body():
    article = clean(make(*STORM))
    assert article.title is None
    assert article.text.startswith(STORM[0])


def test_clean_keeps_given_title_and_drops_its_repeat_with_site_suffix():
    doc = make("Hurricane Delia slams Texas coast", *STORM,
               title="Hurricane Delia slams Texas coast - KXYZ News 4 | Weather")
    article = clean(doc)
    assert article.title == doc.title
    assert reasons(doc) == {"Hurricane Delia slams Texas coast": "headline (moved to title)"}


def test_clean_drops_timestamp_line_and_uses_it_as_published():
    doc = make(BUSINESS[0], "Published: Jan. 3, 2024 10:30 AM ET", BUSINESS[1], BUSINESS[2])
    article = clean(doc)
    assert reasons(doc) == {"Published: Jan. 3, 2024 10:30 AM ET": "date line"}
    assert article.published == "2024-01-03"


def test_clean_rejects_page_with_only_boilerplate():
    doc = make("Advertisement", "Leave a Reply", "© 2024 Gulf Herald")
    with pytest.raises(InputError) as info:
        clean(doc)
    assert info.value.reason == "empty after cleaning"
    assert info.value.source == "page.txt"


def test_clean_rejects_page_with_only_a_video_title():
    doc = make("Coach reacts to stunning loss in overtime thriller", "0:45")
    with pytest.raises(InputError, match="empty after cleaning"):
        clean(doc)


def test_clean_rejects_empty_text():
    with pytest.raises(InputError, match="empty after cleaning"):
        clean(make(""))


def test_clean_keeps_single_short_article_line():
    article = clean(make("Two people were hurt in a crash on Route 9, police said."))
    assert article.text == "Two people were hurt in a crash on Route 9, police said."
    assert len(article.sentences) == 1


def test_clean_splits_single_newline_paragraphs_too():
    article = clean(make(*BUSINESS, sep="\n"))
    assert article.text == "\n\n".join(BUSINESS)
    assert len(article.paragraphs) == 3


def test_clean_keeps_near_identical_paragraphs_that_differ_in_numbers():
    lines = [
        "Smith scored 31 points and Jones added 12 as the Hawks beat the Bulls on Friday night.",
        "Smith scored 28 points and Jones added 15 as the Hawks beat the Bulls on Sunday night.",
    ]
    assert reasons(make(*lines, BUSINESS[2])) == {}


def test_clean_drops_near_copy_with_a_typo():
    first = "The mayor said the new bridge would open to traffic in the spring of next year."
    typo = "The mayor said the new bridge would open to trafic in the spring of next year."
    assert reasons(make(first, ELECTION[1], typo)) == {
        typo: "repeated paragraph (first at paragraph 1)"
    }


def test_clean_drops_gallery_slide_captions():
    slide = "Image 5 of 12 A forensic team investigated the scene of the shooting on Friday."
    assert reasons(make(STORM[0], slide, STORM[1])) == {slide: "photo caption"}


def test_clean_keeps_paragraph_before_labelled_caption_lines():
    lines = ["Image source, Getty Images", "Image caption, Flooded streets in the city centre"]
    got = reasons(make(STORM[0], *lines, STORM[1]))
    assert set(got) == set(lines)  # both labelled lines go, the news before them stays


def test_clean_strips_bare_agency_dateline():
    first = "(CNN)A powerful storm knocked out power to 200,000 homes across the state on Sunday."
    article = clean(make(first, STORM[1], STORM[2]))
    assert [r.text for r in article.removed] == ["(CNN)"]
    assert article.text.startswith("A powerful storm")
    assert article.outlet == "CNN"


def test_clean_keeps_deks_and_highlights_above_the_first_sentence():
    doc = make(
        "Storm Knocks Out Power Across The State",
        "Crews expect repairs to take days in the hardest-hit counties",
        "Schools closed in three districts",
        *STORM,
    )
    article = clean(doc)
    assert article.title == "Storm Knocks Out Power Across The State"
    assert "Crews expect repairs to take days in the hardest-hit counties" in article.text
    assert "Schools closed in three districts" in article.text


def test_clean_keeps_broken_line_ending_on_a_function_word():
    line = "Where the action is wholly beneficial to the species, or"
    assert reasons(make(STORM[0], line, STORM[1])) == {}


def test_clean_keeps_list_items_announced_by_a_colon():
    items = ["10-year-olds: 2", "14-year-olds: 2", "17-year-olds: 11 (one fatal)"]
    doc = make(STORM[0], "Minors shot in the city so far this year:", *items, STORM[1])
    assert reasons(doc) == {}


def test_clean_keeps_unpunctuated_past_tense_sentence():
    line = "Police say 35-year-old Rico Doyle was being held Thursday on charges of murder"
    assert reasons(make(STORM[0], line, STORM[1])) == {}
