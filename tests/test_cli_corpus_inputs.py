"""``newsfuse ingest`` end to end on a directory mixing every format with broken inputs.

Runs the real readers and cleaner in-process through the CLI error boundary (``run``).
"""

from __future__ import annotations

import io
import json
import os

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.article import Article
from newsfuse.cli.app import EXIT_OK, EXIT_REJECTED, app, run
from newsfuse.store import Store




def story(topic: str, n: int) -> str:
    """Two plain news paragraphs about ``topic`` (distinct for every topic and number)."""
    return (
        f"Officials said the {topic} affected {n} homes across the county on Monday. "
        f"Crews worked through the night to restore power and clear the roads.\n\n"
        f"\"We have never seen anything like this,\" a local resident told reporters "
        f"after the {topic} passed. The county expects to publish a full report next week."
    )


def html_paragraphs(text: str) -> str:
    return "<p>" + text.replace("\n\n", "</p><p>") + "</p>"


def warc_with_one_page(url: str, title: str, body: str) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{html_paragraphs(body)}</article></body></html>").encode()
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=headers)
    )
    return buf.getvalue()


def csv_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# Sources expected to be stored (relative to the input directory) and inputs expected rejected.
GOOD_SOURCES = {
    "storm.txt", "fire.html", "vote.json", "quakes.jsonl#1", "quakes.jsonl#2",
    "market.csv#1", "market.csv#2", "floods.rss#1", "floods.rss#2", "strike.atom#1",
    "crawl.warc.gz#1", "dupes.jsonl#1",
}
BAD_INPUTS = {
    "empty.txt", "blob.bin", "badutf8.txt", "truncated.json", "broken.rss", "truncated.html",
    "link-to-nowhere.txt", "pipe.txt", "dupes.jsonl#2",
}


def build_mixed_inputs(root) -> None:
    root.mkdir()

    def write(name: str, data: str | bytes) -> None:
        (root / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    write("storm.txt", "River levels rise after storm\n\n" + story("storm", 120))
    write("fire.html", (
        "<!doctype html><html><head><title>Wildfire forces evacuations</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        f"<h1>Wildfire forces evacuations</h1>{html_paragraphs(story('wildfire', 45))}"
        "</article><footer>Copyright 2024 Example News. All rights reserved.</footer>"
        "</body></html>"
    ))
    write("vote.json", json.dumps(
        {"id": "vote-1", "title": "Council approves budget", "text": story("budget vote", 3)}
    ))
    write("quakes.jsonl", "".join(
        json.dumps({"id": f"quake-{i}", "title": f"Quake {i}",
                    "text": story(f"earthquake number {i}", 10 + i)}) + "\n"
        for i in range(2)
    ))
    write("market.csv", "id,title,text\n" + "".join(
        f"market-{i},Shares fall {i},{csv_quote(story(f'market slide {i}', 7 + i))}\n"
        for i in range(2)
    ))
    items = "".join(
        f"<item><title>Flood update {i}</title><link>https://example.org/flood-{i}</link>"
        f"<description>{story(f'flood wave {i}', 30 + i)}</description>"
        "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
        for i in range(2)
    )
    write("floods.rss", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
        f"<link>https://example.org</link><description>wire</description>{items}"
        "</channel></rss>"
    ))
    write("strike.atom", (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Labour Desk</title><id>urn:desk</id><updated>2024-03-04T10:00:00Z</updated>"
        "<entry><title>Dock workers strike</title><id>urn:strike</id>"
        "<link href='https://example.org/strike'/><updated>2024-03-04T10:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{story('dock strike', 80)}&lt;/p&gt;</content>"
        "</entry></feed>"
    ))
    write("crawl.warc.gz", warc_with_one_page(
        "https://example.org/bridge", "Bridge closed for repairs", story("bridge closure", 60)
    ))
    # Broken inputs, each of which must be named on stderr.
    write("empty.txt", b"")
    write("blob.bin", bytes(range(256)) * 40)
    write("badutf8.txt", b"Storm \xc3\x28 damage \xe2\x82 reported \xf0\x28\x8c\x28 " * 3)
    write("truncated.json", '{"id": "trunc-1", "title": "Cut off", "text": "The report was cut')
    write("broken.rss",
          '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>x</tit')
    write("truncated.html", "<html><head><title>Cut</title></head><body><div class=")
    write("dupes.jsonl",
          json.dumps({"id": "dupe-1", "text": story("chemical spill", 5)}) + "\n"
          + json.dumps({"id": "dupe-1", "text": story("gas leak", 9)}) + "\n")
    # We run as root, so chmod 000 would still be readable: use entries no one can read.
    os.symlink(root / "gone.txt", root / "link-to-nowhere.txt")
    os.mkfifo(root / "pipe.txt")


EXISTING = Article(
    id="existing-1", source="earlier/run.txt", original="An earlier report.",
    text="An earlier report.", title="Earlier",
)


