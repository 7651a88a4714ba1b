"""gunicorn settings for the ASTOP archive: `gunicorn -c gunicorn.conf.py astop_site.wsgi`.

Everything can be set from the environment:

GUNICORN_BIND        address to listen on (default 127.0.0.1:8100; "0.0.0.0:8100"
                     behind a load balancer on another host)
GUNICORN_WORKERS     worker processes (default 2 x CPUs + 1: 5 on a 2-core machine)
GUNICORN_THREADS     threads per worker (default 1: sync workers). Above 1 the
                     gthread worker is used
GUNICORN_REUSE_PORT  "1" sets SO_REUSEPORT: another server may then bind the same
                     address and the kernel splits connections between them (for a
                     deliberate hand-over). Unset, a second server fails to start
                     with "Address already in use" instead of silently sharing
GUNICORN_TIMEOUT     seconds before a stuck worker is restarted (default 30)
GUNICORN_MAX_REQUESTS  restart a worker after this many requests (default 0: never)
GUNICORN_ACCESS_LOG  "-" for stdout, a file path, or unset for no access log
FORWARDED_ALLOW_IPS  proxies trusted for X-Forwarded-* (default 127.0.0.1)

Sync workers suit a site behind nginx or another load balancer that buffers slow
clients; each worker holds one PostgreSQL connection (CONN_MAX_AGE keeps it open),
so workers x app servers must stay below PostgreSQL's max_connections.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8100").split(",")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
reuse_port = os.environ.get("GUNICORN_REUSE_PORT") == "1"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# gunicorn's largest request line (its default is 4094). Longer ones get gunicorn's own
# plain-text 400, before the app can answer in JSON; the app's parameters need far less.
limit_request_line = 8190
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# The heartbeat file lives in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "astop"
wsgi_app = "astop_site.wsgi:application"
