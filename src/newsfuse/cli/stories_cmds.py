"""CLI commands (stories_cmds); registered on the shared app by import."""

from __future__ import annotations

from newsfuse.cli.app import app  # noqa: F401
