"""The Content-Security-Policy in a real browser: it refuses injected script, and the site's
own pages, the "Use my location" button and the admin's widgets all work under it.

Every browser test fails on a CSP violation (tests/browser/security.py); the first test
here shows that the watch does catch one.
"""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CredentialFactory, LocationFactory, PractitionerFactory

from .conftest import DESKTOP_VIEWPORT
from .security import watched_context
from .staff import log_in_as_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AUSTIN = {"latitude": 30.2500, "longitude": -97.7600}


def test_injected_inline_script_is_refused_and_reported(live_server, watched_page):
    page, watch = watched_page
    page.goto(f"{live_server.url}/")

    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
        const styled = document.createElement("p");
        styled.setAttribute("style", "color: red");
        document.body.append(styled);
    }""")

    assert page.evaluate("() => window.injected") is None
    reports = watch.take([page])
    assert [r.split(" | ")[0] for r in reports if r.startswith("violation")] == [
        "violation: script-src-elem", "violation: style-src-attr"]


def test_pages_have_no_inline_code_and_json_ld_still_reads(live_server, page):
    practitioner = PractitionerFactory(name="Rosa Delgado", locations=[LocationFactory()])
    CredentialFactory(practitioner=practitioner)
    condition_page = ArticleFactory()

    for path in ["/", practitioner.get_absolute_url(), condition_page.get_absolute_url(),
                 "/practitioners/?near=78704", "/account/login/"]:
        page.goto(f"{live_server.url}{path}")

        # Leaflet places the map's panes and markers by setting element.style (the CSSOM),
        # which the policy allows, and which shows as style attributes in the map only; a
        # style attribute it wrote as markup would be a violation that fails the test.
        inline = page.evaluate("""() => [
            ...[...document.querySelectorAll("script:not([src])")]
                .filter((s) => s.type !== "application/ld+json").map((s) => s.outerHTML),
            ...[...document.querySelectorAll("style, [style]")]
                .filter((e) => !e.closest(".leaflet-container")).map((e) => e.outerHTML),
        ]""")
        assert inline == [], path
    # The structured data is data, not script: CSP leaves it alone and it still parses.
    blocks = page.locator('script[type="application/ld+json"]')
    page.goto(f"{live_server.url}{practitioner.get_absolute_url()}")
    assert json.loads(blocks.first.text_content())["name"] == "Rosa Delgado"


def test_use_my_location_searches_near_the_visitor(live_server, browser):
    practitioner = PractitionerFactory(name="Rosa Delgado",
                                       locations=[LocationFactory(lat=30.25, lng=-97.76)])
    CredentialFactory(practitioner=practitioner)

    # Geolocation is allowed to the site itself by the Permissions-Policy.
    with watched_context(browser, viewport=DESKTOP_VIEWPORT, geolocation=AUSTIN,
                         permissions=["geolocation"]) as (page, _watch):
        page.goto(f"{live_server.url}/practitioners/")
        page.get_by_role("button", name="Use my location").click()

        page.wait_for_url("**/practitioners/?*lat=30.25*")
        expect(page.locator(".result-list > li")).to_have_count(1)
        expect(page.locator(".result-list > li").first).to_contain_text("Rosa Delgado")


def test_admin_widgets_work_under_the_policy(live_server, page, django_user_model):
    credential = CredentialFactory()
    clinic = credential.practitioner.locations.get().clinic
    log_in_as_staff(page, live_server.url, django_user_model)

    # Prepopulated slug, the two-box many-to-many selector, inline rows, autocomplete.
    page.goto(f"{live_server.url}{reverse('admin:clinics_clinic_add')}")
    page.get_by_label("Name:").press_sequentially("Northside Needle Clinic")
    expect(page.get_by_label("Slug:")).to_have_value("northside-needle-clinic")
    expect(page.locator("#id_payers_from")).to_be_attached()
    page.get_by_role("button", name="Add another Clinic membership").click()
    page.locator("#memberships-0 .select2-selection").click()
    expect(page.locator(".select2-search__field")).to_be_visible()
    page.keyboard.press("Escape")

    # Date shortcuts and the calendar pop-up.
    page.goto(f"{live_server.url}{reverse('admin:clinics_credential_change', args=[credential.pk])}")
    page.locator("#id_issued_on").fill("")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    expect(page.locator("#id_issued_on")).not_to_have_value("")
    page.locator(".datetimeshortcuts .date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()

    # The change history (django-simple-history's page) and the moderation changelist.
    page.goto(f"{live_server.url}{reverse('admin:clinics_clinic_history', args=[clinic.pk])}")
    expect(page.locator("#content h1")).to_contain_text("Change history")
    page.goto(f"{live_server.url}{reverse('admin:clinics_credential_changelist')}")
    expect(page.locator("#result_list")).to_be_visible()
