"""Owners create listings, edit them (live at once, recorded), and staff review the edits."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinics import services as clinic_services
from clinics.models import Clinic, ClinicMembership, Location, Modality, Payer, Practitioner
from clinics.owners import services
from clinics.owners.models import OwnerEdit
from tests.conftest import verified_login
from tests.factories import (
    ClinicFactory,
    CredentialFactory,
    LocationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def new_listing_data(**changes):
    data = {
        "clinic-name": "Hill Country Acupuncture", "clinic-description": "A small clinic.",
        "clinic-phone": "512-555-0170", "clinic-email": "hello@hill.example",
        "clinic-payers": [Payer.objects.get(name="Aetna").pk],
        "location-street": "2100 S Lamar Blvd", "location-city": "Austin",
        "location-state": "TX", "location-zip_code": "78704",
    }
    return {**data, **changes}


def practitioner_data(practitioner, clinic, **changes):
    data = {
        "name": practitioner.name, "post_nominals": practitioner.post_nominals,
        "bio": practitioner.bio, "gender": practitioner.gender,
        "workplaces": [loc.pk for loc in practitioner.locations.filter(clinic=clinic)],
        "modalities": [m.pk for m in practitioner.modalities.all()],
        "conditions": [c.pk for c in practitioner.conditions.all()],
    }
    for flag in ["accepting_new_patients", "free_initial_consultation", "telehealth"]:
        if getattr(practitioner, flag):
            data[flag] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def search_slugs(client, zip_code="78704"):
    response = client.get("/api/practitioners/", {"near": zip_code})
    return [result["slug"] for result in response.json()["results"]]


# Creating a listing


def test_create_listing_saves_pending_clinic_with_location_and_owner(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("owners:clinic-create"), new_listing_data())

    clinic = Clinic.objects.get()
    location = clinic.locations.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("owners:clinic", args=[clinic.pk])
    assert (clinic.name, clinic.slug, clinic.status) == (
        "Hill Country Acupuncture", "hill-country-acupuncture", "pending")
    assert [p.name for p in clinic.payers.all()] == ["Aetna"]
    assert (location.zip_code, location.geocode_source, location.lat is not None) == (
        "78704", "offline", True)
    assert location.lat_band is not None
    assert list(ClinicMembership.objects.values_list("user", "clinic", "role")) == [
        (user.pk, clinic.pk, "owner")]
    assert clinic.history.get().history_user == user


def test_create_listing_with_unlocatable_address_saves_nothing(client):
    client.force_login(UserFactory())

    response = client.post(reverse("owners:clinic-create"), new_listing_data(**{
        "location-zip_code": "00000", "location-city": "Nowhereville"}))

    assert response.status_code == 200
    assert "We could not find this address" in response.content.decode()
    assert (Clinic.objects.count(), Location.objects.count(),
            ClinicMembership.objects.count()) == (0, 0, 0)


def test_create_listing_with_missing_fields_shows_errors(client):
    client.force_login(UserFactory())

    response = client.post(reverse("owners:clinic-create"), new_listing_data(**{
        "clinic-name": "", "location-street": ""}))

    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == 2
    assert Clinic.objects.count() == 0


def test_pending_listing_stays_off_the_public_site_until_published(client, staff_user):
    owner = UserFactory()
    client.force_login(owner)
    client.post(reverse("owners:clinic-create"), new_listing_data())
    clinic = Clinic.objects.get()
    client.post(reverse("owners:practitioner-create", args=[clinic.pk]), {
        "name": "Ana Ruiz", "accepting_new_patients": "on",
        "workplaces": [clinic.locations.get().pk]})
    practitioner = Practitioner.objects.get()
    CredentialFactory(practitioner=practitioner)  # verified by staff: vetted, once public
    client.logout()

    before = (client.get(clinic.get_absolute_url()).status_code,
              client.get(practitioner.get_absolute_url()).status_code, search_slugs(client))
    clinic_services.publish_clinic(clinic=clinic, by=staff_user)
    after = (client.get(clinic.get_absolute_url()).status_code,
             client.get(practitioner.get_absolute_url()).status_code, search_slugs(client))

    assert before == (404, 404, [])
    assert after == (200, 200, ["ana-ruiz"])


# Editing


def test_clinic_edit_goes_live_and_is_recorded_with_owner(client, listing):
    client.force_login(listing.owner)
    data = {"name": listing.clinic.name, "phone": "512-555-0999",
            "email": listing.clinic.email, "sliding_scale": "on"}

    response = client.post(reverse("owners:clinic-edit", args=[listing.clinic.pk]), data)

    record = listing.clinic.history.first()
    public = client.get(listing.clinic.get_absolute_url()).content.decode()
    edit = OwnerEdit.objects.get()
    assert response.status_code == 302
    assert "512-555-0999" in public
    assert "Sliding-scale fees available" in public
    assert record.history_user == listing.owner
    assert sorted(record.diff_against(record.prev_record).changed_fields) == [
        "phone", "prices_as_of", "sliding_scale"]
    assert listing.clinic.history.first().prices_as_of == timezone.localdate()
    assert (edit.user, edit.clinic, edit.action) == (listing.owner, listing.clinic, "changed")
    assert edit.changes == [
        {"field": "phone", "label": "phone", "before": "512-555-0100", "after": "512-555-0999"},
        {"field": "sliding_scale", "label": "sliding-scale fees", "before": "no",
         "after": "yes"},
    ]


def test_clinic_edit_without_changes_records_nothing(client, listing):
    client.force_login(listing.owner)
    data = {"name": listing.clinic.name, "phone": listing.clinic.phone,
            "email": listing.clinic.email}

    client.post(reverse("owners:clinic-edit", args=[listing.clinic.pk]), data)

    assert listing.clinic.history.count() == 1
    assert OwnerEdit.objects.count() == 0


def test_practitioner_accepting_change_stamps_as_of_date(client, listing):
    old_date = datetime.date(2020, 1, 1)
    Practitioner.objects.filter(pk=listing.practitioner.pk).update(accepting_as_of=old_date)
    listing.practitioner.refresh_from_db()
    url = reverse("owners:practitioner-edit", args=[listing.clinic.pk, listing.practitioner.pk])
    client.force_login(listing.owner)

    client.post(url, practitioner_data(listing.practitioner, listing.clinic, bio="New bio."))
    listing.practitioner.refresh_from_db()
    after_bio = listing.practitioner.accepting_as_of
    client.post(url, practitioner_data(listing.practitioner, listing.clinic,
                                       accepting_new_patients=None))
    listing.practitioner.refresh_from_db()

    assert after_bio == old_date
    assert listing.practitioner.accepting_new_patients is False
    assert listing.practitioner.accepting_as_of == timezone.localdate()
    assert listing.practitioner.history.first().history_user == listing.owner


def test_practitioner_edit_records_many_to_many_changes(client, listing):
    acupuncture = Modality.objects.get(slug="acupuncture")
    cupping = Modality.objects.get(slug="cupping")
    listing.practitioner.modalities.set([acupuncture])
    client.force_login(listing.owner)

    client.post(
        reverse("owners:practitioner-edit", args=[listing.clinic.pk, listing.practitioner.pk]),
        practitioner_data(listing.practitioner, listing.clinic,
                          modalities=[acupuncture.pk, cupping.pk]),
    )

    edit = OwnerEdit.objects.get()
    assert list(listing.practitioner.modalities.order_by("name")) == [acupuncture, cupping]
    assert edit.changes == [{"field": "modalities", "label": "treatments",
                             "before": "Acupuncture", "after": "Acupuncture, Cupping"}]
    assert edit.m2m_before["modalities"] == [acupuncture.pk]


def test_practitioner_gender_set_by_owner_matches_the_gender_filter(client, listing):
    Practitioner.objects.filter(pk=listing.practitioner.pk).update(gender="")
    listing.practitioner.refresh_from_db()
    zip_code = listing.location.zip_code
    client.force_login(listing.owner)
    before = client.get("/api/practitioners/", {"near": zip_code, "gender": "female"}).json()

    client.post(
        reverse("owners:practitioner-edit", args=[listing.clinic.pk, listing.practitioner.pk]),
        practitioner_data(listing.practitioner, listing.clinic, gender="female"),
    )

    listing.practitioner.refresh_from_db()
    after = client.get("/api/practitioners/", {"near": zip_code, "gender": "female"}).json()
    male = client.get("/api/practitioners/", {"near": zip_code, "gender": "male"}).json()
    assert listing.practitioner.gender == "female"
    assert [r["slug"] for r in before["results"]] == []
    assert [r["slug"] for r in after["results"]] == ["rosa-imai"]
    assert [r["slug"] for r in male["results"]] == []


def test_practitioner_edit_keeps_workplaces_at_other_clinics(client, listing):
    elsewhere = LocationFactory()
    listing.practitioner.locations.add(elsewhere)
    second_here = LocationFactory(clinic=listing.clinic, street="9 Elm St")
    client.force_login(listing.owner)

    client.post(
        reverse("owners:practitioner-edit", args=[listing.clinic.pk, listing.practitioner.pk]),
        practitioner_data(listing.practitioner, listing.clinic, workplaces=[second_here.pk]),
    )

    assert set(listing.practitioner.locations.all()) == {elsewhere, second_here}


def test_practitioner_added_by_owner_works_at_chosen_location(client, listing):
    client.force_login(listing.owner)

    response = client.post(reverse("owners:practitioner-create", args=[listing.clinic.pk]), {
        "name": "Sam Okafor", "post_nominals": "DPT", "workplaces": [listing.location.pk],
        "accepting_new_patients": "on"})

    practitioner = Practitioner.objects.get(name="Sam Okafor")
    assert response.status_code == 302
    assert practitioner.slug == "sam-okafor"
    assert list(practitioner.locations.all()) == [listing.location]
    assert practitioner.accepting_as_of == timezone.localdate()
    assert OwnerEdit.objects.get().action == "created"


def test_practitioner_without_workplace_is_a_field_error(client, listing):
    client.force_login(listing.owner)

    response = client.post(reverse("owners:practitioner-create", args=[listing.clinic.pk]),
                           {"name": "Sam Okafor"})

    assert response.status_code == 200
    assert Practitioner.objects.filter(name="Sam Okafor").count() == 0


def test_location_edit_with_unlocatable_zip_keeps_old_address(client, listing):
    client.force_login(listing.owner)

    response = client.post(
        reverse("owners:location-edit", args=[listing.clinic.pk, listing.location.pk]),
        {"street": "1 Main St", "city": "Nowhereville", "state": "TX", "zip_code": "00000"})

    listing.location.refresh_from_db()
    assert response.status_code == 200
    assert "We could not find this address" in response.content.decode()
    assert (listing.location.street, listing.location.zip_code) == ("100 Congress Ave", "78704")


def test_location_added_by_owner_is_geocoded(client, listing):
    client.force_login(listing.owner)

    client.post(reverse("owners:location-create", args=[listing.clinic.pk]), {
        "label": "North", "street": "1 Main St", "city": "Round Rock", "state": "TX",
        "zip_code": "78664"})

    location = listing.clinic.locations.get(label="North")
    assert (round(location.lat), round(location.lng)) == (31, -98)
    assert location.x is not None


def test_confirm_listing_stamps_last_confirmed_at(client, listing):
    client.force_login(listing.owner)

    response = client.post(reverse("owners:clinic-confirm", args=[listing.clinic.pk]))

    listing.clinic.refresh_from_db()
    assert response.status_code == 302
    assert timezone.localdate(listing.clinic.last_confirmed_at) == timezone.localdate()
    assert listing.clinic.history.first().history_user == listing.owner


def test_dashboard_shows_each_clinic_with_status_and_staff_reason(client, listing):
    suspended = ClinicFactory(name="Closed Door Clinic", status="suspended",
                              status_reason="The phone number reaches another business.")
    MembershipFactory(user=listing.owner, clinic=suspended)
    client.force_login(listing.owner)

    html = client.get(reverse("owners:dashboard")).content.decode()

    assert "Eastside Needle Clinic" in html
    assert "Closed Door Clinic" in html
    assert "The phone number reaches another business." in html


def test_draft_listing_sent_back_can_be_resubmitted(client, listing, staff_user):
    clinic_services.send_back_clinic(clinic=listing.clinic, by=staff_user, reason="Add a photo ID.")
    client.force_login(listing.owner)

    page = client.get(reverse("owners:clinic", args=[listing.clinic.pk])).content.decode()
    client.post(reverse("owners:clinic-request-review", args=[listing.clinic.pk]))

    listing.clinic.refresh_from_db()
    assert "Sent back to you" in page
    assert "Add a photo ID." in page
    assert listing.clinic.status == "pending"


@pytest.mark.parametrize("rows", [1, 5])
def test_dashboard_query_count_is_fixed(client, django_assert_num_queries, rows):
    user = UserFactory()
    for _ in range(rows):
        MembershipFactory(user=user)
    client.force_login(user)

    # session, user, clinics with their counts, claims
    with django_assert_num_queries(4):
        response = client.get(reverse("owners:dashboard"))

    assert response.status_code == 200


# Staff review of owner edits


def owner_phone_edit(listing, phone):
    client = Client()  # not the `client` fixture, which staff_client logs in as staff
    client.force_login(listing.owner)
    client.post(reverse("owners:clinic-edit", args=[listing.clinic.pk]), {
        "name": listing.clinic.name, "phone": phone, "email": listing.clinic.email})


def run_edit_action(staff_client, action, edits, **data):
    return staff_client.post(reverse("admin:owners_owneredit_changelist"), {
        "action": action, helpers.ACTION_CHECKBOX_NAME: [e.pk for e in edits], **data})


def test_owner_edit_is_in_staff_queue_with_field_diff(client, listing, staff_client):
    owner_phone_edit(listing, "512-555-0999")

    index = staff_client.get(reverse("admin:index")).content.decode()
    queue = staff_client.get(reverse("admin:owners_owneredit_changelist") + "?reviewed=no")

    assert '<td class="queue-count" data-queue="recent-owner-edits">1</td>' in index
    assert "<li><strong>phone</strong>: 512-555-0100 → 512-555-0999</li>" in (
        queue.content.decode())


def test_staff_edits_are_not_queued(listing, staff_user):
    listing.clinic.phone = "512-555-0111"

    services.update_clinic(clinic=listing.clinic, payers=[], by=staff_user)

    assert OwnerEdit.objects.count() == 0


def test_revert_restores_the_version_before_the_edit(client, listing, staff_client, staff_user):
    owner_phone_edit(listing, "512-555-0999")

    run_edit_action(staff_client, "revert", OwnerEdit.objects.all())

    listing.clinic.refresh_from_db()
    edit = OwnerEdit.objects.get()
    assert listing.clinic.phone == "512-555-0100"
    assert (edit.outcome, edit.reviewed_by) == ("reverted", staff_user)
    assert listing.clinic.history.first().history_user == staff_user


def test_revert_restores_many_to_many_choices(listing, staff_client):
    acupuncture = Modality.objects.get(slug="acupuncture")
    listing.practitioner.modalities.set([acupuncture])
    client = Client()
    client.force_login(listing.owner)
    client.post(
        reverse("owners:practitioner-edit", args=[listing.clinic.pk, listing.practitioner.pk]),
        practitioner_data(listing.practitioner, listing.clinic, modalities=[], bio="Changed."),
    )

    run_edit_action(staff_client, "revert", OwnerEdit.objects.all())

    listing.practitioner.refresh_from_db()
    assert list(listing.practitioner.modalities.all()) == [acupuncture]
    assert listing.practitioner.bio == ""


def test_revert_of_an_older_edit_is_refused_while_a_newer_one_exists(
    client, listing, staff_client
):
    owner_phone_edit(listing, "512-555-0999")
    owner_phone_edit(listing, "512-555-0888")
    older = OwnerEdit.objects.order_by("pk").first()

    run_edit_action(staff_client, "revert", [older])

    listing.clinic.refresh_from_db()
    assert listing.clinic.phone == "512-555-0888"
    assert OwnerEdit.objects.get(pk=older.pk).outcome == ""


def test_keep_marks_edits_reviewed(client, listing, staff_client):
    owner_phone_edit(listing, "512-555-0999")

    run_edit_action(staff_client, "keep", OwnerEdit.objects.all())

    assert OwnerEdit.objects.awaiting_review().count() == 0
    assert OwnerEdit.objects.get().outcome == "kept"


def test_suspend_from_edit_queue_takes_clinic_off_the_site(client, listing, staff_client):
    owner_phone_edit(listing, "900-555-0000")

    run_edit_action(staff_client, "suspend_clinics", OwnerEdit.objects.all(), apply="1",
                    reason="Spam phone number.")

    listing.clinic.refresh_from_db()
    assert (listing.clinic.status, listing.clinic.status_reason) == (
        "suspended", "Spam phone number.")
    assert client.get(listing.clinic.get_absolute_url()).status_code == 404


def test_moderator_can_work_the_owner_edit_queue(client, listing, moderator):
    owner_phone_edit(listing, "512-555-0999")
    verified_login(client, moderator)

    index = client.get(reverse("admin:index")).content.decode()
    run_edit_action(client, "revert", OwnerEdit.objects.all())

    listing.clinic.refresh_from_db()
    assert "Recent owner edits" in index
    assert listing.clinic.phone == "512-555-0100"


def test_clinic_edit_changes_the_website_field(client, listing):
    client.force_login(listing.owner)
    url = reverse("owners:clinic-edit", args=[listing.clinic.pk])

    page = client.get(url).content.decode()
    client.post(url, {"name": listing.clinic.name, "phone": listing.clinic.phone,
                      "email": listing.clinic.email, "website": "https://eastside.example"})

    listing.clinic.refresh_from_db()
    assert 'name="website"' in page
    assert listing.clinic.website == "https://eastside.example"


def test_staff_send_back_a_new_listing_with_reason(staff_client, mailoutbox):
    clinic = ClinicFactory(status="pending")

    staff_client.post(reverse("admin:clinics_clinic_changelist"), {
        "action": "send_back", helpers.ACTION_CHECKBOX_NAME: [clinic.pk], "apply": "1",
        "reason": "Add the clinic's phone number."})

    clinic.refresh_from_db()
    assert (clinic.status, clinic.status_reason) == ("draft", "Add the clinic's phone number.")
