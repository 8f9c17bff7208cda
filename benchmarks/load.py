"""Benchmark: the production server under load, on PostgreSQL with the Stockport example loaded.

Starts the production server (``onefuture serve --production``: gunicorn and the worker, or
gunicorn itself where that option is missing) with ``ONEFUTURE_ENV=production`` on a fresh
PostgreSQL database (``onefuture demo`` loads the example), then drives it from a second
process on 127.0.0.1 with wrk: 50 concurrent connections for 60 s per address (``--seconds``
shortens it) over the home page, a big thing, a measure, a routemap, the main API reads and one
static file. Each address is asked once before it is timed (that fills the page cache, as the
first visitor after a change would).

Usage (from the repository root, after ``make install``; wrk is Debian's package ``wrk``)::

    apt-get install -y wrk                     # if `wrk` is not on PATH
    .venv/bin/python benchmarks/load.py [--seconds 60] [--connections 50] [--cache db]
        [--database-url postgres://postgres@127.0.0.1:5432/onefuture_load] [--keep]
        [--uncached]              # ONEFUTURE_PAGE_CACHE_SECONDS=0: every request renders

Prints one row per address: requests per second, p50/p95/p99 latency, errors (non-2xx answers
and socket errors), the share of answers served from the page cache (``X-Onefuture-Cache: hit``)
and the rate as a share of the static file's. Targets (issue 12) for cached public pages and API
reads on a 2-core machine: p95 < 100 ms, >= 300 requests/s, >= 1/3 of the static file's rate,
zero errors. Exit status 1 when a target is missed or anything failed. The load average before
and after is printed: the machine may be shared, so say it with the numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ONEFUTURE = str(BIN / "onefuture")

#: wrk's script: count non-2xx answers and page-cache hits per thread, print p50/p95/p99 and
#: the counts as one JSON line at the end (wrk's own summary has no p95).
WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0; hits = 0; answers = 0 end
function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  if headers["X-Onefuture-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local n, h, a = 0, 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("non2xx"); h = h + t:get("hits"); a = a + t:get("answers")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, '
    .. '"non2xx": %d, "socket_errors": %d, "hits": %d, "answers": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, n,
    e.connect + e.read + e.write + e.timeout, h, a))
end
"""


@dataclass
class Row:
    name: str
    path: str
    cached: bool  # a public page or API read the cache targets apply to
    rate: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    errors: int = 0
    hit_share: float = 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="per address (default 60)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads (default 2)")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/onefuture_load",
        help="PostgreSQL database to make afresh (dropped first if it exists)",
    )
    parser.add_argument("--cache", default="db", help="ONEFUTURE_CACHE_URL (default db)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--workers", default="", help="ONEFUTURE_WEB_WORKERS (default 2×cores+1)")
    parser.add_argument("--uncached", action="store_true", help="turn the page cache off")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--only", default="", help="comma-separated row names to run")
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        print(
            "benchmarks/load.py needs wrk: install Debian's package with "
            "`apt-get install -y wrk` (or build https://github.com/wg/wrk) and run it again.",
            file=sys.stderr,
        )
        return 2
    if not args.database_url.startswith("postgres"):
        print("--database-url must name a PostgreSQL database (postgres://...).", file=sys.stderr)
        return 2

    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}"
    var_dir = Path(tempfile.gettempdir()) / "onefuture-load-var"
    env = {
        **os.environ,
        "ONEFUTURE_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "ONEFUTURE_CACHE_URL": args.cache,
        "ONEFUTURE_VAR_DIR": str(var_dir),
        # Plain HTTP on loopback: no redirect to HTTPS (a TLS proxy does that in production).
        "ONEFUTURE_SSL_REDIRECT": "0",
        "ONEFUTURE_LOG_LEVEL": os.environ.get("ONEFUTURE_LOG_LEVEL", "INFO"),
    }
    if args.uncached:
        env["ONEFUTURE_PAGE_CACHE_SECONDS"] = "0"
    if args.workers:
        env["ONEFUTURE_WEB_WORKERS"] = args.workers

    print(f"load before: {_uptime()}")
    started = time.time()
    _database_fresh(args.database_url)
    log_path = var_dir / "load-server.log"
    server = None
    try:
        # The demo refuses production settings (its passwords are published): it loads the
        # example into the same database with the development settings, then production serves.
        demo_env = {k: v for k, v in env.items() if k not in ("ONEFUTURE_ENV", "DJANGO_SECRET_KEY")}
        _run([ONEFUTURE, "demo"], demo_env, "onefuture demo (migrate, the Stockport example)")
        _run(
            [ONEFUTURE, "manage", "collectstatic", "--noinput", "-v0"],
            env,
            "collectstatic",
        )
        server, how = _server_start(env, port, log_path)
        _wait_ready(base, server, log_path)
        rows = _rows(base, args.only)
        print(
            f"server: {how}; {args.connections} connections, {args.threads} wrk threads, "
            f"{args.seconds} s per address; cache {args.cache}"
            f"{' (page cache off)' if args.uncached else ''}; server log {log_path}"
        )
        for row in rows:
            _get(base + row.path)  # the first visitor: renders and stores
            _wrk(base, row, args)
            print(f"  {row.name:<22} {row.rate:>8.0f} req/s  p95 {row.p95:>7.1f} ms", flush=True)
    finally:
        if server is not None:
            _server_stop(server)
        if not args.keep:
            _database_drop(args.database_url)
    print(f"load after: {_uptime()}  ({time.time() - started:.0f} s in all)")
    return _report(rows, uncached=args.uncached)


