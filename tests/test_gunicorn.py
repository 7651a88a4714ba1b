"""gunicorn.conf.py: a second server on an address already served fails to start,
unless both were started with GUNICORN_REUSE_PORT=1 (then the kernel splits the traffic)."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, **env):
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_"))
        and name not in ("DATABASE_URL", "REDIS_URL")
    }
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_serving(port, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2) as answer:
                return answer.status
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer on port {port} within {seconds} s")


@pytest.fixture
def servers():
    started = []
    yield started
    for server in started:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_a_second_server_on_the_same_port_fails_to_start(servers):
    port = free_port()
    servers.append(start_gunicorn(port))
    assert wait_until_serving(port, servers[0]) == 200
    second = start_gunicorn(port)
    servers.append(second)
    # gunicorn tries to bind five times, a second apart, then gives up.
    assert second.wait(timeout=20) != 0
    assert "Address already in use" in second.stderr.read()
    assert servers[0].poll() is None


def test_two_servers_share_a_port_only_when_asked(servers):
    port = free_port()
    for _ in range(2):
        servers.append(start_gunicorn(port, GUNICORN_REUSE_PORT="1"))
    for server in servers:
        assert wait_until_serving(port, server) == 200
    time.sleep(1)
    assert [server.poll() for server in servers] == [None, None]


def test_a_long_query_string_reaches_the_app(servers):
    """A 5 KB request line (over gunicorn's default 4094 bytes) gets the API's JSON 400."""
    port = free_port()
    servers.append(start_gunicorn(port))
    wait_until_serving(port, servers[0])
    url = f"http://127.0.0.1:{port}/api/v1/meetings/?unknown={'x' * 5000}"
    with pytest.raises(urllib.error.HTTPError) as refusal:
        urllib.request.urlopen(url, timeout=10)
    assert refusal.value.code == 400
    assert refusal.value.headers["Content-Type"] == "application/json"
    assert b"Unknown parameter." in refusal.value.read()
