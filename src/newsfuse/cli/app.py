"""The typer application, exit codes and the error boundary shared by every command."""

from __future__ import annotations

import sys
import traceback

import typer
from rich.console import Console

from newsfuse.errors import ConfigError, NewsfuseError

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_REJECTED = 2
EXIT_INTERNAL = 3

app = typer.Typer(
    name="newsfuse",
    help="Turn a pile of news reports into verified stories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def stderr_console(quiet: bool = False) -> Console:
    """A console for messages and progress on standard error."""
    return Console(stderr=True, quiet=quiet, highlight=False)


def run(application: typer.Typer, argv: list[str] | None = None) -> int:
    """Run the app and return its exit code; user errors become one line, never a traceback."""
    err = Console(stderr=True, highlight=False)
    try:
        # With standalone_mode=False, click *returns* the code of a `typer.Exit` raised inside
        # a command instead of raising it again.
        result = application(args=argv, standalone_mode=False)
    except typer.Exit as stop:
        return stop.exit_code
    except typer.Abort:
        err.print("aborted")
        return EXIT_USAGE
    except typer.TyperException as exc:
        # typer vendors click: usage errors (unknown option, missing argument, no arguments
        # given) print their own message and usage; they all mean "bad usage" (exit 1).
        exc.show()
        return EXIT_OK if type(exc).__name__ == "NoArgsIsHelpError" else EXIT_USAGE
    except ConfigError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        return EXIT_USAGE
    except NewsfuseError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERNAL
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 - the last boundary: report a bug, with its traceback
        err.print("internal error (a bug in newsfuse; please report it):", markup=False)
        traceback.print_exc(file=sys.stderr)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else EXIT_OK


@app.callback()
def _root() -> None:
    """Turn a pile of news reports into verified stories."""


@app.command()
def version() -> None:
    """Print the newsfuse version."""
    from newsfuse import __version__

    typer.echo(__version__)


# Command modules register themselves on import; each owns its own file.
from newsfuse.cli import corpus_cmds as _corpus_cmds  # noqa: E402,F401
from newsfuse.cli import analyze_cmd as _analyze_cmd  # noqa: E402,F401
from newsfuse.cli import stories_cmds as _stories_cmds  # noqa: E402,F401
