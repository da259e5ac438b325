"""Invariants of cleaning on generated pages: idempotent, exact spans, stable ids."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsfuse.article import Article, Document, content_id
from newsfuse.clean import clean
from newsfuse.errors import InputError

# Paragraph pieces of many shapes: news sentences, headlines, subheadings, boilerplate,
# captions and credits, bylines and datelines, counters, repeats and odd whitespace.
PIECES = [
    "Two people were hurt in a crash on Route 9 on Tuesday, police said.",
    "The council voted 7-2 to approve the budget. The mayor said she would sign it.",
    "Shares of Northwind fell 12% after the company cut its forecast for 2024.",
    "\u201cWe lost everything,\u201d said one resident, who asked not to be named.",
    "Storm Leaves Thousands Without Power",
    "Who Is Maria Lopez?",
    "Governor signs budget after weeks of tense negotiations with lawmakers",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Source link",
    "\u00a9 2024 Gulf Herald",
    "Advertisement",
    "This is a developing story.",
    "Read more: Flood warnings issued for three rivers",
    "Residents wade through a flooded street on Tuesday",
    "(AP Photo/Eric Gay)",
    "Photo by Jane Roe/Getty Images",
    "10",
    "1 of 12",
    "By Jane Roe",
    "HOUSTON (AP) \u2014 Flood waters rose overnight across the city and its suburbs on Monday.",
    "Gulf Herald \u2013 Officials ordered evacuations along the coast on Monday night again.",
    "Published: Jan. 3, 2024 10:30 AM ET",
    "tags: weather",
    "On Wednesday the toll rose to 14.",
]
SEPARATORS = ["\n", "\n\n", "\n \n", "\r\n", "  \n\n\t"]


@st.composite
def pages(draw) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES),
                                    st.text(min_size=0, max_size=30)), min_size=0, max_size=12))
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


def _clean_or_none(doc: Document) -> Article | None:
    try:
        return clean(doc)
    except InputError as exc:
        assert exc.reason == "empty after cleaning"
        return None


def _again(article: Article) -> Document:
    return Document(
        source=article.source, text=article.text, format=article.format, id=article.id,
        title=article.title, outlet=article.outlet, url=article.url, author=article.author,
        published=article.published, language=article.language,
    )


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pages())
def test_cleaning_is_idempotent(text):
    article = _clean_or_none(Document(source="gen.txt", text=text, format="text"))
    assume(article is not None)
    again = clean(_again(article))
    assert again.text == article.text
    assert again.removed == ()
    assert [p.kind for p in again.paragraphs] == [p.kind for p in article.paragraphs]
    assert again.sentences == article.sentences


@SETTINGS
@given(pages())
def test_every_removal_is_the_original_text_at_its_offsets(text):
    article = _clean_or_none(Document(source="gen.txt", text=text, format="text"))
    assume(article is not None)
    assert article.original == text
    for r in article.removed:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.text
        assert r.reason


@SETTINGS
@given(pages())
def test_removed_and_kept_pieces_do_not_overlap_and_cover_all_words(text):
    article = _clean_or_none(Document(source="gen.txt", text=text, format="text"))
    assume(article is not None)
    removed = sorted((r.start, r.end) for r in article.removed)
    for (_, end1), (start2, _) in zip(removed, removed[1:]):
        assert end1 <= start2
    kept_words = sum(len(article.text[p.start : p.end].split()) for p in article.paragraphs)
    removed_words = sum(len(r.text.split()) for r in article.removed)
    assert kept_words + removed_words == len(text.split())


@SETTINGS
@given(pages())
def test_paragraph_and_sentence_spans_lie_in_text_and_sentences_in_body(text):
    article = _clean_or_none(Document(source="gen.txt", text=text, format="text"))
    assume(article is not None)
    body = [p for p in article.paragraphs if p.kind == "body"]
    assert body
    for p in article.paragraphs:
        assert 0 <= p.start < p.end <= len(article.text)
        piece = article.text[p.start : p.end]
        assert piece == piece.strip() and "\n" not in piece
    for s in article.sentences:
        assert any(p.start <= s.start < s.end <= p.end for p in body)
    assert "\n\n".join(article.text[p.start : p.end] for p in article.paragraphs) == article.text


@SETTINGS
@given(pages())
def test_id_is_stable_and_derived_from_content(text):
    article = _clean_or_none(Document(source="gen.txt", text=text, format="text"))
    assume(article is not None)
    assert article.id == content_id(text)
    assert clean(Document(source="other.txt", text=text, format="text")).id == article.id
    assert clean(Document(source="gen.txt", text=text, format="text", id="given")).id == "given"
