"""Owner-written text passes the editorial checks before it goes live: text that trips one
waits in the owner-edits queue until staff accept it (with a reason) or reject it, and the
owner sees why. Driven through the owner's real edit forms."""

import pytest
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from clinics.models import Clinic, Practitioner
from clinics.owners import services
from clinics.owners.models import OwnerEdit
from tests.clinics.owners.test_listings import practitioner_data

pytestmark = pytest.mark.django_db

BAD = "We guarantee results and cure fibromyalgia! Call 512-555-0199, book now."
CLEAN = "A small clinic near the river. We treat chronic pain alongside the care of your doctors."


def owner_client(listing):
    client = Client()
    client.force_login(listing.owner)
    return client


def edit_description(client, listing, text):
    clinic = listing.clinic
    return client.post(reverse("owners:clinic-edit", args=[clinic.pk]), {
        "name": clinic.name, "phone": clinic.phone, "email": clinic.email,
        "description": text}, follow=True)


def run_edit_action(staff_client, action, edits, **data):
    return staff_client.post(reverse("admin:owners_owneredit_changelist"), {
        "action": action, helpers.ACTION_CHECKBOX_NAME: [e.pk for e in edits], **data})


@pytest.mark.parametrize("text", [
    "Our needling cures migraines for good.",
    "Questions? Call (512) 555-0199 any time.",
    "Stock up on moxa sticks at https://shop.example.com/moxa before your visit.",
    "Join our WhatsApp community for daily tips.",
    "Numerous studies have shown acupuncture beats painkillers.",
    "Read our success stories from happy patients.",
])
def test_flagged_description_is_never_live_before_a_staff_decision(client, listing, text):
    owner = owner_client(listing)

    response = edit_description(owner, listing, text)

    public = client.get(listing.clinic.get_absolute_url()).content.decode()
    edit = OwnerEdit.objects.get()
    assert response.status_code == 200
    assert Clinic.objects.get().description == ""
    assert text not in public
    assert (edit.text_status, edit.held_text) == ("held", {"description": text})
    assert "Your text is not published yet" in response.content.decode()


def test_clean_description_goes_live_at_once(client, listing):
    edit_description(owner_client(listing), listing, CLEAN)

    public = client.get(listing.clinic.get_absolute_url()).content.decode()
    assert CLEAN in public
    assert OwnerEdit.objects.get().text_status == ""


def test_honest_negated_wording_needs_no_review(listing):
    honest = "There is no cure for fibromyalgia, and no one can guarantee results."

    edit_description(owner_client(listing), listing, honest)

    assert Clinic.objects.get().description == honest


def test_held_text_keeps_the_previous_description_live(client, listing):
    owner = owner_client(listing)
    edit_description(owner, listing, CLEAN)

    edit_description(owner, listing, BAD)

    assert Clinic.objects.get().description == CLEAN
    assert BAD not in client.get(listing.clinic.get_absolute_url()).content.decode()


def test_owner_sees_the_held_text_and_its_warnings(listing):
    owner = owner_client(listing)
    edit_description(owner, listing, BAD)

    page = owner.get(reverse("owners:clinic", args=[listing.clinic.pk])).content.decode()

    assert "Text waiting for our review" in page
    assert "Cure, guarantee or miracle claim" in page
    assert "Phone number in the text" in page


def test_other_owner_does_not_see_the_held_text(listing, other_owner):
    edit_description(owner_client(listing), listing, BAD)
    other = Client()
    other.force_login(other_owner)

    response = other.get(reverse("owners:clinic", args=[listing.clinic.pk]))

    assert response.status_code == 404


def test_held_text_is_in_the_staff_queue_with_its_warnings(listing, staff_client):
    edit_description(owner_client(listing), listing, BAD)

    index = staff_client.get(reverse("admin:index")).content.decode()
    queue = staff_client.get(reverse("admin:owners_owneredit_changelist")
                             + "?text_status__exact=held").content.decode()

    assert ('<td class="queue-count" data-queue="owner-text-held-by-the-editorial-checks">1'
            '</td>') in index
    assert "We guarantee results and cure fibromyalgia!" in queue
    assert "Phone number in the text" in queue


def test_staff_accept_held_text_with_reason_publishes_it(client, listing, staff_client,
                                                          staff_user):
    edit_description(owner_client(listing), listing, BAD)
    edit = OwnerEdit.objects.get()

    run_edit_action(staff_client, "accept_text", [edit], apply="1",
                    reason="Checked with the clinic; quoting a patient's words.")

    edit.refresh_from_db()
    assert Clinic.objects.get().description == BAD
    assert (edit.text_status, edit.reviewed_by, edit.decision_reason) == (
        "accepted", staff_user, "Checked with the clinic; quoting a patient's words.")
    assert Clinic.history.first().history_change_reason.startswith("Held owner text accepted")


