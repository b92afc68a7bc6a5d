"""The FHIR API shows the public directory and nothing else: the practitioners the search
shows, and only facts their public profile or clinic page already shows."""

import datetime
import html
import json
import re

import pytest
from django.utils import timezone
from django.utils.dateformat import format as format_date

from clinics.models import Clinic, Credential, CredentialCheck, Practitioner, PractitionerLocation
from tests.factories import (
    ClinicFactory,
    ContactRequestFactory,
    CredentialFactory,
    LocationFactory,
    MembershipFactory,
    PractitionerFactory,
    UserFactory,
    vetted_practitioner,
)

pytestmark = pytest.mark.django_db

INCLUDES = ("_include=PractitionerRole:practitioner&_include=PractitionerRole:location"
            "&_include=PractitionerRole:organization")
TYPES = ["Practitioner", "PractitionerRole", "Organization", "Location", "VerificationResult"]


def everything(fhir, resource_type, query=""):
    """Every resource a search for `resource_type` returns, following next links."""
    found, url = [], f"/fhir/{resource_type}?_count=7{query}"
    while url:
        response, body = fhir(url)
        assert response.status_code == 200
        found += [entry["resource"] for entry in body["entry"]]
        url = next((link["url"] for link in body["link"] if link["relation"] == "next"), None)
    return found


@pytest.fixture
def mixed_directory():
    """Practitioners that are vetted and every way of not being vetted."""
    today = timezone.localdate()
    draft = ClinicFactory(status=Clinic.Status.DRAFT, name="Secret Draft Clinic")
    draft_place = LocationFactory(clinic=draft)
    vetted = [vetted_practitioner() for _ in range(3)]
    both = vetted_practitioner()
    both.locations.add(draft_place)  # shown, but never at the draft clinic
    not_vetted = [
        PractitionerFactory(),  # nothing on file
        CredentialFactory(status=Credential.Status.SUBMITTED).practitioner,
        CredentialFactory(status=Credential.Status.REJECTED).practitioner,
        CredentialFactory(expires_on=today - datetime.timedelta(days=1)).practitioner,
        CredentialFactory(kind=Credential.Kind.DRY_NEEDLING).practitioner,  # not a licence
        CredentialFactory(practitioner=PractitionerFactory(locations=[draft_place])).practitioner,
    ]
    return [*vetted, both], not_vetted


def test_exposed_practitioners_are_exactly_the_vetted_ones(fhir, mixed_directory):
    exposed = {r["id"] for r in everything(fhir, "Practitioner")}

    assert exposed == {str(pk) for pk in Practitioner.objects.vetted().values_list("pk",
                                                                                    flat=True)}
    assert exposed == {str(p.pk) for p in mixed_directory[0]}


def test_roles_are_vetted_practitioners_at_published_clinics_only(fhir, mixed_directory):
    roles = everything(fhir, "PractitionerRole")

    expected = PractitionerLocation.objects.filter(
        practitioner__in=Practitioner.objects.vetted(),
        location__clinic__status=Clinic.Status.PUBLISHED)
    assert {r["id"] for r in roles} == {str(w.pk) for w in expected}
    assert {r["practitioner"]["reference"] for r in roles} == {
        f"Practitioner/{p.pk}" for p in mixed_directory[0]}


def test_organizations_and_locations_are_the_published_ones(fhir, mixed_directory):
    organizations = everything(fhir, "Organization")
    locations = everything(fhir, "Location")

    published = Clinic.objects.published()
    assert {r["id"] for r in organizations} == {str(c.pk) for c in published}
    assert {r["id"] for r in locations} == {
        str(pk) for pk in published.values_list("locations", flat=True)}


def add_check(credential, days_ago, outcome=CredentialCheck.Outcome.CURRENT, **fields):
    fields = {"method": Credential.Method.BOARD_WEBSITE,
              "source": "https://example.org/board-lookup"} | fields
    return CredentialCheck.objects.create(
        credential=credential, checked_at=timezone.now() - datetime.timedelta(days=days_ago),
        outcome=outcome, **fields)


def test_verification_results_are_every_check_of_the_credentials_profiles_show_verified(
        fhir, mixed_directory):
    vetted, not_vetted = mixed_directory
    renewed = vetted[0].credentials.get()
    add_check(renewed, 400, note="lapsed before renewal")  # earlier checks: on the profile
    add_check(renewed, 800, CredentialCheck.Outcome.REJECTED, note="papers unreadable")
    expired = next(c for p in not_vetted for c in p.credentials.all()
                   if c.expires_on and c.expires_on < timezone.localdate())
    add_check(expired, 30)  # the credential is not shown as verified, so neither are its checks

    results = everything(fhir, "VerificationResult")

    public = CredentialCheck.objects.filter(
        credential__in=Credential.objects.shown_as_verified().filter(
            practitioner__in=Practitioner.objects.vetted()))
    assert {r["id"] for r in results} == {str(pk) for pk in public.values_list("pk", flat=True)}
    assert {r["id"] for r in results} == {
        str(check.pk) for p in vetted for c in p.credentials.all() for check in c.checks.all()}
    assert len(results) == len(vetted) + 2


