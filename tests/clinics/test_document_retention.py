"""A replaced credential document is kept for DOCUMENT_RETENTION_DAYS, then deleted from
storage (disk or bucket), with the replacement and the deletion on record for staff."""

import importlib
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinics import services
from clinics.models import Credential, RetiredDocument
from clinics.storage import document_storage
from tests.clinics.owners.test_credentials_upload import credential_fields
from tests.conftest import verified_login
from tests.documents import PDF, PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def replaced(listing):
    """The listing's credential had `old.pdf`; its owner replaced it with a PNG through the
    credential form. Attributes: old (the first file's name), new, retired, replaced_at."""
    from types import SimpleNamespace

    listing.credential.document.save("old.pdf", ContentFile(PDF))
    old = listing.credential.document.name
    owner = Client()
    verified_login(owner, listing.owner)
    url = reverse("owners:credential-edit", args=[listing.clinic.pk, listing.credential.pk])
    response = owner.post(url, credential_fields(document=SimpleUploadedFile("new.png", PNG)))
    assert response.status_code == 302
    listing.credential.refresh_from_db()
    retired = RetiredDocument.objects.get()
    return SimpleNamespace(old=old, new=listing.credential.document.name, retired=retired,
                           replaced_at=retired.replaced_at)


def test_replacing_a_document_records_the_old_one(listing, private_media, replaced):
    assert replaced.new != replaced.old
    assert (replaced.retired.name, replaced.retired.credential, replaced.retired.replaced_by,
            replaced.retired.deleted_at) == (replaced.old, listing.credential, listing.owner,
                                              None)
    assert document_storage().exists(replaced.old)


def test_editing_a_credential_without_a_new_document_retires_nothing(client, listing,
                                                                    private_media):
    listing.credential.document.save("old.pdf", ContentFile(PDF))
    verified_login(client, listing.owner)
    url = reverse("owners:credential-edit", args=[listing.clinic.pk, listing.credential.pk])

    response = client.post(url, credential_fields(number="AC12345"))

    assert response.status_code == 302
    assert RetiredDocument.objects.count() == 0


def test_purge_within_the_retention_period_keeps_the_file(private_media, settings, replaced):
    settings.DOCUMENT_RETENTION_DAYS = 90

    purged = services.purge_replaced_documents(
        now=replaced.replaced_at + timedelta(days=90) - timedelta(seconds=1))

    assert purged == []
    assert document_storage().exists(replaced.old)
    assert RetiredDocument.objects.get().deleted_at is None


def test_purge_after_the_retention_period_deletes_only_the_old_file_and_records_it(
    listing, private_media, settings, replaced
):
    settings.DOCUMENT_RETENTION_DAYS = 90
    now = replaced.replaced_at + timedelta(days=90)

    purged = services.purge_replaced_documents(now=now)

    retired = RetiredDocument.objects.get()
    assert purged == [retired]
    assert not document_storage().exists(replaced.old)
    assert document_storage().exists(replaced.new)
    assert retired.deleted_at == now
    replaced_on = timezone.localdate(replaced.replaced_at)
    assert retired.deletion_reason == (
        f"Retention period over: replaced on {replaced_on:%Y-%m-%d}, kept 90 days "
        f"(DOCUMENT_RETENTION_DAYS).")
    newest = retired.history.first()
    assert (newest.history_change_reason, newest.deleted_at) == (
        "Deleted the replaced document from storage", now)


def test_purge_twice_deletes_once(private_media, settings, replaced):
    now = replaced.replaced_at + timedelta(days=settings.DOCUMENT_RETENTION_DAYS)
    services.purge_replaced_documents(now=now)

    assert services.purge_replaced_documents(now=now + timedelta(days=1)) == []
    assert RetiredDocument.objects.get().history.count() == 2  # replaced, then deleted


def test_purge_leaves_a_file_that_a_credential_points_at_again(listing, private_media,
                                                               settings, replaced):
    # A revert of the owner's edit puts the old file back on the credential.
    Credential.objects.filter(pk=listing.credential.pk).update(document=replaced.old)

    purged = services.purge_replaced_documents(
        now=replaced.replaced_at + timedelta(days=settings.DOCUMENT_RETENTION_DAYS + 1))

    assert purged == []
    assert document_storage().exists(replaced.old)


def test_purge_deletes_the_object_from_the_bucket(client, listing, s3_documents, settings):
    listing.credential.document.save("old.pdf", ContentFile(PDF))
    old = listing.credential.document.name
    verified_login(client, listing.owner)
    url = reverse("owners:credential-edit", args=[listing.clinic.pk, listing.credential.pk])
    client.post(url, credential_fields(document=SimpleUploadedFile("new.png", PNG)))
    listing.credential.refresh_from_db()
    new = listing.credential.document.name

    services.purge_replaced_documents(
        now=timezone.now() + timedelta(days=settings.DOCUMENT_RETENTION_DAYS + 1))

    listed = s3_documents.client.list_objects_v2(Bucket=s3_documents.name)
    assert [item["Key"] for item in listed.get("Contents", [])] == [new]
    assert old != new


