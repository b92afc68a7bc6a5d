"""The demo shows reports of each outcome, an open one, and owner text held and rejected,
made through the real services (clinics/owners/demo.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from clinics.models import Clinic
from clinics.owners.demo import load_demo_owner_states
from clinics.owners.models import ListingReport, OwnerEdit
from tests.clinics.test_load_demo import _fast_and_isolated, load  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded():
    load()
    load_demo_owner_states()


def test_demo_has_reports_of_each_outcome(demo_loaded, mailoutbox):
    statuses = sorted(ListingReport.objects.values_list("status", flat=True))

    assert statuses == ["dismissed", "open", "resolved", "resolved"]
    assert ListingReport.objects.exclude(status="open").filter(staff_note="").count() == 0


def test_demo_owner_sees_held_and_rejected_text(demo_loaded):
    owner_clinic = Clinic.objects.get(memberships__user__username="owner")
    client = Client()
    client.force_login(owner_clinic.memberships.get().user)

    page = client.get(reverse("owners:clinic", args=[owner_clinic.pk])).content.decode()

    assert sorted(OwnerEdit.objects.exclude(text_status="").values_list(
        "text_status", flat=True)) == ["held", "rejected"]
    assert "cure fibromyalgia" not in owner_clinic.description
    assert "Held for staff review" in page
    assert "Rejected by staff" in page


def test_demo_owner_states_load_once(demo_loaded):
    load_demo_owner_states()

    assert ListingReport.objects.count() == 4
