"""An expired licence reads "Expired on <date>" on every surface, never "Verified" nor
"not yet verified": the public profile, the clinic page, the owner's dashboard, the admin
and the JSON API all word it through clinics/presenters.py."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from clinics import expiry, presenters
from clinics.models import Credential
from tests.conftest import verified_login
from tests.factories import vetted_practitioner

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
NOT_ALLOWED = re.compile(r"\bVerified\b|not yet verified|Licence verified", re.IGNORECASE)


def main_of(response) -> str:
    """The page's <main>: the footer's general note on vetting is the same on every page."""
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


@pytest.fixture(params=["before the sweep", "after the sweep"])
def expired(request, listing):
    """The listing's only licence expired three days ago, before or after the daily sweep
    has marked it (status stays "verified" until then)."""
    listing.credential.expires_on = timezone.localdate() - 3 * DAY
    listing.credential.save()
    if request.param == "after the sweep":
        expiry.run_trust_sweep()
        listing.credential.refresh_from_db()
        assert listing.credential.status == Credential.Status.EXPIRED
    listing.expired_label = f"Expired on {date_format(listing.credential.expires_on, 'j F Y')}"
    return listing


def test_public_profile_says_expired_on_date(client, expired):
    html = main_of(client.get(expired.practitioner.get_absolute_url()))

    assert expired.expired_label in html
    assert f"Licence expired on {date_format(expired.credential.expires_on, 'j F Y')}" in html
    assert NOT_ALLOWED.findall(html) == []


def test_clinic_page_says_licence_expired_on_date(client, expired):
    html = main_of(client.get(expired.clinic.get_absolute_url()))

    assert f"Licence expired on {date_format(expired.credential.expires_on, 'j F Y')}" in html
    assert NOT_ALLOWED.findall(html) == []


def test_owner_dashboard_says_expired_on_date(client, expired):
    client.force_login(expired.owner)

    html = main_of(client.get(reverse("owners:clinic", kwargs={"clinic_pk": expired.clinic.pk})))

    assert expired.expired_label in html
    assert NOT_ALLOWED.findall(html) == []


def test_admin_credential_pages_say_expired_on_date(client, staff_user, expired):
    verified_login(client, staff_user)
    change = client.get(reverse("admin:clinics_credential_change",
                                args=[expired.credential.pk])).content.decode()
    listed = client.get(reverse("admin:clinics_credential_changelist")).content.decode()
    practitioner = client.get(reverse("admin:clinics_practitioner_change",
                                      args=[expired.practitioner.pk])).content.decode()

    results = listed[listed.index('id="result_list"'):]
    row = re.search(r"<tr>(?:(?!</tr>).)*Rosa Imai.*?</tr>", results, re.DOTALL).group(0)
    assert expired.expired_label in row and NOT_ALLOWED.findall(row) == []
    for page in (change, practitioner):
        state = re.search(r'field-state">.*?<div class="readonly">(.*?)</div>', page,
                          re.DOTALL).group(1)
        assert state == expired.expired_label


def test_api_leaves_the_expired_licence_out_and_words_current_ones_verified(client, expired):
    body = client.get(reverse("api:practitioners"), {"near": "78704"}).json()

    assert body["results"] == []


def test_api_current_licence_status_is_the_presenters_wording(client, listing):
    body = client.get(reverse("api:practitioners"), {"near": "78704"}).json()

    [result] = body["results"]
    assert result["verified_licence"]["status"] == "Verified"


@pytest.mark.parametrize(("status", "days", "label"), [
    ("verified", 10, "Verified"),
    ("verified", 0, "Verified"),  # expires today: still current
    ("verified", -1, "Expired on {}"),
    ("expired", -1, "Expired on {}"),
    ("submitted", -1, "Expired on {}"),
    ("submitted", 10, "Waiting for our check"),
    ("rejected", -1, "Not accepted"),
])
def test_credential_state_wording(status, days, label):
    expires_on = timezone.localdate() + days * DAY

    badge = presenters.credential_state(status=status, expires_on=expires_on)

    assert badge.label == label.format(date_format(expires_on, "j F Y"))


def test_search_page_leaves_the_expired_licence_out(client, expired):
    vetted_practitioner(name="Current Colleague", locations=[expired.location])

    html = main_of(client.get(reverse("clinics:practitioner-list"), {"near": "78704"}))

    assert "Current Colleague" in html
    assert expired.practitioner.name not in html


def test_fhir_shows_neither_the_practitioner_nor_the_expired_qualification(client, expired):
    read = client.get(f"/fhir/Practitioner/{expired.practitioner.pk}")
    roles = client.get("/fhir/PractitionerRole").content.decode()
    checks = client.get("/fhir/VerificationResult").content.decode()

    assert read.status_code == 404
    assert f"Practitioner/{expired.practitioner.pk}\"" not in roles
    assert expired.credential.number not in checks


def test_hsds_lists_no_service_from_the_expired_licence(client, expired):
    html = client.get("/hsds/services").content.decode()

    assert '"total_items":0' in html.replace(" ", "")


def test_profile_says_a_check_that_found_it_current_was_before_it_expired(client, expired):
    expired.credential.checks.update(checked_at=timezone.now() - 30 * DAY)
    latest = expired.credential.checks.first()

    html = main_of(client.get(expired.practitioner.get_absolute_url()))

    if latest.outcome == "current":
        assert "confirmed current. It has expired since." in html
    else:
        assert "It has expired since" not in html
    assert "next check due" not in html


def test_profile_adds_nothing_when_the_check_came_after_the_expiry(client, expired):
    html = main_of(client.get(expired.practitioner.get_absolute_url()))

    assert "It has expired since" not in html  # the check (today) is later than the expiry
