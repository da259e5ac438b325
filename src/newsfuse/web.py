"""The web app: paste articles and get the HTML report; the same JSON contract under ``/api``.

``create_app`` is a factory: models come from an injected factory (loaded once, on the
first request that needs them) and the store from an optional path, so tests run it
in-process with fakes.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field

from newsfuse.article import Article, Document, Rejection
from newsfuse.contract import article_to_json, load_schema, report_to_json
from newsfuse.errors import NewsfuseError
from newsfuse.story import Report

MAX_ARTICLES = 1000
MAX_FORM_BYTES = 10 * 1024 * 1024


class ArticleIn(BaseModel):
    """One article of a POST /api/analyze request."""

    id: str | None = None
    title: str | None = None
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class AnalyzeRequest(BaseModel):
    """The body of POST /api/analyze."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)
    one_story: bool = False
    words: int = Field(150, ge=1, le=5000)


_FORM_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em}
textarea{width:100%;height:24em;font:13px/1.4 monospace}
label{margin-right:1.2em}.meta{color:#666}
.files{margin:.6em 0}.error{color:#c62828}
"""

# Reads chosen files into the textarea in the browser (no upload endpoint, no multipart
# dependency): a .jsonl/.json file gives one article per record ({"title", "text"}), any
# other file is one article titled by its file name.
_FORM_SCRIPT = """
(function () {
  "use strict";
  var input = document.getElementById("files");
  var area = document.getElementById("articles");
  var note = document.getElementById("file-note");
  function add(title, text) {
    var block = (title ? title.replace(/\\s+/g, " ").trim() + "\\n" : "") + text.trim();
    area.value = area.value.trim() ? area.value.trim() + "\\n---\\n" + block : block;
  }
  function records(name, text) {
    var trimmed = text.trim();
    if (/\\.json$/i.test(name) && trimmed.charAt(0) === "[") { return JSON.parse(trimmed); }
    if (/\\.json$/i.test(name)) { return [JSON.parse(trimmed)]; }
    return trimmed.split(/\\r?\\n/).filter(function (l) { return l.trim(); })
      .map(function (l) { return JSON.parse(l); });
  }
  input.addEventListener("change", function () {
    note.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var reader = new FileReader();
      reader.onload = function () {
        try {
          if (/\\.jsonl?$/i.test(file.name)) {
            records(file.name, String(reader.result)).forEach(function (r, i) {
              if (!r || typeof r.text !== "string") {
                throw new Error("record " + (i + 1) + " has no text");
              }
              add(r.title || "", r.text);
            });
          } else {
            add(file.name.replace(/\\.[^.]*$/, ""), String(reader.result));
          }
        } catch (err) {
          note.textContent = file.name + ": " + err.message;
        }
      };
      reader.readAsText(file);
    });
  });
})();
"""


def _css_hash(css: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()


_FORM_CSP = (f"default-src 'none'; style-src '{_css_hash(_FORM_CSS)}'; "
             f"script-src '{_css_hash(_FORM_SCRIPT)}'; form-action 'self'; base-uri 'none'")

_FORM = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsfuse</title>
<style>{_FORM_CSS}</style></head><body>
<h1>newsfuse</h1>
<p>Paste news reports of one or more events. Separate articles with a line holding only
<code>---</code>; the first line of each article is taken as its title. Or add files: text
files (one article each, titled by the file name) or JSONL/JSON records with
<code>title</code> and <code>text</code>.</p>
<form method="post" action="analyze">
<p class="files"><label>Add files <input type="file" id="files" multiple
accept=".txt,.text,.md,.jsonl,.json,text/plain"></label> <span class="error" id="file-note"
></span></p>
<textarea name="articles" id="articles" required></textarea>
<p><label><input type="checkbox" name="one_story" value="1"> all one story</label>
<label>summary words <input type="number" name="words" value="150" min="1" max="5000"></label>
<label>format <select name="format"><option>html</option><option>json</option>
<option value="md">markdown</option><option>text</option></select></label>
<button type="submit">Analyse</button></p>
</form>
<p class="meta">JSON API: <code>POST /api/analyze</code>, schema at <code>/api/schema</code>.</p>
{{db}}
<script>{_FORM_SCRIPT}</script>
</body></html>
"""


def _default_models() -> Any:
    from newsfuse.analyze import load_models

    return load_models()