def test_staff_accept_without_reason_publishes_nothing(listing, staff_client):
    edit_description(owner_client(listing), listing, BAD)
    edit = OwnerEdit.objects.get()

    response = run_edit_action(staff_client, "accept_text", [edit], apply="1", reason="")

    edit.refresh_from_db()
    assert response.status_code == 200  # the form again, with its error
    assert "This field is required." in response.content.decode()
    assert (edit.text_status, Clinic.objects.get().description) == ("held", "")


def test_accept_service_refuses_a_blank_reason(listing, staff_user):
    edit_description(owner_client(listing), listing, BAD)

    with pytest.raises(ValidationError, match="Give a reason"):
        services.accept_held_text(edit=OwnerEdit.objects.get(), by=staff_user, reason="  ")

    assert Clinic.objects.get().description == ""


def test_staff_reject_keeps_the_old_text_and_the_owner_sees_why(listing, staff_client):
    owner = owner_client(listing)
    edit_description(owner, listing, BAD)
    edit = OwnerEdit.objects.get()

    run_edit_action(staff_client, "reject_text", [edit], apply="1",
                    reason="Cure claims are not allowed; please describe what you offer.")

    page = owner.get(reverse("owners:clinic", args=[listing.clinic.pk])).content.decode()
    edit.refresh_from_db()
    assert (edit.text_status, Clinic.objects.get().description) == ("rejected", "")
    assert "Rejected by staff" in page
    assert "Our reason: Cure claims are not allowed; please describe what you offer." in page


def test_owner_cannot_decide_held_text(listing):
    owner = owner_client(listing)
    edit_description(owner, listing, BAD)
    edit = OwnerEdit.objects.get()

    response = owner.post(reverse("admin:owners_owneredit_changelist"), {
        "action": "accept_text", helpers.ACTION_CHECKBOX_NAME: [edit.pk], "apply": "1",
        "reason": "I say so."})

    edit.refresh_from_db()
    assert response.status_code == 302  # to the admin login
    assert (edit.text_status, Clinic.objects.get().description) == ("held", "")


def test_keep_action_does_not_wave_held_text_through(listing, staff_client):
    edit_description(owner_client(listing), listing, BAD)
    edit = OwnerEdit.objects.get()

    run_edit_action(staff_client, "keep", [edit])

    edit.refresh_from_db()
    assert (edit.text_status, edit.reviewed_at) == ("held", None)


def test_a_later_edit_replaces_the_held_text(listing):
    owner = owner_client(listing)
    edit_description(owner, listing, BAD)

    edit_description(owner, listing, CLEAN)

    first = OwnerEdit.objects.order_by("pk").first()
    assert first.text_status == "replaced"
    assert OwnerEdit.objects.holding_text().count() == 0
    assert Clinic.objects.get().description == CLEAN


def test_practitioner_bio_with_shop_link_is_held(client, listing):
    owner = owner_client(listing)
    bio = "Rosa sells her own herbal kits: visit our store or order at amazon.com/dp/B0123."
    url = reverse("owners:practitioner-edit", args=[listing.clinic.pk, listing.practitioner.pk])

    owner.post(url, practitioner_data(listing.practitioner, listing.clinic, bio=bio))

    profile = client.get(listing.practitioner.get_absolute_url()).content.decode()
    edit = OwnerEdit.objects.get()
    assert Practitioner.objects.get().bio == listing.practitioner.bio
    assert "amazon.com" not in profile
    assert (edit.text_status, edit.held_text) == ("held", {"bio": bio})
    assert {w["code"] for w in edit.warnings} == {"shop_link"}


def test_new_practitioner_with_phone_in_bio_is_added_without_it(listing):
    owner = owner_client(listing)

    owner.post(reverse("owners:practitioner-create", args=[listing.clinic.pk]), {
        "name": "Sam Okafor", "workplaces": [listing.location.pk],
        "bio": "Book with Sam on 512-555-0123."})

    sam = Practitioner.objects.get(name="Sam Okafor")
    edit = OwnerEdit.objects.get(object_id=sam.pk)
    assert sam.bio == ""
    assert (edit.action, edit.text_status) == ("created", "held")


def test_staff_edits_are_not_held(listing, staff_user):
    clinic = listing.clinic
    clinic.description = BAD

    services.update_clinic(clinic=clinic, payers=[], by=staff_user)

    assert Clinic.objects.get().description == BAD
    assert OwnerEdit.objects.count() == 0
