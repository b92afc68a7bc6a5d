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


def test_conditions_index_is_a_compact_list_with_each_page_once(live_server, page, phone_page,
                                                                browser):
    load_demo_articles()

    # Before #14 the index repeated pages under each specialty and ran to ~5,500 px at 375.
    for tab, label, width, tallest in ((page, "1280px", 1280, 1800), (phone_page, "375px", 375, 3000)):
        tab.goto(f"{live_server.url}/conditions/")
        expect(tab.locator("h1")).to_have_count(1)
        expect(tab.get_by_role("main")).to_have_count(1)
        expect(tab.get_by_role("navigation", name="Specialties on this page")).to_be_visible()
        expect(tab.get_by_role("searchbox", name="Search conditions")).to_be_visible()
        assert_accessible(tab, context_label=f"conditions index, {label}")
        tab.goto(f"{live_server.url}/conditions/autoimmune-disease/")
        assert_accessible(tab, context_label=f"autoimmune disease page, {label}")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, label
        tab.goto(f"{live_server.url}/conditions/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, label
        assert tab.evaluate("document.documentElement.scrollHeight") < tallest, label
        hrefs = tab.locator(".condition-index h3 a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))")
        assert len(hrefs) == len(set(hrefs)) == 13, label  # 13 condition pages

    # The jump list and the "also in this group" link lead to the one row for a page.
    phone_page.get_by_role("link", name="Neurological", exact=True).click()
    expect(phone_page).to_have_url(re.compile(r"#specialty-neurological$"))
    phone_page.get_by_role("link", name="Multiple sclerosis", exact=True).click()
    expect(phone_page).to_have_url(re.compile(r"#page-multiple-sclerosis$"))
    expect(phone_page.locator("#page-multiple-sclerosis .tag")).to_have_text(
        ["Autoimmune", "Neurological"])


def test_conditions_search_for_autoimmune_works_without_javascript(live_server, browser):
    # axe needs JavaScript, so it runs on these pages in the test above and the one below.
    load_demo_articles()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/conditions/")
        tab.get_by_label("Search conditions").fill("autoimmune")
        tab.get_by_role("button", name="Search").click()

        expect(tab).to_have_url(f"{live_server.url}/conditions/?q=autoimmune")
        links = tab.locator(".condition-index h3 a")
        expect(links.first).to_have_text("Autoimmune disease and acupuncture")
        links.first.click()
        expect(tab.locator("h1")).to_have_text("Autoimmune disease and acupuncture")
        for name in ("Rheumatoid arthritis", "Multiple sclerosis", "Dermatomyositis"):
            expect(tab.locator("main").get_by_role("link", name=name, exact=True)).to_be_visible()
    finally:
        context.close()
def test_condition_page_overdue_for_review_shows_its_dates_and_recheck_notice(
    live_server, page, phone_page
):
    load_demo_articles()  # the Hashimoto's page is due for review in the demo

    for tab, label in ((page, "1280px"), (phone_page, "375px phone")):
        tab.goto(f"{live_server.url}/conditions/hashimotos-thyroiditis/")
        expect(tab.locator(".byline")).to_contain_text("Last reviewed 20 October 2026.")
        expect(tab.locator(".byline")).to_contain_text("Next review due 20 November 2026.")
        expect(tab.locator(".review-due")).to_contain_text("We are re-checking this page.")
        expect(tab.locator(".disclosure")).to_contain_text("Listings are free")
        assert_accessible(tab, context_label=f"page due for review, {label}")