def test_staff_see_the_deletion_on_the_credential_and_in_the_list(
    staff_client, private_media, settings, replaced
):
    services.purge_replaced_documents(
        now=replaced.replaced_at + timedelta(days=settings.DOCUMENT_RETENTION_DAYS))
    retired = RetiredDocument.objects.get()

    listing_page = staff_client.get(reverse("admin:clinics_retireddocument_changelist"))
    credential_page = staff_client.get(
        reverse("admin:clinics_credential_change", args=[retired.credential.pk]))

    for page in (listing_page, credential_page):
        assert page.status_code == 200
        assert replaced.old in page.content.decode()
        assert "Retention period over" in page.content.decode()


def test_staff_replacing_a_document_in_the_admin_retires_the_old_one(
    staff_client, staff_user, listing, private_media
):
    listing.credential.document.save("old.pdf", ContentFile(PDF))
    old = listing.credential.document.name
    url = reverse("admin:clinics_credential_change", args=[listing.credential.pk])
    page = staff_client.get(url).context
    form = page["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value is not None and name != "document"}
    data.update({"practitioner": listing.practitioner.pk, "expires_on": "2031-01-31",
                 "document": SimpleUploadedFile("scan.png", PNG + b"<script>x</script>")})
    for inline in page["inline_admin_formsets"]:  # each inline's management form, unchanged
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{name}": value
                     for name, value in management.initial.items()})

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    listing.credential.refresh_from_db()
    assert RetiredDocument.objects.get().name == old
    assert RetiredDocument.objects.get().replaced_by == staff_user
    stored = document_storage().open(listing.credential.document.name).read()
    assert b"<script" not in stored


def test_migration_records_documents_replaced_before_it(listing, private_media):
    from django.apps import apps

    from tests.factories import CredentialFactory

    migration = importlib.import_module("clinics.migrations.0013_retired_documents")
    credential = listing.credential
    for name in ("first.pdf", "second.pdf"):
        credential.document = name
        credential.save()
    deleted = CredentialFactory(practitioner=listing.practitioner, document="deleted.pdf")
    deleted.delete()
    restored = CredentialFactory(practitioner=listing.practitioner, document="kept.pdf")
    for name in ("interim.pdf", "kept.pdf"):
        restored.document = name
        restored.save()

    migration.record_documents_replaced_before(apps, None)

    assert sorted(RetiredDocument.objects.values_list("name", "credential")) == [
        ("deleted.pdf", None), ("first.pdf", credential.pk), ("interim.pdf", restored.pk)]
    second_saved = credential.history.get(document="second.pdf").history_date
    assert RetiredDocument.objects.get(name="first.pdf").replaced_at == second_saved


def left_behind_and_current(listing):
    """A file no credential names (its credential was deleted), and the listing's own."""
    from tests.factories import CredentialFactory

    gone = CredentialFactory(practitioner=listing.practitioner)
    gone.document.save("gone.pdf", ContentFile(PDF))
    left_behind = gone.document.name
    Credential.objects.filter(pk=gone.pk).delete()
    listing.credential.document.save("current.pdf", ContentFile(PDF))
    return left_behind, listing.credential.document.name


def test_a_file_no_credential_names_is_recorded_then_deleted_after_the_retention(
    listing, private_media, settings
):
    left_behind, current = left_behind_and_current(listing)
    found_at = timezone.now()

    recorded = services.record_orphaned_documents(now=found_at)
    again = services.record_orphaned_documents(now=found_at + timedelta(days=1))
    early = services.purge_replaced_documents(now=found_at + timedelta(days=1))
    purged = services.purge_replaced_documents(
        now=found_at + timedelta(days=settings.DOCUMENT_RETENTION_DAYS))

    assert [(r.name, r.credential, r.replaced_at) for r in recorded] == [
        (left_behind, None, found_at)]
    assert (again, early) == ([], [])
    assert [r.name for r in purged] == [left_behind]
    assert not document_storage().exists(left_behind)
    assert document_storage().exists(current)


def test_orphans_in_the_bucket_are_found_and_deleted(listing, s3_documents, settings):
    left_behind, current = left_behind_and_current(listing)

    services.record_orphaned_documents()
    services.purge_replaced_documents(
        now=timezone.now() + timedelta(days=settings.DOCUMENT_RETENTION_DAYS))

    listed = s3_documents.client.list_objects_v2(Bucket=s3_documents.name)
    assert [item["Key"] for item in listed.get("Contents", [])] == [current]


def test_recording_orphans_before_any_upload_finds_none(private_media):
    assert services.record_orphaned_documents() == []


@pytest.mark.parametrize(("local_time", "local_day"), [
    ("2026-01-10T23:30:00-05:00", "2026-01-10"), ("2026-01-11T00:30:00-05:00", "2026-01-11")])
def test_deletion_reason_names_the_local_day_of_the_replacement(private_media, settings,
                                                                local_time, local_day):
    from datetime import datetime

    settings.TIME_ZONE = "America/New_York"
    replaced_at = datetime.fromisoformat(local_time)
    RetiredDocument.objects.create(name="credentials/old.pdf", replaced_at=replaced_at)

    services.purge_replaced_documents(now=replaced_at + timedelta(days=90))

    assert RetiredDocument.objects.get().deletion_reason.startswith(
        f"Retention period over: replaced on {local_day}, kept 90 days")
