"""Values at and past the limits of every filter and page parameter: never a 500.

The list page and the API share one FilterSet, so each case is asked of both:
a valid value gets its answer, a malformed one a 400 that names the parameter.
"""

import pytest

pytestmark = pytest.mark.django_db

LIST = "/meetings/"
API = "/api/v1/meetings/"


def api_slugs(client, params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("params", "found"),
    [
        # In UTC these are in year 10000 and year 0: past what Python holds.
        ({"updated_since": "9999-12-31T23:59:59-23:59"}, False),
        ({"updated_since": "0001-01-01T00:00:00+14:00"}, True),
        ({"updated_since": "9999-12-31T23:59:59.999999Z"}, False),
        ({"updated_since": "0001-01-01T00:00:00Z"}, True),
        ({"date_from": "0001-01-01", "date_to": "9999-12-31"}, True),
        ({"date_from": "9999-12-31"}, False),
        ({"date_to": "0001-01-01"}, False),
        ({"year": "1900"}, False),
        ({"year": "2999"}, False),
    ],
)
def test_moments_at_the_ends_of_time_get_an_answer(client, params, found):
    assert ("astop-v" in api_slugs(client, params)) is found
    page = client.get(LIST, params)
    assert page.status_code == 200
    assert ('href="/meetings/astop-v/"' in page.content.decode()) is found


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("updated_since", "2008-04-25"),  # a day is not a moment
        ("updated_since", "2008-04-25T09:00:00"),  # no time zone
        ("updated_since", "2008-04-25T09:00:00+99:00"),
        ("updated_since", "10000-01-01T00:00:00Z"),
        ("updated_since", "2008-13-01T00:00:00Z"),
        ("date_from", "0000-01-01"),
        ("date_to", "10000-01-01"),
        ("year", "1899"),
        ("year", "3000"),
        ("year", "9" * 30),
    ],
)
def test_out_of_range_values_are_a_400_naming_the_parameter(client, name, value):
    response = client.get(API, {name: value})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [name]
    page = client.get(LIST, {name: value})
    assert page.status_code == 400
    assert page.context["filter_errors"][name]


def test_a_zone_is_what_makes_a_moment_exact(client):
    # ASTOP-V's record was last changed long before 2100, whatever the zone.
    assert api_slugs(client, {"updated_since": "2100-01-01T00:00:00+09:00"}) == []
    message = client.get(API, {"updated_since": "2100-01-01T00:00"}).json()["errors"]
    assert message == {
        "updated_since": [
            "Enter a date and time with a time zone, such as 2008-04-25T09:00:00+09:00."
        ]
    }


@pytest.mark.parametrize("page", ["2", "999999999999999999", "9" * 19, "9" * 5000])
def test_a_page_past_the_last_is_a_404_however_long_the_number(client, page):
    response = client.get(API, {"page": page})
    assert response.status_code == 404
    assert "Invalid page" in response.json()["detail"]
    assert client.get(LIST, {"page": page}).status_code == 404


@pytest.mark.parametrize("page", ["0", "000", "-1", "1.0", "1e3", "٢"])
def test_a_page_that_is_not_a_whole_number_from_1_is_a_400(client, page):
    response = client.get(API, {"page": page})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page"]


def test_leading_zeros_are_the_same_page(client):
    assert api_slugs(client, {"page": "0001"}) == api_slugs(client, {})


@pytest.mark.parametrize("size", ["0", "101", "9" * 30, "9" * 5000, "-5"])
def test_a_page_size_out_of_range_is_a_400(client, size):
    response = client.get(API, {"page_size": size})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page_size"]


def test_options_on_the_api_docs_lists_what_the_page_allows(client):
    response = client.options("/api/v1/docs/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.get("/api/v1/docs/").status_code == 200
    assert client.head("/api/v1/docs/").status_code == 200