PRIVATE = {
    "note": "PRIVATE-staff-note-7731",
    "rejection_reason": "PRIVATE-rejection-7732",
    "status_reason": "PRIVATE-status-reason-7733",
    "message": "PRIVATE-enquiry-message-7734",
    "submitted_number": "PRIVATE-SUBMITTED-7735",
    "rejected_number": "PRIVATE-REJECTED-7736",
    "staff": "private-staff-7737",
    "owner": "private-owner-7738@example.org",
    "draft": "PRIVATE Draft Clinic 7739",
    "unvetted": "PRIVATE Unvetted Person 7740",
    "expired_number": "PRIVATE-EXPIRED-7741",
    "check_note": "PRIVATE-check-note-7742",
    "checker": "private-checker-7743",
}


def test_no_private_fact_appears_in_any_response(fhir):
    staff = UserFactory(username=PRIVATE["staff"])
    practitioner = vetted_practitioner(gender="female", pronouns="she/her")
    clinic = practitioner.locations.get().clinic
    credential = practitioner.credentials.get()
    credential.note, credential.verified_by = PRIVATE["note"], staff
    credential.save()
    # An earlier check: its note, who made it and the next check it planned (superseded by
    # the newer check's) are not on the profile.
    add_check(credential, 400, CredentialCheck.Outcome.LAPSED, note=PRIVATE["check_note"],
              checked_by=UserFactory(username=PRIVATE["checker"]),
              next_check_due=datetime.date(2031, 7, 9), expires_on=datetime.date(2030, 3, 17))
    CredentialFactory(practitioner=practitioner, status=Credential.Status.SUBMITTED,
                      number=PRIVATE["submitted_number"])
    CredentialFactory(practitioner=practitioner, status=Credential.Status.REJECTED,
                      number=PRIVATE["rejected_number"], rejection_reason=PRIVATE["rejection_reason"])
    CredentialFactory(practitioner=practitioner, number=PRIVATE["expired_number"],
                      expires_on=timezone.localdate() - datetime.timedelta(days=1))
    MembershipFactory(clinic=clinic, user__username=PRIVATE["owner"])
    ContactRequestFactory(clinic=clinic, message=PRIVATE["message"])
    suspended = ClinicFactory(status=Clinic.Status.SUSPENDED, status_reason=PRIVATE["status_reason"])
    vetted_practitioner(locations=[LocationFactory(clinic=suspended)])
    vetted_practitioner(locations=[LocationFactory(clinic=ClinicFactory(
        status=Clinic.Status.DRAFT, name=PRIVATE["draft"]))])
    PractitionerFactory(name=PRIVATE["unvetted"], locations=[LocationFactory(clinic=clinic)])

    bodies = [json.dumps(everything(fhir, kind)) for kind in TYPES]
    bodies.append(json.dumps(everything(fhir, "PractitionerRole", "&" + INCLUDES)))
    bodies.append(fhir(f"/fhir/Practitioner/{practitioner.pk}")[0].content.decode())
    text = "\n".join(bodies)

    for marker in PRIVATE.values():
        assert marker not in text, marker
    for hidden in ("2031-07-09", "2030-03-17", "female", "she/her", credential.method):
        assert hidden not in text, hidden


# Keys whose values are structure (ids, references, codes and systems of the format), not
# facts about a practitioner or clinic.
STRUCTURE = {"resourceType", "id", "reference", "system", "url", "use", "type", "status",
             "mode", "fullUrl", "relation", "code", "lastUpdated", "country"}


def facts(node, key=""):
    """Every leaf value under a non-structure key, as (key, value)."""
    if isinstance(node, dict):
        for child_key, child in node.items():
            if child_key not in STRUCTURE:
                yield from facts(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from facts(child, key)
    elif not isinstance(node, bool):  # yes/no facts are shown as words, checked elsewhere
        yield key, node


def shown(value, pages):
    if isinstance(value, float):
        return f"{value:.5f}" in pages
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        text = format_date(datetime.date.fromisoformat(text), "j F Y")
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*Z", text):
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        text = format_date(timezone.localtime(moment), "j F Y")
    return text in pages


def test_every_exposed_fact_is_on_the_public_profile_or_clinic_page(client, fhir):
    practitioner = vetted_practitioner(name="Rosa Maria Imai", npi="1234567893",
                                       post_nominals="L.Ac.", telehealth=True,
                                       accepting_as_of=datetime.date(2026, 1, 5))
    clinic = practitioner.locations.get().clinic
    clinic.website, clinic.step_free_entrance = "https://example.org/rosa", True
    clinic.save()
    practitioner.languages.set(practitioner.languages.model.objects.filter(code="es"))
    credential = practitioner.credentials.get()
    add_check(credential, 700, CredentialCheck.Outcome.REJECTED, source="Some board")
    add_check(credential, 380, CredentialCheck.Outcome.LAPSED, source="Texas board lookup",
              note="lapsed")
    add_check(credential, 0, next_check_due=timezone.localdate() + datetime.timedelta(days=90))
    resources = [resource for kind in TYPES for resource in everything(fhir, kind)]
    pages = html.unescape("\n".join(client.get(url).content.decode() for url in (
        practitioner.get_absolute_url(), clinic.get_absolute_url())))

    missing = [(key, value) for resource in resources for key, value in facts(resource)
               if not shown(value, pages)]

    assert missing == []
