"""The corpus commands in-process: articles, show, and usage errors (store built by hand)."""

from __future__ import annotations

import json

import pytest

from newsfuse.article import Article, Paragraph, Removal, Span
from newsfuse.cli.app import EXIT_OK, EXIT_USAGE, app, run
from newsfuse.cli.corpus_cmds import parse_field_map
from newsfuse.contract import article_to_json
from newsfuse.errors import ConfigError
from newsfuse.store import Store

ORIGINAL = "Share this story\nStorm closes [bold]roads[/bold] in the valley.\n© 2024 Some Outlet"


def storm_article() -> Article:
    text = "Storm closes [bold]roads[/bold] in the valley."
    start = ORIGINAL.index(text)
    return Article(
        id="storm-1",
        source="in/storm-1.html",
        original=ORIGINAL,
        text=text,
        paragraphs=(Paragraph(0, len(text)),),
        sentences=(Span(0, len(text)),),
        removed=(
            Removal(0, start - 1, "Share this story", "share/subscribe prompt"),
            Removal(ORIGINAL.index("©"), len(ORIGINAL), "© 2024 Some Outlet", "copyright footer"),
        ),
        title="Storm closes roads",
        outlet="Valley Times",
        published="2024-03-01",
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "corpus.db"
    with Store.open(path) as store:
        store.add_articles(
            [storm_article(), Article("b-2", "in/b.txt", "Second story.", "Second story.")],
            [b"", b""],
        )
    return str(path)


def test_articles_json_lists_contract_objects_sorted_by_id(db, capsys):
    assert run(app, ["articles", "--db", db, "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in listed] == ["b-2", "storm-1"]
    assert listed[1] == article_to_json(storm_article())


def test_articles_table_shows_metadata_and_counts(db, capsys):
    assert run(app, ["articles", "--db", db]) == EXIT_OK
    out = capsys.readouterr().out
    storm_row = next(line for line in out.splitlines() if "storm-1" in line)
    assert "Valley Times" in storm_row and "2024-03-01" in storm_row
    assert str(len(storm_article().text)) in storm_row
    assert "2 articles" in out


def test_articles_reads_db_from_environment(db, capsys, monkeypatch):
    monkeypatch.setenv("NEWSFUSE_DB", db)
    assert run(app, ["articles", "--json"]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_show_prints_text_then_removals_with_reasons_plain_when_piped(db, capsys):
    assert run(app, ["show", "storm-1", "--db", db]) == EXIT_OK
    out = capsys.readouterr().out
    # markup-like brackets in article text are printed literally, not interpreted
    assert "Storm closes [bold]roads[/bold] in the valley." in out
    assert "[share/subscribe prompt] Share this story" in out
    assert "[copyright footer] © 2024 Some Outlet" in out
    assert out.index("in the valley") < out.index("share/subscribe prompt")
    assert "\x1b[" not in out


def test_show_json_is_the_contract_article(db, capsys):
    assert run(app, ["show", "storm-1", "--db", db, "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == article_to_json(storm_article())


def test_show_unknown_id_is_one_line_error(db, capsys):
    assert run(app, ["show", "nope", "--db", db]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "no article with id nope" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [["articles"], ["show", "x"]])
def test_missing_db_is_one_line_error_and_is_not_created(tmp_path, capsys, command):
    missing = tmp_path / "missing.db"
    assert run(app, [*command, "--db", str(missing)]) == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "missing.db: no such store" in err
    assert len(err.splitlines()) == 1
    assert not missing.exists()


def test_db_that_is_not_a_database_is_one_line_error(tmp_path, capsys):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello\n" * 500)
    assert run(app, ["articles", "--db", str(bogus)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "notes.txt: not a SQLite database" in err and "Traceback" not in err


def test_field_map_maps_input_field_to_newsfuse_name():
    assert parse_field_map(["title=headline", " text = body "]) == (
        ("headline", "title"), ("body", "text"),
    )


@pytest.mark.parametrize("bad", ["title", "=x", "title="])
def test_field_map_rejects_malformed_pairs(bad):
    with pytest.raises(ConfigError, match="expected NAME=FIELD"):
        parse_field_map([bad])
