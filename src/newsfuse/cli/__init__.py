"""The ``newsfuse`` command: thin typer wrappers over library functions.

Data goes to standard output, progress and messages to standard error. Exit codes:
0 all good, 1 bad usage or configuration, 2 some inputs rejected (the rest processed),
3 internal error.
"""

from __future__ import annotations

import sys

from newsfuse.cli.app import app


def main() -> None:
    """Console entry point: run the app and map failures to the documented exit codes."""
    from newsfuse.cli.app import run

    sys.exit(run(app))


__all__ = ["app", "main"]
