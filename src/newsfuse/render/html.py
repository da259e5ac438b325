"""The HTML renderer: ONE self-contained page that works offline (inline CSS, a small inline JS).

Article text is untrusted. Every text and attribute goes through :func:`html.escape`; data for
the script is JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
written as ``\\u003c`` etc.; and a Content-Security-Policy allows only this page's own style
and script, by hash, so even a missed escape could not run injected code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from html import escape
from urllib.parse import urlsplit

from newsfuse.article import Article
from newsfuse.render._common import (
    StoryIndex,
    article_label,
    article_long_label,
    article_snippet,
    format_consensus,
    format_value,
    percent,
    quote_text,
    relation_sentence,
    sorted_facts,
    sorted_relations,
    story_index,
    untitled_opening,
)
from newsfuse.story import Citation, Fact, Relation, Report, Story, StoryQuote

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;
padding:1em 1.5em;color:#1d1d1f;background:#fff}
h1{font-size:1.6em;margin:.3em 0}h2{font-size:1.3em;border-bottom:1px solid #ddd;margin-top:1.6em}
h3{font-size:1.1em;margin:1.2em 0 .3em}
.meta{color:#666;font-size:.9em}
a.cite{text-decoration:none;font-size:.8em;vertical-align:super;color:#0b57d0;margin-left:1px}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f5f5f7}
tr.status-conflict td{background:#fdecea}tr.status-updated td{background:#fff8e1}
.badge{display:inline-block;white-space:nowrap;padding:0 .4em;border-radius:3px;font-size:.85em;background:#eee}
.badge.conflict{background:#c62828;color:#fff}.badge.updated{background:#f9a825}
.badge.agreed{background:#2e7d32;color:#fff}
ul.values{margin:0;padding-left:1.1em}
.disputed{color:#b26a00;font-size:.85em;text-decoration:none}
.articletext{white-space:pre-wrap;border-left:3px solid #eee;padding-left:.8em}
mark{background:#fff3a8}mark.focus{background:#ffb74d;outline:2px solid #ef6c00}
.panes{display:flex;gap:1em}.panes>div{flex:1 1 0;min-width:0}
.panes h4{margin:.4em 0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.pane{flex:1;white-space:pre-wrap;border:1px solid #ddd;
padding:.6em;max-height:32em;overflow:auto;font-size:.92em}
.pane mark.al{background:#d7ecff}.pane mark.al.verbatim{background:#ffd6d6}
.pane mark.hot{outline:2px solid #0b57d0}
svg.graph{border:1px solid #eee;background:#fcfcfd;max-width:100%;height:auto}
svg.graph text{font:13px system-ui,sans-serif;fill:#222}
svg.graph text.num{font-weight:bold}
svg.graph text.edge{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
.legend span{margin-right:1em;font-size:.9em}
.sw{display:inline-block;width:1.6em;height:.3em;vertical-align:middle;margin-right:.3em}
.sw.duplicate{background:#7b1fa2}.sw.copy{background:#c62828}.sw.rewrite{background:#ef6c00}
.sw.shared_source{background:#1565c0}
details{margin:.3em 0}summary{cursor:pointer;color:#0b57d0}
mark{scroll-margin:40vh}td.stated strong{white-space:nowrap}
table.facts td:nth-child(3){width:40%}table.facts td:nth-child(4){width:30%}
table.facts thead th,table.index thead th{position:sticky;top:0;z-index:1}
table.index td.n,table.index th.n{text-align:right;width:5em}
.pairs{font-size:.85em;color:#555}
a:focus-visible,summary:focus-visible,select:focus-visible,.pane mark:focus{outline:2px solid #0b57d0;
outline-offset:1px}
@media print{.sbs{display:none}details>summary{color:#000}a{color:#000}
tr,li,svg.graph{break-inside:avoid}h2,h3{break-after:avoid}body{max-width:none;font-size:11pt}
.articletext{border:0;padding:0}}
ol.sources .snippet{color:#555;font-style:italic}
"""

