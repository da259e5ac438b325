"""Metadata inference from plain text: only what the document does not already give."""

from __future__ import annotations

import datetime

import pytest

from newsfuse.article import Document
from newsfuse.clean import clean, find_dates, guess_language, resolve_weekday
from newsfuse.clean.metadata import copyright_owner, infer_published

BODY = [
    "Flood waters rose overnight across the county, officials said on Wednesday.",
    "About 300 people spent the night in shelters, the Red Cross said.",
    "Schools will stay closed until the water recedes.",
]


def make(*paragraphs: str, **meta) -> Document:
    return Document(source="p.txt", text="\n\n".join(paragraphs), format="text", **meta)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted Jan. 3, 2024 at noon", datetime.date(2024, 1, 3)),
        ("on 3 January 2024 in Kerman", datetime.date(2024, 1, 3)),
        ("updated 2024-01-03T10:00Z", datetime.date(2024, 1, 3)),
        ("filed 1/3/2024", datetime.date(2024, 1, 3)),
        ("September 30th, 2016", datetime.date(2016, 9, 30)),
        ("Sept. 5, 2019", datetime.date(2019, 9, 5)),
    ],
)
def test_find_dates_reads_common_explicit_formats(text, expected):
    assert [d for _, d in find_dates(text)] == [expected]


def test_find_dates_skips_impossible_dates_and_bare_years():
    assert find_dates("February 30, 2024 and in 2020 and 13/45/2020") == []


def test_resolve_weekday_gives_latest_such_day_on_or_before_known_date():
    thursday = datetime.date(2024, 1, 4)
    assert resolve_weekday("Wednesday", thursday) == datetime.date(2024, 1, 3)
    assert resolve_weekday("thursday", thursday) == thursday
    assert resolve_weekday("Friday", thursday) == datetime.date(2023, 12, 29)
    with pytest.raises(ValueError, match="not a weekday"):
        resolve_weekday("Someday", thursday)


def test_published_prefers_timestamp_line_then_latest_lead_date():
    lead = "On April 1, 2013 ..."
    assert infer_published(["Updated May 2, 2013"], lead, lead, None) == "2013-05-02"
    lead = "The fire began on March 3, 2021 and was out by March 5, 2021."
    body = lead + "\n\nA similar fire on June 9, 2019 burned for a week."
    assert infer_published([], lead, body, None) == "2021-03-05"


def test_published_ignores_dates_after_the_reference_date():
    lead = "The shooting happened on March 3, 2021. A hearing is set for June 1, 2021."
    assert infer_published([], lead, lead, datetime.date(2021, 3, 4)) == "2021-03-03"


def test_published_is_not_taken_from_dates_deep_in_the_body():
    article = clean(make(*BODY, "The last flood, on May 4, 2019, was worse."))
    assert article.published is None


def test_weekdays_are_resolved_only_against_a_known_date():
    doc = make(*BODY)
    assert clean(doc).published is None  # "Wednesday" alone: no known date, no guess
    article = clean(doc, reference_date=datetime.date(2024, 1, 4))
    assert article.published == "2024-01-03"


def test_given_metadata_is_never_overwritten():
    doc = make("Floods Swamp County", "By Jane Roe", "\u00a9 2024 Gulf Herald", *BODY,
               title="Given title", outlet="Given outlet", author="Given author",
               published="2020-01-01", language="de")
    article = clean(doc)
    assert (article.title, article.outlet, article.author, article.published, article.language) == (
        "Given title", "Given outlet", "Given author", "2020-01-01", "de"
    )


def test_metadata_is_inferred_from_headline_byline_and_footer():
    doc = make("Floods Swamp County, Hundreds In Shelters", "By Jane Roe", *BODY,
               "\u00a9 2024 Gulf Herald. All rights reserved.")
    article = clean(doc)
    assert article.title == "Floods Swamp County, Hundreds In Shelters"
    assert article.author == "Jane Roe"
    assert article.outlet == "Gulf Herald"
    assert article.language == "en"


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("\u00a9 New York Post", "New York Post"),
        ("Copyright 2015 The Associated Press. All rights reserved.", "The Associated Press"),
        ("\u00a9 2017 Cable News Network. A Warner Bros. Discovery Company.", "Cable News Network"),
        ("Copyright 2016 KMOV (Meredith Corporation). All rights reserved", "KMOV"),
    ],
)
def test_copyright_owner_names_the_outlet(line, owner):
    assert copyright_owner(line) == owner


def test_guess_language_says_en_for_english_and_none_otherwise():
    assert guess_language(" ".join(BODY)) == "en"
    assert guess_language("Die Polizei hat am Mittwoch zwei Verd\u00e4chtige festgenommen, "
                          "teilte die Stadt mit.") is None
    assert guess_language("Hi") is None


def test_id_is_given_id_else_content_id():
    doc = make(*BODY)
    assert clean(doc).id.startswith("a-")
    assert clean(make(*BODY, id="story-7")).id == "story-7"
