import datetime
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone, translation

from clinics import vocabulary
from clinics.models import Clinic, Credential, Modality
from tests.conftest import verified_login
from tests.factories import ClinicFactory, CredentialFactory, UserFactory

pytestmark = pytest.mark.django_db

CLINIC_LIST = reverse("admin:clinics_clinic_changelist")
CREDENTIAL_LIST = reverse("admin:clinics_credential_changelist")


def run_action(client, url, action, objects, **form):
    data = {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **form}
    return client.post(url, data, follow=True)


def test_suspend_without_reason_shows_form_and_changes_nothing(staff_client):
    clinic = ClinicFactory()

    response = run_action(staff_client, CLINIC_LIST, "suspend", [clinic], apply="1", reason="  ")

    clinic.refresh_from_db()
    assert clinic.status == Clinic.Status.PUBLISHED
    assert response.templates[0].name == "admin/action_form.html"
    assert "This field is required." in response.content.decode()


def test_suspend_with_reason_records_reason_and_log(staff_client, staff_user):
    clinic = ClinicFactory()

    run_action(staff_client, CLINIC_LIST, "suspend", [clinic], apply="1",
               reason="Phone number disconnected; owner unreachable.")

    clinic.refresh_from_db()
    assert (clinic.status, clinic.status_reason) == (
        Clinic.Status.SUSPENDED, "Phone number disconnected; owner unreachable.")
    entry = LogEntry.objects.get(object_id=str(clinic.pk))
    assert (entry.user, entry.change_message) == (staff_user, "Suspended")
    assert clinic.history.first().history_user == staff_user


def test_publish_action_publishes_pending_clinic(staff_client):
    clinic = ClinicFactory(status=Clinic.Status.PENDING)

    run_action(staff_client, CLINIC_LIST, "publish", [clinic])

    clinic.refresh_from_db()
    assert clinic.status == Clinic.Status.PUBLISHED
    assert LogEntry.objects.filter(object_id=str(clinic.pk), change_message="Published").exists()


def test_reject_without_reason_changes_nothing(staff_client):
    credential = CredentialFactory(status=Credential.Status.SUBMITTED)

    response = run_action(staff_client, CREDENTIAL_LIST, "reject", [credential], apply="1", reason="")

    credential.refresh_from_db()
    assert credential.status == Credential.Status.SUBMITTED
    assert response.templates[0].name == "admin/action_form.html"


def test_reject_with_reason_records_reason(staff_client, staff_user):
    credential = CredentialFactory(status=Credential.Status.SUBMITTED)

    run_action(staff_client, CREDENTIAL_LIST, "reject", [credential], apply="1",
               reason="Board has no licence with this number.")

    credential.refresh_from_db()
    assert (credential.status, credential.rejection_reason, credential.verified_by) == (
        Credential.Status.REJECTED, "Board has no licence with this number.", staff_user)


def test_verify_records_who_when_source_and_next_check(staff_client, staff_user):
    credential = CredentialFactory(status=Credential.Status.SUBMITTED, verified_at=None,
                                   source="", method="")
    expires_on = timezone.localdate() + datetime.timedelta(days=400)

    run_action(staff_client, CREDENTIAL_LIST, "verify", [credential], apply="1",
               method="board_website", source="Texas Medical Board licence lookup",
               expires_on=expires_on.isoformat())

    credential.refresh_from_db()
    assert credential.status == Credential.Status.VERIFIED
    assert credential.verified_by == staff_user
    assert timezone.localdate(credential.verified_at) == timezone.localdate()
    assert credential.source == "Texas Medical Board licence lookup"
    assert credential.next_check_due == expires_on
    assert LogEntry.objects.filter(object_id=str(credential.pk), change_message="Verified").exists()


def test_verify_with_past_expiry_is_refused(staff_client):
    credential = CredentialFactory(status=Credential.Status.SUBMITTED)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = run_action(staff_client, CREDENTIAL_LIST, "verify", [credential], apply="1",
                          method="board_website", source="Board", expires_on=yesterday.isoformat())

    credential.refresh_from_db()
    assert credential.status == Credential.Status.SUBMITTED
    assert "reject it instead" in response.content.decode()


def test_moderator_can_run_moderation_actions(client, moderator):
    verified_login(client, moderator)
    clinic = ClinicFactory(status=Clinic.Status.PENDING)

    run_action(client, CLINIC_LIST, "publish", [clinic])

    clinic.refresh_from_db()
    assert clinic.status == Clinic.Status.PUBLISHED


def test_moderator_cannot_delete_clinics_or_edit_vocabularies(moderator):
    assert moderator.has_perm("clinics.change_credential")
    assert not moderator.has_perm("clinics.delete_clinic")
    assert not moderator.has_perm("clinics.change_condition")
    assert not moderator.has_perm("auth.change_user")


