"""The spark-submit entry point: exit codes mean what they mean for ``newsfuse``."""

from __future__ import annotations

import types

import pytest

from newsfuse.article import Article, Rejection
from newsfuse.spark import submit
from newsfuse.story import Report


def test_submit_usage_error_exits_1(capsys):
    with pytest.raises(SystemExit) as stop:
        submit.parse_args(["--output", "out"])
    assert stop.value.code == 1
    assert "--input" in capsys.readouterr().err


def test_submit_exits_2_when_some_inputs_were_rejected(monkeypatch, capsys):
    import newsfuse.spark.job as job

    text = "Crews restored power to 3,000 homes on Tuesday."
    report = Report(articles=(Article(id="p1", source="p1.txt", original=text, text=text),),
                    stories=(), rejected=(Rejection("bad.jsonl#2", "invalid JSON"),))
    monkeypatch.setattr(job, "run_job",
                        lambda *a, **k: types.SimpleNamespace(report=report, duplicates=()))
    assert submit.main(["--input", "in/", "--output", "out/"]) == 2
    assert "rejected bad.jsonl#2: invalid JSON" in capsys.readouterr().err