@pytest.fixture
def mixed(tmp_path):
    root = tmp_path / "inputs"
    build_mixed_inputs(root)
    db = tmp_path / "corpus.db"
    with Store.open(db) as store:
        store.add_articles([EXISTING], [b"earlier raw"])
    return root, str(db)


def ingest_json(args: list[str], capsys) -> tuple[int, dict, str]:
    code = run(app, ["ingest", *args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_mixed_directory_stores_every_good_article_once_and_names_every_bad_input(
    mixed, capsys
):
    root, db = mixed
    code, summary, err = ingest_json([str(root), "--db", db], capsys)
    assert code == EXIT_REJECTED
    with Store.open(db) as store:
        stored = {a.source: a for a in store.articles()}
        prefix = f"{root}{os.sep}"
        assert set(stored) == {prefix + s for s in GOOD_SOURCES} | {EXISTING.source}
        assert store.get(EXISTING.id) == EXISTING
        assert store.raw(EXISTING.id) == b"earlier raw"
        assert store.raw("storm") == (root / "storm.txt").read_bytes()
        assert "120 homes" in store.get("storm").text
    rejected_lines = [line for line in err.splitlines() if line.startswith("rejected ")]
    named = {line.split(": ", 1)[0].removeprefix(f"rejected {root}{os.sep}")
             for line in rejected_lines}
    assert named == BAD_INPUTS
    assert (f"rejected {root}{os.sep}dupes.jsonl#2: duplicate id dupe-1: different content "
            f"from {root}{os.sep}dupes.jsonl#1") in err
    assert summary["added"] == len(GOOD_SOURCES)
    assert len(summary["rejected"]) == len(BAD_INPUTS)
    assert "Traceback" not in err


def test_rejected_inputs_are_kept_in_the_store_with_the_run(mixed, capsys):
    root, db = mixed
    ingest_json([str(root), "--db", db], capsys)
    with Store.open(db) as store:
        inputs = {r.input.removeprefix(f"{root}{os.sep}") for r in store.rejections()}
        assert inputs == BAD_INPUTS
        assert store.runs()[-1][3]["rejected"] == len(BAD_INPUTS)


def test_ingest_with_rejected_inputs_exits_2(mixed, capsys):
    root, db = mixed
    assert run(app, ["ingest", str(root), "--db", db, "--quiet"]) == EXIT_REJECTED


def test_reingesting_the_same_directory_adds_nothing(mixed, capsys):
    root, db = mixed
    _, first, _ = ingest_json([str(root), "--db", db], capsys)
    with Store.open(db) as store:
        before = list(store.articles())
    _, second, err = ingest_json([str(root), "--db", db], capsys)
    assert first["added"] == len(GOOD_SOURCES)
    assert second["added"] == 0
    assert second["unchanged"] == len(GOOD_SOURCES)
    with Store.open(db) as store:
        assert list(store.articles()) == before
    assert f"0 added, {len(GOOD_SOURCES)} unchanged" in err


def test_clean_directory_exits_0_with_a_summary_line(tmp_path, capsys):
    root = tmp_path / "ok"
    root.mkdir()
    (root / "one.txt").write_text(story("hailstorm", 4))
    db = str(tmp_path / "c.db")
    assert run(app, ["ingest", str(root), "--db", db]) == EXIT_OK
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == f"{db}: 1 added, 0 unchanged, 0 duplicates, " \
        "0 rejected; 1 articles stored"


def test_stdin_is_read_for_dash(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "c.db")

    class FakeStdin:
        buffer = io.BytesIO(story("tornado", 12).encode())

    monkeypatch.setattr("sys.stdin", FakeStdin())
    code, summary, _ = ingest_json(["-", "--db", db], capsys)
    assert code == EXIT_OK and summary["added"] == 1
    with Store.open(db) as store:
        assert "tornado affected 12 homes" in next(store.articles()).text


def test_field_option_maps_input_fields(tmp_path, capsys):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "w1", "headline": "Ferry runs aground",
                                "text": story("ferry grounding", 2)}) + "\n")
    db = str(tmp_path / "c.db")
    ingest_json([str(path), "--db", db, "--field", "title=headline"], capsys)
    with Store.open(db) as store:
        assert store.get("w1").title == "Ferry runs aground"


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    assert run(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "c.db"),
                     "--format", "pdf"]) == 1
    assert "--format 'pdf': expected one of" in capsys.readouterr().err


def test_ten_thousand_small_files_are_all_ingested(fast_tmp_path, capsys):
    root = fast_tmp_path / "many"
    root.mkdir()
    for i in range(10_000):
        (root / f"r{i:05d}.txt").write_text(
            f"Report {i}: the council of district {i} approved {i} new homes on Monday.\n"
        )
    db = str(fast_tmp_path / "many.db")
    code, summary, _ = ingest_json([str(root), "--db", db, "--quiet", "--batch-size", "500"],
                                   capsys)
    assert (code, summary["added"], summary["rejected"]) == (EXIT_OK, 10_000, [])
    with Store.open(db) as store:
        assert store.count() == 10_000
        assert store.get("r04321").text.startswith("Report 4321: the council")
