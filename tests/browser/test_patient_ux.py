"""Where a search starts and what the results let a patient do (issue 14): "Use my location"
from the home page and a condition page, a search for either of two insurers, the folded
search form, and the pages changed for them, at 1280 and 375 px and without JavaScript."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from articles.demo import load_demo_articles
from clinics.models import Payer
from tests.factories import CredentialFactory, LocationFactory, PractitionerFactory, treats

from .axe import assert_accessible
from .security import watched_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AUSTIN = {"latitude": 30.2500, "longitude": -97.7600}


def practitioner(name, *, lat, lng, payer=None, condition=None):
    location = LocationFactory(lat=lat, lng=lng)
    person = PractitionerFactory(name=name, locations=[location], accepting_new_patients=True)
    CredentialFactory(practitioner=person)
    if payer:
        location.clinic.payers.add(Payer.objects.get(slug=payer))
    if condition:
        treats(person, condition)
    return person


def no_horizontal_scroll(tab):
    width = tab.viewport_size["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def test_near_me_from_a_condition_page_searches_around_the_patient(browser, live_server):
    load_demo_articles()
    practitioner("Near Lister", lat=30.2510, lng=-97.7610, condition="fibromyalgia")
    with watched_context(browser, viewport={"width": 1280, "height": 900},
                         geolocation=AUSTIN, permissions=["geolocation"]) as (tab, _):
        tab.goto(f"{live_server.url}/conditions/fibromyalgia/")
        button = tab.get_by_role("button", name="Use my location")
        expect(button).to_be_visible()
        assert_accessible(tab, context_label="condition page with the location button, 1280px")

        button.click()
        tab.wait_for_url(re.compile(r"/practitioners/\?"))

        query = parse_qs(urlsplit(tab.url).query)
        assert (query["condition"], query["lat"], query["lng"]) == (
            ["fibromyalgia"], ["30.2500"], ["-97.7600"])
        expect(tab.locator(".result-list > li")).to_have_count(1)
        expect(tab.locator(".summary-text")).to_have_text(
            "Your search: Fibromyalgia near your location, within 25 miles")


def test_near_me_from_the_home_page_on_a_phone(browser, live_server):
    practitioner("Near Anyone", lat=30.2510, lng=-97.7610)
    with watched_context(browser, viewport={"width": 375, "height": 667}, is_mobile=True,
                         has_touch=True, geolocation=AUSTIN,
                         permissions=["geolocation"]) as (tab, _):
        tab.goto(f"{live_server.url}/")
        search = tab.get_by_role("button", name="Search", exact=True)
        box = search.bounding_box()
        assert box["y"] + box["height"] <= 667  # above the fold on a small phone
        assert_accessible(tab, context_label="home, 375px")
        no_horizontal_scroll(tab)

        tab.get_by_role("button", name="Use my location").click()
        tab.wait_for_url(re.compile(r"/practitioners/\?"))

        expect(tab.locator(".result-list > li")).to_have_count(1)
        expect(tab.locator(".result-list > li").first).to_contain_text("Near Anyone")


def test_home_search_is_one_row_at_desktop_width(page, live_server):
    page.goto(f"{live_server.url}/")

    tops = [page.locator(selector).bounding_box()["y"] for selector in (
        "#id_condition", "#id_near", ".quick-search button[type=submit]")]

    assert max(tops) - min(tops) < 5
    assert_accessible(page, context_label="home, 1280px")
    no_horizontal_scroll(page)


def test_search_for_either_of_two_insurers_then_change_the_search(page, phone_page,
                                                                   live_server):
    practitioner("Aetna Nearer", lat=30.2500, lng=-97.7600, payer="aetna")
    practitioner("Cigna Further", lat=30.2800, lng=-97.7600, payer="cigna")
    practitioner("Humana Only", lat=30.2510, lng=-97.7610, payer="humana")

    page.goto(f"{live_server.url}/practitioners/")
    page.get_by_label("ZIP code or City, ST").fill("78704")
    page.get_by_text("More filters").click()
    page.get_by_label("Aetna").check()
    page.get_by_label("Cigna").check()
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/practitioners/?*")

    assert parse_qs(urlsplit(page.url).query)["payer"] == ["aetna", "cigna"]
    cards = page.locator(".result-list > li h3 > a")
    expect(cards).to_have_text(["Aetna Nearer", "Cigna Further"])
    form = page.get_by_role("search", name="Find a practitioner")
    expect(form).to_be_hidden()  # folded into the summary
    expect(page.locator(".summary-text")).to_contain_text("near 78704, within 25 miles; 2 filters")
    expect(page.locator(".result-list > li").first.get_by_role(
        "link", name=re.compile(r"^Call "))).to_have_attribute("href", "tel:+15125550100")
    assert_accessible(page, context_label="results for two insurers, 1280px")
    no_horizontal_scroll(page)

    page.get_by_text("Change search").click()
    expect(form).to_be_visible()
    expect(form.get_by_label("Aetna")).to_be_checked()
    expect(form.get_by_label("Humana")).not_to_be_checked()
    assert_accessible(page, context_label="results with the search opened, 1280px")

    phone_page.goto(page.url)
    expect(phone_page.locator(".result-list > li")).to_have_count(2)
    assert_accessible(phone_page, context_label="results for two insurers, 375px")
    no_horizontal_scroll(phone_page)


def test_folded_search_opens_and_searches_again_without_javascript(browser, live_server):
    practitioner("Aetna Nearer", lat=30.2500, lng=-97.7600, payer="aetna")
    # Not a watched context: its policy watch runs script in the page, which hangs here.
    context = browser.new_context(viewport={"width": 375, "height": 812},
                                  java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/practitioners/?near=78704")
        expect(tab.get_by_role("button", name="Use my location")).to_be_hidden()

        tab.get_by_text("Change search").click()
        tab.get_by_label("ZIP code or City, ST").fill("78701")
        tab.get_by_role("button", name="Search", exact=True).click()
        tab.wait_for_url("**near=78701**")

        expect(tab.locator(".summary-text")).to_contain_text("near 78701")
        no_horizontal_scroll(tab)
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "/es"], ids=["en", "es"])
def test_profile_shows_how_to_reach_them_first_on_a_phone(phone_page, live_server, prefix):
    # The contact block (address, phone, map, enquiry) first, then the practical details,
    # then the credentials: at 375 px the phone is on the first screen.
    person = practitioner("Rosa Imai", lat=30.2500, lng=-97.7600)

    phone_page.goto(f"{live_server.url}{prefix}{person.get_absolute_url()}")

    phone = phone_page.get_by_role("link", name="512-555-0100").bounding_box()
    practical = phone_page.locator("#practical-heading").bounding_box()
    credentials = phone_page.locator("#credentials-heading").bounding_box()
    assert phone["y"] < 700, phone
    assert phone["y"] < practical["y"] < credentials["y"]
    expect(phone_page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(phone_page, context_label=f"profile, 375px, {prefix or 'en'}")
    no_horizontal_scroll(phone_page)
