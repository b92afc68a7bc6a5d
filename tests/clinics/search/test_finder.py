"""find_practitioners() through the results page and the JSON API."""


import pytest

from tests.clinics.search.helpers import API, AUSTIN, SEARCH
from tests.factories import (
    treats,
)

pytestmark = pytest.mark.django_db


def test_no_results_suggests_wider_radius_and_telehealth(client):
    response = client.get(SEARCH + "?near=78704&radius=10")

    suggestions = [url for _, url in response.context["search"].suggestions]
    assert "radius=25" in suggestions[0]
    assert "telehealth=1" in suggestions[1] and "radius=100" in suggestions[1]


def test_api_returns_documented_shape(client, place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=2), name="Api Person")
    treats(practitioner, "fibromyalgia")

    body = client.get(API + "?near=78704&condition=fibromyalgia").json()

    [result] = body["results"]
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    assert result["name"] == "Api Person"
    assert result["distance_mi"] == pytest.approx(2.0, abs=0.05)
    assert result["vetted"] is True
    assert result["url"] == f"http://testserver/practitioners/{practitioner.slug}/"
    assert (result["lat"], result["lng"]) == (practitioner.locations.get().lat,
                                              practitioner.locations.get().lng)
    assert set(result["clinic"]) >= {"name", "slug", "url"}
    assert result["conditions"] == ["fibromyalgia"]


def test_api_next_and_previous_links(client, forty_five):
    body = client.get(API + "?near=78704&page=2").json()

    assert body["next"] == "http://testserver/api/practitioners/?near=78704&page=3"
    assert body["previous"] == "http://testserver/api/practitioners/?near=78704&page=1"
    assert len(body["results"]) == 20


def test_api_errors_are_json_400_per_field(client):
    response = client.get(API + "?near=Springfeld%2C+IL&radius=7")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"near", "radius"}
