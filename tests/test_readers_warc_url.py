"""WARC archives and URLs: what is read, what is skipped, and how failures are reported."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.article import Document, Rejection
from newsfuse.errors import InputError
from newsfuse.readers import FetchResult, HttpFetcher, ReadOptions, read_inputs, read_urls
from newsfuse.readers.warc import read_warc

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
PAGE = (FIXTURES / "storm_page.html").read_bytes()
PAGE_NO_DATE = (
    b"<html><body><article><h1>Bridge reopens</h1><p>"
    + b"The bridge reopened to traffic on Friday after six weeks of repairs, officials said. " * 3
    + b"</p></article></body></html>"
)


def _warc(records: list[tuple[str, str, str, bytes]], *, gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, status, ctype, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2023-09-15T06:00:00Z"}))
    return buf.getvalue()


RECORDS = [
    ("https://herald.example/storm", "200 OK", "text/html; charset=utf-8", PAGE),
    ("https://herald.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://herald.example/gone", "404 Not Found", "text/html", b"<p>Not found</p>"),
    ("https://herald.example/bridge", "200 OK", "text/html", PAGE_NO_DATE),
]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_reads_html_responses_and_skips_other_records(gz: bool) -> None:
    items = list(read_warc(io.BytesIO(_warc(RECORDS, gz=gz)), "crawl.warc"))
    assert [type(i).__name__ for i in items] == ["Document", "Document"]
    storm, bridge = items
    assert isinstance(storm, Document) and isinstance(bridge, Document)
    assert (storm.source, storm.url, storm.format) == ("crawl.warc#1",
                                                       "https://herald.example/storm", "warc")
    assert "42,000 households" in storm.text
    assert storm.published == "2023-09-14"  # the page's own date wins
    assert bridge.source == "crawl.warc#4"
    assert bridge.published == "2023-09-15T06:00:00Z"  # WARC-Date as fallback


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_earlier_records_and_names_offset(gz: bool) -> None:
    data = _warc(RECORDS, gz=gz)
    items = list(read_warc(io.BytesIO(data[: len(data) - 200]), "cut.warc"))
    assert isinstance(items[0], Document)
    last = items[-1]
    assert isinstance(last, Rejection)
    assert last.input == "cut.warc"
    assert "truncated WARC at byte offset" in last.reason


def test_warc_cut_inside_record_headers_is_reported() -> None:
    data = _warc(RECORDS, gz=False)
    second = data.index(b"WARC/1.0", 10)
    items = list(read_warc(io.BytesIO(data[: second + 120]), "cut.warc"))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], Rejection)
    assert f"byte offset {second}" in items[-1].reason


def test_not_a_warc_raises() -> None:
    with pytest.raises(InputError, match="not a WARC file"):
        list(read_warc(io.BytesIO(b"hello, this is not an archive\n" * 3), "x.warc"))


# ---- URLs ------------------------------------------------------------------------------

class FakeFetcher:
    """Serves canned pages; unknown URLs fail like a 404."""

    def __init__(self, pages: dict[str, FetchResult | InputError]) -> None:
        self.pages = pages
        self.calls: list[str] = []

    def fetch(self, url: str) -> FetchResult:
        self.calls.append(url)
        page = self.pages.get(url, InputError(url, "HTTP 404"))
        if isinstance(page, InputError):
            raise page
        return page


def test_read_urls_reads_pages_and_rejects_failures_in_order() -> None:
    fetcher = FakeFetcher({
        "https://a.example/1": FetchResult("https://a.example/one", 200, "text/html", PAGE),
        "https://a.example/slow": InputError("https://a.example/slow", "timed out after 20 s"),
    })
    items = list(read_urls(["https://a.example/1", "https://a.example/slow",
                            "https://a.example/missing"], fetcher, max_concurrency=2))
    doc, slow, missing = items
    assert isinstance(doc, Document)
    assert (doc.source, doc.url, doc.format) == ("https://a.example/1", "https://a.example/one",
                                                 "url")
    assert slow == Rejection("https://a.example/slow", "timed out after 20 s")
    assert missing == Rejection("https://a.example/missing", "HTTP 404")


def test_feed_fetch_links_uses_fetcher_and_falls_back_on_failure() -> None:
    fetcher = FakeFetcher({
        "https://ledger.example/world/quake-61": FetchResult(
            "https://ledger.example/world/quake-61", 200, "text/html", PAGE),
    })
    items = list(read_inputs([str(FIXTURES / "quake_feed.rss")],
                             ReadOptions(fetch_links=True), fetcher=fetcher))
    assert isinstance(items[0], Document)
    assert "42,000 households" in items[0].text  # the fetched page, not the entry summary
    assert items[0].id == "ledger-quake-61"
    assert items[1] == Rejection("https://ledger.example/world/aftershocks", "HTTP 404")
    assert isinstance(items[2], Document)
    assert items[2].text.startswith("More than 40 aftershocks")  # entry content fallback


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path == "/story":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
        elif self.path == "/huge":
            self._send(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/huge-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the size is only known by reading
            self.wfile.write(b"<p>" + b"y" * 5000 + b"</p>")
            self.close_connection = True
        else:
            self._send(404, "text/plain", b"no")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_http_fetcher_against_loopback_server(server: str) -> None:
    fetcher = HttpFetcher(timeout=5, max_bytes=4096, max_concurrency=2)
    items = list(read_inputs([f"{server}/moved", f"{server}/nothing", f"{server}/huge",
                              f"{server}/huge-chunked"], fetcher=fetcher))
    doc, missing, huge, chunked = items
    assert isinstance(doc, Document)
    assert doc.url == f"{server}/story"  # redirect followed
    assert doc.source == f"{server}/moved"
    assert "42,000 households" in doc.text
    assert missing == Rejection(f"{server}/nothing", "HTTP 404")
    assert huge == Rejection(f"{server}/huge", "larger than 4 KB")
    assert chunked == Rejection(f"{server}/huge-chunked", "larger than 4 KB")


def test_http_fetcher_rejects_non_http_url() -> None:
    with pytest.raises(InputError, match="not an http"):
        HttpFetcher().fetch("ftp://example.org/x")
