"""The maps in a real browser: beside the results at desktop width and below them on a phone,
a marker per card in the cards' order (one shared by the cards at one address), zoom buttons
named in the page's language, a link down to the map on a phone, marker and card highlighting each other, Enter on a
marker moving focus to its card, and the list alone without JavaScript. No tile is fetched:
tests/browser/offline.py answers the tile requests with a blank image."""

import re

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import expect

from clinics.models import Practitioner
from tests.factories import CredentialFactory, LocationFactory, PractitionerFactory

from .axe import assert_accessible
from .conftest import PHONE_VIEWPORT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ACTIVE = re.compile(r"\bis-active\b")
MAP_NAME = "Map of the practitioners on this page"
MAP_LINK = "Jump to the map of these results"
# Nearest first from ZIP 78704's centre, each at a place of its own.
PEOPLE = [("Ana Nearest", 30.2450, -97.7660), ("Ben Middle", 30.2700, -97.7400),
          ("Cy Farther", 30.3300, -97.7000)]


@pytest.fixture(autouse=True)
def _leaflet_is_vendored():
    assert finders.find("vendor/leaflet/leaflet.js"), (
        "Leaflet is missing from static/vendor/leaflet/: run `make install`")


def make_practitioners():
    practitioners = []
    for name, lat, lng in PEOPLE:
        practitioner = PractitionerFactory(name=name,
                                           locations=[LocationFactory(lat=lat, lng=lng)])
        CredentialFactory(practitioner=practitioner)
        practitioners.append(practitioner)
    return practitioners


def test_map_beside_the_results_has_a_marker_for_each_card_pointing_both_ways(
        watched_page, live_server):
    tab, watch = watched_page
    make_practitioners()

    tab.goto(f"{live_server.url}/practitioners/?near=78704")

    cards = tab.locator(".result-list > li")
    expect(cards).to_have_count(3)
    results_map = tab.get_by_role("region", name=MAP_NAME)
    expect(results_map).to_be_visible()
    markers = results_map.locator(".map-marker")
    expect(markers).to_have_count(3)
    names = cards.locator("h3 a").all_text_contents()
    assert names == [name for name, _, _ in PEOPLE]
    assert [marker.get_attribute("aria-label") for marker in markers.all()] == [
        f"{name}, result {number}" for number, name in enumerate(names, 1)]
    expect(markers).to_have_text(["1", "2", "3"])
    # Each card shows its marker's number, to the eye (the <ol> tells screen readers).
    numbers = cards.locator(".result-number")
    expect(numbers).to_have_text(["1", "2", "3"])
    expect(numbers.first).to_be_visible()
    expect(numbers.first).to_have_attribute("aria-hidden", "true")
    expect(results_map.locator("path.map-radius")).to_have_count(1)  # the 25 miles searched
    expect(results_map.locator("path.map-place")).to_have_count(1)
    expect(results_map).to_contain_text("OpenStreetMap")

    expect(tab.get_by_role("link", name=MAP_LINK)).to_be_hidden()  # the map is in view
    list_box, map_box = tab.locator(".results-list").bounding_box(), results_map.bounding_box()
    assert map_box["x"] >= list_box["x"] + list_box["width"], (list_box, map_box)
    assert abs(map_box["y"] - list_box["y"]) < 5, (list_box, map_box)

    cards.nth(1).hover()
    expect(markers.nth(1)).to_have_class(ACTIVE)
    expect(cards.nth(1)).to_have_class(ACTIVE)
    expect(markers.nth(0)).not_to_have_class(ACTIVE)

    markers.nth(2).hover()
    expect(cards.nth(2)).to_have_class(ACTIVE)
    expect(cards.nth(1)).not_to_have_class(ACTIVE)
    tab.mouse.move(0, 0)

    markers.nth(0).focus()
    expect(cards.nth(0)).to_have_class(ACTIVE)
    tab.keyboard.press("Enter")
    expect(cards.nth(0).get_by_role("link", name=names[0], exact=True)).to_be_focused()
    expect(markers.nth(0)).to_have_class(ACTIVE)  # the card has focus now

    cards.nth(2).get_by_role("link", name=names[2], exact=True).focus()
    expect(markers.nth(2)).to_have_class(ACTIVE)
    expect(markers.nth(0)).not_to_have_class(ACTIVE)

    assert watch.offsite_requests, "the map asked for no tiles"
    assert all(url.startswith("https://tile.openstreetmap.org/")
               for url in watch.offsite_requests)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 1280
    assert_accessible(tab, context_label="results with the map, 1280 px")


