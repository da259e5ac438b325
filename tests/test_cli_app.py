"""The CLI's error boundary: usage errors exit 1 with one message, never a traceback."""

from newsfuse.cli.app import EXIT_OK, EXIT_USAGE, app, run


def test_unknown_command_is_usage_error(capsys):
    assert run(app, ["no-such-command"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "No such command" in err
    assert "Traceback" not in err


def test_version_prints_version(capsys):
    assert run(app, ["version"]) == EXIT_OK
    assert capsys.readouterr().out.strip() == "0.1.0"


def test_exit_code_raised_inside_a_command_reaches_the_caller():
    import typer

    probe = typer.Typer()

    @probe.command()
    def fail() -> None:
        raise typer.Exit(2)

    @probe.command()
    def other() -> None:
        """A second command keeps typer in multi-command mode."""

    assert run(probe, ["fail"]) == 2
