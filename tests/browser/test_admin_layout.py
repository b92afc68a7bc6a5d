"""The staff's credential list at 1280 px, beside the admin's navigation sidebar and its
filters: every column in view, the page and the table itself not scrolling sideways, with
the longest things a row holds (a long name, a kind without an abbreviation, an expiry in
September, a long licence number)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from clinics.models import Credential
from tests.factories import CredentialFactory, PractitionerFactory

from .conftest import DESKTOP_VIEWPORT
from .staff import log_in_as_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

def test_credential_list_fits_1280_px_without_scrolling_sideways(
        live_server, page, django_user_model):
    today = timezone.localdate()
    september = datetime.date(today.year + 1, 9, 30)
    CredentialFactory(
        practitioner=PractitionerFactory(name="Dr. Maximiliana Featherstonehaugh-Villanueva"),
        kind=Credential.Kind.DRY_NEEDLING, number="TX-ACU-2026-0000123456789",
        expires_on=september, next_check_due=september)
    CredentialFactory(kind=Credential.Kind.NCCAOM_OM, status=Credential.Status.SUBMITTED,
                      verified_at=None, number="NCCAOM-000987654")
    CredentialFactory(expires_on=datetime.date(2020, 9, 30))  # "Expired on 30 September 2020"
    assert page.viewport_size == DESKTOP_VIEWPORT
    log_in_as_staff(page, live_server.url, django_user_model)

    changelist = reverse("admin:clinics_credential_changelist")
    for query in ["", "?o=4", "?o=-6"]:  # sorted, a header also shows its sort buttons
        page.goto(f"{live_server.url}{changelist}{query}")
        expect(page.locator("#nav-sidebar")).to_be_visible()  # the widest the list gets
        expect(page.locator("#changelist-filter")).to_be_visible()
        table = page.locator("#result_list")
        expect(table).to_be_visible()
        results = page.locator("#changelist-form .results")
        assert results.evaluate("e => e.scrollWidth <= e.clientWidth"), query
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, query
        last_header = table.locator("thead th").last.bounding_box()
        assert last_header["x"] + last_header["width"] <= (
            page.locator("#changelist-filter").bounding_box()["x"]), query
