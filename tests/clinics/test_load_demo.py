import base64
import io
import math
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.management import call_command
from django.utils import timezone
from geopy.distance import great_circle

from articles.demo import load_demo_articles
from clinics import demo as clinics_demo
from clinics import geo, geocoding
from clinics.demo_words import DemoContentError, read_words
from clinics.models import (
    Clinic,
    ClinicMembership,
    Condition,
    Credential,
    Language,
    Location,
    Modality,
    Practitioner,
    PractitionerCondition,
    PractitionerLocation,
    Specialty,
)
from clinics.validators import validate_npi
from directory import demo as demo_loaders
from tests.clinics.test_demo_words import write_words

# What the apps registered before the fixture below empties the list for each test.
REGISTERED_AT_START = list(demo_loaders.LOADERS)

pytestmark = pytest.mark.django_db

COUNTED = [Clinic, Location, Practitioner, Credential, PractitionerCondition, PractitionerLocation,
           ClinicMembership, get_user_model()]


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, monkeypatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Other apps' demo loaders (the articles') are tested on their own; here none run.
    monkeypatch.setattr(demo_loaders, "LOADERS", [])
    monkeypatch.delenv("DEMO_STAFF_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_OWNER_PASSWORD", raising=False)


def load(*args, **options) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out, **options)
    return out.getvalue()


def authenticate(username: str, password: str):
    # The password backend itself: the login throttle in front of it wants a real request.
    return ModelBackend().authenticate(None, username=username, password=password)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo():
    return load()


def test_load_demo_run_twice_same_counts(demo):
    before = counts()

    output = load()

    assert counts() == before
    assert "already present" in output


def test_load_demo_reset_twice_same_counts_and_names(demo):
    load("--reset")
    before = counts()
    names = list(Practitioner.objects.order_by("pk").values_list("name", "slug"))

    load("--reset")

    assert counts() == before
    assert list(Practitioner.objects.order_by("pk").values_list("name", "slug")) == names


def test_load_demo_default_size_about_300_clinics_600_practitioners(demo):
    assert Practitioner.objects.count() == 600
    assert 250 <= Clinic.objects.count() <= 350
    assert Location.objects.values("state").distinct().count() >= 25


def test_load_demo_default_mix_has_pending_suspended_submitted_and_expired(demo):
    today = timezone.localdate()
    statuses = set(Clinic.objects.values_list("status", flat=True))
    licences = Credential.objects.filter(kind__in=Credential.LICENCE_KINDS)

    assert statuses == {"published", "pending", "suspended", "draft"}
    assert not Clinic.objects.filter(status="suspended", status_reason="").exists()
    assert licences.filter(status="submitted").exists()
    assert licences.filter(status="verified", expires_on__lt=today).exists()
    assert 0 < Practitioner.objects.vetted().count() < Practitioner.objects.count()


def test_load_demo_verified_credentials_record_the_check(demo):
    staff = get_user_model().objects.get(username="staff")
    verified = Credential.objects.filter(status="verified")

    assert verified.exists()
    assert not verified.exclude(verified_by=staff).exists()
    assert not verified.filter(verified_at__isnull=True).exists()
    assert not verified.filter(method="").exists()
    assert not verified.filter(source="").exists()
    assert not verified.filter(next_check_due__isnull=True).exists()


def test_load_demo_licence_jurisdiction_matches_a_workplace_state(demo):
    for licence in Credential.objects.filter(kind__in=Credential.LICENCE_KINDS)[:100]:
        states = {loc.state for loc in licence.practitioner.locations.all()}
        assert licence.jurisdiction in states


def test_load_demo_every_practitioner_has_licence_workplace_and_english(demo):
    practitioners = Practitioner.objects.all()

    assert not practitioners.filter(workplaces__isnull=True).exists()
    assert not practitioners.exclude(credentials__kind__in=Credential.LICENCE_KINDS).exists()
    assert not practitioners.exclude(languages__code="en").exists()
    assert not practitioners.filter(practitionercondition__isnull=True).exists()
    assert PractitionerLocation.objects.count() > practitioners.count()  # some work at two


def test_load_demo_npis_all_valid(demo):
    npis = list(Practitioner.objects.exclude(npi="").values_list("npi", flat=True))

    assert npis
    for npi in npis:
        validate_npi(npi)


