import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinics.models import Clinic, Condition, Credential, Location, Practitioner
from clinics.validators import npi_check_digit, validate_npi, validate_state, validate_zip_code
from tests.factories import (
    ClinicFactory,
    CredentialFactory,
    LocationFactory,
    PractitionerFactory,
    vetted_practitioner,
)

pytestmark = pytest.mark.django_db
today = timezone.localdate


def test_vetted_licence_expiring_today_counts():
    credential = CredentialFactory(expires_on=today())

    assert list(Practitioner.objects.vetted()) == [credential.practitioner]


def test_vetted_licence_expired_yesterday_does_not_count():
    CredentialFactory(expires_on=today() - datetime.timedelta(days=1))

    assert list(Practitioner.objects.vetted()) == []


@pytest.mark.parametrize(
    "kind", [Credential.Kind.NCCAOM_AC, Credential.Kind.DACM, Credential.Kind.DRY_NEEDLING,
             Credential.Kind.ABMA, Credential.Kind.OTHER],
)
def test_vetted_verified_certificate_without_licence_does_not_count(kind):
    CredentialFactory(kind=kind)

    assert list(Practitioner.objects.vetted()) == []


@pytest.mark.parametrize(
    "status", [Credential.Status.SUBMITTED, Credential.Status.REJECTED, Credential.Status.EXPIRED]
)
def test_vetted_licence_not_verified_does_not_count(status):
    CredentialFactory(status=status)

    assert list(Practitioner.objects.vetted()) == []


@pytest.mark.parametrize(
    "status", [Clinic.Status.SUSPENDED, Clinic.Status.PENDING, Clinic.Status.DRAFT]
)
def test_vetted_licence_at_unpublished_clinic_does_not_count(status):
    location = LocationFactory(clinic=ClinicFactory(status=status))
    CredentialFactory(practitioner=PractitionerFactory(locations=[location]))

    assert list(Practitioner.objects.vetted()) == []


def test_vetted_one_published_clinic_among_several_counts_once():
    suspended = LocationFactory(clinic=ClinicFactory(status=Clinic.Status.SUSPENDED))
    published = LocationFactory()
    practitioner = PractitionerFactory(locations=[suspended, published])
    CredentialFactory(practitioner=practitioner)
    CredentialFactory(practitioner=practitioner, kind=Credential.Kind.PT)

    assert list(Practitioner.objects.vetted()) == [practitioner]


def test_vetted_each_licence_kind_counts():
    vetted = [
        CredentialFactory(kind=kind).practitioner
        for kind in (Credential.Kind.LAC, Credential.Kind.MEDICAL, Credential.Kind.PT)
    ]

    assert sorted(Practitioner.objects.vetted(), key=lambda p: p.pk) == vetted


def test_published_excludes_every_other_status():
    published = ClinicFactory(status=Clinic.Status.PUBLISHED)
    for status in (Clinic.Status.DRAFT, Clinic.Status.PENDING, Clinic.Status.SUSPENDED):
        ClinicFactory(status=status)

    assert list(Clinic.objects.published()) == [published]


@pytest.mark.parametrize("npi", ["1234567893", "1245319599", "1003000126"])
def test_npi_valid_check_digit_passes(npi):
    validate_npi(npi)  # raises on failure

    assert npi_check_digit(npi[:9]) == int(npi[9])


@pytest.mark.parametrize("npi", ["1234567890", "1245319590", "123456789", "12345678931", "12345abc93", ""])
def test_npi_bad_check_digit_or_shape_is_refused(npi):
    with pytest.raises(ValidationError):
        validate_npi(npi)


def test_npi_on_practitioner_is_validated_by_full_clean():
    practitioner = vetted_practitioner(npi="1234567890")

    with pytest.raises(ValidationError) as error:
        practitioner.full_clean()

    assert "npi" in error.value.message_dict


@pytest.mark.parametrize("state", ["TX", "DC", "PR", "CA", "WY"])
def test_state_us_codes_are_accepted(state):
    validate_state(state)

    location = LocationFactory.build(state=state, clinic=ClinicFactory())
    location.full_clean()


@pytest.mark.parametrize("state", ["XX", "tx", "Texas", "", "GU", "ON"])
def test_state_unknown_codes_are_refused(state):
    with pytest.raises(ValidationError):
        validate_state(state)


@pytest.mark.parametrize("zip_code", ["78704", "78704-1234"])
def test_zip_code_valid_forms_pass(zip_code):
    validate_zip_code(zip_code)

    assert Location(zip_code=zip_code).zip_code == zip_code


@pytest.mark.parametrize("zip_code", ["7870", "787041234", "ABCDE", "78704-12"])
def test_zip_code_bad_forms_are_refused(zip_code):
    with pytest.raises(ValidationError):
        validate_zip_code(zip_code)


@pytest.mark.parametrize(
    ("query", "slug"),
    [("lou gehrig", "als"), ("Lou Gehrig's disease", "als"), ("SLE", "lupus"),
     ("mps", "myofascial-pain-syndrome"), ("fibro", "fibromyalgia"), ("ms", "multiple-sclerosis")],
)
def test_condition_matching_synonym_finds_condition(query, slug):
    assert [c.slug for c in Condition.objects.matching(query)] == [slug]


@pytest.mark.parametrize("query", ["", "   ", "%", "'; drop table", "zzzz"])
def test_condition_matching_odd_text_finds_nothing(query):
    assert list(Condition.objects.matching(query)) == []


def test_condition_clean_rebuilds_search_terms():
    condition = Condition.objects.get(slug="fibromyalgia")
    condition.synonyms += "\nChronic widespread pain"

    condition.full_clean()
    condition.save()

    assert [c.slug for c in Condition.objects.matching("chronic widespread")] == ["fibromyalgia"]
