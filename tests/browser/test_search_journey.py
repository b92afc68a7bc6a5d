"""A patient searches by ZIP with two filters, opens a profile and sees the licence check."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import CredentialFactory, LocationFactory, PractitionerFactory

from .axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def make_practitioners():
    near = LocationFactory(lat=30.2500, lng=-97.7600)
    match = PractitionerFactory(name="Rosa Delgado", locations=[near], accepting_new_patients=True,
                                telehealth=True)
    CredentialFactory(practitioner=match, source="Texas Medical Board online licence lookup")
    other = PractitionerFactory(name="Ivan Petrov", locations=[LocationFactory()],
                                accepting_new_patients=True, telehealth=False)
    CredentialFactory(practitioner=other)
    return match


def search_with_two_filters(page, live_server):
    page.goto(f"{live_server.url}/practitioners/")
    page.get_by_label("ZIP code or City, ST").fill("78704")
    page.get_by_text("More filters").click()
    page.get_by_label("Accepting new patients").check()
    page.get_by_label("Telehealth follow-ups").check()
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/practitioners/?*")


def test_patient_search_by_zip_with_filters_reaches_verified_profile(page, live_server):
    make_practitioners()

    search_with_two_filters(page, live_server)

    results = page.locator(".result-list > li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Rosa Delgado")
    expect(results.first).to_contain_text("miles")
    assert "accepting=1" in page.url and "telehealth=1" in page.url and "near=78704" in page.url
    assert_accessible(page, context_label="search results, desktop")

    page.get_by_role("link", name="Rosa Delgado", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rosa Delgado")
    expect(page.locator(".credential-list")).to_contain_text(
        "Texas Medical Board online licence lookup")
    expect(page.locator(".credential-list")).to_contain_text(re.compile(r"Checked with .+ on "))
    assert_accessible(page, context_label="profile, desktop")


def test_results_and_profile_pass_axe_on_a_phone(phone_page, live_server):
    match = make_practitioners()

    search_with_two_filters(phone_page, live_server)
    expect(phone_page.locator(".result-list > li")).to_have_count(1)
    assert_accessible(phone_page, context_label="search results, 375 px")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375

    phone_page.goto(f"{live_server.url}{match.get_absolute_url()}")
    assert_accessible(phone_page, context_label="profile, 375 px")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
