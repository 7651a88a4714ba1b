#!/usr/bin/env python
"""The benchmark behind `make bench`: the production settings under gunicorn, measured by wrk.

For each size (synthetic meetings on top of the real ASTOP-V record) it

1. prepares PostgreSQL database ``astop_bench`` (created if missing, migrated, ASTOP-V
   loaded, ``generate_synthetic`` topped up to the size, VACUUM ANALYZE);
2. starts gunicorn with gunicorn.conf.py and the production settings (DEBUG off, a
   generated key, Redis as the cache), once with the public page cache off
   (PUBLIC_CACHE_SECONDS=0) and once on (300);
3. runs wrk against each surface for a fixed time at fixed concurrency, on 127.0.0.1
   only, and records requests/s, p50, p99 and errors (socket errors and non-2xx
   responses), plus each surface's ratio to the floor (/robots.txt: no database work)
   measured by the same server in the same run.

At the largest size it prints EXPLAIN (ANALYZE, BUFFERS) for the list, filter and search
queries and for the slowest queries each of those pages runs; with --mixed it adds a
60-second mixed load at 64 connections over every surface. Results go to
bench/results/latest.md and latest.json (and explain.txt).

Usage: .venv/bin/python bench/run.py [--sizes 1000 10000 100000] [--duration 10] ...
Every loop is bounded (fixed sizes, fixed durations, fixed timeouts).
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
FLOOR = "floor"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000], metavar="N")
    parser.add_argument("--duration", type=int, default=10, help="seconds per surface (10)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--timeout", type=int, default=10, help="wrk request timeout, s (10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per surface (2)")
    parser.add_argument("--port", type=int, default=8150, help="gunicorn port (8150)")
    parser.add_argument("--workers", type=int, help="GUNICORN_WORKERS (gunicorn.conf.py's)")
    parser.add_argument("--database", default="astop_bench")
    parser.add_argument("--pg", default=f"postgres://postgres@{HOST}:5432", help="server URL")
    parser.add_argument(
        "--redis-url",
        default=f"redis://{HOST}:6379/9",
        help="the shared cache (flushed before each server start); 'none' for local memory",
    )
    parser.add_argument(
        "--cache-seconds", type=int, nargs="+", default=[0, 300], help="PUBLIC_CACHE_SECONDS"
    )
    parser.add_argument("--search", default="maritime security", help="the search query")
    parser.add_argument("--mixed", action="store_true", help="add the mixed load")
    parser.add_argument("--mixed-duration", type=int, default=60)
    parser.add_argument("--mixed-connections", type=int, default=64)
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument(
        "--explain-only",
        action="store_true",
        help="prepare the largest size and print the EXPLAINs; no server, no wrk",
    )
    parser.add_argument("--output", type=Path, default=BENCH / "results")
    args = parser.parse_args(argv)
    if any(size < 0 for size in args.sizes):
        parser.error("sizes are numbers of meetings, 0 or more")
    args.sizes = list(dict.fromkeys(args.sizes))  # in the order given, once each
    if args.redis_url == "none":
        args.redis_url = None
    return args


def log(message):
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- Environment and database -------------------------------------------------------


def server_environment(args):
    """The production settings: DEBUG off, a fresh strong key, plain HTTP on 127.0.0.1."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="astop_site.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"{args.pg}/{args.database}",
        # wrk is one client: DRF's anonymous throttle would answer 429 after 600
        # requests. A high rate keeps the throttle's work in the measurement.
        API_ANON_RATE="1000000/second",
    )
    for key in ("REDIS_URL", "CACHE_URL", "PUBLIC_CACHE_SECONDS", "GUNICORN_BIND"):
        env.pop(key, None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    return env


def create_database(args):
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [args.database]
        ).fetchone()
        if not exists:
            log(f"creating database {args.database}")
            conn.execute(f'CREATE DATABASE "{args.database}"')


