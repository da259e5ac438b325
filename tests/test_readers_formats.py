"""Each reader on small hand-built inputs: text, HTML, JSON, JSONL, CSV, feeds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsfuse.article import Document, Rejection
from newsfuse.errors import InputError
from newsfuse.readers.csv_reader import read_csv
from newsfuse.readers.feed import read_feed
from newsfuse.readers.html import html_fragment_to_text, read_html
from newsfuse.readers.jsonl import read_json, read_jsonl
from newsfuse.readers.text import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def test_text_reader_keeps_whole_text_and_no_title() -> None:
    data = b"Council votes to close library\n\nThe council voted 7-2 on Monday.\n"
    doc = read_text(data, "news/lib.txt", doc_id="lib")
    assert doc.text == data.decode()
    assert doc.title is None
    assert (doc.id, doc.format, doc.raw) == ("lib", "text", data)


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty file"), (b" \n\t\n", "only whitespace")])
def test_text_reader_rejects_empty(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read_text(data, "e.txt")


def test_html_keeps_article_body_and_drops_comments_and_navigation() -> None:
    data = (FIXTURES / "storm_page.html").read_bytes()
    doc = read_html(data, "storm_page.html", doc_id="storm_page")
    assert "leaving about 42,000 households without electricity" in doc.text
    assert "ferry service to the islands was suspended" in doc.text
    assert "burying the lines" not in doc.text  # a reader comment
    assert "stormwatcher88" not in doc.text
    assert "Subscribe" not in doc.text  # navigation
    assert "All rights reserved" not in doc.text  # footer
    assert doc.title == "Storm leaves thousands without power"
    assert doc.outlet == "Coastal Herald"
    assert doc.author == "Maria Lopez"
    assert doc.published == "2023-09-14"
    assert doc.url == "https://coastalherald.example/news/2023/09/14/storm-power"
    assert doc.language == "en"
    assert doc.raw == data


def test_html_separates_paragraphs_with_blank_lines() -> None:
    doc = read_html((FIXTURES / "storm_page.html").read_bytes(), "s.html")
    paragraphs = doc.text.split("\n\n")
    assert any(p.startswith("Emergency crews worked through the night") for p in paragraphs)
    assert any(p.startswith('"We expect most customers') for p in paragraphs)


def test_html_second_layout_excludes_comment_thread() -> None:
    doc = read_html((FIXTURES / "election_results.htm").read_bytes(), "e.htm")
    assert "taking 51.3 percent of the vote" in doc.text
    assert "conceded shortly after midnight" in doc.text
    assert "Rigged from the start" not in doc.text
    assert "Congratulations to the mayor" not in doc.text
    assert "Cookie settings" not in doc.text
    assert doc.outlet == "Valley Tribune"


def test_html_truncated_page_keeps_what_is_there() -> None:
    doc = read_html((FIXTURES / "truncated_page.html").read_bytes(), "t.html")
    assert "Emergency crews worked through the night" in doc.text


def test_html_without_article_text_is_rejected() -> None:
    with pytest.raises(InputError, match="no article text found in HTML"):
        read_html(b"<html><head><title>x</title></head><body><script>var a = 1;</script>"
                  b"<img src='a.png'></body></html>", "n.html")


def test_html_given_url_and_fallback_date_are_used() -> None:
    page = b"<html><body><article><p>" + b"The bridge reopened to traffic on Friday. " * 5 + (
        b"</p></article></body></html>")
    doc = read_html(page, "w#1", url="https://x.example/a", published="2021-05-01T00:00:00Z",
                    fmt="warc")
    assert doc.url == "https://x.example/a"
    assert doc.published == "2021-05-01T00:00:00Z"
    assert doc.format == "warc"


def test_html_fragment_to_text_makes_paragraphs_and_drops_scripts() -> None:
    text = html_fragment_to_text(
        "<p>One &amp; two</p><p>Three<br>four</p><script>x()</script><ul><li>a</li></ul>tail")
    assert text == "One & two\n\nThree\nfour\n\na\n\ntail"


# ---- JSON ------------------------------------------------------------------------------

def _docs(items: list[Document | Rejection]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def test_json_list_gives_one_document_per_record() -> None:
    data = json.dumps([
        {"id": 7, "title": "Fire at warehouse", "text": "A fire broke out.", "source": "Daily",
         "date": "2024-02-01", "section": "local", "views": 1200, "tags": ["a"]},
        {"content": "Second story body.", "url": "https://n.example/2"},
    ]).encode()
    items = list(read_json(data, "in.json"))
    first, second = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.source, first.id, first.title, first.outlet, first.published) == (
        "in.json#1", "7", "Fire at warehouse", "Daily", "2024-02-01")
    assert first.fields == (("section", "local"), ("views", "1200"))
    assert (second.source, second.text, second.url, second.id) == (
        "in.json#2", "Second story body.", "https://n.example/2", None)


def test_json_object_with_articles_list() -> None:
    data = b'{"articles": [{"body": "Text one."}, 5]}'
    items = list(read_json(data, "a.json"))
    assert isinstance(items[0], Document) and items[0].text == "Text one."
    assert items[1] == Rejection("a.json#2", "record is not an object (got number)")


def test_json_single_object_uses_path_as_source() -> None:
    (doc,) = list(read_json(b'{"text": "Only one.", "author": ["A. B", "C. D"]}', "one.json"))
    assert isinstance(doc, Document)
    assert (doc.source, doc.author) == ("one.json", "A. B, C. D")


def test_json_record_without_text_is_rejected_with_names_looked_for() -> None:
    (rej,) = list(read_json(b'[{"title": "No body"}]', "x.json"))
    assert rej == Rejection("x.json#1", "no text field (looked for text, content, body)")


def test_json_malformed_raises_with_position() -> None:
    with pytest.raises(InputError, match="invalid JSON at line 2 column"):
        list(read_json(b'[{"text": "a"},\n {"text": }]', "bad.json"))


def test_field_map_renames_input_fields() -> None:
    data = b'[{"headline": "Dam bursts", "story": "Water flooded the valley.", "kicker": "x"}]'
    (doc,) = list(read_json(data, "m.json", field_map=(("headline", "title"),
                                                        ("story", "text"),
                                                        ("kicker", "section"))))
    assert isinstance(doc, Document)
    assert (doc.title, doc.text, doc.fields) == ("Dam bursts", "Water flooded the valley.",
                                                 (("section", "x"),))


def test_field_map_text_name_appears_in_rejection() -> None:
    (rej,) = list(read_json(b'[{"x": 1}]', "m.json", field_map=(("story", "text"),)))
    assert isinstance(rej, Rejection)
    assert rej.reason == "no text field (looked for story, text, content, body)"


# ---- JSONL -----------------------------------------------------------------------------

def test_jsonl_bad_line_is_one_rejection_and_others_survive() -> None:
    data = (b'{"id": "a", "text": "First."}\n'
            b'{"id": "b", "text": broken}\n'
            b'\n'
            b'{"id": "c", "text": "Fourth line."}\n'
            b'[1, 2]\n')
    items = list(read_jsonl(io.BytesIO(data), "f.jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "Rejection", "Document", "Rejection"]
    assert items[1] == Rejection("f.jsonl#2", "invalid JSON at column 21: Expecting value")
    assert items[2].source == "f.jsonl#4"  # type: ignore[union-attr]
    assert items[2].raw == b'{"id": "c", "text": "Fourth line."}'  # type: ignore[union-attr]
    assert items[3] == Rejection("f.jsonl#5", "record is not an object (got list)")


def test_jsonl_line_with_invalid_utf8_is_rejected_alone() -> None:
    data = b'{"text": "good"}\n{"text": "bad \xff\xfe"}\n{"text": "also g\xc3\xb6od"}\n'
    items = list(read_jsonl(io.BytesIO(data), "u.jsonl"))
    assert [i.text for i in _docs(items)] == ["good", "also göod"]
    assert items[1] == Rejection(
        "u.jsonl#2", "not valid UTF-8 at column 15 (JSON Lines must be UTF-8)")


def test_jsonl_utf16_file_is_read() -> None:
    data = '{"text": "Überschwemmung"}\n{"text": "Zweite"}\n'.encode("utf-16")
    items = list(read_jsonl(io.BytesIO(data), "w.jsonl"))
    assert [i.text for i in _docs(items)] == ["Überschwemmung", "Zweite"]


def test_jsonl_empty_record_text_is_rejected() -> None:
    (rej,) = list(read_jsonl(io.BytesIO(b'{"text": "  "}\n'), "e.jsonl"))
    assert rej == Rejection("e.jsonl#1", "empty text field")


# ---- CSV -------------------------------------------------------------------------------

def test_csv_rows_become_documents_with_exact_raw_lines() -> None:
    data = ('id,headline,text,source\n'
            '1,"Strike ends","Workers, after 3 weeks, returned.\nTalks went on.",Wire\n'
            '2,Second,Plain body,Other\n').encode()
    items = list(read_csv(io.BytesIO(data), "r.csv", field_map=(("headline", "title"),)))
    first, second = _docs(items)
    assert (first.source, first.id, first.title, first.outlet) == ("r.csv#1", "1", "Strike ends",
                                                                   "Wire")
    assert first.text == "Workers, after 3 weeks, returned.\nTalks went on."
    assert first.raw == ('1,"Strike ends","Workers, after 3 weeks, returned.\nTalks went on."'
                         ',Wire\n').encode()
    assert second.source == "r.csv#2"


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_sniffs_delimiter_from_header(delimiter: str) -> None:
    data = delimiter.join(["id", "text"]).encode() + b"\n" + delimiter.join(
        ["9", '"A body, with commas; and more"']).encode() + b"\n"
    (doc,) = list(read_csv(io.BytesIO(data), "d.csv"))
    assert isinstance(doc, Document)
    assert (doc.id, doc.text) == ("9", "A body, with commas; and more")


def test_csv_row_with_wrong_column_count_is_rejected() -> None:
    data = b"id,text\n1,ok\n2,too,many\n3,fine\n"
    items = list(read_csv(io.BytesIO(data), "c.csv"))
    assert items[1] == Rejection("c.csv#2", "row has 3 columns, header has 2")
    assert [d.id for d in _docs(items)] == ["1", "3"]


def test_csv_allows_fields_larger_than_stdlib_default() -> None:
    body = "word " * 60_000  # 300 KB, over csv's default 128 KB field limit
    data = f'id,text\n1,"{body}"\n'.encode()
    (doc,) = list(read_csv(io.BytesIO(data), "big.csv"))
    assert isinstance(doc, Document) and len(doc.text) == len(body)


def test_csv_latin1_file_is_decoded() -> None:
    data = "id;text\n1;Le café était fermé à cause de la grève, selon la mairie.\n".encode(
        "latin-1")
    (doc,) = list(read_csv(io.BytesIO(data), "l.csv"))
    assert isinstance(doc, Document)
    assert doc.text == "Le café était fermé à cause de la grève, selon la mairie."


# ---- feeds -----------------------------------------------------------------------------

def test_rss_entries_become_documents_with_feed_metadata() -> None:
    items = list(read_feed((FIXTURES / "quake_feed.rss").read_bytes(), "q.rss"))
    first, second, third = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.source == "q.rss#1"
    assert first.text == (
        "A magnitude 6.1 earthquake struck the mountain region before dawn on Monday, the "
        "national seismology institute said.\n\nAt least 14 buildings collapsed in two "
        "villages, and rescue teams were searching the rubble, the regional governor told "
        "reporters.")
    assert (first.title, first.outlet, first.url, first.author) == (
        "Earthquake of magnitude 6.1 shakes mountain region", "Northern Ledger - World",
        "https://ledger.example/world/quake-61", "Ana Silva")
    assert first.published == "2023-02-06T01:17:00Z"  # 04:17 +03:00 in UTC
    assert second.text == "More than 40 aftershocks were recorded overnight, the institute said."
    assert third == Rejection("q.rss#3", "feed entry has no content or summary")


def test_atom_entry_is_read() -> None:
    (doc,) = list(read_feed((FIXTURES / "market_feed.atom").read_bytes(), "m.atom"))
    assert isinstance(doc, Document)
    assert doc.text.endswith("Analysts had expected $3.9 billion.")
    assert (doc.outlet, doc.author, doc.published) == ("Market Wire", "Lee Chen",
                                                       "2024-03-01T09:30:00Z")


def test_malformed_feed_without_entries_raises_feedparser_reason() -> None:
    with pytest.raises(InputError, match="malformed feed: .*"):
        list(read_feed(b"<rss><channel><title>x</title", "bad.rss"))
