"""Claiming an existing listing, staff decisions, and inviting colleagues."""

import re

import pytest
from django.contrib.admin import helpers
from django.test import Client
from django.urls import reverse

from clinics.models import ClinicMembership
from clinics.owners.models import ClinicClaim, Invitation
from tests.factories import ClinicClaimFactory, ClinicFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIM = {"role": "owner", "work_email": "front@eastside.example", "callback_phone": "512-555-0142",
         "note": "I am the clinic's director."}


def claim_url(clinic):
    return reverse("owners:clinic-claim", args=[clinic.slug])


def run_admin_action(client, model, action, objects, **data):
    return client.post(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"), {
        "action": action, helpers.ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], **data})


def test_claim_link_is_on_the_clinic_page(client):
    clinic = ClinicFactory()

    html = client.get(clinic.get_absolute_url()).content.decode()

    assert f'href="{claim_url(clinic)}"' in html


def test_claim_by_anonymous_visitor_redirects_to_login(client):
    clinic = ClinicFactory()

    response = client.get(claim_url(clinic))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={claim_url(clinic)}"


def test_claim_submitted_waits_for_staff(staff_client, mailoutbox):
    clinic = ClinicFactory()
    user = UserFactory()
    client = Client()
    client.force_login(user)

    response = client.post(claim_url(clinic), CLAIM)

    claim = ClinicClaim.objects.get()
    index = staff_client.get(reverse("admin:index")).content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("owners:dashboard")
    assert (claim.clinic, claim.user, claim.status, claim.callback_phone) == (
        clinic, user, "pending", "512-555-0142")
    assert ClinicMembership.objects.count() == 0
    assert '<td class="queue-count" data-queue="claims-to-decide">1</td>' in index


def test_claim_with_bad_phone_shows_field_error(client):
    client.force_login(UserFactory())

    response = client.post(claim_url(ClinicFactory()), {**CLAIM, "callback_phone": "call me"})

    assert response.status_code == 200
    assert "Enter a phone number of 7 to 15 digits" in response.content.decode()
    assert ClinicClaim.objects.count() == 0


def test_claim_while_one_is_pending_shows_it_instead_of_the_form(client):
    claim = ClinicClaimFactory()
    client.force_login(claim.user)

    page = client.get(claim_url(claim.clinic)).content.decode()
    again = client.post(claim_url(claim.clinic), CLAIM)

    assert "Our staff will check and email you" in page
    assert again.status_code == 200
    assert ClinicClaim.objects.count() == 1


def test_claim_for_unpublished_clinic_is_404(client):
    client.force_login(UserFactory())

    response = client.get(claim_url(ClinicFactory(status="pending")))

    assert response.status_code == 404


def test_claim_approved_in_admin_creates_membership_and_emails_claimant(
    staff_client, staff_user, mailoutbox
):
    claim = ClinicClaimFactory(role="manager")

    response = run_admin_action(staff_client, ClinicClaim, "approve", [claim])

    claim.refresh_from_db()
    membership = ClinicMembership.objects.get()
    assert response.status_code == 302
    assert (claim.status, claim.decided_by) == ("approved", staff_user)
    assert (membership.user, membership.clinic, membership.role) == (
        claim.user, claim.clinic, "manager")
    assert membership.history.get().history_user == staff_user
    assert [m.subject for m in mailoutbox] == [f"You can now manage {claim.clinic.name}"]


def test_claim_rejected_in_admin_needs_reason_and_tells_claimant(staff_client, mailoutbox):
    claim = ClinicClaimFactory()

    form = run_admin_action(staff_client, ClinicClaim, "reject", [claim])
    blank = run_admin_action(staff_client, ClinicClaim, "reject", [claim], apply="1",
                             reason="")
    claim.refresh_from_db()
    status_after_blank = claim.status
    run_admin_action(staff_client, ClinicClaim, "reject", [claim], apply="1",
                     reason="The clinic told us you do not work there.")

    claim.refresh_from_db()
    assert form.status_code == blank.status_code == 200
    assert status_after_blank == "pending"
    assert (claim.status, claim.rejection_reason) == (
        "rejected", "The clinic told us you do not work there.")
    assert ClinicMembership.objects.count() == 0
    assert "The clinic told us you do not work there." in mailoutbox[0].body


def test_claim_decided_twice_is_refused(staff_client, mailoutbox):
    claim = ClinicClaimFactory(status="rejected", rejection_reason="No.")

    run_admin_action(staff_client, ClinicClaim, "approve", [claim])

    claim.refresh_from_db()
    assert claim.status == "rejected"
    assert ClinicMembership.objects.count() == 0


def test_dashboard_shows_claim_and_its_rejection_reason(client):
    claim = ClinicClaimFactory(status="rejected", rejection_reason="We could not reach you.")
    client.force_login(claim.user)

    html = client.get(reverse("owners:dashboard")).content.decode()

    assert claim.clinic.name in html
    assert "We could not reach you." in html


# Invitations


def invite(client, clinic, email="colleague@example.org", role="manager"):
    return client.post(reverse("owners:invite", args=[clinic.pk]),
                       {"email": email, "role": role})


def test_invitation_accepted_by_invited_address_creates_membership(client, listing, mailoutbox):
    colleague = UserFactory(username="colleague@example.org", email="colleague@example.org")
    client.force_login(listing.owner)

    invite(client, listing.clinic, email="Colleague@example.org")
    path = re.search(r"https?://[^/\s]+(/account/invitations/\S+)", mailoutbox[0].body).group(1)
    client.force_login(colleague)
    page = client.get(path)
    response = client.post(path)
    reuse = client.post(path)

    invitation = Invitation.objects.get()
    assert "Join Eastside Needle Clinic" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("owners:clinic", args=[listing.clinic.pk])
    assert ClinicMembership.objects.get(user=colleague).role == "manager"
    assert (invitation.accepted_by, invitation.email) == (colleague, "colleague@example.org")
    assert "This invitation no longer works" in reuse.content.decode()


def test_invitation_opened_by_another_account_is_refused(client, listing, mailoutbox):
    client.force_login(listing.owner)
    invite(client, listing.clinic)
    path = re.search(r"https?://[^/\s]+(/account/invitations/\S+)", mailoutbox[0].body).group(1)
    stranger = UserFactory()
    client.force_login(stranger)

    response = client.post(path)

    assert "This invitation is for colleague@example.org" in response.content.decode()
    assert not ClinicMembership.objects.filter(user=stranger).exists()


def test_invitation_with_forged_token_is_refused(client, listing):
    client.force_login(UserFactory())

    response = client.post(reverse("owners:accept-invitation", args=["forged:token"]))

    assert "This invitation no longer works" in response.content.decode()


def test_invitation_by_a_manager_is_404(client, listing, mailoutbox):
    manager = MembershipFactory(clinic=listing.clinic, role="manager").user
    client.force_login(manager)

    response = invite(client, listing.clinic)

    assert response.status_code == 404
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_invitation_for_existing_member_is_a_field_error(client, listing):
    client.force_login(listing.owner)

    response = invite(client, listing.clinic, email=listing.owner.email)

    assert response.status_code == 200
    assert "already manages the clinic" in response.content.decode()
