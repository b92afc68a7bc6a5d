"""Upgrading a populated database keeps every row.

The owner models moved from `clinics` to `clinics.owners`, and AccountEmail to
`directory.accounts`, without renaming their tables. This test migrates the database back to
the layout before the move, fills it through the historical models, upgrades, and reads the
rows back through today's models: every row, foreign key, permission and admin log entry
must survive.
"""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article
from clinics.models import Clinic, Credential, CredentialCheck
from clinics.owners.models import ClinicClaim, ContactRequest, Invitation, ListingReport, OwnerEdit
from directory.accounts.models import AccountEmail

BEFORE_THE_MOVE = [("clinics", "0007_account_email"), ("owners", None), ("accounts", None)]
MOVED = {"clinicclaim": "owners", "invitation": "owners", "contactrequest": "owners",
         "listingreport": "owners", "owneredit": "owners", "accountemail": "accounts"}

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("empty_database_for_serialized_rollback")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest_targets():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def fill_old_layout(apps) -> dict:
    """Rows in every moved table, written through the models as they were before the move."""
    user_model = apps.get_model("auth", "User")
    old = {name: apps.get_model("clinics", name) for name in (
        "Clinic", "Practitioner", "ClinicClaim", "Invitation", "ContactRequest",
        "ListingReport", "OwnerEdit", "AccountEmail")}
    owner = user_model.objects.create(username="owner@example.org", email="owner@example.org")
    clinic = old["Clinic"].objects.create(name="Old Clinic", slug="old-clinic",
                                          status="published", phone="512-555-0100")
    practitioner = old["Practitioner"].objects.create(name="Old Practitioner",
                                                      slug="old-practitioner")
    claim = old["ClinicClaim"].objects.create(
        clinic=clinic, user=owner, role="owner", work_email="me@old.example",
        callback_phone="512-555-0101", status="pending")
    old["Invitation"].objects.create(clinic=clinic, email="colleague@example.org",
                                     role="manager", invited_by=owner)
    old["ContactRequest"].objects.create(
        clinic=clinic, practitioner=practitioner, name="A Patient", email="p@example.org",
        preferred_contact="email", message="Do you treat back pain?", consent=True)
    old["ListingReport"].objects.create(clinic=clinic, reason="wrong_phone",
                                        details="It rings a bakery.")
    content_type = apps.get_model("contenttypes", "ContentType")
    clinic_type, _ = content_type.objects.get_or_create(app_label="clinics", model="clinic")
    old["OwnerEdit"].objects.create(
        clinic=clinic, user=owner, content_type=clinic_type, object_id=clinic.pk,
        object_repr="Old Clinic", history_id=1, action="changed",
        changes=[{"field": "phone", "label": "phone", "before": "1", "after": "2"}])
    old["AccountEmail"].objects.create(ip_hash="ip", address_hash="address")
    claim_type = content_type.objects.get(app_label="clinics", model="clinicclaim")
    return {"claim_pk": claim.pk, "clinic_pk": clinic.pk, "claim_type_pk": claim_type.pk,
            "user_pk": owner.pk}


def test_upgrade_from_before_the_app_split_keeps_every_row_and_permission(staff_user):
    latest = latest_targets()
    apps = migrate(BEFORE_THE_MOVE)
    assert not ContentType.objects.filter(app_label="owners").exists()
    before = fill_old_layout(apps)
    LogEntry.objects.create(
        user_id=staff_user.pk, content_type_id=before["claim_type_pk"],
        object_id=str(before["claim_pk"]), object_repr="claim", action_flag=2,
        action_time=timezone.now())

    migrate(latest)
    ContentType.objects.clear_cache()

    assert [ClinicClaim.objects.count(), Invitation.objects.count(),
            ContactRequest.objects.count(), ListingReport.objects.count(),
            OwnerEdit.objects.count(), AccountEmail.objects.count()] == [1, 1, 1, 1, 1, 1]
    claim = ClinicClaim.objects.get(pk=before["claim_pk"])
    assert (claim.clinic, claim.user_id, claim.work_email, claim.status) == (
        Clinic.objects.get(pk=before["clinic_pk"]), before["user_pk"], "me@old.example",
        ClinicClaim.Status.PENDING)
    enquiry = ContactRequest.objects.get()
    assert (enquiry.practitioner.slug, enquiry.message) == (
        "old-practitioner", "Do you treat back pain?")
    assert OwnerEdit.objects.get().changes[0]["after"] == "2"
    assert isinstance(AccountEmail.objects.get().created_at, datetime.datetime)
    # Content types moved, not copied: permissions and log entries follow them.
    assert {(ct.app_label, ct.model) for ct in ContentType.objects.filter(model__in=MOVED)} == {
        (app, model) for model, app in MOVED.items()}
    assert ContentType.objects.get(pk=before["claim_type_pk"]).app_label == "owners"
    assert LogEntry.objects.get().get_edited_object() == claim
    moderator_permissions = set(Group.objects.get(name="Moderator").permissions.filter(
        content_type__app_label="owners").values_list("codename", flat=True))
    assert moderator_permissions == {
        "view_clinicclaim", "change_clinicclaim", "view_listingreport",
        "change_listingreport", "view_owneredit", "change_owneredit"}


