"""Django's loaddata, with each loaded meeting's search text rebuilt once at the end.

Without it, every row saved refreshes its meeting's search vectors again: reloading the
ASTOP-V fixture on PostgreSQL rebuilt them hundreds of times and took 20 seconds.
"""

from django.core.management.commands import loaddata

from meetings.search import deferred_refresh


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with deferred_refresh():
            super().handle(*fixture_labels, **options)