def setup_django(env):
    os.environ.update(env)
    # This process looks at queries, not at the cache: its own empty local-memory cache,
    # so that remembered totals and facets are computed (and EXPLAINed) too.
    for key in ("REDIS_URL", "CACHE_URL"):
        os.environ.pop(key, None)
    os.environ["PUBLIC_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare_data(size):
    from django.core.management import call_command
    from django.db import connection

    from meetings.management.commands.generate_synthetic import synthetic_series
    from meetings.models import Meeting

    call_command("migrate", interactive=False, verbosity=0)
    call_command("loaddata", "astop_v", verbosity=0)
    existing = Meeting.objects.filter(series__in=synthetic_series()).count()
    started = time.monotonic()
    if existing != size:
        log(f"synthetic meetings: {existing:,} -> {size:,}")
        call_command("generate_synthetic", meetings=size, delete=existing > size)
    generated = time.monotonic() - started
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    log(f"VACUUM ANALYZE in {time.monotonic() - started:.1f} s")
    call_command("collectstatic", interactive=False, verbosity=0)
    return generated


def pick_targets(args):
    """Paths for each surface, chosen from the data: typical rather than extreme records."""
    from django.db.models import Count

    from meetings.models import Appearance, Meeting, Participation, TopicMention

    published = Meeting.objects.public()
    meeting = (
        published.filter(slug__startswith="synthetic-")
        .annotate(n=Count("participations"))
        .filter(n__gte=15, n__lte=20)
        .order_by("slug")
        .first()
    ) or published.order_by("slug").first()
    participant = (
        Participation.objects.filter(meeting__in=published)
        .values("organization__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization__slug")
        .first()
    )
    slug = participant["organization__slug"] if participant else "japan"
    person = (
        Appearance.objects.filter(meeting=meeting).values_list("person__slug", flat=True).first()
    )
    topic = (
        TopicMention.objects.filter(paragraph__document__meeting=meeting)
        .values_list("topic__slug", flat=True)
        .first()
    )
    year = 2008
    query = args.search.replace(" ", "+")
    return {
        FLOOR: "/robots.txt",
        "home": "/",
        "list": "/meetings/",
        "filtered list": f"/meetings/?participant={slug}&year={year}",
        "meeting page": f"/meetings/{meeting.slug}/",
        "series": f"/series/{meeting.series.slug}/",
        "participants": "/participants/",
        "a participant": f"/participants/{slug}/",
        "people": "/people/",
        "a person": f"/people/{person or 'hitoshi-kimura'}/",
        "topics": "/topics/",
        "a topic": f"/topics/{topic or 'psi'}/",
        "search": f"/search/?q={query}",
        "feed": "/feeds/meetings.atom",
        "sitemap": "/sitemap-meetings.xml",
        "API list": "/api/v1/meetings/",
        "API detail": f"/api/v1/meetings/{meeting.slug}/",
        "API filtered list": f"/api/v1/meetings/?participant={slug}",
    }


def per_request(targets):
    """In this process (cache in local memory, page cache off): each surface's queries,
    bytes and time with every internal cache cold, then again warm."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    rows = {}
    cache.clear()
    for surface, path in targets.items():
        row = {}
        for state in ("cold", "warm"):
            if state == "cold":
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.monotonic()
                response = client.get(path)
                row[f"{state}_ms"] = round((time.monotonic() - started) * 1000, 1)
            row[f"{state}_queries"] = len(captured)
            row["bytes"] = len(response.content)
            row["status"] = response.status_code
        rows[surface] = row
        log(
            f"  {surface:<18} {row['cold_queries']:>3} queries cold, {row['warm_queries']:>3} "
            f"warm, {row['bytes']:>8,} bytes, {row['cold_ms']:>8,} ms cold, "
            f"{row['warm_ms']:>8,} ms warm"
        )
    return rows


# --- Server and load ------------------------------------------------------------------


def port_in_use(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def flush_cache(url):
    if not url:
        return
    import redis

    redis.Redis.from_url(url).flushdb()


class Server:
    """gunicorn with gunicorn.conf.py, started and stopped by this process only."""

    def __init__(self, args, env, cache_seconds):
        self.args = args
        self.env = {
            **env,
            "PUBLIC_CACHE_SECONDS": str(cache_seconds),
            "GUNICORN_BIND": f"{HOST}:{args.port}",
        }
        self.log_path = args.output / f"gunicorn-{cache_seconds}.log.tmp"
        self.process = None

    def __enter__(self):
        if port_in_use(self.args.port):
            raise SystemExit(f"port {self.args.port} is busy: choose another with --port")
        flush_cache(self.env.get("REDIS_URL"))
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log_path}")
            try:
                urllib.request.urlopen(f"http://{HOST}:{self.args.port}/robots.txt", timeout=2)
                return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not answer within 30 s; see {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.process:
            self.log_file.close()

    def __exit__(self, *exc):
        self.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def probe(port, path):
    """One request: (status, bytes), redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(f"http://{HOST}:{port}{path}", timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())
    except (urllib.error.URLError, OSError) as error:
        return f"error: {error}", 0


def drain(port, limit=180):
    """Wait (at most ``limit`` s) until the floor answers fast three times running.

    wrk stops at its deadline, but gunicorn still works through the requests it had
    queued; without this, a slow surface would slow down the next one's numbers.
    Returns the seconds waited.
    """
    started = time.monotonic()
    fast = 0
    while fast < 3 and time.monotonic() - started < limit:
        before = time.monotonic()
        probe(port, "/robots.txt")
        fast = fast + 1 if time.monotonic() - before < 0.05 else 0
        time.sleep(0.1)
    return round(time.monotonic() - started, 1)


def wrk(args, url, *, duration, connections, paths=()):
    command = [
        "wrk",
        f"-t{min(args.threads, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={args.timeout}s",
        "--latency",
        "-s",
        str(BENCH / "wrk.lua"),
        url,
    ]
    if paths:
        command += ["--", *paths]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + args.timeout + 60
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            result = json.loads(line.removeprefix("BENCH_JSON "))
            break
    else:
        raise SystemExit(f"wrk gave no result:\n{done.stdout}\n{done.stderr}")
    seconds = result["duration_us"] / 1e6
    socket_errors = sum(
        result[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    return {
        "requests": result["requests"],
        "rps": round(result["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(result["p50_us"] / 1000, 2),
        "p90_ms": round(result["p90_us"] / 1000, 2),
        "p99_ms": round(result["p99_us"] / 1000, 2),
        "max_ms": round(result["max_us"] / 1000, 2),
        "errors": socket_errors + result["non2xx"],
        "non2xx": result["non2xx"],
        "socket_errors": socket_errors,
        "timeouts": result["timeouts"],
        "kb_per_response": round(result["bytes"] / max(result["requests"], 1) / 1024, 1),
    }


def measure(args, env, targets, cache_seconds):
    rows = []
    with Server(args, env, cache_seconds) as server:
        log(f"gunicorn up (PUBLIC_CACHE_SECONDS={cache_seconds}), pid {server.process.pid}")
        for surface, path in targets.items():
            status, size = probe(args.port, path)
            if args.warmup:  # also fills the page cache when it is on
                wrk(args, f"http://{HOST}:{args.port}{path}", duration=args.warmup, connections=4)
                drain(args.port)
            result = wrk(
                args,
                f"http://{HOST}:{args.port}{path}",
                duration=args.duration,
                connections=args.connections,
            )
            result["drain_s"] = drain(args.port)
            rows.append(
                {"surface": surface, "path": path, "status": status, "bytes": size, **result}
            )
            log(
                f"  {surface:<18} {result['rps']:>9,.1f} req/s  p50 {result['p50_ms']:>8} ms  "
                f"p99 {result['p99_ms']:>8} ms  errors {result['errors']:,}  (status {status})"
            )
    floor = next(row["rps"] for row in rows if row["surface"] == FLOOR)
    for row in rows:
        row["ratio_to_floor"] = round(row["rps"] / floor, 3) if floor else None
    return rows


# A curator's save every few seconds, from another process with the server's settings
# (its cache is the server's Redis): the meeting's title changes, as in the admin.
SAVER = """
import sys, time
from meetings.models import Meeting
slugs = list(Meeting.objects.public().order_by("pk").values_list("slug", flat=True)[:200])
deadline, number = time.monotonic() + float(sys.argv[1]), 0
while time.monotonic() < deadline:
    meeting = Meeting.objects.get(slug=slugs[number % len(slugs)])
    meeting.title = meeting.title.removesuffix(" (edited)") + ("" if number % 2 else " (edited)")
    meeting.save()
    number += 1
    time.sleep(float(sys.argv[2]))
print(f"saves: {number}")
"""


def saver(args, env, seconds):
    return subprocess.Popen(
        [sys.executable, "-c", f"import django; django.setup()\n{SAVER}", str(seconds), "5"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def mixed(args, env, targets, cache_seconds, size, saves=False):
    """Every surface in turn from each connection; the goal is zero errors. With
    ``saves``, a curator saves a meeting every 5 s meanwhile."""
    paths = [path for surface, path in targets.items() if surface != FLOOR]
    with Server(args, env, cache_seconds):
        started = time.monotonic()
        for path in paths:  # steady state: each page asked for once before the load
            probe(args.port, path)
        log(
            f"mixed load: {args.mixed_duration} s at {args.mixed_connections} connections "
            f"(PUBLIC_CACHE_SECONDS={cache_seconds}, {'a save every 5 s' if saves else 'no saves'}"
            f"; one warm-up pass took {time.monotonic() - started:.1f} s)"
        )
        curator = saver(args, env, args.mixed_duration) if saves else None
        result = wrk(
            args,
            f"http://{HOST}:{args.port}/",
            duration=args.mixed_duration,
            connections=args.mixed_connections,
            paths=paths,
        )
        if curator:
            output = curator.communicate(timeout=60)[0].strip()
            result["saves"] = int(output.rsplit(" ", 1)[-1]) if "saves:" in output else output
    verdict = "PASS" if result["errors"] == 0 else "FAIL"
    log(
        f"  mixed {result['rps']:,.1f} req/s, p50 {result['p50_ms']} ms, p99 "
        f"{result['p99_ms']} ms, errors {result['errors']:,}: {verdict}"
    )
    return {"cache_seconds": cache_seconds, "size": size, "with_saves": saves, **result}


# --- EXPLAIN ----------------------------------------------------------------------------


def explain_sql(sql, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params or None)
        return "\n".join(row[0] for row in cursor.fetchall())


def explain_queryset(queryset):
    """(readable SQL, plan) for a queryset."""
    from django.db import connection

    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    return connection.ops.compose_sql(sql, params), explain_sql(sql, params)


def explain(targets, search_query):
    """The list, filter and search querysets, then the slowest queries of those pages."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from meetings import search
    from meetings.filters import MeetingFilterSet
    from meetings.models import Meeting

    published = Meeting.objects.public().select_related("series", "country")
    params = dict(item.split("=") for item in targets["filtered list"].split("?", 1)[1].split("&"))
    filtered = MeetingFilterSet(params, queryset=published).qs.order_by("-start_date", "slug")
    # The q filter of the list and the API: matches in the list's order.
    found = search.filter_meetings(published, search.clean_query(search_query)).order_by(
        "-start_date", "slug"
    )
    sections = []  # (title, sql, plan)
    for title, queryset in (
        ("list: published meetings, first page", published.order_by("-start_date", "slug")[:20]),
        (f"filter: {params}, first page", filtered[:20]),
        (f"search: filter_meetings({search_query!r}) (the q filter), first page", found[:20]),
    ):
        sections.append((title, *explain_queryset(queryset)))
    count_sql, count_params = (
        published.order_by().query.get_compiler(connection=connection).as_sql()
    )
    count_sql = f"SELECT COUNT(*) FROM ({count_sql}) counted"
    sections.append(
        (
            "list: count for the paginator",
            connection.ops.compose_sql(count_sql, count_params),
            explain_sql(count_sql, count_params),
        )
    )

    client = Client(HTTP_HOST=HOST)
    for surface in ("home", "list", "filtered list", "search", "API list", "API filtered list"):
        with CaptureQueriesContext(connection) as captured:
            started = time.monotonic()
            status = client.get(targets[surface]).status_code
            elapsed = time.monotonic() - started
        queries = [q for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT")]
        slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:3]
        sections.append(
            (
                f"page {surface} {targets[surface]}: HTTP {status}, {len(captured)} queries, "
                f"{elapsed * 1000:,.0f} ms in-process; its slowest queries follow",
                "",
                "",
            )
        )
        for number, query in enumerate(slowest, 1):
            title = f"{surface} query {number}: {float(query['time']) * 1000:,.0f} ms"
            sections.append((title, query["sql"], explain_sql(query["sql"])))
    lines = []
    for title, sql, plan in sections:
        lines += [f"=== {title}", *([sql, "---"] if sql else []), *([plan] if plan else []), ""]
    return "\n".join(lines)


# --- Report ---------------------------------------------------------------------------------


def markdown(report):
    out = [
        "# Benchmark results",
        "",
        f"{report['date']}, commit {report['commit']}, {report['cpus']} CPUs, "
        f"PostgreSQL, gunicorn ({report['server']}), cache: {report['cache']}.",
        f"Machine: {report.get('machine', 'unknown')}.",
        f"wrk: {report['duration']} s per surface, {report['connections']} connections, "
        f"{report['threads']} threads, timeout {report['timeout']} s. Floor: /robots.txt "
        "(no database work) on the same server in the same run. Each surface gets a "
        "warm-up first. PUBLIC_CACHE_SECONDS=0 turns off the page cache only: home totals "
        "and list facets stay remembered in the cache until the archive changes.",
        "",
    ]
    for run in report["runs"]:
        out += [
            f"## {run['size']:,} synthetic meetings, PUBLIC_CACHE_SECONDS={run['cache_seconds']}",
            "",
            f"Load average before the run: {run.get('load_before', 0):.1f}.",
            "",
            "| surface | path | req/s | p50 ms | p99 ms | errors | x floor |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for row in run["rows"]:
            status = "" if row["status"] == 200 else f" (HTTP {row['status']})"
            out.append(
                f"| {row['surface']}{status} | `{row['path']}` | {row['rps']:,.1f} | "
                f"{row['p50_ms']:,} | {row['p99_ms']:,} | {row['errors']:,} | "
                f"{row['ratio_to_floor']} |"
            )
        out.append("")
    for size, rows in report.get("per_request", {}).items():
        out += [
            f"## Per request at {int(size):,} meetings (in-process, page cache off)",
            "",
            "Cold: every internal cache (totals, facets, rendered records) emptied first; "
            "warm: the same request again.",
            "",
            "| surface | status | bytes | queries cold | queries warm | ms cold | ms warm |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for surface, row in rows.items():
            out.append(
                f"| {surface} | {row['status']} | {row['bytes']:,} | {row['cold_queries']} | "
                f"{row['warm_queries']} | {row['cold_ms']:,} | {row['warm_ms']:,} |"
            )
        out.append("")
    for load in report.get("mixed", []):
        verdict = "zero errors" if load["errors"] == 0 else f"{load['errors']:,} errors"
        saves = (
            f", a curator's save every 5 s ({load.get('saves')} saves)"
            if load.get("with_saves")
            else ", no saves"
        )
        out += [
            f"Mixed load (every surface in turn) at {load['size']:,} meetings, "
            f"PUBLIC_CACHE_SECONDS={load['cache_seconds']}{saves}: {load['rps']:,.1f} req/s, "
            f"p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, {verdict} "
            f"({load['timeouts']:,} timeouts, {load['non2xx']:,} non-2xx; "
            f"{load['requests']:,} requests in {report['mixed_duration']} s at "
            f"{report['mixed_connections']} connections).",
            "",
        ]
    if report.get("generation_seconds"):
        timings = ", ".join(
            f"{size:,}: {seconds:.0f} s" for size, seconds in report["generation_seconds"].items()
        )
        out += [
            f"Data preparation (generate_synthetic: removing a larger set first when "
            f"needed, writing, search vectors): {timings}.",
            "",
        ]
    return "\n".join(out)


def machine():
    """The CPU model, memory and system: the numbers hold for this machine only."""
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (line.split(":", 1)[1].strip() for line in info.splitlines() if "model name" in line),
        platform.processor() or "unknown CPU",
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{model}, {memory:.0f} GiB, {platform.platform()}, Python {platform.python_version()}"


def git_commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"


def main(argv=None):
    args = parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    args.output.mkdir(parents=True, exist_ok=True)
    env = server_environment(args)
    create_database(args)
    setup_django(env)
    from astop_site import wsgi  # noqa: F401  (fails early on a broken settings module)

    workers = args.workers or os.cpu_count() * 2 + 1
    report = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "cpus": os.cpu_count(),
        "machine": machine(),
        "python": platform.python_version(),
        "server": f"{workers} sync workers",
        "cache": f"Redis ({args.redis_url})" if args.redis_url else "local memory",
        "duration": args.duration,
        "connections": args.connections,
        "threads": args.threads,
        "timeout": args.timeout,
        "sizes": args.sizes,
        "runs": [],
        "per_request": {},
        "generation_seconds": {},
        "mixed_duration": args.mixed_duration,
        "mixed_connections": args.mixed_connections,
    }
    largest = max(args.sizes)
    if args.explain_only:
        prepare_data(largest)
        print_explain(args, pick_targets(args), largest)
        return
    for size in args.sizes:
        log(f"size {size:,}: preparing the data")
        report["generation_seconds"][size] = round(prepare_data(size), 1)
        targets = pick_targets(args)
        log(f"size {size:,}: queries and bytes per request, in-process")
        report["per_request"][str(size)] = per_request(targets)
        write_results(args, report)
        for cache_seconds in args.cache_seconds:
            load = os.getloadavg()[0]
            rows = measure(args, env, targets, cache_seconds)
            report["runs"].append(
                {"size": size, "cache_seconds": cache_seconds, "load_before": load, "rows": rows}
            )
            write_results(args, report)
        if size != largest:
            continue
        # The database holds the largest size now: the mixed load and the EXPLAINs.
        if args.mixed:
            report["mixed"] = [
                mixed(args, env, targets, seconds, size, saves)
                for seconds in args.cache_seconds
                for saves in ((False, True) if seconds else (False,))
            ]
            write_results(args, report)
        if not args.no_explain:
            print_explain(args, targets, size)
    print(markdown(report))


def print_explain(args, targets, size):
    log(f"EXPLAIN (ANALYZE, BUFFERS) at {size:,} meetings")
    text = f"EXPLAIN (ANALYZE, BUFFERS) at {size:,} synthetic meetings\n\n" + explain(
        targets, args.search
    )
    (args.output / "explain.txt").write_text(text)
    print(text)


def write_results(args, report):
    (args.output / "latest.json").write_text(json.dumps(report, indent=1) + "\n")
    (args.output / "latest.md").write_text(markdown(report) + "\n")


if __name__ == "__main__":
    main()
