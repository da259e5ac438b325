"""Crash safety: ``newsfuse ingest`` killed with SIGKILL mid-run leaves a sound, resumable store.

Runs the real command in a subprocess on ~3,000 generated articles with a small batch size.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newsfuse.clean import clean
from newsfuse.readers import read_inputs
from newsfuse.store import Store

N_ARTICLES = 3000
BATCH = 25
CLI = [sys.executable, "-c", "from newsfuse.cli import main; main()"]




def article_text(i: int) -> str:
    return (
        f"Report {i}: the council of district {i} approved {i * 3} new homes on Monday.\n\n"
        f"Residents of district {i} said the plan had been debated for {i % 40 + 2} years."
    )


@pytest.fixture
def many_articles(fast_tmp_path):
    root = fast_tmp_path / "articles"
    root.mkdir()
    for i in range(N_ARTICLES):
        (root / f"n{i:05d}.txt").write_text(article_text(i))
    return root


def stored_count(db: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet, or the schema is not there yet


def session_processes(sid: int) -> list[int]:
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.getsid(int(name)) == sid:
                    pids.append(int(name))
            except OSError:
                continue
    return pids


def test_sigkill_mid_ingest_keeps_whole_batches_and_rerun_completes(many_articles,
                                                                    fast_tmp_path):
    db = str(fast_tmp_path / "crash.db")
    args = [*CLI, "ingest", str(many_articles), "--db", db, "--batch-size", str(BATCH),
            "--quiet"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120  # a guard against a hang, not a speed assertion
    while stored_count(db) < BATCH and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # Cleaning workers (if any) notice their parent is gone and exit by themselves.
    deadline = time.monotonic() + 30
    while session_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_processes(proc.pid) == []

    with Store.open(db) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        killed_at = store.count()
        assert BATCH <= killed_at < N_ARTICLES  # killed mid-run, after a committed batch
        assert killed_at % BATCH == 0
        stored = list(store.articles())
        by_source = {d.source: d for d in read_inputs([str(many_articles)])
                     if hasattr(d, "raw")}
        for article in stored:
            doc = by_source[article.source]
            assert article == clean(doc)  # complete, and round-trips exactly
            assert store.raw(article.id) == doc.raw
        assert store.runs()[0][2] is None  # the killed run never finished

    rerun = subprocess.run([*args, "--json"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] == killed_at
    assert summary["added"] == N_ARTICLES - killed_at
    with Store.open(db) as store:
        assert store.ids() == sorted(f"n{i:05d}" for i in range(N_ARTICLES))
        assert store.connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