def create_app(
    models_factory: Callable[[], Any] = _default_models,
    db_path: str | Path | None = None,
) -> FastAPI:
    """Build the web app.

    Args:
        models_factory: returns the models ``newsfuse.analyze.analyze`` needs; called once,
            on the first request that analyses.
        db_path: a newsfuse database whose articles ``/api/articles`` and ``/api/stories``
            serve; None disables those endpoints (404).

    Returns:
        The FastAPI application (run it with uvicorn, or ``newsfuse serve``).
    """
    app = FastAPI(title="newsfuse", version="1", docs_url="/api/docs", redoc_url=None)
    lock = threading.Lock()
    loaded: list[Any] = []

    def models() -> Any:
        with lock:
            if not loaded:
                loaded.append(models_factory())
            return loaded[0]

    def run(articles: Sequence[Article], rejected: Sequence[Rejection], one_story: bool,
            words: int) -> Report:
        from newsfuse.analyze import analyze
        from newsfuse.cli.analyze_cmd import cluster_grouping

        if not articles:
            reasons = "; ".join(r.line() for r in rejected) or "no articles given"
            raise HTTPException(status_code=422, detail=f"nothing to analyse: {reasons}")
        loaded_models = models()
        grouping = None if one_story else cluster_grouping(loaded_models)
        try:
            return analyze(articles, loaded_models, grouping=grouping, words=words,
                           rejected=tuple(rejected))
        except NewsfuseError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc

    def stored() -> list[Article]:
        if db_path is None:
            raise HTTPException(status_code=404, detail="no database: start with --db FILE")
        from newsfuse.store.sqlite import Store

        store = Store.open(db_path)
        try:
            return list(store.articles())
        finally:
            store.close()

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        note = ""
        if db_path is not None:
            note = (f'<p class="meta">Database {escape(str(db_path))}: '
                    "<code>/api/articles</code>, <code>/api/stories</code>.</p>")
        return HTMLResponse(_FORM.replace("{db}", note),
                            headers={"Content-Security-Policy": _FORM_CSP})

    @app.post("/analyze")
    async def analyze_form(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(status_code=413, detail="form too large")
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        text = form.get("articles", [""])[0]
        fmt = form.get("format", ["html"])[0]
        try:
            words = int(form.get("words", ["150"])[0])
        except ValueError:
            raise HTTPException(status_code=422, detail="words: not a number") from None
        if not 1 <= words <= 5000:
            raise HTTPException(status_code=422, detail="words: must be 1..5000")
        if fmt not in ("html", "json", "md", "text"):
            raise HTTPException(status_code=422, detail=f"format: unknown {fmt!r}")
        docs = [_document(block, i) for i, block in enumerate(_blocks(text), 1)]
        articles, rejected = _clean(docs)
        report = run(articles, rejected, bool(form.get("one_story")), words)
        from newsfuse.render import render

        rendered = render(report, fmt)
        if fmt == "html":
            return HTMLResponse(rendered)
        if fmt == "json":
            return Response(rendered, media_type="application/json")
        return PlainTextResponse(rendered)

    @app.post("/api/analyze")
    def analyze_api(payload: AnalyzeRequest) -> JSONResponse:
        docs = [
            Document(source=f"request#{i}", text=a.text, format="json", id=a.id, title=a.title,
                     outlet=a.outlet, url=a.url, published=a.published)
            for i, a in enumerate(payload.articles, 1)
        ]
        articles, rejected = _clean(docs)
        report = run(articles, rejected, payload.one_story, payload.words)
        return JSONResponse(report_to_json(report))

    @app.get("/api/articles")
    def articles_api() -> JSONResponse:
        return JSONResponse([article_to_json(a) for a in stored()])

    @app.get("/api/stories")
    def stories_api() -> JSONResponse:
        return JSONResponse(report_to_json(run(stored(), (), False, 150)))

    @app.get("/api/schema")
    def schema_api() -> JSONResponse:
        return JSONResponse(load_schema())

    return app


def _blocks(text: str) -> list[str]:
    """Split pasted text into articles at lines holding only ``---``."""
    blocks, current = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip() == "---":
            blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    blocks.append("\n".join(current))
    return [b.strip() for b in blocks if b.strip()]


def _document(block: str, number: int) -> Document:
    title, _, rest = block.partition("\n")
    if not rest.strip():
        title, rest = "", block
    return Document(source=f"pasted#{number}", text=rest.strip(), format="text",
                    title=title.strip() or None)


def _clean(docs: Sequence[Document]) -> tuple[list[Article], list[Rejection]]:
    from newsfuse.ingest import ingest_documents

    return ingest_documents(docs)
