"""Fixtures shared by several test modules."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def fast_tmp_path(tmp_path):
    """A temporary directory on tmpfs when there is one: creating thousands of small files
    on this disk costs ~3 ms each, on /dev/shm ~0.03 ms (the test is about ingest, not disk)."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    path = Path(tempfile.mkdtemp(prefix="newsfuse-test-", dir=shm))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def nlp():
    """The shipped spaCy pipeline, loaded once for the whole test session (read-only use)."""
    from newsfuse.claims import load_nlp

    return load_nlp()
