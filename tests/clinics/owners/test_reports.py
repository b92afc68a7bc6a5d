"""Reports of wrong information: a staff queue, the owners are told, staff close them."""

import pytest
from django.contrib.admin import helpers
from django.test import Client
from django.urls import reverse

from clinics.owners.models import ListingReport
from tests.factories import ClinicFactory, ListingReportFactory

pytestmark = pytest.mark.django_db


def report_url(clinic):
    return reverse("owners:clinic-report", args=[clinic.slug])


def test_report_reaches_staff_queue_and_owner_is_emailed(listing, staff_client, mailoutbox):
    visitor = Client()

    response = visitor.post(report_url(listing.clinic), {
        "reason": "wrong_phone", "details": "It rings a bakery.",
        "reporter_email": "visitor@example.net"})

    report = ListingReport.objects.get()
    index = staff_client.get(reverse("admin:index")).content.decode()
    queue = staff_client.get(reverse("admin:owners_listingreport_changelist")
                             + "?status__exact=open").content.decode()
    assert response.status_code == 302
    assert response["Location"] == listing.clinic.get_absolute_url()
    assert (report.clinic, report.reason, report.status) == (listing.clinic, "wrong_phone", "open")
    assert '<td class="queue-count" data-queue="reports-of-wrong-information">1</td>' in index
    assert "It rings a bakery." in queue
    assert [m.to for m in mailoutbox] == [["owner@example.org"]]
    assert "It rings a bakery." in mailoutbox[0].body
    assert "visitor@example.net" not in mailoutbox[0].body


def test_report_about_a_practitioner_names_them(client, listing, mailoutbox):
    url = reverse("owners:practitioner-report", args=[listing.practitioner.slug])

    client.post(url, {"reason": "not_licensed", "details": ""})

    report = ListingReport.objects.get()
    assert (report.clinic, report.practitioner, report.reason) == (
        listing.clinic, listing.practitioner, "not_licensed")
    assert "(Rosa Imai)" in mailoutbox[0].body


def test_report_links_are_on_clinic_and_profile_pages(client, listing):
    clinic_page = client.get(listing.clinic.get_absolute_url()).content.decode()
    profile = client.get(listing.practitioner.get_absolute_url()).content.decode()

    assert f'href="{report_url(listing.clinic)}"' in clinic_page
    assert 'href="/practitioners/rosa-imai/report/"' in profile


def test_report_of_something_else_needs_details(client, listing):
    response = client.post(report_url(listing.clinic), {"reason": "other", "details": " "})

    assert response.status_code == 200
    assert "Tell us what is wrong." in response.content.decode()
    assert ListingReport.objects.count() == 0


def test_report_for_unclaimed_clinic_is_saved_without_email(client, mailoutbox):
    clinic = ClinicFactory()

    client.post(report_url(clinic), {"reason": "closed"})

    assert ListingReport.objects.get().clinic == clinic
    assert mailoutbox == []


def test_report_honeypot_saves_nothing(client, listing):
    response = client.post(report_url(listing.clinic), {"reason": "closed",
                                                         "homepage": "buy pills"})

    assert response.status_code == 302
    assert ListingReport.objects.count() == 0


def test_report_sixth_in_an_hour_is_refused(client, listing):
    statuses = [client.post(report_url(listing.clinic), {"reason": "closed"}).status_code
                for _ in range(6)]

    assert statuses == [302, 302, 302, 302, 302, 429]
    assert ListingReport.objects.count() == 5


def test_open_report_is_shown_on_the_owners_page(listing):
    ListingReportFactory(clinic=listing.clinic, details="The number rings a pizza place.")
    ListingReportFactory(clinic=listing.clinic, status="dismissed", details="Old news.")
    owner = Client()
    owner.force_login(listing.owner)

    html = owner.get(reverse("owners:clinic", args=[listing.clinic.pk])).content.decode()

    assert "The number rings a pizza place." in html
    assert "Old news." not in html


@pytest.mark.parametrize(("action", "status"), [("resolve", "resolved"),
                                                ("dismiss", "dismissed")])
def test_staff_close_report_with_note(staff_client, staff_user, action, status):
    report = ListingReportFactory()

    staff_client.post(reverse("admin:owners_listingreport_changelist"), {
        "action": action, helpers.ACTION_CHECKBOX_NAME: [report.pk], "apply": "1",
        "note": "Called the clinic."})

    report.refresh_from_db()
    assert (report.status, report.handled_by, report.staff_note) == (
        status, staff_user, "Called the clinic.")
    assert ListingReport.objects.open().count() == 0
