"""Model instances -> FHIR R4 resources, as plain dicts ready for JSON.

Every element here is something the public profile or clinic page already shows (the
mapping, element by element, is in docs/fhir.md, and tests/clinics/fhir/test_privacy.py
holds it to that). The functions make no queries of their own: the querysets in
clinics/fhir/queries.py prefetch what they read.

Our own code systems and extensions live under the site's address (settings.SITE_URL), so a
consumer can tell them from HL7's.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.conf import settings
from django.utils import translation

from clinics.models import (
    Clinic,
    Credential,
    CredentialCheck,
    Location,
    Practitioner,
    PractitionerLocation,
)
from clinics.validators import State

Resource = dict[str, Any]

NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
BCP47_SYSTEM = "urn:ietf:bcp:47"
VALIDATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/validation-type"
NEED_SYSTEM = "http://terminology.hl7.org/CodeSystem/need"
PRIMARY_SOURCE_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/primary-source-type"
VALIDATION_STATUS_SYSTEM = "http://terminology.hl7.org/CodeSystem/validation-status"
# The labels get_FOO_display() gives, looked up once: it rebuilds its choices on every call,
# which was a third of the bulk export's time.
STATES = dict(State.choices)


@functools.cache
def credential_kinds() -> dict[str, str]:
    """Credential kinds by value, named in English whatever language is active: the site's
    pages translate them, the resources it exchanges do not."""
    with translation.override(settings.LANGUAGE_CODE):
        return {value: str(label) for value, label in Credential.Kind.choices}


def own_url(path: str) -> str:
    """A canonical URL of one of our code systems or extensions."""
    return f"{settings.SITE_URL}/fhir/{path}"


def specialty_system() -> str:
    return own_url("CodeSystem/specialty")


def credential_kind_system() -> str:
    return own_url("CodeSystem/credential-kind")


def accessibility_system() -> str:
    return own_url("CodeSystem/accessibility")


def accepting_extension() -> str:
    return own_url("StructureDefinition/accepting-new-patients")


def accessibility_extension() -> str:
    return own_url("StructureDefinition/accessibility")


def telehealth_extension() -> str:
    return own_url("StructureDefinition/telehealth")


def instant(moment: datetime.datetime) -> str:
    """A FHIR instant: UTC, seconds precision."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _meta(last_updated: datetime.datetime) -> dict[str, str]:
    return {"lastUpdated": instant(last_updated)}


def _phone(clinic: Clinic) -> list[dict[str, str]]:
    return [{"system": "phone", "value": clinic.phone, "use": "work"}] if clinic.phone else []


def _address(location: Location) -> dict[str, Any]:
    return {"use": "work", "type": "physical", "line": [location.street],
            "city": location.city, "state": location.state,
            "postalCode": location.zip_code, "country": "US"}


def practitioner_resource(practitioner: Practitioner) -> Resource:
    """Needs `public_languages` and `public_credentials` prefetched (clinics.fhir.queries)."""
    name: dict[str, Any] = {"use": "official", "text": practitioner.name}
    words = practitioner.name.split()
    if words:
        name["family"] = words[-1]
        if len(words) > 1:
            name["given"] = words[:-1]
    if practitioner.post_nominals:
        name["suffix"] = [practitioner.post_nominals]
    resource: Resource = {
        "resourceType": "Practitioner",
        "id": str(practitioner.pk),
        "meta": _meta(practitioner.updated_at),
        "active": True,
        "name": [name],
    }
    if practitioner.npi:
        resource["identifier"] = [{"system": NPI_SYSTEM, "value": practitioner.npi}]
    qualifications = [_qualification(c) for c in practitioner.public_credentials]  # type: ignore[attr-defined]
    if qualifications:
        resource["qualification"] = qualifications
    languages = [{"coding": [{"system": BCP47_SYSTEM, "code": language.code}],
                  "text": language.name} for language in practitioner.public_languages]  # type: ignore[attr-defined]
    if languages:
        resource["communication"] = languages
    return resource


def _qualification(credential: Credential) -> dict[str, Any]:
    kind = credential_kinds()[credential.kind]
    qualification: dict[str, Any] = {
        "code": {"coding": [{"system": credential_kind_system(), "code": credential.kind,
                             "display": kind}],
                 "text": f"{kind}, {STATES[credential.jurisdiction]}" if credential.jurisdiction
                 else kind},
    }
    if credential.number:
        qualification["identifier"] = [{"value": credential.number}]
    if credential.expires_on:
        qualification["period"] = {"end": credential.expires_on.isoformat()}
    if credential.issuer:
        qualification["issuer"] = {"display": credential.issuer}
    return qualification


# What the board said -> VerificationResult.status and primarySource.validationStatus.
CHECK_STATUS: dict[str, tuple[str, str | None]] = {
    CredentialCheck.Outcome.CURRENT: ("validated", "successful"),
    CredentialCheck.Outcome.LAPSED: ("val-fail", "failed"),
    CredentialCheck.Outcome.REJECTED: ("val-fail", None),
}


