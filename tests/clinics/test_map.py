"""The maps of the results page and the clinic page, as the server writes them: where each
marker goes (the items' data-lat and data-lng, read by static/js/map.js), the map element
hidden until the script shows it, and the tile server from settings, in the page and in the
Content-Security-Policy. tests/browser/test_map.py drives the maps themselves."""

from html.parser import HTMLParser

import pytest
from django.test import override_settings

from clinics import search
from clinics.models import Location
from directory.headers import tile_source
from tests.factories import ClinicFactory, LocationFactory

pytestmark = pytest.mark.django_db

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OTHER_TILES = "https://{s}.tiles.example.net/styles/light/{z}/{x}/{y}.png"


class MapPage(HTMLParser):
    """The page's map elements, the items with a place (data-lat), the text of each item's
    first link, and the scripts it loads."""

    def __init__(self, html: str):
        super().__init__()
        self.maps: list[dict] = []
        self.items: list[dict] = []
        self.scripts: list[str] = []
        self._depth = 0  # of open tags inside the last item, once its first link is read
        self._link_text: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-map" in attrs:
            self.maps.append(attrs)
        if "data-lat" in attrs and "data-map" not in attrs:
            self.items.append({"tag": tag, **attrs, "link": None})
        if tag == "a" and self.items and self.items[-1]["link"] is None:
            self._link_text = []
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            self.items[-1]["link"] = "".join(self._link_text).strip()
            self._link_text = None


def unplaced(location: Location) -> None:
    """Take the place off a location, as one the geocoder could not find has none."""
    Location.objects.filter(pk=location.pk).update(lat=None, lng=None)


def img_sources(response) -> list[str]:
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        if name == "img-src":
            return sources
    raise AssertionError("no img-src")


def test_every_card_carries_its_result_place_in_the_list_order(client, practitioner_at):
    for n, (lat, lng) in enumerate([(30.25, -97.76), (30.27, -97.74), (30.40, -97.70)]):
        practitioner_at(LocationFactory(lat=lat, lng=lng), name=f"Mapped {n}")
    results = search.find_practitioners({"near": "78704"}).results

    page = MapPage(client.get("/practitioners/?near=78704").content.decode())

    assert [(item["id"], item["link"], float(item["data-lat"]), float(item["data-lng"]))
            for item in page.items] == [
        (f"result-{result.practitioner.id}", result.practitioner.name, result.location.lat,
         result.location.lng) for result in results]
    assert len(page.items) == 3
    assert all(item["tag"] == "li" for item in page.items)


def test_results_map_is_hidden_until_the_script_draws_it_with_the_searched_circle(
        client, practitioner_at):
    practitioner_at(LocationFactory())
    circle = search.find_practitioners({"near": "78704", "radius": "10"}).circle

    page = MapPage(client.get("/practitioners/?near=78704&radius=10").content.decode())

    [results_map] = page.maps
    assert "hidden" in results_map  # shown by static/js/map.js; without it, the list alone
    assert results_map["role"] == "region" and results_map["aria-label"]
    assert results_map["data-items"] == ".result-list > li[data-lat]"
    assert (float(results_map["data-lat"]), float(results_map["data-lng"])) == pytest.approx(
        (circle.lat, circle.lng), abs=1e-5)
    assert float(results_map["data-radius-mi"]) == 10
    assert results_map["data-tiles"] == OSM_TILES
    assert "OpenStreetMap" in results_map["data-attribution"]
    assert any(src.endswith("vendor/leaflet/leaflet.js") for src in page.scripts)
    assert any(src.endswith("js/map.js") for src in page.scripts)


@pytest.mark.parametrize("query", ["", "?near=00000", "?near=78704&radius=5&telehealth=1"])
def test_no_map_and_no_leaflet_without_results(client, query):
    page = MapPage(client.get(f"/practitioners/{query}").content.decode())

    assert page.maps == [] and page.items == []
    assert not any("leaflet" in src for src in page.scripts)


def test_the_tile_server_is_a_setting_in_the_page_and_the_policy(client, practitioner_at):
    practitioner_at(LocationFactory())

    default = client.get("/practitioners/?near=78704")
    # data: for the blank GIF Leaflet swaps into a tile it drops while zooming.
    assert img_sources(default) == ["'self'", "https://tile.openstreetmap.org", "data:"]
    with override_settings(MAP_TILE_URL=OTHER_TILES, MAP_TILE_ATTRIBUTION="© Example Maps"):
        response = client.get("/practitioners/?near=78704&radius=50")

    [results_map] = MapPage(response.content.decode()).maps
    assert (results_map["data-tiles"], results_map["data-attribution"]) == (
        OTHER_TILES, "© Example Maps")
    assert img_sources(response) == ["'self'", "https://*.tiles.example.net", "data:"]
    with override_settings(MAP_TILE_URL="/tiles/{z}/{x}/{y}.png"):  # served by us
        assert img_sources(client.get("/practitioners/?near=78704&radius=25")) == [
            "'self'", "data:"]


@pytest.mark.parametrize("path", ["/", "/conditions/", "/practitioners/{slug}/"])
def test_pages_without_a_map_load_no_tiles(client, practitioner_at, path):
    practitioner = practitioner_at(LocationFactory())

    response = client.get(path.format(slug=practitioner.slug))

    assert response.status_code == 200
    assert img_sources(response) == ["'self'"]


@pytest.mark.parametrize(("url", "source"), [
    (OSM_TILES, "https://tile.openstreetmap.org"),
    (OTHER_TILES, "https://*.tiles.example.net"),
    ("https://tiles.example.net:8443/{z}/{x}/{y}.png?key=abc", "https://tiles.example.net:8443"),
    ("/tiles/{z}/{x}/{y}.png", None),  # our own origin: 'self' covers it
])
def test_tile_source_is_the_tile_servers_origin(url, source):
    assert tile_source(url) == source


def test_clinic_page_maps_its_located_locations(client, practitioner_at):
    clinic = ClinicFactory()
    located = LocationFactory(clinic=clinic, street="1 Mapped Way", lat=30.26, lng=-97.75)
    unplaced(LocationFactory(clinic=clinic, street="2 Unplaced Road"))
    practitioner_at(located)

    response = client.get(clinic.get_absolute_url())
    page = MapPage(response.content.decode())

    [clinic_map] = page.maps
    assert "hidden" in clinic_map and clinic_map["aria-label"]
    assert [(item["data-label"], float(item["data-lat"]), float(item["data-lng"]))
            for item in page.items] == [(located.one_line, 30.26, -97.75)]
    assert img_sources(response) == ["'self'", "https://tile.openstreetmap.org", "data:"]


def test_clinic_page_without_a_located_location_has_no_map(client, practitioner_at):
    location = LocationFactory()
    practitioner_at(location)
    unplaced(location)

    page = MapPage(client.get(location.clinic.get_absolute_url()).content.decode())

    assert page.maps == [] and page.items == []
    assert not any("leaflet" in src for src in page.scripts)


@pytest.mark.parametrize(("prefix", "zoom_in", "zoom_out"), [
    ("", "Zoom in", "Zoom out"),
    ("/es", "Acercar", "Alejar"),
])
def test_both_maps_name_their_zoom_buttons_in_the_pages_language(
        client, practitioner_at, prefix, zoom_in, zoom_out):
    location = LocationFactory()
    practitioner_at(location)

    for path in ["/practitioners/?near=78704", location.clinic.get_absolute_url()]:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        [the_map] = MapPage(response.content.decode()).maps
        assert (the_map["data-zoom-in"], the_map["data-zoom-out"]) == (zoom_in, zoom_out), path