def test_load_demo_locations_all_have_coordinates_and_search_columns(demo):
    assert not Location.objects.filter(lat__isnull=True).exists()
    assert not Location.objects.filter(lng__isnull=True).exists()
    assert not Location.objects.exclude(geocode_source="offline").exists()
    for location in Location.objects.all()[:50]:
        assert location.lat_band == geo.lat_band(location.lat)
        expected = geo.unit_vector(location.lat, location.lng)
        assert all(map(math.isclose, (location.x, location.y, location.z), expected))


def test_load_demo_contact_details_fictional(demo):
    assert not Clinic.objects.exclude(email__endswith="@example.org").exists()
    assert not Clinic.objects.exclude(website__startswith="https://example.org/").exists()
    assert not Clinic.objects.exclude(phone__regex=r"^\(\d{3}\) 555-01\d\d$").exists()


def test_load_demo_phone_area_codes_belong_to_the_clinic_city(demo):
    words = read_words()
    clinics = Clinic.objects.prefetch_related("locations")
    wrong = []
    for clinic in clinics:
        first = min(clinic.locations.all(), key=lambda location: location.pk)
        expected = (words.area_codes_by_city.get((first.city, first.state))
                    or words.area_codes_by_state[first.state])
        if not clinic.phone.startswith(f"({expected}) "):
            wrong.append((clinic.phone, first.city, first.state))

    assert wrong == []
    assert Location.objects.filter(city="New York", state="NY").exists()
    assert not Clinic.objects.filter(locations__city="New York", locations__state="NY").exclude(
        phone__startswith="(212)").exists()


def test_load_demo_locations_sit_near_but_not_on_their_zip_centre(demo):
    miles_from_centre = []
    for location in Location.objects.all():
        centre = geocoding.geocode(location.zip_code)
        miles_from_centre.append(great_circle((centre.lat, centre.lng),
                                              (location.lat, location.lng)).miles)
    points = list(Location.objects.values_list("lat", "lng"))

    assert min(miles_from_centre) > 0.09 and max(miles_from_centre) < 0.61
    assert len(set(points)) == len(points)  # no two clinics tie


def test_street_level_offset_is_the_same_for_the_same_location():
    assert clinics_demo.street_level(30.25, -97.75, 7) == clinics_demo.street_level(30.25, -97.75, 7)
    assert clinics_demo.street_level(30.25, -97.75, 7) != clinics_demo.street_level(30.25, -97.75, 8)


def test_load_demo_count_500_exactly_500_practitioners(demo):
    output = load("--count", "500")

    assert Practitioner.objects.count() == 500
    assert 200 <= Clinic.objects.count() <= 300
    assert 200 <= Location.objects.count() <= 500
    assert "Loaded 500 practitioners" in output


def test_load_demo_count_still_mixed_and_partly_vetted():
    load("--count", "500")

    assert Clinic.objects.exclude(status="published").exists()
    assert Credential.objects.filter(kind__in=Credential.LICENCE_KINDS, status="submitted").exists()
    assert 0 < Practitioner.objects.vetted().count() < 500


def test_load_demo_count_zero_is_an_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        load("--count", "0")


def test_load_demo_staff_password_from_env_can_authenticate(monkeypatch):
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "staff-demo-pass-1")

    output = load()

    user = authenticate(username="staff", password="staff-demo-pass-1")
    assert user is not None
    assert user.is_staff and user.is_superuser
    assert "staff-demo-pass-1" not in output


def test_load_demo_staff_rerun_without_env_keeps_password(monkeypatch):
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "first-pass-123")
    load()
    monkeypatch.delenv("DEMO_STAFF_PASSWORD")

    output = load()

    assert "existing password unchanged" in output
    assert authenticate(username="staff", password="first-pass-123") is not None


def test_load_demo_staff_rerun_with_env_resets_password(monkeypatch):
    load()
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "second-pass-456")

    load()

    assert authenticate(username="staff", password="second-pass-456") is not None


