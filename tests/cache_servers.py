"""Real Redis, and real sockets that behave like a dead or a hung one, for the cache tests.

Each test module that uses Redis keeps to its own database index and empties only that one.
"""

import socket
import threading
import time

import redis

from astop_site.settings import redis_cache

from .conftest import require_service

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def use_redis(settings, index):
    """Point the default cache at Redis database ``index`` through the site's own backend."""
    try:
        socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1).close()
        running = True
    except OSError:
        running = False
    require_service(running, f"Redis is not running on {REDIS_HOST}:{REDIS_PORT}")
    settings.CACHES = {"default": redis_cache(f"redis://{REDIS_HOST}:{REDIS_PORT}/{index}")}
    return redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=index)


def closed_port():
    """A local port where nothing listens: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SilentServer:
    """Accepts connections but never answers them: a hung Redis.

    Connections are dropped after ``hold_seconds``, so that a client without a timeout
    fails a test instead of hanging it.
    """

    def __init__(self, hold_seconds=5):
        self.hold_seconds = hold_seconds
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        held = []
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
                self.connections.append(connection)
                held.append((time.monotonic() + self.hold_seconds, connection))
            except TimeoutError:
                pass
            while held and held[0][0] < time.monotonic():
                held.pop(0)[1].close()

    def stop(self):
        self.stopped.set()
        self.thread.join(timeout=5)
        self.listener.close()
        for connection in self.connections:
            connection.close()
