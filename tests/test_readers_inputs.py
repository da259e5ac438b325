"""read_inputs: choosing readers, directories, stdin, limits, and never raising for input."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.article import Document, Rejection
from newsfuse.errors import ConfigError
from newsfuse.readers import ReadOptions, read_inputs, reader_for_path, sniff_format

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def _read(paths: list[str], **kwargs: object) -> list[Document | Rejection]:
    return list(read_inputs(paths, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.txt", "text"), ("a.md", "text"), ("A.HTM", "html"), ("a.xhtml", "html"),
    ("a.json", "json"), ("a.ndjson", "jsonl"), ("a.tsv", "csv"), ("a.atom", "feed"),
    ("a.xml", "feed"), ("crawl.warc.gz", "warc"), ("a.jsonl.gz", "jsonl"), ("a.doc", "unknown"),
])
def test_reader_for_path_by_extension(name: str, fmt: str) -> None:
    assert reader_for_path(name) == fmt


@pytest.mark.parametrize(("head", "fmt"), [
    (b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b"\n<!DOCTYPE html><html><body>", "html"),
    (b"<div><p>Hi</p></div>", "html"),
    (b'[{"text": "a"}]', "json"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b'{\n  "text": "a"\n}', "json"),
    (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
    (b"Police said on Sunday", "text"),
])
def test_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head) == fmt


def test_every_problem_is_one_rejection_and_nothing_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    (tmp_path / "mixed.txt").write_bytes("Zürich ".encode() + b"\xe9t\xe9")
    (tmp_path / "bad.json").write_bytes(b'{"text": ')
    (tmp_path / "bad.rss").write_bytes(b"<rss><channel><title>t</ti")
    (tmp_path / "nav.html").write_bytes(b"<html><body><script>x=1</script></body></html>")
    (tmp_path / "bad.warc").write_bytes(b"not a warc at all\n")
    items = _read([str(tmp_path), str(tmp_path / "missing.txt")])
    reasons = {Path(r.input).name: r.reason for r in items if isinstance(r, Rejection)}
    assert all(isinstance(i, Rejection) for i in items)
    assert reasons["bad.json"].startswith("invalid JSON at line 1 column")
    assert reasons["bad.rss"].startswith("malformed feed:")
    assert reasons["bad.warc"].startswith("not a WARC file")
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.txt"] == "binary file, not text"
    assert "not valid UTF-8" in reasons["mixed.txt"]
    assert reasons["nav.html"] == "no article text found in HTML"
    assert reasons["missing.txt"] == "no such file or directory"
    assert len(items) == 8


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Some text.")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    (rej,) = _read([str(path)])
    assert rej == Rejection(str(path), "cannot read: permission denied")


def test_directory_is_read_recursively_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/c.txt", ".hidden.txt", ".git/x.txt", "c.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {rel}.")
    items = _read([str(tmp_path)])
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in items  # type: ignore[union-attr]
            ] == ["a/c.txt", "a/z.txt", "b.txt", "c.txt"]
    assert items[0].source == os.path.join(str(tmp_path), "a", "c.txt")  # type: ignore[union-attr]
    assert items[0].id == "c"  # type: ignore[union-attr]


def test_mixed_directory_uses_each_files_reader(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "storm_page.html", tmp_path / "page.html")
    (tmp_path / "rows.csv").write_text("id,text\nr1,Row one text.\n")
    (tmp_path / "notes").write_text("A text file without an extension.")
    (tmp_path / "feed.unknown").write_bytes((FIXTURES / "market_feed.atom").read_bytes())
    docs = [i for i in _read([str(tmp_path)]) if isinstance(i, Document)]
    assert [(Path(d.source).name, d.format, d.id) for d in docs] == [
        ("feed.unknown#1", "feed", "urn:example:mw:1001"),
        ("notes", "text", "notes"),
        ("page.html", "html", "page"),
        ("rows.csv#1", "csv", "r1"),
    ]


def test_forced_format_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text('{"text": "one"}\n{"text": "two"}\n')
    items = _read([str(path)], options=ReadOptions(format="jsonl"))
    assert [d.text for d in items if isinstance(d, Document)] == ["one", "two"]


def test_unknown_forced_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown input format 'pdf'"):
        ReadOptions(format="pdf")


@pytest.mark.parametrize(("data", "fmt"), [
    (b"Plain words on stdin.\n", "text"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b'[{"text": "a"}]', "json"),
])
def test_stdin_is_sniffed(data: bytes, fmt: str) -> None:
    items = _read(["-"], stdin=io.BytesIO(data))
    assert items and all(isinstance(i, Document) and i.format == fmt for i in items)
    assert items[0].source.startswith("<stdin>")  # type: ignore[union-attr]


def test_stdin_html_and_empty_stdin() -> None:
    (doc,) = _read(["-"], stdin=io.BytesIO((FIXTURES / "storm_page.html").read_bytes()))
    assert isinstance(doc, Document) and doc.format == "html"
    assert _read(["-"], stdin=io.BytesIO(b"")) == [Rejection("<stdin>", "empty input")]


def test_latin1_and_utf16_files_are_decoded(tmp_path: Path) -> None:
    text = "Les sinistrés ont été relogés à l'école, a précisé le préfet."
    (tmp_path / "a_latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "b_utf16.txt").write_bytes(text.encode("utf-16"))
    items = _read([str(tmp_path)])
    assert [d.text for d in items if isinstance(d, Document)] == [text, text]


def test_file_over_max_bytes_is_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(101 * 1024 * 1024)  # sparse: no real bytes written
    (rej,) = _read([str(path)])
    assert isinstance(rej, Rejection)
    assert rej.reason.startswith("too large: 101 MB, the limit for text files is 100 MB")


def test_large_jsonl_is_streamed_past_the_whole_file_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        for i in range(3000):  # more than the 64 KB head used to detect the encoding
            f.write(b'{"id": "r%d", "text": "Report %d."}\n' % (i, i))
        f.truncate(101 * 1024 * 1024)  # sparse run of NUL bytes: one over-long bad line
        f.seek(0, os.SEEK_END)
        f.write(b'\n{"id": "last", "text": "End."}\n')
    items = _read([str(path)])
    assert len(items) == 3002
    assert all(isinstance(i, Document) for i in items[:3000])
    assert items[3000] == Rejection(f"{path}#3001", f"line longer than {100 * 1024 * 1024} bytes")
    assert isinstance(items[3001], Document) and items[3001].id == "last"


def test_ten_thousand_files_stream(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_bytes(b"Short report number %d." % i)
    stream = read_inputs([str(tmp_path)])
    first = next(stream)
    assert isinstance(first, Document) and first.id == "00000"
    rest = list(stream)
    assert len(rest) == 9_999
    assert rest[-1].id == "09999"  # type: ignore[union-attr]


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "x.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write(b'{"text": "zipped"}\n')
    (doc,) = _read([str(path)])
    assert isinstance(doc, Document) and (doc.text, doc.format) == ("zipped", "jsonl")


def test_json_field_map_through_read_inputs(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"articles": [{"headline": "H", "text": "T."}]}))
    (doc,) = _read([str(path)], options=ReadOptions(field_map=(("headline", "title"),)))
    assert isinstance(doc, Document) and doc.title == "H"


NAMES = st.lists(st.from_regex(r"[a-z]{1,6}(/[a-z]{1,6})?", fullmatch=True), min_size=1,
                 max_size=8, unique=True)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=NAMES, order=st.randoms(use_true_random=False))
def test_directory_reading_does_not_depend_on_creation_order(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], order: object
) -> None:
    files = [n + ".txt" for n in names]
    # a name may not also be a directory ("ab.txt" vs "ab/…" cannot clash: suffixes differ)
    results = []
    for attempt in range(2):
        root = tmp_path_factory.mktemp("dir")
        shuffled = list(files)
        if attempt:
            order.shuffle(shuffled)  # type: ignore[attr-defined]
        for rel in shuffled:
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"Body of {rel}.")
        results.append([(os.path.relpath(d.source, root), d.text)  # type: ignore[union-attr]
                        for d in read_inputs([str(root)])])
    assert results[0] == results[1]
    assert len(results[0]) == len(files)
