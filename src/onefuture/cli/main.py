"""The root Typer app; each capability adds a sub-app (``framework``, ``data``, ...)."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
import sys

import typer

from onefuture.cli.base import django_command, setup_django

app = typer.Typer(
    name="onefuture",
    help="onefuture: run a place's long-term vision — framework, measures, engagement, reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
@django_command
def places() -> None:
    """List the places (their slugs and names)."""
    from onefuture.places.selectors import place_list

    for place in place_list():
        typer.echo(f"{place.slug}\t{place.name}")


@app.command()
@django_command
def migrate() -> None:
    """Create or update the database tables."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@app.command()
def serve(
    addr: str = typer.Option("127.0.0.1:8000", help="Address and port to listen on."),
    reload: bool = typer.Option(False, help="Restart when code changes (development)."),
    worker: bool = typer.Option(
        True, help="Also run the background worker (onefuture worker), stopped with the server."
    ),
) -> None:
    """Serve the site (Django's development server; use gunicorn in production).

    With the worker (the default) uploads are imported in the background as in production;
    Ctrl+C or SIGTERM stops both.
    """
    setup_django()
    from django.core.management import call_command

    child = _worker_start() if worker else None
    previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        call_command("runserver", addr, use_reloader=reload)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child is not None:
            _worker_stop(child)


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _worker_start() -> subprocess.Popen:
    """``onefuture worker`` as a child process that also stops if this process dies."""

    def die_with_parent() -> None:  # Linux: SIGTERM to the worker when the server is killed
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    return subprocess.Popen(
        [sys.executable, "-c", "from onefuture.cli import app; app()", "worker"],
        preexec_fn=die_with_parent if sys.platform == "linux" else None,
    )


def _worker_stop(child: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM lets the worker finish its current job; after ``timeout`` seconds it is killed."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


@app.command()
@django_command
def worker(
    queues: str = typer.Option("*", help="Queues to take jobs from, comma-separated ('*': all)."),
    interval: float = typer.Option(1.0, help="Seconds between looks for new jobs when idle."),
    reload: bool = typer.Option(False, help="Restart when code changes (development)."),
) -> None:
    """Run background jobs (data uploads) until stopped; SIGTERM lets the current job finish.

    At start, and every 30 seconds, the records of jobs whose worker died are marked failed.
    """
    from onefuture.core.jobs import worker_run

    worker_run(queues=queues, interval=interval, reload=reload)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage(ctx: typer.Context) -> None:
    """Run any Django management command: onefuture manage createsuperuser ..."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["onefuture manage", *ctx.args])


def _register_subcommands() -> None:
    from onefuture.cli import data, demo, framework, search

    app.add_typer(framework.app, name="framework")
    app.add_typer(data.app, name="data")
    app.add_typer(search.app, name="search")
    app.command(name="demo")(demo.demo)
    from onefuture.cli import routemaps

    app.add_typer(routemaps.app, name="routemaps")
    app.command(name="remind")(routemaps.remind)
    from onefuture.cli import engagement

    app.add_typer(engagement.app, name="engagement")
    from onefuture.cli import report

    app.command(name="report")(report.report)
    from onefuture.cli import opendata

    app.command(name="opendata")(opendata.opendata)
    from onefuture.cli import backup

    app.command(name="export")(backup.export)
    app.command(name="import")(backup.import_)
    from onefuture.cli import token

    app.add_typer(token.app, name="token")


_register_subcommands()

if __name__ == "__main__":
    app()
