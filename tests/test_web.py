"""The web app in-process (FastAPI TestClient) with a fake models factory."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsfuse.contract import check_citations, load_schema, validate
from newsfuse.web import _FORM_SCRIPT, create_app

ARTICLES = [
    {"id": "river-1", "title": "Flood hits Tarn valley", "outlet": "Valley News",
     "url": "https://valley.example/flood", "published": "2024-05-02",
     "text": "Floodwater swept through the Tarn valley on Thursday. At least 4 people died and "
             "about 200 homes were flooded, the regional governor said."},
    {"id": "river-2", "title": "Tarn valley flood kills four", "outlet": "Daily Courier",
     "text": "Four people died when floodwater swept through the Tarn valley on Thursday. "
             "The governor said about 200 homes were flooded."},
]


@pytest.fixture(scope="module")
def models():
    spacy = pytest.importorskip("spacy")
    from newsfuse.analyze import Models
    from newsfuse.embed import HashingEmbedder

    return Models(embedder=HashingEmbedder(), nlp=spacy.blank("en"))


@pytest.fixture()
def client(models):
    calls = []

    def factory():
        calls.append(1)
        return models

    app = create_app(models_factory=factory)
    with TestClient(app) as c:
        c.factory_calls = calls
        yield c


def test_index_page_is_a_form_with_a_strict_csp(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<form method="post" action="analyze">' in response.text
    assert '<input type="file" id="files" multiple' in response.text
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    # the only script allowed is the page's own file reader, by its hash
    digest = base64.b64encode(hashlib.sha256(_FORM_SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert f"<script>{_FORM_SCRIPT}</script>" in response.text


def test_api_analyze_returns_contract_json_that_validates(client):
    response = client.post("/api/analyze", json={"articles": ARTICLES, "one_story": True,
                                                 "words": 40})
    assert response.status_code == 200, response.text
    data = response.json()
    validate(data)
    assert check_citations(data) == []
    assert sorted(a["id"] for a in data["articles"]) == ["river-1", "river-2"]
    assert len(data["stories"]) == 1
    assert sorted(data["stories"][0]["articles"]) == ["river-1", "river-2"]


def test_models_are_loaded_once_across_requests(client):
    for _ in range(2):
        client.post("/api/analyze", json={"articles": ARTICLES, "one_story": True})
    assert client.factory_calls == [1]


def test_api_analyze_reports_rejected_articles(client):
    body = {"articles": ARTICLES + [{"id": "blank", "text": "   "}], "one_story": True}
    data = client.post("/api/analyze", json=body).json()
    validate(data)
    assert [r["input"] for r in data["rejected"]] == ["request#3"]


def test_api_analyze_refuses_bad_bodies(client):
    assert client.post("/api/analyze", json={"articles": []}).status_code == 422
    assert client.post("/api/analyze", json={"articles": [{"title": "x"}]}).status_code == 422
    only_blank = client.post("/api/analyze", json={"articles": [{"text": " "}],
                                                   "one_story": True})
    assert only_blank.status_code == 422
    assert "nothing to analyse" in only_blank.json()["detail"]


def test_form_post_returns_the_html_report(client):
    text = ("Flood hits Tarn valley\n" + ARTICLES[0]["text"] + "\n---\n"
            "Tarn valley flood kills four\n" + ARTICLES[1]["text"])
    response = client.post("/analyze", data={"articles": text, "one_story": "1",
                                              "format": "html", "words": "50"})
    assert response.status_code == 200, response.text
    assert response.text.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in response.text
    assert "Floodwater swept through the Tarn valley" in response.text


def test_form_post_refuses_an_unknown_format(client):
    response = client.post("/analyze", data={"articles": "x", "format": "pdf"})
    assert response.status_code == 422


def test_schema_endpoint_serves_the_committed_schema(client):
    assert client.get("/api/schema").json() == load_schema()


def test_store_endpoints_need_a_database(client):
    assert client.get("/api/articles").status_code == 404
    assert client.get("/api/stories").status_code == 404


def test_store_endpoints_serve_stored_articles(models, tmp_path, monkeypatch):
    from newsfuse.article import Document
    from newsfuse.ingest import ingest_documents
    from newsfuse.store.sqlite import Store

    docs = [Document(source=a["id"], text=a["text"], format="json", id=a["id"],
                     title=a["title"]) for a in ARTICLES]
    articles, _ = ingest_documents(docs)
    db = tmp_path / "c.db"
    store = Store.open(db)
    try:
        store.add_articles(articles, [b""] * len(articles))
    finally:
        store.close()
    import newsfuse.cluster

    monkeypatch.setattr(newsfuse.cluster, "cluster_articles",
                        lambda arts, embedder, nlp: [sorted(arts, key=lambda a: a.id)])
    with TestClient(create_app(models_factory=lambda: models, db_path=db)) as c:
        listed = c.get("/api/articles").json()
        assert sorted(a["id"] for a in listed) == ["river-1", "river-2"]
        stories = c.get("/api/stories").json()
    validate(stories)
    assert check_citations(stories) == []
    assert len(stories["stories"]) == 1


# --- a real server on a loopback port, in a subprocess -------------------------------------

SERVER = """
import sys, uvicorn, spacy
from newsfuse.analyze import Models
from newsfuse.embed import HashingEmbedder
from newsfuse.web import create_app
models = lambda: Models(embedder=HashingEmbedder(), nlp=spacy.blank("en"))
uvicorn.run(create_app(models_factory=models), host="127.0.0.1", port=int(sys.argv[1]),
            log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv: list[str], port: int) -> subprocess.Popen:
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stdout.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
    stop(proc)
    raise AssertionError("server did not answer within 60 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("spacy")
    port = free_port()
    proc = start([sys.executable, "-c", SERVER, str(port)], port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def test_served_api_analyze_returns_valid_contract_json_with_checked_citations(server):
    response = httpx.post(f"{server}/api/analyze", timeout=60,
                          json={"articles": ARTICLES, "one_story": True, "words": 40})
    assert response.status_code == 200, response.text
    data = response.json()
    validate(data)
    assert check_citations(data) == []
    texts = {a["id"]: a["text"] for a in data["articles"]}
    story = data["stories"][0]
    assert sorted(story["articles"]) == ["river-1", "river-2"]
    cited = [c for s in story["summary"] for c in s["citations"]]
    assert cited
    for c in cited:  # every citation slices to words of the article it names
        assert texts[c["article"]][c["start"]:c["end"]].strip()


def test_served_form_turns_pasted_articles_into_the_html_report(server):
    page = httpx.get(f"{server}/", timeout=10)
    assert page.status_code == 200 and "<textarea" in page.text
    text = ("Flood hits Tarn valley\n" + ARTICLES[0]["text"] + "\n---\n"
            "Tarn valley flood kills four\n" + ARTICLES[1]["text"])
    report = httpx.post(f"{server}/analyze", timeout=60,
                        data={"articles": text, "one_story": "1", "format": "html"})
    assert report.status_code == 200
    assert report.headers["content-type"].startswith("text/html")
    assert "Floodwater swept through the Tarn valley" in report.text
    assert 'class="cite"' in report.text


def test_newsfuse_serve_command_serves_the_page_on_loopback():
    port = free_port()
    cli = Path(sys.executable).with_name("newsfuse")
    argv = ([str(cli)] if cli.exists() else
            [sys.executable, "-c", "from newsfuse.cli import main; main()"])
    proc = start(argv + ["serve", "--port", str(port)], port)
    try:
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.status_code == 200 and '<form method="post"' in page.text
        schema = httpx.get(f"http://127.0.0.1:{port}/api/schema", timeout=10)
        assert schema.json() == load_schema()
    finally:
        stop(proc)
