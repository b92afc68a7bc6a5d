"""Reports of wrong information: a staff queue, the owners are told, staff decide each with a
reason, and a reporter who left an email is told the outcome."""

import pytest
from django.conf import settings
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from clinics.owners import services
from clinics.owners.models import ListingReport
from directory import mail
from tests.factories import ClinicFactory, ListingReportFactory

pytestmark = pytest.mark.django_db


def report_url(clinic):
    return reverse("visitors:clinic-report", args=[clinic.slug])


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
    url = reverse("visitors:practitioner-report", args=[listing.practitioner.slug])

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


def decide(staff_client, reports, action, reason="Called the clinic; the number rings them."):
    return staff_client.post(reverse("admin:owners_listingreport_changelist"), {
        "action": action, helpers.ACTION_CHECKBOX_NAME: [r.pk for r in reports],
        "apply": "1", "reason": reason})


@pytest.mark.parametrize(("action", "status", "told"), [
    ("confirm_wrong", "resolved", "you were right: the listing was wrong"),
    ("was_correct", "dismissed", "the listing was correct as it stood"),
])
def test_staff_decide_report_with_reason_and_reporter_is_told(
        staff_client, staff_user, mailoutbox, action, status, told):
    report = ListingReportFactory(reporter_email="visitor@example.net")

    decide(staff_client, [report], action)

    report.refresh_from_db()
    assert (report.status, report.handled_by, report.staff_note) == (
        status, staff_user, "Called the clinic; the number rings them.")
    assert report.reporter_told_at == report.handled_at
    assert [m.to for m in mailoutbox] == [["visitor@example.net"]]
    body = " ".join(mailoutbox[0].body.split())
    assert told in body
    assert "Called the clinic" not in body  # the staff reason stays with staff
    assert ListingReport.objects.open().count() == 0


def test_report_decision_without_reason_changes_nothing(staff_client, mailoutbox):
    report = ListingReportFactory(reporter_email="visitor@example.net")

    response = decide(staff_client, [report], "confirm_wrong", reason="")

    report.refresh_from_db()
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert (report.status, report.handled_at, mailoutbox) == ("open", None, [])


def test_close_report_service_refuses_blank_reason(staff_user):
    report = ListingReportFactory()

    with pytest.raises(ValidationError):
        services.close_report(report=report, by=staff_user, status="resolved", reason=" ")

    report.refresh_from_db()
    assert report.status == "open"


def test_report_without_email_is_decided_without_any_email(staff_client, mailoutbox):
    report = ListingReportFactory(reporter_email="")

    decide(staff_client, [report], "was_correct")

    report.refresh_from_db()
    assert (report.status, report.reporter_told_at, mailoutbox) == ("dismissed", None, [])


def test_report_decided_twice_tells_the_reporter_once(staff_user, mailoutbox):
    report = ListingReportFactory(reporter_email="visitor@example.net")
    services.close_report(report=report, by=staff_user, status="resolved", reason="Fixed.")

    with pytest.raises(ValidationError, match="already decided"):
        services.close_report(report=report, by=staff_user, status="dismissed",
                              reason="Changed my mind.")

    report.refresh_from_db()
    assert (report.status, len(mailoutbox)) == ("resolved", 1)


def test_owner_cannot_decide_reports(listing, mailoutbox):
    report = ListingReportFactory(clinic=listing.clinic, reporter_email="v@example.net")
    owner = Client()
    owner.force_login(listing.owner)

    response = decide(owner, [report], "was_correct")

    report.refresh_from_db()
    assert response.status_code == 302  # to the admin login
    assert (report.status, mailoutbox) == ("open", [])


def test_outcome_email_that_fails_is_queued_for_retry(staff_user, monkeypatch, mailoutbox):
    report = ListingReportFactory(reporter_email="visitor@example.net")
    retried = []

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr(mail, "send_mail", refuse)
    monkeypatch.setattr(mail.tasks, "retry_later",
                        lambda task, **kwargs: retried.append(kwargs))

    services.close_report(report=report, by=staff_user, status="resolved", reason="Fixed.")

    report.refresh_from_db()
    assert report.status == "resolved"  # the decision stands whatever the mail does
    assert [(r["to"], r["attempt"]) for r in retried] == [(["visitor@example.net"], 1)]


# --- The outcome email, in the reporter's language -----------------------------------------

@pytest.mark.parametrize(("language", "path"), [("en", "/clinics/eastside-needle-clinic/report/"),
                                                ("es", "/es/clinics/eastside-needle-clinic/report/")])
def test_report_keeps_the_language_of_the_page_it_was_sent_from(client, listing, language,
                                                                 path):
    with translation.override(language):
        assert report_url(listing.clinic) == path

    client.post(path, {"reason": "wrong_phone", "details": "",
                       "reporter_email": "visitor@example.net"})

    assert ListingReport.objects.get().language == language


def test_outcome_email_to_a_spanish_reporter_is_in_spanish_with_the_spanish_link(
        client, listing, staff_user, mailoutbox):
    client.post(reverse("visitors:practitioner-report", args=[listing.practitioner.slug])
                .replace("/practitioners/", "/es/practitioners/", 1),
                {"reason": "wrong_phone", "details": "", "reporter_email": "visitor@example.net"})
    mailoutbox.clear()  # the owners' notice

    services.close_report(report=ListingReport.objects.get(), by=staff_user,
                          status="resolved", reason="Called the clinic.")

    [email] = mailoutbox
    body = " ".join(email.body.split())
    assert email.subject == "Lo que encontramos sobre la ficha de Eastside Needle Clinic"
    assert body.startswith(
        "Hola: Gracias por avisarnos de que algo en la ficha de Eastside Needle Clinic "
        "(Rosa Imai) podría estar mal. Nos dijo: el número de teléfono es incorrecto.")
    assert "Lo comprobamos y tenía razón: la ficha estaba mal." in body
    assert f"{settings.SITE_URL}/es/practitioners/rosa-imai/" in body.split()
    assert "listing" not in body


def test_outcome_email_to_an_english_reporter_stays_in_english(staff_user, mailoutbox):
    report = ListingReportFactory(reporter_email="visitor@example.net")

    with translation.override("es"):  # whatever the staff member's browser asks for
        services.close_report(report=report, by=staff_user, status="dismissed",
                              reason="Checked.")

    [email] = mailoutbox
    body = " ".join(email.body.split())
    assert email.subject == f"What we found about {report.clinic.name}'s listing"
    assert body.startswith(f"Hello, Thank you for telling us that something on "
                           f"{report.clinic.name}'s listing might be wrong. You told us: ")
    assert "the listing was correct as it stood" in body
    assert f"{settings.SITE_URL}{report.clinic.get_absolute_url()}" in body.split()