# Written by hand (no framework) so the page stays one small file that works offline.
SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nf-data").textContent);
  function paint(pane, text, ranges) {
    pane.textContent = "";
    var cuts = [0, text.length];
    ranges.forEach(function (r) { cuts.push(r[0], r[1]); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; })
      .sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = text.slice(a, b), hit = null;
      ranges.forEach(function (r) { if (r[0] <= a && b <= r[1]) { hit = r; } });
      if (hit === null) { pane.appendChild(document.createTextNode(piece)); continue; }
      var mark = document.createElement("mark");
      mark.className = hit[3] ? "al verbatim" : "al";
      mark.setAttribute("data-k", String(hit[2]));
      mark.title = "similarity " + hit[4];
      mark.tabIndex = 0;
      mark.textContent = piece;
      pane.appendChild(mark);
    }
  }
  function text(n) {
    if (Object.prototype.hasOwnProperty.call(data.texts, n)) { return data.texts[n]; }
    return document.querySelector("#art-" + n + " .articletext").textContent;
  }
  function show(select) {
    var story = select.getAttribute("data-story");
    var pair = data.pairs[story][Number(select.value)];
    var left = document.getElementById("left-" + story);
    var right = document.getElementById("right-" + story);
    document.getElementById("left-title-" + story).textContent = pair.from_label;
    document.getElementById("right-title-" + story).textContent = pair.to_label;
    paint(left, text(pair.from), pair.aligned.map(function (p, k) {
      return [p[0], p[1], k, p[4], p[5]]; }));
    paint(right, text(pair.to), pair.aligned.map(function (p, k) {
      return [p[2], p[3], k, p[4], p[5]]; }));
  }
  function hover(event) {
    var k = event.target.getAttribute && event.target.getAttribute("data-k");
    var box = event.currentTarget;
    box.querySelectorAll("mark.hot").forEach(function (m) { m.classList.remove("hot"); });
    if (k === null || k === undefined) { return; }
    box.querySelectorAll("mark[data-k='" + k + "']").forEach(function (m) {
      m.classList.add("hot"); });
  }
  document.querySelectorAll("select.pair-select").forEach(function (select) {
    select.addEventListener("change", function () { show(select); });
    show(select);
  });
  document.querySelectorAll(".panes").forEach(function (box) {
    box.addEventListener("mouseover", hover);
    box.addEventListener("focusin", hover);
  });
  function highlight(ids) {
    document.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
    var first = null;
    document.querySelectorAll("mark[data-spans]").forEach(function (m) {
      var mine = m.getAttribute("data-spans").split(" ");
      if (ids.some(function (id) { return mine.indexOf(id) >= 0; })) {
        m.classList.add("focus");
        if (first === null) { first = m; }
      }
    });
    return first;
  }
  function focus() {
    var id = decodeURIComponent(location.hash.slice(1));
    var first = highlight(id ? [id] : []);
    if (first !== null) { first.scrollIntoView({block: "center"}); }
  }
  document.querySelectorAll("a.cite[data-spans]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var ids = link.getAttribute("data-spans").split(" ");
      var first = highlight(ids);
      if (first === null) { return; }
      event.preventDefault();
      if (history.pushState) { history.pushState(null, "", "#" + ids[0]); }
      first.scrollIntoView({block: "center"});
    });
  });
  window.addEventListener("hashchange", focus);
  focus();
  document.documentElement.setAttribute("data-nf-ready", "1");
})();
"""

_EDGE_COLOURS = {"duplicate": "#7b1fa2", "copy": "#c62828", "rewrite": "#ef6c00",
                 "shared_source": "#1565c0"}


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


CSP = (
    "default-src 'none'; "
    f"script-src '{_hash(SCRIPT)}'; style-src '{_hash(CSS)}'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` characters."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


class _Page:
    """Ids for the page: articles are numbered by their position in the report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.number = {a.id: i for i, a in enumerate(report.articles)}
        self.articles = {a.id: a for a in report.articles}
        self.spans: dict[str, set[tuple[int, int]]] = {a.id: set() for a in report.articles}
        self.single = len(report.stories) == 1
        self.title = ""

    def anchor(self, citation: Citation) -> str | None:
        """The id of a cited span, registering it to be marked; None if it cannot be shown."""
        article = self.articles.get(citation.article)
        if article is None or not 0 <= citation.start < citation.end <= len(article.text):
            return None
        self.spans[article.id].add((citation.start, citation.end))
        return f"a{self.number[article.id]}-{citation.start}-{citation.end}"