def verification_results(check: CredentialCheck) -> list[Resource]:
    """The VerificationResult of one check of a credential, as the public profile lists it.

    The one place that maps checks to results. Needs the annotations of
    clinics.fhir.queries.credential_checks(): `kind`, `practitioner_id`, `superseded_at`
    and `last_updated`. Like the profile, a refusal shows only its date (no source), and
    only the newest check gives the next check due.
    """
    checked = instant(check.checked_at)
    status, source_status = CHECK_STATUS[check.outcome]
    resource: Resource = {
        "resourceType": "VerificationResult",
        "id": str(check.pk),
        "meta": {"lastUpdated": instant(check.last_updated)},  # type: ignore[attr-defined]
        "target": [{"reference": f"Practitioner/{check.practitioner_id}",  # type: ignore[attr-defined]
                    "display": credential_kinds()[check.kind]}],  # type: ignore[attr-defined]
        "need": {"coding": [{"system": NEED_SYSTEM, "code": "periodic"}]},
        "status": status,
        "statusDate": checked,
        "lastPerformed": checked,
    }
    if source_status is not None:
        primary_source: dict[str, Any] = {
            "type": [{"coding": [{"system": PRIMARY_SOURCE_TYPE_SYSTEM, "code": "lic-board"}]}],
            "validationStatus": {"coding": [{"system": VALIDATION_STATUS_SYSTEM,
                                             "code": source_status}]},
            "validationDate": checked,
        }
        if check.source:
            primary_source["who"] = {"display": check.source}
        resource["validationType"] = {"coding": [{"system": VALIDATION_TYPE_SYSTEM,
                                                  "code": "primary"}]}
        resource["primarySource"] = [primary_source]
    if check.superseded_at is None and check.next_check_due:  # type: ignore[attr-defined]
        resource["nextScheduled"] = check.next_check_due.isoformat()
    return [resource]


def organization_resource(clinic: Clinic) -> Resource:
    """Needs `public_locations` prefetched (published clinics only reach here)."""
    telecom = _phone(clinic)
    if clinic.email:
        telecom.append({"system": "email", "value": clinic.email, "use": "work"})
    if clinic.website:
        telecom.append({"system": "url", "value": clinic.website, "use": "work"})
    resource: Resource = {
        "resourceType": "Organization",
        "id": str(clinic.pk),
        "meta": _meta(clinic.updated_at),
        "active": True,
        "name": clinic.name,
    }
    if telecom:
        resource["telecom"] = telecom
    addresses = [_address(location) for location in clinic.public_locations]  # type: ignore[attr-defined]
    if addresses:
        resource["address"] = addresses
    return resource


ACCESSIBILITY = (
    ("step_free_entrance", "step-free-entrance", "Step-free entrance"),
    ("accessible_restroom", "accessible-restroom", "Accessible restroom"),
    ("parking", "parking", "On-site or nearby parking"),
)


def location_resource(location: Location) -> Resource:
    """Needs `clinic` selected."""
    clinic = location.clinic
    resource: Resource = {
        "resourceType": "Location",
        "id": str(location.pk),
        "meta": _meta(max(location.updated_at, clinic.updated_at)),
        "status": "active",
        "name": f"{clinic.name}, {location.label}" if location.label else clinic.name,
        "mode": "instance",
        "address": _address(location),
        "managingOrganization": {"reference": f"Organization/{clinic.pk}",
                                 "display": clinic.name},
    }
    if location.label:
        resource["alias"] = [location.label]
    telecom = _phone(clinic)
    if telecom:
        resource["telecom"] = telecom
    if location.lat is not None and location.lng is not None:
        resource["position"] = {"latitude": location.lat, "longitude": location.lng}
    features = [{"url": accessibility_extension(), "valueCodeableConcept": {
                    "coding": [{"system": accessibility_system(), "code": code}], "text": text}}
                for field, code, text in ACCESSIBILITY if getattr(clinic, field)]
    if features:
        resource["extension"] = features
    return resource


def practitioner_role_resource(workplace: PractitionerLocation) -> Resource:
    """Needs practitioner, location and location__clinic selected, and the practitioner's
    `public_specialties` prefetched."""
    practitioner, location = workplace.practitioner, workplace.location
    clinic = location.clinic
    accepting: dict[str, Any] = {"url": "accepting", "valueBoolean":
                                 practitioner.accepting_new_patients}
    newpatients: dict[str, Any] = {"url": accepting_extension(), "extension": [accepting]}
    if practitioner.accepting_as_of:
        newpatients["extension"].append(
            {"url": "asOf", "valueDate": practitioner.accepting_as_of.isoformat()})
    resource: Resource = {
        "resourceType": "PractitionerRole",
        "id": str(workplace.pk),
        "meta": _meta(max(workplace.updated_at, practitioner.updated_at, location.updated_at,
                          clinic.updated_at)),
        "extension": [newpatients, {"url": telehealth_extension(),
                                    "valueBoolean": practitioner.telehealth}],
        "active": True,
        "practitioner": {"reference": f"Practitioner/{practitioner.pk}",
                         "display": practitioner.name},
        "organization": {"reference": f"Organization/{clinic.pk}", "display": clinic.name},
        "location": [{"reference": f"Location/{location.pk}",
                      "display": location.one_line}],
    }
    specialties = [{"coding": [{"system": specialty_system(), "code": specialty.slug,
                                "display": specialty.name}], "text": specialty.name}
                   for specialty in practitioner.public_specialties]  # type: ignore[attr-defined]
    if specialties:
        resource["specialty"] = specialties
    telecom = _phone(clinic)
    if telecom:
        resource["telecom"] = telecom
    return resource


def last_updated(resource: Resource) -> str:
    return resource["meta"]["lastUpdated"]
