"""A reader goes from the conditions index to a condition page, then to practitioners nearby."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from articles.demo import load_demo_articles

from .axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_condition_page_journey_ends_on_practitioner_search_for_that_condition(
    live_server, page, phone_page
):
    load_demo_articles()

    # The index, searched with a lay name, and the condition page, at desktop and phone width.
    for tab, label in ((page, "1280px"), (phone_page, "375px phone")):
        tab.goto(f"{live_server.url}/conditions/")
        expect(tab.locator("h1")).to_have_count(1)
        assert_accessible(tab, context_label=f"conditions index, {label}")

    page.get_by_label("Search conditions").fill("fibro")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{live_server.url}/conditions/?q=fibro")
    page.get_by_role("link", name="Fibromyalgia and acupuncture").click()

    expect(page).to_have_url(f"{live_server.url}/conditions/fibromyalgia/")
    expect(page.locator("h1")).to_have_text("Fibromyalgia and acupuncture")
    assert_accessible(page, context_label="fibromyalgia page, 1280px")
    phone_page.goto(f"{live_server.url}/conditions/fibromyalgia/")
    assert_accessible(phone_page, context_label="fibromyalgia page, 375px phone")

    # One step to practitioners nearby: the ZIP, the default radius, the condition.
    page.get_by_label("ZIP code or City, ST").fill("78704")
    page.get_by_role("button", name="Find practitioners").click()
    page.wait_for_url(re.compile(r"/practitioners/\?"))

    url = urlsplit(page.url)
    assert url.path == "/practitioners/"
    assert parse_qs(url.query) == {
        "condition": ["fibromyalgia"], "near": ["78704"], "radius": ["25"]}
    assert url.query == "condition=fibromyalgia&near=78704&radius=25"


def test_condition_page_overdue_for_review_shows_its_dates_and_recheck_notice(
    live_server, page, phone_page
):
    load_demo_articles()  # the Hashimoto's page is due for review in the demo

    for tab, label in ((page, "1280px"), (phone_page, "375px phone")):
        tab.goto(f"{live_server.url}/conditions/hashimotos-thyroiditis/")
        expect(tab.locator(".byline")).to_contain_text("Last reviewed October 20, 2026.")
        expect(tab.locator(".byline")).to_contain_text("Next review due November 20, 2026.")
        expect(tab.locator(".review-due")).to_contain_text("We are re-checking this page.")
        expect(tab.locator(".disclosure")).to_contain_text("Listings are free")
        assert_accessible(tab, context_label=f"page due for review, {label}")
