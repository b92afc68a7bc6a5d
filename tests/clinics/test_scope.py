"""Dry-needling scope rules that search and the profile obey (clinics/scope.py)."""

import datetime

import pytest

from clinics.models import Credential, DryNeedlingRule, Modality
from clinics.models.search import BITS
from tests.clinics.search.helpers import names, run
from tests.factories import CredentialFactory, LocationFactory, PractitionerFactory

# Seeded as prohibited in 0002: CA, HI, NY, OR. Texas has no rule.
SAN_FRANCISCO = {"state": "CA", "city": "San Francisco", "zip_code": "94110",
                 "lat": 37.7485, "lng": -122.4184}
SACRAMENTO = {"state": "CA", "city": "Sacramento", "zip_code": "95814",
              "lat": 38.5816, "lng": -121.4944}
RENO = {"state": "NV", "city": "Reno", "zip_code": "89501", "lat": 39.5296, "lng": -119.8138}


def _needler(name, *places, kind=Credential.Kind.PT, licence_state="CA"):
    practitioner = PractitionerFactory(
        name=name, locations=[LocationFactory(**place) for place in places])
    practitioner.modalities.add(Modality.objects.get(slug="dry-needling"))
    CredentialFactory(practitioner=practitioner, kind=kind, jurisdiction=licence_state)
    return practitioner


def _rule(state, scope):
    return DryNeedlingRule.objects.update_or_create(state=state, defaults={
        "scope": scope, "source": f"{state} practice act", "as_of": datetime.date(2025, 6, 1)})[0]


@pytest.mark.django_db
def test_pt_in_prohibited_state_not_found_for_dry_needling():
    _needler("PT", SAN_FRANCISCO)
    assert names("near=94110&modality=dry-needling") == []
    assert names("near=94110") == ["PT"]  # still found for everything else


@pytest.mark.django_db
def test_pt_in_allowed_state_found():
    _rule("CA", DryNeedlingRule.Scope.ALLOWED)
    _needler("PT", SAN_FRANCISCO)
    assert names("near=94110&modality=dry-needling") == ["PT"]


@pytest.mark.django_db
def test_pt_in_state_without_rule_found():
    DryNeedlingRule.objects.filter(state="NV").delete()
    _needler("PT", RENO, licence_state="NV")
    assert names("near=89501&modality=dry-needling") == ["PT"]


@pytest.mark.django_db
def test_pt_in_unclear_state_found():
    _rule("NV", DryNeedlingRule.Scope.UNCLEAR)
    _needler("PT", RENO, licence_state="NV")
    assert names("near=89501&modality=dry-needling") == ["PT"]


@pytest.mark.django_db
def test_acupuncturist_licensed_in_prohibited_state_still_found():
    _needler("L.Ac.", SAN_FRANCISCO, kind=Credential.Kind.LAC)
    assert names("near=94110&modality=dry-needling") == ["L.Ac."]


@pytest.mark.django_db
def test_pt_in_two_states_found_only_in_allowed_one():
    _rule("NV", DryNeedlingRule.Scope.ALLOWED)
    _needler("Two states", SACRAMENTO, RENO)
    assert names("near=89501&radius=25&modality=dry-needling") == ["Two states"]
    assert names("near=95814&radius=25&modality=dry-needling") == []


@pytest.mark.django_db
def test_rule_change_takes_effect_at_once():
    _needler("PT", SAN_FRANCISCO)
    rule = DryNeedlingRule.objects.get(state="CA")
    assert names("near=94110&modality=dry-needling") == []

    rule.scope = DryNeedlingRule.Scope.ALLOWED
    rule.save()
    assert names("near=94110&modality=dry-needling") == ["PT"]

    rule.scope = DryNeedlingRule.Scope.PROHIBITED
    rule.save()
    assert names("near=94110&modality=dry-needling") == []

    rule.delete()
    assert names("near=94110&modality=dry-needling") == ["PT"]


@pytest.mark.django_db
def test_profile_says_not_in_scope_with_source_and_date(client):
    _rule("CA", DryNeedlingRule.Scope.PROHIBITED)
    practitioner = _needler("Two states", SAN_FRANCISCO, RENO)
    page = client.get(practitioner.get_absolute_url()).content.decode()
    assert page.count("data-scope-state=") == 1
    assert ("Dry needling is not within a physical therapist's scope of practice in "
            "California") in page
    assert "Source: CA practice act, as of 1 June 2025." in page


@pytest.mark.django_db
def test_profile_has_no_scope_note_for_allowed_state_or_acupuncturist(client):
    _rule("NV", DryNeedlingRule.Scope.ALLOWED)
    pt = _needler("PT", RENO, licence_state="NV")
    acupuncturist = _needler("L.Ac.", SAN_FRANCISCO, kind=Credential.Kind.LAC)
    for practitioner in (pt, acupuncturist):
        assert "data-scope-state" not in client.get(
            practitioner.get_absolute_url()).content.decode()


def _colliding_treatment():
    """A treatment whose id is 62 above dry needling's, so both map to one index bit
    (clinics/models/search.py): the scope rule must not depend on that bit."""
    dry_needling = Modality.objects.get(slug="dry-needling")
    return Modality.objects.create(id=dry_needling.id + BITS, name="Cupping high id",
                                   slug="cupping-high-id")


@pytest.mark.django_db
def test_treatment_sharing_dry_needlings_bit_cannot_bypass_the_rule():
    cupping = _colliding_treatment()
    barred = _needler("PT", SAN_FRANCISCO)
    barred.modalities.add(cupping)
    assert names("near=94110&modality=dry-needling") == []
    # ...and the rule takes only dry needling away, not the treatment sharing its bit.
    assert names("near=94110&modality=cupping-high-id") == ["PT"]


@pytest.mark.django_db
def test_shared_bit_still_finds_allowed_needlers_and_cupping_only_pts():
    cupping = _colliding_treatment()
    _needler("L.Ac.", SAN_FRANCISCO, kind=Credential.Kind.LAC)
    cupper = PractitionerFactory(name="Cupper", locations=[LocationFactory(**SAN_FRANCISCO)])
    cupper.modalities.add(cupping)
    CredentialFactory(practitioner=cupper, kind=Credential.Kind.PT, jurisdiction="CA")
    assert names("near=94110&modality=dry-needling") == ["L.Ac."]
    assert names("near=94110&modality=cupping-high-id") == ["Cupper"]


@pytest.mark.django_db
def test_barred_pts_card_does_not_offer_dry_needling_with_shared_bit():
    cupping = _colliding_treatment()
    barred = _needler("PT", SAN_FRANCISCO)
    barred.modalities.add(cupping)
    [result] = run("near=94110").object_list
    assert [m.slug for m in result.modalities] == ["cupping-high-id"]


@pytest.mark.django_db
def test_barred_pts_card_does_not_offer_dry_needling():
    _needler("PT", SAN_FRANCISCO)
    [result] = run("near=94110").object_list
    assert [m.slug for m in result.modalities] == []
