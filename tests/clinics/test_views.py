"""Profiles and clinic pages: what they show, their JSON-LD, and who has one."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from clinics.models import (
    Clinic,
    Credential,
)
from tests.clinics.search.helpers import names
from tests.factories import (
    ClinicFactory,
    CredentialFactory,
    LocationFactory,
    PractitionerFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_profile_json_ld_parses_with_clinic(client, practitioner_at):
    practitioner = practitioner_at(LocationFactory(), name="Json Person")

    data = json_ld(client.get(practitioner.get_absolute_url()).content.decode())

    assert (data["@type"], data["name"]) == ("Person", "Json Person")
    assert "isAcceptingNewPatients" not in data  # a Person cannot have it in schema.org
    assert data["worksFor"][0]["@type"] == "MedicalClinic"
    assert data["worksFor"][0]["address"]["postalCode"] == "78704"


def test_profile_of_physician_is_physician(client, practitioner_at):
    practitioner = practitioner_at(LocationFactory())
    for credential in practitioner.credentials.all():
        credential.kind = Credential.Kind.MEDICAL
        credential.save()

    data = json_ld(client.get(practitioner.get_absolute_url()).content.decode())

    assert (data["@type"], data["isAcceptingNewPatients"]) == ("Physician", True)


def test_profile_shows_verification_record_and_expired(client, practitioner_at):
    practitioner = practitioner_at(LocationFactory())
    CredentialFactory(practitioner=practitioner, kind=Credential.Kind.NCCAOM_AC,
                      expires_on=timezone.localdate() - datetime.timedelta(days=3))

    html = client.get(practitioner.get_absolute_url()).content.decode()

    assert "Checked with" in html and "https://example.org/board-lookup" in html
    assert "Expired" in html
    assert "openstreetmap.org/?mlat=30.24280" in html
    assert "Accepting new patients" in html


def test_profile_puts_phone_address_and_enquiry_before_the_credentials(client, listing):
    html = client.get(listing.practitioner.get_absolute_url()).content.decode()

    order = [html.index(text) for text in (
        'class="profile-contact"', "<address>", "Phone: <a", 'id="contact-heading"',
        'id="credentials-heading"')]
    assert order == sorted(order)
    assert "Write to Rosa Imai" in html  # the clinic has a member who reads its inbox


def test_profile_without_an_inbox_says_phone_them_under_a_contact_heading(client,
                                                                          practitioner_at):
    practitioner = practitioner_at(LocationFactory(), name="No Inbox")

    html = client.get(practitioner.get_absolute_url()).content.decode()

    assert '<h2 id="contact-heading">Contact No Inbox</h2>' in html
    assert "Please phone them" in html
    assert "Write to No Inbox" not in html


def test_unvetted_profile_is_marked_and_kept_out_of_search_and_sitemap(client):
    practitioner = PractitionerFactory(name="Not Yet")
    CredentialFactory(practitioner=practitioner, status=Credential.Status.SUBMITTED)

    profile = client.get(practitioner.get_absolute_url())
    sitemap = client.get("/sitemap-practitioners.xml").content.decode()

    assert profile.status_code == 200
    assert "Licence not yet verified" in profile.content.decode()
    assert "<urlset" in sitemap
    assert practitioner.slug not in sitemap
    assert names("near=78704") == []


def test_profile_at_unpublished_clinic_only_is_404(client):
    practitioner = PractitionerFactory(
        locations=[LocationFactory(clinic=ClinicFactory(status=Clinic.Status.SUSPENDED))])

    assert client.get(practitioner.get_absolute_url()).status_code == 404


def test_clinic_page_lists_vetted_first(client):
    location = LocationFactory()
    PractitionerFactory(name="Aaron Unverified", locations=[location])
    vetted = PractitionerFactory(name="Zoe Verified", locations=[location])
    CredentialFactory(practitioner=vetted)

    response = client.get(location.clinic.get_absolute_url())

    assert [p.name for p in response.context["practitioners"]] == [
        "Zoe Verified", "Aaron Unverified"]


@pytest.mark.parametrize("status", [Clinic.Status.DRAFT, Clinic.Status.PENDING,
                                    Clinic.Status.SUSPENDED])
def test_clinic_page_unpublished_is_404(client, status):
    clinic = ClinicFactory(status=status)

    assert client.get(clinic.get_absolute_url()).status_code == 404


def test_home_search_is_condition_place_and_search_with_the_location_button(client):
    html = client.get("/").content.decode()

    form = html[html.index('<form method="get" action="/practitioners/" class="quick-search"'):]
    form = form[:form.index("</form>")]
    order = [form.index(text) for text in (
        'name="condition"', 'name="near"', '<button type="submit">Search</button>',
        "data-geolocate>Use my location</button>")]
    assert order == sorted(order)
    assert '<p class="geolocate" hidden>' in form  # shown by the script, not without it
    assert re.search(r'<script src="/static/js/geolocate[^"]*\.js" defer></script>', html)
    assert html.index('class="quick-search"') < html.index('class="lede"')


@pytest.mark.parametrize(("path", "label"), [
    ("/practitioners/", "ZIP code or City, ST"),
    ("/es/practitioners/", "Código postal, o ciudad y estado"),
])
def test_place_box_is_labelled_in_plain_words_in_each_language(client, path, label):
    html = client.get(path).content.decode()

    assert re.search(r'<label for="id_near"[^>]*>\s*' + re.escape(label) + r":?\s*</label>", html)
