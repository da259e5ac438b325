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
