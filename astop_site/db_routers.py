"""Public reads from a PostgreSQL read replica; everything else from the primary.

Enabled by DATABASE_REPLICA_URL (astop_site/settings.py adds the "replica" alias, this
router and its middleware). Only an anonymous visitor's GET or HEAD, with no session
cookie, reads from the replica: the public, who accept a page a second or two behind
the primary (the page cache already does). Curators are signed in, so their writes and
every read after them, in the admin and on the public pages alike, use the primary and
see what they saved. So do management commands, the shell and anything run outside a
request. A public read never writes (writes go to the primary all the same, but a read
after one in the same request would not see it).
"""

import contextvars

from django.conf import settings

PRIMARY, REPLICA = "default", "replica"

# Whether the code running now answers a public read. Off unless the middleware says so.
public_read = contextvars.ContextVar("public_read", default=False)


def is_public_read(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


class ReplicaMiddleware:
    """Marks an anonymous visitor's GET as a public read for the router's sake."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = public_read.set(is_public_read(request))
        try:
            return self.get_response(request)
        finally:
            public_read.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if public_read.get() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