BEFORE_CHECKS = [("clinics", "0010_document_storage_from_settings")]


def test_upgrade_turns_each_verification_stamp_into_the_first_check(staff_user):
    latest = latest_targets()
    apps = migrate(BEFORE_CHECKS)
    old_practitioner = apps.get_model("clinics", "Practitioner")
    old_credential = apps.get_model("clinics", "Credential")
    practitioner = old_practitioner.objects.create(name="Stamped", slug="stamped")
    checked_at = timezone.now() - datetime.timedelta(days=40)
    expires = datetime.date(2027, 5, 1)
    stamps = {
        "verified": old_credential.objects.create(
            practitioner=practitioner, kind="lac", jurisdiction="TX", status="verified",
            verified_by_id=staff_user.pk, verified_at=checked_at, method="board_website",
            source="Texas board lookup", expires_on=expires, next_check_due=expires,
            note="Seen online"),
        "expired": old_credential.objects.create(
            practitioner=practitioner, kind="pt", jurisdiction="TX", status="expired",
            verified_at=checked_at, method="board_contact", source="Phone call",
            expires_on=datetime.date(2020, 1, 1)),
        "rejected": old_credential.objects.create(
            practitioner=practitioner, kind="medical", status="rejected",
            verified_by_id=staff_user.pk, verified_at=checked_at,
            rejection_reason="No such number"),
        "submitted": old_credential.objects.create(
            practitioner=practitioner, kind="dacm", status="submitted"),
    }

    migrate(latest)

    rows = {c.credential_id: c for c in CredentialCheck.objects.all()}
    assert set(rows) == {stamps[k].pk for k in ("verified", "expired", "rejected")}
    verified = rows[stamps["verified"].pk]
    assert (verified.checked_by_id, verified.checked_at, verified.method, verified.source,
            verified.outcome, verified.expires_on, verified.next_check_due, verified.note) == (
        staff_user.pk, checked_at, "board_website", "Texas board lookup", "current", expires,
        expires, "Seen online")
    assert rows[stamps["expired"].pk].outcome == "lapsed"
    assert (rows[stamps["rejected"].pk].outcome, rows[stamps["rejected"].pk].note) == (
        "rejected", "No such number")
    # The stamps themselves are untouched: search and "vetted" still read them.
    credential = Credential.objects.get(pk=stamps["verified"].pk)
    assert (credential.status, credential.verified_at, credential.source) == (
        "verified", checked_at, "Texas board lookup")


BEFORE_LOCALISED_LINKS = [("articles", "0004_translations")]


def test_upgrade_points_a_stored_spanish_body_at_spanish_pages():
    latest = latest_targets()
    apps = migrate(BEFORE_LOCALISED_LINKS)
    author = apps.get_model("articles", "Author").objects.create(name="A Writer")
    condition = apps.get_model("clinics", "Condition").objects.get(slug="fibromyalgia")
    article_model = apps.get_model("articles", "Article")
    body = "See [lupus](/conditions/lupus/)."
    stored = '<p>See <a href="/conditions/lupus/">lupus</a>.</p>'
    original = article_model.objects.create(title="Fibromyalgia", slug="fibromyalgia",
                                            condition=condition, author=author, body=body,
                                            body_html=stored)
    article_model.objects.create(title="Fibromialgia", slug="fibromyalgia-es", language="es",
                                 translation_of=original, condition=condition, author=author,
                                 body=body, body_html=stored)

    migrate(latest)

    assert {page.slug: re.findall(r'href="([^"]*)"', page.body_html)
            for page in Article.objects.all()} == {
        "fibromyalgia": ["/conditions/lupus/"], "fibromyalgia-es": ["/es/conditions/lupus/"]}
