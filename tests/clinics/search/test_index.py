"""The search index must always say what Practitioner.objects.vetted() says."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from clinics import services
from clinics.models import Clinic, Credential, Language, Payer, Practitioner, SearchEntry
from clinics.models.search import Flag, bit, mask
from clinics.search import index
from tests.factories import (
    ClinicFactory,
    CredentialFactory,
    LocationFactory,
    PractitionerFactory,
    treats,
)

pytestmark = pytest.mark.django_db


def indexed() -> set[int]:
    return set(SearchEntry.objects.current().values_list("practitioner_id", flat=True))


def vetted() -> set[int]:
    return set(Practitioner.objects.vetted().values_list("pk", flat=True))


def test_rebuilt_index_agrees_with_vetted_across_every_case():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CredentialFactory()  # vetted
    CredentialFactory(expires_on=timezone.localdate())  # vetted until tonight
    CredentialFactory(expires_on=yesterday)
    CredentialFactory(status=Credential.Status.SUBMITTED)
    CredentialFactory(status=Credential.Status.REJECTED)
    CredentialFactory(kind=Credential.Kind.NCCAOM_AC)
    for status in (Clinic.Status.SUSPENDED, Clinic.Status.PENDING, Clinic.Status.DRAFT):
        CredentialFactory(practitioner=PractitionerFactory(
            locations=[LocationFactory(clinic=ClinicFactory(status=status))]))
    PractitionerFactory()  # no credential at all

    index.rebuild()

    assert len(vetted()) == 2
    assert indexed() == vetted()


def test_index_follows_writes_from_anywhere_without_a_rebuild():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    kept = CredentialFactory()
    CredentialFactory(expires_on=yesterday)
    CredentialFactory(status=Credential.Status.SUBMITTED)
    CredentialFactory(kind=Credential.Kind.NCCAOM_AC)
    dropped = CredentialFactory()
    assert indexed() == vetted() == {kept.practitioner_id, dropped.practitioner_id}

    Credential.objects.filter(pk=dropped.pk).delete()  # a bulk delete, as the admin does
    assert indexed() == vetted() == {kept.practitioner_id}

    clinic = kept.practitioner.locations.get().clinic
    clinic.status = Clinic.Status.SUSPENDED
    clinic.save()  # a plain save, outside any service
    assert indexed() == vetted() == set()


def test_many_to_many_changes_from_either_side_refresh_the_index():
    credential = CredentialFactory()
    practitioner = credential.practitioner
    clinic = practitioner.locations.get().clinic
    aetna, spanish = Payer.objects.get(slug="aetna"), Language.objects.get(code="es")

    aetna.clinics.add(clinic)
    spanish.practitioners.add(practitioner)
    entry = SearchEntry.objects.get()
    assert (entry.payers & bit(aetna.pk), entry.languages & bit(spanish.pk)) == (
        bit(aetna.pk), bit(spanish.pk))

    aetna.clinics.clear()
    spanish.practitioners.clear()
    entry = SearchEntry.objects.get()
    assert (entry.payers & bit(aetna.pk), entry.languages & bit(spanish.pk)) == (0, 0)


def test_interrupted_rebuild_leaves_the_old_index_whole(monkeypatch):
    credentials = [CredentialFactory(), CredentialFactory()]
    before = indexed()
    assert before == {c.practitioner_id for c in credentials}
    writes = []

    def fail_on_second_chunk(rows):
        writes.append(rows)
        if len(writes) == 2:
            raise KeyboardInterrupt
        original_write(rows)

    original_write = index._write
    monkeypatch.setattr(index, "_write", fail_on_second_chunk)

    with pytest.raises(KeyboardInterrupt):
        index.rebuild(chunk=1)

    assert indexed() == before


def test_licence_stops_counting_the_day_after_expiry_without_a_rebuild():
    credential = CredentialFactory(expires_on=timezone.localdate())
    index.rebuild()
    assert indexed() == {credential.practitioner_id}

    Credential.objects.filter(pk=credential.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1))  # as if a day passed
    SearchEntry.objects.update(licence_expires_on=timezone.localdate() - datetime.timedelta(days=1))

    assert indexed() == vetted() == set()


def test_verifying_a_credential_adds_the_practitioner_to_search(staff_user):
    credential = CredentialFactory(status=Credential.Status.SUBMITTED)
    index.rebuild()
    assert indexed() == set()

    services.verify_credential(credential=credential, by=staff_user, method="board_website",
                               source="Board lookup",
                               expires_on=timezone.localdate() + datetime.timedelta(days=90))

    assert indexed() == vetted() == {credential.practitioner_id}


def test_rejecting_the_only_licence_removes_the_practitioner(staff_user):
    credential = CredentialFactory()
    index.rebuild()

    services.reject_credential(credential=credential, by=staff_user, reason="No such licence")

    assert indexed() == vetted() == set()


def test_another_current_licence_keeps_the_practitioner_listed(staff_user):
    credential = CredentialFactory()
    CredentialFactory(practitioner=credential.practitioner, kind=Credential.Kind.PT)
    index.rebuild()

    services.reject_credential(credential=credential, by=staff_user, reason="Lapsed")

    assert indexed() == vetted() == {credential.practitioner_id}


def test_suspending_and_publishing_a_clinic_updates_search(staff_user):
    credential = CredentialFactory()
    clinic = credential.practitioner.locations.get().clinic
    index.rebuild()

    services.suspend_clinic(clinic=clinic, by=staff_user, reason="Closed")
    assert indexed() == vetted() == set()

    services.publish_clinic(clinic=clinic, by=staff_user)
    assert indexed() == vetted() == {credential.practitioner_id}


def test_moving_a_location_moves_its_index_rows():
    credential = CredentialFactory()
    location = credential.practitioner.locations.get()
    index.rebuild()

    location.zip_code, location.city = "10001", "New York"
    location.state = "NY"
    services.save_location(location=location)

    entry = SearchEntry.objects.get()
    assert (round(entry.lng, 1), entry.lat_band) == (round(location.lng, 1), location.lat_band)
    assert round(location.lat, 1) == 40.7


def test_admin_edit_of_practitioner_flags_and_conditions_refreshes_index(staff_client):
    credential = CredentialFactory()
    practitioner = credential.practitioner
    index.rebuild()
    url = reverse("admin:clinics_practitioner_change", args=[practitioner.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({
        "name": practitioner.name, "slug": practitioner.slug, "telehealth": "on",
        "workplaces-TOTAL_FORMS": "1", "workplaces-INITIAL_FORMS": "1",
        "workplaces-0-id": str(practitioner.workplaces.get().pk),
        "workplaces-0-practitioner": str(practitioner.pk),
        "workplaces-0-location": str(practitioner.locations.get().pk),
        "credentials-TOTAL_FORMS": "1", "credentials-INITIAL_FORMS": "1",
        "credentials-0-id": str(credential.pk), "credentials-0-practitioner": str(practitioner.pk),
        "credentials-0-kind": credential.kind, "credentials-0-jurisdiction": "TX",
        "credentials-0-expires_on": credential.expires_on.isoformat(),
        "practitionercondition_set-TOTAL_FORMS": "0",
        "practitionercondition_set-INITIAL_FORMS": "0",
    })
    data.pop("accepting_as_of", None)

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert SearchEntry.objects.get().flags & Flag.TELEHEALTH


def test_admin_publish_action_lists_the_clinic(staff_client):
    credential = CredentialFactory()
    clinic = credential.practitioner.locations.get().clinic
    Clinic.objects.filter(pk=clinic.pk).update(status=Clinic.Status.PENDING)
    index.rebuild()
    assert indexed() == set()

    staff_client.post(reverse("admin:clinics_clinic_changelist"),
                      {"action": "publish", ACTION_CHECKBOX_NAME: [clinic.pk]})

    assert indexed() == {credential.practitioner_id}


def test_index_bits_hold_conditions_and_payers():
    credential = CredentialFactory()
    treats(credential.practitioner, "fibromyalgia", "als")

    index.rebuild()

    entry = SearchEntry.objects.get()
    from clinics.models import Condition
    expected = mask(Condition.objects.filter(slug__in=["fibromyalgia", "als"])
                                 .values_list("pk", flat=True))
    assert entry.conditions == expected


def test_rebuild_command_restores_a_wiped_index():
    from django.core.management import call_command

    credential = CredentialFactory()
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index", verbosity=0)

    assert indexed() == {credential.practitioner_id}


@pytest.mark.django_db(transaction=True)
def test_rebuild_command_refreshes_the_planner_statistics():
    """ANALYZE on both databases; on PostgreSQL VACUUM too, which sets the visibility map
    that index-only scans need (SQLite has none)."""
    from django.core.management import call_command
    from django.db import connection

    CredentialFactory()
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        call_command("rebuild_search_index", verbosity=0)

    expected = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    assert statements[-1] == f'{expected} "clinics_searchentry"'
    assert indexed() == vetted()


def test_migration_fills_badges_of_existing_rows_as_the_index_builds_them():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("clinics.migrations.0006_search_entry_licence_badge")
    first = CredentialFactory(expires_on=timezone.localdate() + datetime.timedelta(days=30))
    CredentialFactory(practitioner=first.practitioner, kind=Credential.Kind.PT,
                      jurisdiction="OR",
                      expires_on=timezone.localdate() + datetime.timedelta(days=90))
    CredentialFactory()
    index.rebuild()
    built = list(SearchEntry.objects.order_by("pk").values_list(
        "licence_kind", "licence_jurisdiction", "licence_verified_at"))
    SearchEntry.objects.update(licence_kind="", licence_jurisdiction="", licence_verified_at=None)

    migration.fill_licence_badges(apps, None)

    assert list(SearchEntry.objects.order_by("pk").values_list(
        "licence_kind", "licence_jurisdiction", "licence_verified_at")) == built
    assert built[0][:2] == (Credential.Kind.PT, "OR")
