"""Search vectors are refreshed once per request that writes or fixture loaded, not once per row.

Each save of a part of a meeting (a paragraph, a participation...) asks for the meeting's
search text to be rebuilt, which aggregates all its text: saving a release's paragraphs
one by one made an import quadratic in their number (249 paragraphs took 21 s).
"""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

import astop_site.urls
from meetings.models import Meeting, Paragraph, SourceDocument

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]
PARAGRAPHS = 40


@csrf_exempt
def add_paragraphs(request):
    """Saves paragraphs one by one, as the importer and the admin's inlines do."""
    with transaction.atomic():
        document = SourceDocument.objects.get(slug="astop-v-press-release")
        for number in range(PARAGRAPHS):
            Paragraph.objects.create(document=document, position=1000 + number, text="Added.")
    return HttpResponse("saved")


urlpatterns = [path("add/", add_paragraphs), *astop_site.urls.urlpatterns]


def vector_refreshes(queries):
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith('UPDATE "meetings_meeting" SET "search_vector"')
    ]


@pytest.mark.urls(__name__)
def test_a_request_that_saves_many_rows_refreshes_the_meeting_once(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.post("/add/").status_code == 200
    assert len(vector_refreshes(captured.captured_queries)) == 1
    meeting = Meeting.objects.get(slug="astop-v")
    assert Meeting.objects.filter(pk=meeting.pk, search_vector="added").exists()


def test_loading_a_fixture_refreshes_each_meeting_once():
    """loaddata saves every row of the record: the search text is rebuilt at the end only."""
    Meeting.objects.filter(slug="astop-v").update(search_vector=None)
    with CaptureQueriesContext(connection) as captured:
        call_command("loaddata", "astop_v", verbosity=0)
    assert len(vector_refreshes(captured.captured_queries)) == 1
    assert Meeting.objects.filter(slug="astop-v", search_vector="proliferation").exists()