def _cites(page: _Page, index: StoryIndex, citations: tuple[Citation, ...]) -> str:
    """One ``[n]`` link per cited article; it marks every cited passage of that article.

    The link goes to the first passage (so it works without script); the script highlights
    all the passages listed in ``data-spans`` and scrolls the first into view.
    """
    by_article: dict[str, list[Citation]] = {}
    for citation in sorted(citations, key=lambda c: (index.numbers.get(c.article, 0), c.start)):
        by_article.setdefault(citation.article, []).append(citation)
    links = []
    for aid, cited in by_article.items():
        number = index.numbers.get(aid, "?")
        anchors = [x for x in (page.anchor(c) for c in cited) if x is not None]
        label = _label(page.articles.get(aid), aid)
        said = sorted({c.attribution for c in cited if c.attribution})
        tip = label + (f" ({'; '.join(said)})" if said else "")
        if len(cited) > 1:
            tip += f" · {len(cited)} passages"
        if not anchors:
            links.append(f'<span class="cite" title="{_e(tip)}: span not found">[{number}]</span>')
        else:
            links.append(f'<a class="cite" href="#{anchors[0]}" data-spans="{" ".join(anchors)}"'
                         f' title="{_e(tip)}">[{number}]</a>')
    return "".join(links)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _label(article: Article | None, article_id: str) -> str:
    """The short label, or the opening words of the text when the article has no name."""
    label = article_label(article, article_id)
    if article is not None and label == article_id and article.text.strip():
        return article_snippet(article, 6)
    return label


def render_html(report: Report, *, title: str | None = None) -> str:
    """Render a report as one self-contained, offline HTML page.

    Args:
        report: what to render.
        title: page title; by default the story title (one story) or a count of stories.

    Returns:
        The page, starting with ``<!DOCTYPE html>``.
    """
    page = _Page(report)
    if title is None:
        title = (report.stories[0].title if len(report.stories) == 1
                 else f"newsfuse report: {len(report.stories)} stories")
    page.title = title
    body: list[str] = [f"<header><h1>{_e(title)}</h1>"]
    body.append(f'<p class="meta">{_count(len(report.stories), "story", "stories")} from '
                f'{_count(len(report.articles), "article")} · '
                f'{_count(len(report.rejected), "rejected input")}</p>')
    if len(report.stories) > 1:
        body.append(_story_index(report))
    body.append("</header>")
    pairs: dict[str, list[dict[str, object]]] = {}
    texts: dict[str, str] = {}
    for si, story in _by_size(report):
        body.append(_story(page, story, si, pairs, texts))
    body.append(_articles(page))
    if report.rejected:
        body.append('<section id="rejected"><h2>Rejected inputs</h2><ul>' + "".join(
            f"<li><code>{_e(r.input)}</code>: {_e(r.reason)}</li>" for r in report.rejected)
            + "</ul></section>")
    data = script_json({"pairs": pairs, "texts": texts})
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head><body>\n"
        + "\n".join(body)
        + f'\n<script type="application/json" id="nf-data">{data}</script>\n'
        f"<script>{SCRIPT}</script>\n</body></html>\n"
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _by_size(report: Report) -> list[tuple[int, Story]]:
    """(position in the report, story), stories of more articles first, else in report order.

    Ids on the page keep the report position, so links stay the same whatever the order.
    """
    return sorted(enumerate(report.stories), key=lambda pair: (-len(pair[1].articles), pair[0]))