def test_map_comes_after_the_results_on_a_phone(phone_page, live_server):
    make_practitioners()

    phone_page.goto(f"{live_server.url}/practitioners/?near=78704")

    results_map = phone_page.get_by_role("region", name=MAP_NAME)
    expect(results_map.locator(".map-marker")).to_have_count(3)
    last_card = phone_page.locator(".result-list > li").last.bounding_box()
    map_box = results_map.bounding_box()
    assert map_box["y"] >= last_card["y"] + last_card["height"], (last_card, map_box)
    assert map_box["width"] <= PHONE_VIEWPORT["width"]
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]
    assert_accessible(phone_page, context_label="results with the map, 375 px")

    expect(results_map).not_to_be_in_viewport()
    phone_page.get_by_role("link", name=MAP_LINK).click()
    expect(results_map).to_be_in_viewport()


def test_without_javascript_the_results_are_the_list_alone(browser, live_server):
    make_practitioners()
    # Not a watched context: its policy watch runs script in the page.
    context = browser.new_context(viewport=PHONE_VIEWPORT, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/practitioners/?near=78704")

        expect(tab.locator(".result-list > li")).to_have_count(3)
        expect(tab.locator(".results-map")).to_be_hidden()
        expect(tab.get_by_role("region", name=MAP_NAME)).to_have_count(0)
        expect(tab.get_by_role("link", name=MAP_LINK)).to_have_count(0)
    finally:
        context.close()


def test_clinic_page_has_a_small_map_of_its_location(watched_page, live_server):
    tab, watch = watched_page
    practitioner = make_practitioners()[0]
    location = practitioner.locations.get()

    tab.goto(f"{live_server.url}{location.clinic.get_absolute_url()}")

    clinic_map = tab.get_by_role("region", name="Map of the clinic's locations")
    expect(clinic_map).to_be_visible()
    marker = clinic_map.get_by_role("button", name=location.one_line, exact=True)
    expect(marker).to_have_count(1)
    marker.focus()
    expect(tab.locator(f"#location-{location.pk}")).to_have_class(ACTIVE)
    assert watch.offsite_requests
    assert_accessible(tab, context_label="clinic page with its map, 1280 px")


def test_practitioners_at_one_address_share_one_marker_naming_both(watched_page, live_server):
    tab, _ = watched_page
    make_practitioners()
    # Ben Middle's colleague at his address: ranked next to him, third of four.
    ben = Practitioner.objects.get(name="Ben Middle")
    colleague = PractitionerFactory(name="Bea Colleague", locations=[ben.locations.get()])
    CredentialFactory(practitioner=colleague)

    tab.goto(f"{live_server.url}/practitioners/?near=78704")

    cards = tab.locator(".result-list > li")
    expect(cards).to_have_count(4)
    names = cards.locator("h3 a").all_text_contents()
    shared = [names.index("Ben Middle") + 1, names.index("Bea Colleague") + 1]
    assert sorted(shared) == [2, 3], names
    markers = tab.get_by_role("region", name=MAP_NAME).locator(".map-marker")
    # One marker a place, in the list's order, each naming every card at it.
    expect(markers).to_have_text(["1", "2, 3", "4"])
    labels = [marker.get_attribute("aria-label") for marker in markers.all()]
    assert labels == [
        f"{names[0]}, result 1",
        f"2, 3: {names[1]}, result 2; {names[2]}, result 3",  # begins with what it shows
        f"{names[3]}, result 4",
    ]
    both = tab.get_by_role("button", name=labels[1], exact=True)
    expect(both).to_have_count(1)
    box = both.bounding_box()
    assert box["width"] > box["height"], box  # wide enough for "2, 3"

    both.hover()
    expect(cards.nth(1)).to_have_class(ACTIVE)
    expect(cards.nth(2)).to_have_class(ACTIVE)
    expect(cards.nth(0)).not_to_have_class(ACTIVE)
    tab.mouse.move(0, 0)
    expect(cards.nth(2)).not_to_have_class(ACTIVE)

    cards.nth(2).hover()  # the second card at the address lights up the shared marker
    expect(both).to_have_class(ACTIVE)
    expect(markers.nth(0)).not_to_have_class(ACTIVE)
    tab.mouse.move(0, 0)

    both.focus()
    tab.keyboard.press("Enter")
    expect(cards.nth(1).get_by_role("link", name=names[1], exact=True)).to_be_focused()
    assert_accessible(tab, context_label="results with a shared marker, 1280 px")


def test_zoom_buttons_are_named_in_the_pages_language(watched_page, live_server):
    tab, _ = watched_page
    make_practitioners()

    tab.goto(f"{live_server.url}/es/practitioners/?near=78704")

    results_map = tab.locator("#results-map")
    expect(results_map.locator(".map-marker")).to_have_count(3)
    expect(results_map.get_by_role("button", name="Acercar", exact=True)).to_have_count(1)
    expect(results_map.get_by_role("button", name="Alejar", exact=True)).to_have_count(1)
    expect(results_map.get_by_role("button", name="Zoom in")).to_have_count(0)
    expect(results_map.get_by_role("button", name="Zoom out")).to_have_count(0)


def test_neighbours_share_a_marker_until_the_map_is_zoomed_in_to_part_them(
        watched_page, live_server):
    tab, _ = watched_page
    make_practitioners()
    # About 20 m north of Ben Middle: a pixel apart on the whole map, far apart close up.
    PractitionerFactory(name="Nia Neighbour",
                        locations=[LocationFactory(lat=30.2702, lng=-97.7400)])
    CredentialFactory(practitioner=Practitioner.objects.get(name="Nia Neighbour"))

    tab.goto(f"{live_server.url}/practitioners/?near=78704")

    names = tab.locator(".result-list > li h3 a").all_text_contents()
    assert names == ["Ana Nearest", "Ben Middle", "Nia Neighbour", "Cy Farther"]
    results_map = tab.get_by_role("region", name=MAP_NAME)
    markers = results_map.locator(".map-marker")
    expect(markers).to_have_text(["1", "2, 3", "4"])
    assert markers.nth(1).get_attribute("aria-label") == (
        "2, 3: Ben Middle, result 2; Nia Neighbour, result 3")

    zoom_in = results_map.get_by_role("button", name="Zoom in", exact=True)
    for _ in range(20):  # to the tiles' closest zoom, where the button turns itself off
        if "leaflet-disabled" in (zoom_in.get_attribute("class") or ""):
            break
        zoom_in.click()
        tab.wait_for_timeout(300)  # Leaflet's zoom animation
    expect(zoom_in).to_have_class(re.compile(r"\bleaflet-disabled\b"))
    expect(markers).to_have_text(["1", "2", "3", "4"])
    assert [marker.get_attribute("aria-label") for marker in markers.all()] == [
        f"{name}, result {number}" for number, name in enumerate(names, 1)]


def test_practitioners_a_kilometre_apart_keep_a_marker_each_at_a_citys_zoom(
        watched_page, live_server):
    tab, _ = watched_page
    make_practitioners()
    # About 1 km east of Ana Nearest: close at the zoom that shows the city, not on top.
    PractitionerFactory(name="Eli East", locations=[LocationFactory(lat=30.2450, lng=-97.7556)])
    CredentialFactory(practitioner=Practitioner.objects.get(name="Eli East"))

    tab.goto(f"{live_server.url}/practitioners/?near=78704")

    names = tab.locator(".result-list > li h3 a").all_text_contents()
    assert sorted(names) == ["Ana Nearest", "Ben Middle", "Cy Farther", "Eli East"]
    markers = tab.get_by_role("region", name=MAP_NAME).locator(".map-marker")
    expect(markers).to_have_text(["1", "2", "3", "4"])
    boxes = {name: markers.nth(number).bounding_box() for number, name in enumerate(names)}
    apart = abs((boxes["Eli East"]["x"] + boxes["Eli East"]["width"] / 2)
                - (boxes["Ana Nearest"]["x"] + boxes["Ana Nearest"]["width"] / 2))
    # Near enough on screen that their markers almost touch (the city's zoom), yet apart.
    assert 18 <= apart < 60, apart
