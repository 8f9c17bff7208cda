"""The root Typer app; each capability adds a sub-app (``framework``, ``data``, ...)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time

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
    production: bool = typer.Option(
        False,
        "--production",
        help="Serve with gunicorn (ONEFUTURE_WEB_WORKERS processes, default 2 × cores + 1) "
        "instead of Django's development server; `make serve` runs this.",
    ),
) -> None:
    """Serve the site (Django's development server, or gunicorn with --production).

    With the worker (the default) uploads are imported in the background as in production;
    Ctrl+C or SIGTERM stops both (gunicorn finishes the requests it is answering, the worker
    its current job).
    """
    setup_django()
    if production:
        raise typer.Exit(_serve_production(addr, worker=worker))
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


def web_workers() -> int:
    """gunicorn's process count: ``ONEFUTURE_WEB_WORKERS``, else 2 × cores + 1."""
    configured = os.environ.get("ONEFUTURE_WEB_WORKERS", "")
    if configured:
        try:
            count = int(configured)
        except ValueError:
            count = 0
        if count < 1:
            typer.echo(
                f"Error: ONEFUTURE_WEB_WORKERS={configured!r} is not a number of processes "
                "(a whole number, 1 or more).",
                err=True,
            )
            raise typer.Exit(2)
        return count
    return 2 * (os.cpu_count() or 1) + 1


def _serve_production(addr: str, *, worker: bool) -> int:
    """gunicorn and, beside it, the worker; either stopping stops the other. The exit status."""
    from django.conf import settings

    if not settings.PRODUCTION:
        typer.echo(
            "Warning: --production without ONEFUTURE_ENV=production: development settings "
            "(no HTTPS redirect, no HSTS, readable logs).",
            err=True,
        )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "onefuture.config.wsgi:application",
        "--bind",
        addr,
        "--workers",
        str(web_workers()),
        # Requests are logged by the site itself, one JSON line each (onefuture.core.logs).
        "--error-logfile",
        "-",
        # A brochure PDF is drawn in its request; the rest answer in milliseconds.
        "--timeout",
        os.environ.get("ONEFUTURE_WEB_TIMEOUT", "120"),
        "--graceful-timeout",
        "30",
        # This command supervises gunicorn; its control socket (one per home directory, shared
        # by every gunicorn of the user) would only let two installations on a host collide.
        "--no-control-socket",
    ]
    # Our own interpreter and gunicorn, no shell: the address is one argument, not a command.
    web = subprocess.Popen(command, preexec_fn=_die_with_parent)  # noqa: S603
    child = _worker_start() if worker else None
    children = [web, *([child] if child else [])]
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    died = None
    try:
        while not stopping and died is None:
            time.sleep(0.5)
            died = next((c for c in children if c.poll() is not None), None)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for c in children:  # SIGTERM: gunicorn and the worker each stop gracefully
            if c.poll() is None:
                c.terminate()
        for c in children:
            try:
                c.wait(35)
            except subprocess.TimeoutExpired:
                c.kill()
                c.wait()
    if died is None:
        return 0
    name = "gunicorn" if died is web else "the worker"
    typer.echo(
        f"Error: {name} stopped (exit status {died.returncode}); stopped the rest.", err=True
    )
    return 1


def _die_with_parent() -> None:  # Linux: SIGTERM to the child when this process is killed
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _worker_start() -> subprocess.Popen:
    """``onefuture worker`` as a child process that also stops if this process dies."""
    return subprocess.Popen(
        [sys.executable, "-c", "from onefuture.cli import app; app()", "worker"],
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
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