def _story_index(report: Report) -> str:
    """A table of the stories, largest first, with their counts and conflicts."""
    rows = []
    for n, (i, story) in enumerate(_by_size(report), 1):
        own = _own_facts(story)
        conflicts = sum(f.status == "conflict" for f in own)
        badge = (f' <span class="badge conflict">{_count(conflicts, "conflict")}</span>'
                 if conflicts else "")
        rows.append(f'<tr><td>{n}</td><td><a href="#story-{i}" title="{_e(story.title)}">'
                    f"{_e(_short(story.title, 110))}</a>{badge}</td>"
                    f'<td class="n">{len(story.articles)}</td><td class="n">{len(own)}'
                    "</td></tr>")
    return ('<nav id="index" aria-label="stories"><h2>Stories</h2><table class="index"><thead>'
            '<tr><th>#</th><th>Story</th><th class="n">Articles</th><th class="n">Facts</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></nav>")


def _story(page: _Page, story: Story, si: int,
           pairs: dict[str, list[dict[str, object]]], texts: dict[str, str]) -> str:
    index = story_index(page.report, story)
    heading = "" if page.single and story.title == page.title else f"<h2>{_e(story.title)}</h2>"
    back = "" if page.single else ' · <a href="#index">all stories</a>'
    own = _own_facts(story)
    conflicts = sum(f.status == "conflict" for f in own)
    out = [f'<section class="story" id="story-{si}">{heading}',
           f'<p class="meta">{_count(len(story.articles), "article")} · '
           f'{_count(len(own), "fact")} ({conflicts} in conflict) · '
           f"story id {_e(story.id)}{back}</p>"]
    if story.summary:
        out.append("<h3>Summary</h3>")
        for sentence in story.summary:
            note = (f' <a class="disputed" href="#facts-{si}">(figures disputed, see facts)</a>'
                    if sentence.conflict else "")
            out.append(f"<p>{_e(sentence.text)}{_cites(page, index, sentence.citations)}"
                       f"{note}</p>")
    out.append('<h3>Sources</h3><ol class="sources">')
    for number, aid, article in index.legend():
        target = f' href="#art-{page.number[aid]}"' if aid in page.number else ""
        opening = untitled_opening(article)
        snippet = f' <span class="snippet">{_e(opening)}</span>' if opening else ""
        out.append(f'<li value="{number}"><a{target}>{_e(article_long_label(article, aid))}'
                   f"</a>{snippet}</li>")
    out.append("</ol>")
    if story.facts:
        out.append(_facts(page, index, story, si))
    if story.quotes:
        out.append(_quotes(page, index, story))
    if story.responsibility:
        out.append("<h3>Responsibility</h3><ul>" + "".join(
            f"<li>{_e(r.actor or 'no one')}: {_e(r.stance.replace('_', ' '))}"
            f"{_cites(page, index, r.sources)}</li>" for r in story.responsibility) + "</ul>")
    if story.provenance:
        out.append(_provenance(page, story, index, si))
    if story.source_groups:
        out.append("<h3>Independent source groups</h3><ol>" + "".join(
            "<li>" + ", ".join(
                f"[{index.numbers.get(a, '?')}] {_e(_label(page.articles.get(a), a))}"
                for a in group) + "</li>" for group in story.source_groups) + "</ol>")
    if story.timeline:
        out.append("<h3>Timeline</h3><ul>" + "".join(
            f"<li><strong>{_e(t.date)}</strong> {_e(t.text)}{_cites(page, index, t.sources)}"
            "</li>" for t in story.timeline) + "</ul>")
    out.append(_side_by_side(page, story, index, si, pairs, texts))
    out.append("</section>")
    return "\n".join(out)


_BACKGROUND = "background:"


def _own_facts(story: Story) -> list[Fact]:
    """The facts about the story's own event (not figures of earlier events it mentions)."""
    return [f for f in story.facts if not f.about.startswith(_BACKGROUND)]


def _facts(page: _Page, index: StoryIndex, story: Story, si: int) -> str:
    """The story's own facts (conflicts first), then folded single-source and background facts.

    Figures about other, earlier events ("the worst storm since 1990, which killed 300") are
    kept apart: they are context, and their disagreements are not the story's conflicts.
    """
    facts = sorted_facts(story)
    own = [f for f in facts if not f.about.startswith(_BACKGROUND)]
    background = [f for f in facts if f.about.startswith(_BACKGROUND)]
    main = [f for f in own if f.status != "single_source"]
    single = [f for f in own if f.status == "single_source"]
    conflicts = sum(f.status == "conflict" for f in own)
    out = [f'<h3 id="facts-{si}">Facts</h3><p class="meta">{_count(len(own), "fact")} about '
           f"this event, {conflicts} in conflict (sources disagree: red rows first), checked "
           "across independent sources"
           + (f"; {_count(len(background), 'figure')} about other events below" if background
              else "") + ".</p>"]
    if main:
        out.append(_facts_table(page, index, main))
    if single:
        out.append(f"<details><summary>{_count(len(single), 'fact')} stated by a single source"
                   f"</summary>{_facts_table(page, index, single)}</details>")
    if background:
        out.append(f"<details><summary>{_count(len(background), 'background figure')}: about "
                   "other, earlier events the reports mention</summary>"
                   f"{_facts_table(page, index, background, strip=_BACKGROUND)}</details>")
    return "".join(out)


def _quotes(page: _Page, index: StoryIndex, story: Story) -> str:
    """Quotes; when there are many, those only one article reports are folded away."""
    def item(quote: StoryQuote) -> str:
        return (f"<li><strong>{_e(quote.speaker or 'unnamed speaker')}</strong>: "
                f"{_e(quote_text(quote.text, quote.direct))}"
                f"{_cites(page, index, quote.sources)}</li>")

    quotes = list(story.quotes)
    if len(quotes) <= _MAX_OPEN_QUOTES:
        return "<h3>Quotes</h3><ul>" + "".join(map(item, quotes)) + "</ul>"
    shared = [q for q in quotes if len({c.article for c in q.sources}) > 1]
    single = [q for q in quotes if len({c.article for c in q.sources}) <= 1]
    # Quotes several articles report stay open, then single-article ones up to the limit.
    shown = shared + single[: max(0, _MAX_OPEN_QUOTES - len(shared))]
    folded = single[len(shown) - len(shared):]
    out = [f'<h3>Quotes</h3><p class="meta">{_count(len(quotes), "quote")}, '
           f"{len(shared)} reported by more than one article.</p>"]
    if shown:
        out.append("<ul>" + "".join(map(item, shown)) + "</ul>")
    if folded:
        out.append(f"<details><summary>{_count(len(folded), 'more quote')} reported by a "
                   "single article</summary><ul>" + "".join(map(item, folded)) +
                   "</ul></details>")
    return "".join(out)


# More quotes than this fold the rest of the single-article ones, so the facts below stay
# in reach.
_MAX_OPEN_QUOTES = 12

_TABLE_HEAD = ("<table class=\"facts\"><thead><tr><th>Fact</th><th>Status</th>"
               "<th>Values and sources</th><th>Stated</th></tr></thead><tbody>")


def _facts_table(page: _Page, index: StoryIndex, facts: list[Fact], strip: str = "") -> str:
    rows = [_TABLE_HEAD]
    for fact in facts:
        values = "".join(
            f"<li>{_e(format_value(v))} {_cites(page, index, v.sources)} "
            f'<span class="meta">({v.independent_sources} independent)</span></li>'
            for v in fact.values)
        stated = "—"
        if fact.consensus is not None:
            stated = (f"<strong>{_e(_stated(fact))}</strong>"
                      f'<br><span class="meta">{_e(fact.consensus.reason)}</span>')
        status = _e(fact.status)
        about = fact.about[len(strip):].strip() if strip else fact.about
        what = _e(about)
        if fact.measure != about:
            what += f'<br><span class="meta">{_e(fact.measure)}</span>'
        rows.append(f'<tr class="status-{status}"><td>{what}</td>'
                    f'<td><span class="badge {status}">{_e(fact.status.replace("_", " "))}'
                    f'</span></td><td><ul class="values">{values}</ul></td>'
                    f'<td class="stated">{stated}</td></tr>')
    rows.append("</tbody></table>")
    return "".join(rows)


def _stated(fact: Fact) -> str:
    return format_consensus(fact)


def _utf16(text: str) -> list[int] | None:
    """Offsets in UTF-16 code units (what JavaScript counts) per character; None if the same."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return None
    units, total = [0], 0
    for ch in text:
        total += 2 if ord(ch) > 0xFFFF else 1
        units.append(total)
    return units


def _survives_html(text: str) -> bool:
    """True if the HTML parser gives this text back unchanged (it rewrites CR and drops NUL)."""
    return "\r" not in text and "\x00" not in text


def _side_by_side(page: _Page, story: Story, index: StoryIndex, si: int,
                  pairs: dict[str, list[dict[str, object]]], texts: dict[str, str]) -> str:
    """A choice of aligned pairs, painted by the script into two panes.

    The script reads each article's text from the page's Articles section, so the texts are
    not written twice; only a text the HTML parser would change is also sent as data.
    """
    usable = [r for r in sorted_relations(story)
              if r.aligned and r.source in page.articles and r.target in page.articles]
    if not usable:
        return ""
    entries: list[dict[str, object]] = []
    groups: dict[bool, list[str]] = {True: [], False: []}
    for k, relation in enumerate(usable):
        names = {}
        units = {}
        for aid in (relation.source, relation.target):
            num = page.number[aid]
            if not _survives_html(page.articles[aid].text):
                texts[str(num)] = page.articles[aid].text
            units[aid] = _utf16(page.articles[aid].text)
            names[aid] = (f"[{index.numbers.get(aid, '?')}] "
                          f"{_label(page.articles[aid], aid)}")

        def js(aid: str, offset: int) -> int:
            table = units[aid]
            return offset if table is None else table[offset]

        entries.append({
            "from": str(page.number[relation.source]),
            "to": str(page.number[relation.target]),
            "from_label": names[relation.source],
            "to_label": names[relation.target],
            "aligned": [[js(relation.source, p.source_start), js(relation.source, p.source_end),
                         js(relation.target, p.target_start), js(relation.target, p.target_end),
                         p.verbatim, round(p.similarity, 2)] for p in relation.aligned],
        })
        label = (f"{names[relation.source]} → {names[relation.target]}: "
                 f"{relation.relation.replace('_', ' ')}, verbatim {percent(relation.verbatim)}, "
                 f"paraphrase {percent(relation.paraphrase)}, "
                 f"{_count(len(relation.aligned), 'aligned passage')}")
        groups[relation.relation != "independent"].append(
            f'<option value="{k}">{_e(label)}</option>')
    pairs[str(si)] = entries
    options = "".join(groups[True])
    if groups[True] and groups[False]:
        options = (f'<optgroup label="reuse">{options}</optgroup>'
                   '<optgroup label="independent, with similar passages">'
                   f'{"".join(groups[False])}</optgroup>')
    else:
        options += "".join(groups[False])
    return (
        '<div class="sbs"><h3>Side by side</h3>'
        f'<p><label for="pair-{si}">Aligned pair ({len(usable)}): </label>'
        f'<select class="pair-select" id="pair-{si}" data-story="{si}">{options}'
        "</select><br><span class=\"meta\">blue: paraphrase, red: verbatim; point at or tab to "
        "a passage to see its partner</span></p>"
        f'<div class="panes"><div><h4 id="left-title-{si}"></h4>'
        f'<div class="pane" id="left-{si}"></div></div>'
        f'<div><h4 id="right-title-{si}"></h4><div class="pane" id="right-{si}"></div></div>'
        "</div></div>"
    )


def _provenance(page: _Page, story: Story, index: StoryIndex, si: int) -> str:
    """Reuse relations as a picture and sentences; independent pairs only counted and folded.

    A story of 20 reports has 190 pairs and most are independent: listing them all (or
    drawing 20 unconnected circles) hides the few reuse edges a reader came to see.
    """
    reuse = [r for r in sorted_relations(story) if r.relation in _EDGE_COLOURS]
    independent = [r for r in story.provenance if r.relation == "independent"]
    out = ["<h3>Provenance</h3>"]
    joined = {aid for r in reuse for aid in (r.source, r.target)}
    alone = sorted((index.numbers.get(aid, 0), aid) for aid in story.articles
                   if aid not in joined)
    if reuse:
        out.append(_graph(page, reuse, index, si))
        out.append("<ul>" + "".join(f"<li>{_e(relation_sentence(r, index))}</li>"
                                    for r in reuse) + "</ul>")
    else:
        out.append(f'<p class="meta">No article reuses text of another: all '
                   f"{_count(len(story.articles), 'article')} are independent reports.</p>")
    if reuse and alone:
        verbs = "reuses no text of any other and is" if len(alone) == 1 else (
            "reuse no text of any other and are")
        out.append(f'<p class="meta">{_count(len(alone), "article")} {verbs} not drawn: '
                   + ", ".join(f"[{n}]" for n, _ in alone) + "</p>")
    if independent:
        pairs = sorted(tuple(sorted((index.numbers.get(r.source, 0),
                                     index.numbers.get(r.target, 0)))) for r in independent)
        out.append(f"<details><summary>{_count(len(pairs), 'pair')} of articles checked and "
                   'found independent</summary><p class="pairs">'
                   + ", ".join(f"[{a}]–[{b}]" for a, b in pairs) + "</p></details>")
    return "\n".join(out)


def _circle_order(reuse: list[Relation], index: StoryIndex) -> list[str]:
    """Articles in depth-first order along the edges, so linked articles sit side by side.

    In number order, edges of a large story cut across the circle and through each other.
    """
    def key(aid: str) -> tuple[int, str]:
        return (index.numbers.get(aid, 1 << 30), aid)

    links: dict[str, set[str]] = {}
    for relation in reuse:
        links.setdefault(relation.source, set()).add(relation.target)
        links.setdefault(relation.target, set()).add(relation.source)
    order: list[str] = []
    for start in sorted(links, key=key):
        stack = [start]
        while stack:
            aid = stack.pop()
            if aid in order:
                continue
            order.append(aid)
            stack.extend(sorted(links[aid] - set(order), key=key, reverse=True))
    return order


def _graph(page: _Page, reuse: list[Relation], index: StoryIndex, si: int) -> str:
    """The reuse edges as inline SVG: the articles they join on a circle, edges as arrows."""
    nodes = _circle_order(reuse, index)
    n = len(nodes)
    labels = {}
    for aid in nodes:
        label = _label(page.articles.get(aid), aid)
        labels[aid] = label if len(label) <= 30 else label[:29] + "…"
    # ~7.5 px per character of 13 px text: room for the longest label beside the circle
    margin = 40.0 + 7.5 * max(len(label) for label in labels.values())
    radius = max(130.0, 52.0 * n / math.pi)
    width = 2 * (radius + margin)
    height = 2 * (radius + 50.0)
    centre = width / 2
    node_r = 17.0
    place = {}
    for i, aid in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        if n == 2:
            angle = math.pi * i  # two articles side by side, not one above the other
        place[aid] = (centre + radius * math.cos(angle), height / 2 + radius * math.sin(angle),
                      angle)
    parts = [f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
             f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
             f'aria-label="provenance graph of {_count(n, "article")}"><defs>']
    for name, colour in _EDGE_COLOURS.items():
        parts.append(f'<marker id="arrow-{si}-{name}" viewBox="0 0 10 10" refX="10" refY="5" '
                     f'markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" '
                     'orient="auto-start-reverse">'
                     f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    parts.append("</defs>")
    for relation in reuse:
        parts.append(_edge(relation, place, node_r, si))
    for aid in nodes:
        x, y, angle = place[aid]
        article = page.articles.get(aid)
        dx, dy = math.cos(angle), math.sin(angle)
        anchor = "start" if dx > 0.2 else ("end" if dx < -0.2 else "middle")
        lx, ly = x + dx * (node_r + 6), y + dy * (node_r + 6) + (4 if abs(dy) < 0.8 else
                                                                  (14 if dy > 0 else -6))
        number = index.numbers.get(aid, "?")
        parts.append(
            f'<g><title>{_e(article_long_label(article, aid))}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{node_r:.0f}" fill="#fff" '
            f'stroke="#555" stroke-width="1.5"/>'
            f'<text class="num" x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{number}</text>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{_e(labels[aid])}</text></g>')
    parts.append("</svg>")
    shown = sorted({r.relation for r in reuse}, key=list(_EDGE_COLOURS).index)
    legend = ('<p class="legend">' + "".join(
        f'<span><i class="sw {name}"></i>{name.replace("_", " ")}</span>'
        for name in shown) + "<span>arrow: from the original to the article that "
        "reuses it; dashed: direction unknown; "
        "line label: verbatim / paraphrase share</span></p>")
    return "".join(parts) + legend


def _edge(relation: Relation, place: dict[str, tuple[float, float, float]], node_r: float,
          si: int) -> str:
    x1, y1, _ = place[relation.source]
    x2, y2, _ = place[relation.target]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    sx, sy = x1 + ux * node_r, y1 + uy * node_r
    ex, ey = x2 - ux * (node_r + 2), y2 - uy * (node_r + 2)
    colour = _EDGE_COLOURS[relation.relation]
    extra = (f' marker-end="url(#arrow-{si}-{relation.relation})"' if relation.directed
             else ' stroke-dasharray="6 4"')
    width = 1.5 + 2.5 * max(relation.verbatim, relation.paraphrase)
    tip = (f"{relation.target} {relation.relation} of {relation.source}: verbatim "
           f"{percent(relation.verbatim)}, paraphrase {percent(relation.paraphrase)}")
    # the label sits 40% of the way from the original, above the line: labels of two edges
    # meeting at one article then do not sit on each other, as they do at the midpoints
    mx, my = sx + 0.4 * (ex - sx) - uy * 6, sy + 0.4 * (ey - sy) + ux * 6
    label = f"{percent(relation.verbatim)} / {percent(relation.paraphrase)}"
    return (f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" stroke="{colour}" '
            f'stroke-width="{width:.1f}"{extra}><title>{_e(tip)}</title></line>'
            f'<text class="edge" x="{mx:.1f}" y="{my + 4:.1f}" text-anchor="middle" '
            f'fill="{colour}">{_e(label)}</text>')


def _articles(page: _Page) -> str:
    out = ['<section id="articles"><h2>Articles</h2>']
    for article in page.report.articles:
        num = page.number[article.id]
        out.append(f'<article id="art-{num}"><h3>{_e(article.title or _label(article, article.id))}'
                   "</h3>")
        meta = [m for m in (article.outlet, article.published, article.author) if m]
        meta.append(f"id {article.id}")
        url = ""
        if article.url and urlsplit(article.url).scheme in ("http", "https"):
            url = (f' · <a href="{_e(article.url)}" rel="noopener noreferrer nofollow">'
                   f"{_e(article.url)}</a>")
        out.append(f'<p class="meta">{_e(" · ".join(meta))}{url}</p>')
        out.append(f'<div class="articletext">{_marked_text(article, num, page.spans[article.id])}'
                   "</div>")
        if article.removed:
            out.append(f"<details><summary>{_count(len(article.removed), 'passage')} removed by "
                       "cleaning</summary><ul>" + "".join(
                           f"<li><em>{_e(r.reason)}</em>: {_e(r.text)}</li>"
                           for r in article.removed) + "</ul></details>")
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)


def _marked_text(article: Article, num: int, spans: set[tuple[int, int]]) -> str:
    """The article text with ``<mark>`` around cited spans and an anchor where each starts.

    Spans may overlap, so the text is cut at every span boundary and each piece is marked
    with the ids of all spans covering it.
    """
    text = article.text
    cuts = sorted({0, len(text)} | {p for span in spans for p in span})
    starts: dict[int, list[tuple[int, int]]] = {}
    for span in sorted(spans):
        starts.setdefault(span[0], []).append(span)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for span in starts.get(a, ()):
            out.append(f'<span class="anchor" id="a{num}-{span[0]}-{span[1]}"></span>')
        covering = [s for s in sorted(spans) if s[0] <= a and b <= s[1]]
        piece = _e(text[a:b])
        if covering:
            ids = " ".join(f"a{num}-{s}-{e}" for s, e in covering)
            out.append(f'<mark data-spans="{ids}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)
