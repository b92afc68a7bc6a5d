"""Patient contact requests: saved with their email queued, spam-guarded, an inbox."""

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from clinics.owners.models import ContactRequest
from tests.factories import (
    ClinicFactory,
    ContactRequestFactory,
    LocationFactory,
    MembershipFactory,
    PractitionerFactory,
)

pytestmark = pytest.mark.django_db

REQUEST = {"name": "Jo Patient", "email": "jo@example.net", "phone": "",
           "preferred_contact": "email", "message": "Do you treat fibromyalgia?",
           "consent": "on"}


class BrokenEmailBackend(BaseEmailBackend):
    """Stands in for an SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def contact_url(clinic):
    return reverse("visitors:clinic-contact", args=[clinic.slug])


def send(client, clinic, extra=None, **changes):
    return client.post(contact_url(clinic), {"clinic": clinic.pk, **REQUEST, **changes},
                       **(extra or {}))


def test_contact_request_is_saved_and_members_emailed_without_the_message(
    client, listing, mailoutbox
):
    MembershipFactory(clinic=listing.clinic, user__email="manager@example.org")

    response = send(client, listing.clinic)

    contact_request = ContactRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == listing.clinic.get_absolute_url()
    assert (contact_request.name, contact_request.status, contact_request.email_status,
            contact_request.email_attempts) == ("Jo Patient", "new", "sent", 1)
    assert [sorted(m.to) for m in mailoutbox] == [["manager@example.org", "owner@example.org"],
                                                  ["jo@example.net"]]
    assert "fibromyalgia" not in mailoutbox[0].body
    assert f"/account/clinics/{listing.clinic.pk}/inbox/{contact_request.pk}/" in (
        mailoutbox[0].body)


def test_contact_request_sends_the_patient_a_receipt_without_what_they_wrote(
    client, listing, mailoutbox
):
    send(client, listing.clinic, name="Jo Fibro", message="My fibromyalgia flares at night.",
         preferred_contact="phone", phone="512-555-0123")

    receipt = mailoutbox[-1]
    assert receipt.to == ["jo@example.net"]
    assert receipt.subject == "We passed your message to Eastside Needle Clinic"
    assert "you wrote to Eastside Needle Clinic" in receipt.body
    assert "reply to you directly, by phone" in receipt.body
    assert listing.clinic.get_absolute_url() in receipt.body
    for said in ("fibromyalgia", "flares", "Jo Fibro", "512-555-0123"):
        assert said.lower() not in (receipt.subject + receipt.body).lower()


def test_contact_request_with_phone_only_sends_no_receipt(client, listing, mailoutbox):
    send(client, listing.clinic, email="", phone="512-555-0123", preferred_contact="phone")

    assert ContactRequest.objects.count() == 1
    assert [m.to for m in mailoutbox] == [["owner@example.org"]]


def test_contact_request_is_kept_when_email_fails(client, listing, settings, mailoutbox):
    # Retries with backoff through the worker: tests/directory/test_tasks.py.
    settings.EMAIL_BACKEND = "tests.clinics.owners.test_contact.BrokenEmailBackend"

    response = send(client, listing.clinic)

    failed = ContactRequest.objects.get()
    assert response.status_code == 302
    assert (failed.email_status, failed.email_attempts) == ("pending", 1)
    assert failed.email_last_error == "ConnectionRefusedError: SMTP server unreachable"
    assert mailoutbox == []


def test_contact_request_needs_email_or_phone_and_consent(client, listing):
    response = send(client, listing.clinic, email="", consent="")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Give an email address or a phone number" in html
    assert "We can only pass on your message with your consent." in html
    assert ContactRequest.objects.count() == 0


def test_contact_request_by_phone_needs_a_phone_number(client, listing):
    response = send(client, listing.clinic, preferred_contact="phone")

    assert "You asked for a reply by phone" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_sixth_request_in_an_hour_from_one_address_is_refused(client, listing, mailoutbox):
    statuses = [send(client, listing.clinic).status_code for _ in range(6)]
    from_elsewhere = send(client, listing.clinic, extra={"REMOTE_ADDR": "10.7.7.7"})

    blocked = send(client, listing.clinic)
    assert statuses == [302, 302, 302, 302, 302, 429]
    assert "Please try again later" in blocked.content.decode()
    assert from_elsewhere.status_code == 302
    assert ContactRequest.objects.count() == 6


def test_honeypot_hit_saves_nothing_but_looks_sent(client, listing, mailoutbox):
    response = send(client, listing.clinic, homepage="http://spam.example")
    page = client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert "Your message was sent" in page
    assert ContactRequest.objects.count() == 0
    assert mailoutbox == []


def test_contact_form_is_on_clinic_page_with_privacy_notice_and_hidden_honeypot(client, listing):
    html = client.get(listing.clinic.get_absolute_url()).content.decode()

    assert f'action="{contact_url(listing.clinic)}"' in html
    assert "Please do not include detailed medical information." in html
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="homepage"' in html and 'tabindex="-1"' in html


def test_unclaimed_clinic_page_has_no_contact_form(client):
    clinic = ClinicFactory()

    html = client.get(clinic.get_absolute_url()).content.decode()
    response = client.get(contact_url(clinic))

    assert "does not take messages through the directory yet" in html
    assert response.status_code == 302


def test_profile_contact_lets_patient_choose_among_claimed_clinics(client, listing, mailoutbox):
    second = ClinicFactory(name="Westside Clinic")
    MembershipFactory(clinic=second)
    listing.practitioner.locations.add(LocationFactory(clinic=second))
    ClinicFactory(name="Unclaimed Clinic")
    url = reverse("visitors:practitioner-contact", args=[listing.practitioner.slug])

    page = client.get(listing.practitioner.get_absolute_url()).content.decode()
    response = client.post(url, {**REQUEST, "clinic": second.pk})

    contact_request = ContactRequest.objects.get()
    assert '<select name="clinic"' in page
    assert response["Location"] == listing.practitioner.get_absolute_url()
    assert (contact_request.clinic, contact_request.practitioner) == (second,
                                                                      listing.practitioner)


def test_profile_contact_refuses_a_clinic_the_practitioner_does_not_work_at(client, listing):
    stranger = ClinicFactory()
    MembershipFactory(clinic=stranger)
    url = reverse("visitors:practitioner-contact", args=[listing.practitioner.slug])

    response = client.post(url, {**REQUEST, "clinic": stranger.pk})

    assert response.status_code == 200
    assert ContactRequest.objects.count() == 0


# The owner's inbox


@pytest.fixture
def owner_client(listing):
    client = Client()
    client.force_login(listing.owner)
    return client


def test_inbox_lists_requests_and_opening_one_marks_it_read(owner_client, listing):
    contact_request = ContactRequestFactory(clinic=listing.clinic, name="Jo Patient")
    ContactRequestFactory()  # another clinic's

    inbox = owner_client.get(reverse("owners:inbox", args=[listing.clinic.pk]))
    detail = owner_client.get(
        reverse("owners:inbox-detail", args=[listing.clinic.pk, contact_request.pk]))

    contact_request.refresh_from_db()
    assert [r.name for r in inbox.context["object_list"]] == ["Jo Patient"]
    assert "Do you have appointments on Saturdays?" in detail.content.decode()
    assert contact_request.status == "read"


def test_inbox_marks_request_replied(owner_client, listing):
    contact_request = ContactRequestFactory(clinic=listing.clinic, status="read")

    owner_client.post(reverse("owners:inbox-detail",
                              args=[listing.clinic.pk, contact_request.pk]), {"status": "replied"})

    contact_request.refresh_from_db()
    assert contact_request.status == "replied"


def test_inbox_request_of_another_clinic_is_404(owner_client, listing):
    foreign = ContactRequestFactory()

    response = owner_client.get(
        reverse("owners:inbox-detail", args=[listing.clinic.pk, foreign.pk]))

    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.status == "new"


@pytest.mark.parametrize("rows", [1, 5])
def test_inbox_query_count_is_fixed(owner_client, listing, django_assert_num_queries, rows):
    practitioner = PractitionerFactory(locations=[listing.location])
    for _ in range(rows):
        ContactRequestFactory(clinic=listing.clinic, practitioner=practitioner)

    # session, user, membership check with clinic, count, page of requests
    with django_assert_num_queries(5):
        response = owner_client.get(reverse("owners:inbox", args=[listing.clinic.pk]))

    assert response.status_code == 200