def _rows(base: str, only: str) -> list[Row]:
    """The addresses: found from the running site, so they follow the example's keys."""
    home = _get(base + "/")
    big_things = json.loads(_get(base + "/api/v1/big-things/"))
    items = big_things["items"] if isinstance(big_things, dict) else big_things
    # Stockport's first big thing (the most measures and milestones), else the first
    keys = [item["key"] for item in items]
    key = "good-jobs-and-homes" if "good-jobs-and-homes" in keys else keys[0]
    measures = json.loads(_get(base + "/api/v1/measures/?limit=100"))
    measure_items = measures["items"] if isinstance(measures, dict) else measures
    measure = measure_items[0]["key"]
    static = re.search(r'href="(/static/[^"]+\.css)"', home)
    if static is None:
        raise SystemExit("The home page links no stylesheet under /static/: cannot time one.")
    rows = [
        Row("home", "/", True),
        Row("big thing", f"/big-things/{key}/", True),
        Row("measure", f"/measures/{measure}/", True),
        Row("routemap", f"/big-things/{key}/routemap/", True),
        Row("api big-things", "/api/v1/big-things/", True),
        Row("api measures", "/api/v1/measures/", True),
        Row("api routemaps", "/api/v1/routemaps/", True),
        Row("api measure data", f"/api/v1/measures/{measure}/data/", True),
        Row("static file", static.group(1), False),
    ]
    if only:
        wanted = {name.strip() for name in only.split(",")}
        rows = [row for row in rows if row.name in wanted or row.name == "static file"]
    # the static file first: every other row's ratio is to it
    return [rows[-1], *rows[:-1]]


def _wrk(base: str, row: Row, args: argparse.Namespace) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_LUA)
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                base + row.path,
            ],
            capture_output=True,
            text=True,
            timeout=args.seconds + 120,
            check=False,
        )
    finally:
        os.unlink(script.name)
    found = re.search(r"^RESULT (\{.*\})$", done.stdout, re.M)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"wrk failed on {row.path}:\n{done.stdout}\n{done.stderr}")
    result = json.loads(found.group(1))
    row.rate = result["requests"] / result["seconds"]
    row.p50, row.p95, row.p99 = result["p50"], result["p95"], result["p99"]
    row.errors = result["non2xx"] + result["socket_errors"]
    row.hit_share = result["hits"] / result["answers"] if result["answers"] else 0.0


def _report(rows: list[Row], *, uncached: bool) -> int:
    static = next(row for row in rows if row.name == "static file")
    print()
    print(
        f"{'address':<22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'cached':>7} {'÷static':>8}  targets"
    )
    ok = True
    for row in rows:
        ratio = row.rate / static.rate if static.rate else 0.0
        checks = []
        if row.errors:
            checks.append("ERRORS")
        if row.cached and not uncached:
            met = row.p95 < 100 and row.rate >= 300 and ratio >= 1 / 3
            checks.append("met" if met else "MISSED")
            ok = ok and met
        ok = ok and not row.errors
        print(
            f"{row.name:<22} {row.rate:>8.0f} {row.p50:>8.1f} {row.p95:>8.1f} {row.p99:>8.1f} "
            f"{row.errors:>7} {row.hit_share:>6.0%} {ratio:>8.2f}  {' '.join(checks)}"
        )
    print()
    print("targets for cached pages: p95 < 100 ms, >= 300 req/s, >= 1/3 of the static file's rate")
    return 0 if ok else 1


def _server_start(env: dict[str, str], port: int, log_path: Path):
    """S's production entry point when it is there, else gunicorn as it would run it."""
    helped = subprocess.run(
        [ONEFUTURE, "serve", "--help"], env=env, capture_output=True, text=True, check=False
    )
    if "--production" in helped.stdout:
        command = [ONEFUTURE, "serve", "--production", "--addr", f"127.0.0.1:{port}"]
        how = "onefuture serve --production (gunicorn and the worker)"
    else:
        workers = env.get("ONEFUTURE_WEB_WORKERS") or str(2 * (os.cpu_count() or 1) + 1)
        command = [
            str(BIN / "gunicorn"),
            "onefuture.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
        ]
        how = f"gunicorn, {workers} workers (no `serve --production` on this checkout)"
    log = log_path.open("w")
    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return process, how


def _server_stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(40)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _wait_ready(base: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 300  # a loaded machine takes minutes to start 5 workers
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped at start:\n{log_path.read_text()[-3000:]}")
        try:
            _get(base + "/")
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer within 300 s:\n{log_path.read_text()[-3000:]}")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
        return response.read().decode()


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    print(f"{what}: {time.perf_counter() - start:.0f} s")


def _admin_connect(url: str):
    import psycopg

    head, name = url.rsplit("/", 1)
    return psycopg.connect(head + "/postgres", autocommit=True), name


def _database_fresh(url: str) -> None:
    connection, name = _admin_connect(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _database_drop(url: str) -> None:
    connection, name = _admin_connect(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
