"""The demo shows every trust state: each verified credential's stamp is its latest check,
some have earlier checks, and there are checks due and overdue and licences expiring in 7,
30 and 60 days (clinics/demo.py TRUST_CASES)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from clinics.models import Credential, CredentialCheck
from tests.clinics.test_load_demo import _fast_and_isolated, load  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded():
    return load()


def test_load_demo_each_verified_credential_has_its_stamp_as_latest_check(demo_loaded):
    verified = Credential.objects.filter(status="verified").prefetch_related("checks")

    mismatched = [
        c.pk for c in verified
        if (c.checks.all()[0].checked_at, c.checks.all()[0].expires_on,
            c.checks.all()[0].next_check_due, c.checks.all()[0].source)
        != (c.verified_at, c.expires_on, c.next_check_due, c.source)
    ]

    assert mismatched == []
    assert CredentialCheck.objects.values("credential").annotate(n=Count("pk")).filter(
        n__gt=1).exists()  # some profiles show earlier checks


def test_load_demo_has_checks_due_and_overdue_and_licences_expiring_soon(demo_loaded):
    today = timezone.localdate()
    licences = Credential.objects.licences()

    due = set(Credential.objects.due_for_check().values_list("next_check_due", flat=True))
    expiring = set(licences.values_list("expires_on", flat=True))

    assert {today, today - datetime.timedelta(days=21)} <= due
    assert {today + datetime.timedelta(days=d) for d in (7, 30, 60)} <= expiring


def test_load_demo_has_an_excluded_npi_a_pt_in_a_prohibited_state_and_stale_listings(
        demo_loaded):
    from clinics.models import Clinic, Exclusion, Location, Practitioner, SearchEntry
    from clinics.models.terms import DryNeedlingRule
    from tests.clinics.search.helpers import names

    [exclusion] = Exclusion.objects.all()
    assert exclusion.status == Exclusion.Status.PENDING
    assert not SearchEntry.objects.filter(practitioner=exclusion.practitioner).exists()

    prohibited = DryNeedlingRule.objects.prohibited().values_list("state", flat=True)
    pt = Practitioner.objects.get(credentials__kind="pt", locations__state__in=prohibited)
    there = Location.objects.get(practitioners=pt, state__in=prohibited)
    assert pt.name not in names(f"near={there.zip_code}&modality=dry-needling")
    assert pt.name in names(f"near={there.zip_code}")

    assert Clinic.objects.unconfirmed_for(180).exists()
    assert Clinic.objects.unconfirmed_for(90).count() > Clinic.objects.unconfirmed_for(
        180).count()


def test_demo_owner_sees_a_stale_listing_a_lapsed_licence_and_one_expiring(demo_loaded, client):
    owner = get_user_model().objects.get(username="owner")
    clinic = owner.clinic_memberships.get().clinic
    client.force_login(owner)

    dashboard = client.get(reverse("owners:dashboard")).content.decode()
    manage = client.get(reverse("owners:clinic", args=[clinic.pk])).content.decode()

    assert clinic.is_stale and 'data-freshness="stale"' in dashboard
    assert "Expired on " in manage
    today = timezone.localdate()
    assert Credential.objects.licences().filter(
        practitioner__locations__clinic=clinic, expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=60)).exists()
