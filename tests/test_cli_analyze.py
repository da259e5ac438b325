"""``newsfuse analyze``: inputs -> report on stdout or --out, rejections on stderr, exit codes.

The analysis stage is replaced by a small fake (``fake_pipeline``) so these tests check the
command itself; one slow test runs the real pipeline on the example story.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfuse.article import Article
from newsfuse.cli import analyze_cmd
from newsfuse.cli.app import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, app, run
from newsfuse.contract import check_citations, report_from_json, validate
from newsfuse.render import render_html
from newsfuse.story import Citation, Report, Story, SummarySentence

REPO = Path(__file__).resolve().parents[1]


class FakeModels:
    embedder = None
    nlp = None


def fake_analyze(articles, models, *, grouping=None, words=150, rejected=()):
    """One story per group; its summary cites the first 20 characters of every article."""
    groups = [list(articles)] if grouping is None else grouping(articles)
    stories = []
    for n, group in enumerate(groups):
        ids = tuple(sorted(a.id for a in group))
        first = sorted(group, key=lambda a: a.id)[0]
        stories.append(Story(
            id=f"s{n}", title=first.title or first.text[:30], articles=ids,
            summary=(SummarySentence(first.text[:20], tuple(
                Citation(a.id, 0, min(20, len(a.text))) for a in group)),)))
    return Report(tuple(sorted(articles, key=lambda a: a.id)), tuple(stories), tuple(rejected))


def fake_group_by_field(name):
    def grouping(articles):
        by_value: dict[str, list[Article]] = {}
        for a in articles:
            by_value.setdefault(a.field(name) or "", []).append(a)
        return [by_value[k] for k in sorted(by_value)]
    return grouping


@pytest.fixture()
def fake_pipeline(monkeypatch):
    calls = []

    def analyze(*args, **kwargs):
        calls.append(kwargs)
        return fake_analyze(*args, **kwargs)

    monkeypatch.setattr(analyze_cmd, "_pipeline",
                        lambda: (FakeModels, analyze, fake_group_by_field))
    return calls


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "A bridge collapsed in the river town of Avel on Tuesday, officials said.\n"
        "Rescuers searched the water for survivors through the night.\n", encoding="utf-8")
    (folder / "two.txt").write_text(
        "The Avel bridge collapse left the town cut off from the highway.\n"
        "Engineers had warned about the bridge for years, residents said.\n", encoding="utf-8")
    return folder


def test_analyze_one_story_prints_a_text_report(fake_pipeline, inputs, capsys):
    assert run(app, ["analyze", str(inputs), "--one-story"]) == EXIT_OK
    captured = capsys.readouterr()
    assert "A bridge collapsed in" in captured.out
    assert "[1][2]" in captured.out
    assert "read 2 articles (0 rejected)" in captured.err
    assert "\x1b[" not in captured.out  # not a TTY: no colour
    assert fake_pipeline[0]["grouping"] is None


def test_analyze_json_output_validates_and_cites_correctly(fake_pipeline, inputs, capsys):
    assert run(app, ["analyze", str(inputs), "--one-story", "--format", "json",
                     "--quiet"]) == EXIT_OK
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    validate(data)
    assert check_citations(data) == []
    assert sorted(a["id"] for a in data["articles"]) == ["one", "two"]
    assert captured.err == ""


def test_analyze_writes_html_to_out_file(fake_pipeline, inputs, tmp_path, capsys):
    target = tmp_path / "report.html"
    assert run(app, ["analyze", str(inputs), "--one-story", "--format", "html",
                     "--out", str(target)]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"wrote html report to {target}" in captured.err


def test_analyze_lists_rejected_inputs_on_stderr_and_still_reports(fake_pipeline, inputs,
                                                                   capsys):
    (inputs / "empty.txt").write_bytes(b"")
    run(app, ["analyze", str(inputs), "--one-story", "--format", "json"])
    captured = capsys.readouterr()
    lines = [l for l in captured.err.splitlines() if l.startswith("rejected ")]
    assert len(lines) == 1 and "empty.txt" in lines[0]
    data = json.loads(captured.out)
    validate(data)
    assert [r["input"].endswith("empty.txt") for r in data["rejected"]] == [True]


def test_analyze_exits_2_when_an_input_was_rejected(fake_pipeline, inputs):
    (inputs / "empty.txt").write_bytes(b"")
    assert run(app, ["analyze", str(inputs), "--one-story", "--quiet"]) == EXIT_REJECTED


def test_analyze_exits_2_when_every_input_was_rejected(fake_pipeline, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert run(app, ["analyze", str(bad), "--one-story"]) == EXIT_REJECTED


def test_analyze_with_only_bad_inputs_prints_no_report(fake_pipeline, tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    run(app, ["analyze", str(bad), "--one-story"])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "all 1 inputs were rejected" in captured.err


def test_analyze_group_by_passes_a_field_grouping(fake_pipeline, inputs, capsys):
    assert run(app, ["analyze", str(inputs), "--group-by", "source", "--format",
                     "json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert len(data["stories"]) == 2  # each file has its own source


def test_analyze_without_grouping_clusters_with_newsfuse_cluster(fake_pipeline, inputs,
                                                                 monkeypatch, capsys):
    import newsfuse.cluster

    seen = []

    def cluster(articles, embedder, nlp):
        seen.append(sorted(a.id for a in articles))
        return [[a] for a in articles]

    monkeypatch.setattr(newsfuse.cluster, "cluster_articles", cluster)
    assert run(app, ["analyze", str(inputs), "--format", "json"]) == EXIT_OK
    assert seen == [["one", "two"]]
    assert len(json.loads(capsys.readouterr().out)["stories"]) == 2


@pytest.mark.parametrize("argv, message", [
    (["--one-story", "--group-by", "outlet"], "cannot be used together"),
    (["--format", "pdf"], "unknown --format 'pdf'"),
    (["--db", "nowhere.db"], "give either PATH... or --db"),
])
def test_analyze_usage_errors_exit_1_with_one_line(fake_pipeline, inputs, argv, message, capsys):
    assert run(app, ["analyze", str(inputs), *argv]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_analyze_without_inputs_is_a_usage_error(capsys):
    assert run(app, ["analyze"]) == EXIT_USAGE
    assert "nothing to analyse" in capsys.readouterr().err


def test_analyze_with_a_missing_database_names_it(capsys, tmp_path):
    missing = tmp_path / "none.db"
    assert run(app, ["analyze", "--db", str(missing)]) == EXIT_USAGE
    assert f"{missing}: no such database" in capsys.readouterr().err


def test_analyze_reads_articles_from_the_database(fake_pipeline, inputs, tmp_path, capsys):
    from newsfuse.ingest import load_articles
    from newsfuse.store.sqlite import Store

    db = tmp_path / "corpus.db"
    articles, _ = load_articles([str(inputs)])
    store = Store.open(db)
    try:
        store.add_articles(articles, [b""] * len(articles))
    finally:
        store.close()
    assert run(app, ["analyze", "--db", str(db), "--one-story", "--format", "json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert sorted(a["id"] for a in data["articles"]) == ["one", "two"]


@pytest.mark.slow
def test_analyze_example_story_with_the_real_pipeline(capsys):
    pytest.importorskip("newsfuse.provenance", reason="provenance stage not landed yet")
    example = REPO / "examples" / "kerman-2024"
    code = run(app, ["analyze", str(example), "--one-story", "--format", "json", "--quiet"])
    captured = capsys.readouterr()
    assert code == EXIT_OK, captured.err
    data = json.loads(captured.out)
    validate(data)
    assert check_citations(data) == []
    assert len(data["stories"]) == 1 and len(data["stories"][0]["articles"]) == 5
    assert data["stories"][0]["summary"]
    # the same report as a page: every citation link lands on an anchor of the page
    html = render_html(report_from_json(data))
    links = set(re.findall(r'<a class="cite" href="#([^"]+)"', html))
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert links and links <= ids
    assert html.count("<script") == 2


def test_engine_spark_runs_the_spark_job_and_renders_its_report(monkeypatch, capsys, tmp_path):
    import sys
    import types

    from newsfuse.article import Rejection

    calls = []
    text = "Floodwaters forced 12 families from their homes on Monday, officials said."
    story_article = Article(id="f1", source="f1.txt", original=text, text=text)

    def fake_run_job(paths, *, master, one_story, group_by, words):
        calls.append((paths, master, one_story, group_by, words))
        report = Report(
            articles=(story_article,),
            stories=(Story(id="s-f", title="Flood", articles=("f1",), summary=(
                SummarySentence(text[:28], (Citation("f1", 0, 28),)),)),),
            rejected=(Rejection("bad.txt", "empty file"),))
        return types.SimpleNamespace(report=report)

    monkeypatch.setitem(sys.modules, "newsfuse.spark",
                        types.SimpleNamespace(run_job=fake_run_job))
    code = run(app, ["analyze", str(tmp_path), "--engine", "spark", "--master", "local[1]",
                     "--one-story", "--words", "40", "--format", "json"])
    captured = capsys.readouterr()
    assert code == EXIT_REJECTED
    assert calls == [([str(tmp_path)], "local[1]", True, None, 40)]
    data = json.loads(captured.out)
    validate(data)
    assert check_citations(data) == []
    assert [s["id"] for s in data["stories"]] == ["s-f"]
    assert "rejected bad.txt: empty file" in captured.err


def test_engine_spark_refuses_db_input(tmp_path, capsys):
    code = run(app, ["analyze", "--db", str(tmp_path / "c.db"), "--engine", "spark"])
    assert code == EXIT_USAGE
    assert "--engine spark" in capsys.readouterr().err


def test_analyze_of_many_stories_opens_with_an_overview_and_full_lists_all(
        fake_pipeline, inputs, monkeypatch, capsys):
    import newsfuse.cluster

    (inputs / "three.txt").write_text("The library opens late on Sundays in summer.\n",
                                      encoding="utf-8")

    def cluster(articles, embedder, nlp):  # the two bridge reports, and one stray page
        by_id = {a.id: a for a in articles}
        return [[by_id["one"], by_id["two"]], [by_id["three"]]]

    monkeypatch.setattr(newsfuse.cluster, "cluster_articles", cluster)
    assert run(app, ["analyze", str(inputs), "--quiet"]) == EXIT_OK
    condensed = capsys.readouterr().out
    assert condensed.startswith("2 stories from 3 articles\n")
    assert "Story 1/1: " in condensed
    assert "Single-article pages (1)" in condensed
    assert run(app, ["analyze", str(inputs), "--quiet", "--full"]) == EXIT_OK
    full = capsys.readouterr().out
    assert "Story 1/2: " in full and "Story 2/2: The library opens" in full
    assert "Single-article pages" not in full
    assert run(app, ["analyze", str(inputs), "--quiet", "--format", "md"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("# 2 stories from 3 articles\n")