def test_load_demo_generated_passwords_printed_and_work():
    output = load()

    lines = {line.split(" login: ")[1].split(" / password ")[0]: line.split(" / password ")[1]
             for line in output.splitlines() if " / password " in line}
    assert set(lines) == {"staff", "owner"}
    assert authenticate(username="staff", password=lines["staff"]) is not None
    owner = authenticate(username="owner", password=lines["owner"])
    assert owner is not None
    assert not owner.is_staff


def test_load_demo_prints_the_staff_two_factor_key_and_keeps_it(demo):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    key = re.search(r"two-factor key .*: ([A-Z2-7 ]+)$", demo, re.M).group(1)
    again = load()

    device = TOTPDevice.objects.get(user__username="staff", confirmed=True)
    assert base64.b32decode(key.replace(" ", "")) == device.bin_key
    assert f"asks for its code): {key}" in again
    assert device.verify_token(totp(device.bin_key))  # what the developer's app would show


def test_load_demo_owner_owns_a_published_clinic(demo):
    membership = ClinicMembership.objects.get(user__username="owner")

    assert membership.role == ClinicMembership.Role.OWNER
    assert membership.clinic.status == Clinic.Status.PUBLISHED


def test_load_demo_runs_each_registered_loader_once_after_the_directory():
    calls = []
    demo_loaders.register(lambda stdout: calls.append(Practitioner.objects.count()))

    load()

    assert calls == [600]


def test_load_demo_with_no_other_loaders_loads_the_directory_alone():
    output = load()

    assert "Loaded 600 practitioners" in output and "Articles" not in output


def test_articles_app_registers_its_demo_loader():
    assert load_demo_articles in REGISTERED_AT_START


def test_load_demo_reset_clears_what_points_at_the_old_directory_and_keeps_the_rest(demo):
    from clinics.models import SearchEntry
    from clinics.owners.models import ClinicClaim, ContactRequest, ListingReport
    from tests.factories import (
        ClinicClaimFactory,
        ContactRequestFactory,
        ListingReportFactory,
        UserFactory,
    )

    clinic = Clinic.objects.first()
    practitioner = Practitioner.objects.filter(locations__clinic=clinic).first()
    ClinicClaimFactory(clinic=clinic)
    ContactRequestFactory(clinic=clinic, practitioner=practitioner)
    ListingReportFactory(clinic=clinic, practitioner=practitioner)
    bystander = UserFactory()
    before = counts()

    load("--reset")

    assert counts() == before
    assert not Clinic.objects.filter(pk=clinic.pk).exists()
    assert (ClinicClaim.objects.count(), ContactRequest.objects.count(),
            ListingReport.objects.count()) == (0, 0, 0)
    assert SearchEntry.objects.exists()  # rebuilt for the new directory
    assert get_user_model().objects.filter(pk=bystander.pk).exists()


def test_load_demo_interrupted_while_indexing_changes_nothing(demo, monkeypatch):
    from clinics.models import SearchEntry
    from clinics.search import index

    before = counts() | {"SearchEntry": SearchEntry.objects.count()}
    real_write = index._write

    def interrupted(rows):
        real_write(rows)
        raise KeyboardInterrupt  # Ctrl-C after the first chunk of index rows is written

    monkeypatch.setattr(index, "_write", interrupted)

    with pytest.raises(KeyboardInterrupt):
        load("--reset")

    assert counts() | {"SearchEntry": SearchEntry.objects.count()} == before
    assert ClinicMembership.objects.filter(user__username="owner").count() == 1


# -- demo_content/words.toml ------------------------------------------------------------------


def test_load_demo_with_malformed_words_changes_nothing(demo, tmp_path, monkeypatch):
    path = write_words(tmp_path, lambda data: data["people"].pop("surnames"))
    real_read_words = read_words
    monkeypatch.setattr(clinics_demo, "read_words", lambda: real_read_words(path))
    before = counts()

    with pytest.raises(DemoContentError, match=re.escape(str(path))):
        load("--reset")

    assert counts() == before



def test_load_demo_terms_all_have_spanish_names():
    load("--count", "20")

    terms = [Condition, Specialty, Modality, Language]
    unnamed = [f"{model.__name__} {name}" for model in terms
               for name in model.objects.filter(name_es="").values_list("name", flat=True)]
    assert Practitioner.objects.count() == 20
    assert unnamed == []