@pytest.mark.parametrize("action", ["publish", "suspend"])
def test_non_staff_user_is_refused_admin_actions(client, action):
    client.force_login(UserFactory())
    clinic = ClinicFactory(status=Clinic.Status.PENDING)

    response = client.post(CLINIC_LIST, {"action": action, ACTION_CHECKBOX_NAME: [clinic.pk],
                                         "apply": "1", "reason": "x"})

    clinic.refresh_from_db()
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert clinic.status == Clinic.Status.PENDING


def test_admin_index_shows_queue_counts(staff_client):
    ClinicFactory.create_batch(2, status=Clinic.Status.PENDING)
    CredentialFactory.create_batch(3, status=Credential.Status.SUBMITTED)

    response = staff_client.get(reverse("admin:index"))

    queues = {q["label"]: q["count"] for q in response.context["queues"]}
    assert queues["Clinics pending review"] == 2
    assert queues["Credentials submitted"] == 3


def test_location_inline_with_unknown_place_saves_nothing(staff_client):
    data = {
        "name": "New Clinic", "slug": "new-clinic", "status": "draft",
        "locations-TOTAL_FORMS": "1", "locations-INITIAL_FORMS": "0",
        "locations-0-street": "1 Nowhere Rd", "locations-0-city": "Springfeld",
        "locations-0-state": "IL", "locations-0-zip_code": "00000",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }

    response = staff_client.post(reverse("admin:clinics_clinic_add"), data)

    assert response.status_code == 200
    assert "We could not find this address" in response.content.decode()
    assert not Clinic.objects.filter(slug="new-clinic").exists()


def test_location_inline_geocodes_on_save(staff_client):
    data = {
        "name": "New Clinic", "slug": "new-clinic", "status": "draft",
        "locations-TOTAL_FORMS": "1", "locations-INITIAL_FORMS": "0",
        "locations-0-street": "1 Main St", "locations-0-city": "Austin",
        "locations-0-state": "TX", "locations-0-zip_code": "78704",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }

    staff_client.post(reverse("admin:clinics_clinic_add"), data)

    location = Clinic.objects.get(slug="new-clinic").locations.get()
    assert (round(location.lat, 2), round(location.lng, 2), location.geocode_source) == (
        30.24, -97.77, "offline")


def test_change_form_cannot_set_status_without_an_action(staff_client):
    clinic = ClinicFactory(status=Clinic.Status.PUBLISHED)
    url = reverse("admin:clinics_clinic_change", args=[clinic.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value is not None and not isinstance(value, list)}
    data.update({"name": clinic.name, "slug": clinic.slug, "status": "suspended",
                 "status_reason": "", "locations-TOTAL_FORMS": "0",
                 "locations-INITIAL_FORMS": "0", "memberships-TOTAL_FORMS": "0",
                 "memberships-INITIAL_FORMS": "0"})

    response = staff_client.post(url, data)

    clinic.refresh_from_db()
    assert response.status_code == 302
    assert (clinic.status, clinic.status_reason) == (Clinic.Status.PUBLISHED, "")
    assert "status" not in form.fields and "status_reason" not in form.fields


def test_staff_set_a_treatments_spanish_name_in_the_admin(staff_client):
    cupping = Modality.objects.get(slug="cupping")
    url = reverse("admin:clinics_modality_change", args=[cupping.pk])

    response = staff_client.post(url, {"name": "Cupping", "name_es": "Terapia de ventosas",
                                       "slug": "cupping", "description": cupping.description,
                                       "synonyms": cupping.synonyms})

    assert response.status_code == 302
    cupping.refresh_from_db()
    assert cupping.name_es == "Terapia de ventosas"
    with translation.override("es"):
        assert vocabulary.get().modalities["cupping"].name == "Terapia de ventosas"


def test_moderator_cannot_change_a_spanish_name(client, moderator):
    verified_login(client, moderator)
    cupping = Modality.objects.get(slug="cupping")
    url = reverse("admin:clinics_modality_change", args=[cupping.pk])

    response = client.post(url, {"name": "Cupping", "name_es": "Otra cosa", "slug": "cupping"})

    assert response.status_code == 403
    cupping.refresh_from_db()
    assert cupping.name_es == "Ventosas"


def test_credential_list_keeps_its_columns_short(staff_client):
    """Short headers and long numbers cut short, so the list fits 1280 px
    (tests/browser/test_admin_layout.py measures it)."""
    long_number = "TX-ACU-2026-0000123456789"
    CredentialFactory(number=long_number, expires_on=datetime.date(2099, 9, 30),
                      next_check_due=datetime.date(2099, 9, 30))
    CredentialFactory(number="AC12345")

    response = staff_client.get(CREDENTIAL_LIST, {"o": "6"})  # by number
    html = response.content.decode()

    headers = [column["text"] for column in response.context["result_headers"]]
    assert headers[1:] == ["practitioner", "kind", "state", "check due", "expires", "number"]
    cells = re.findall(r'<td class="field-short_number">(.*?)</td>', html)
    assert cells == ["AC12345", f'<span title="{long_number}">TX-ACU-2026…</span>']
    assert html.count("30 Sep 2099") == 2  # check due and expiry, short enough to fit
