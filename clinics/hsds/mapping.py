"""Directory rows as HSDS 3.0 objects (docs/hsds.md lists every field).

Only what a clinic's public page shows goes out, in its words: name, description, phone,
email, website, addresses and map points, accessibility, first-visit price and sliding
scale, and the treatments its vetted practitioners offer (tests/clinics/hsds/test_api.py
checks every value against the page). Empty fields are left out rather than sent as
null, which the HSDS schemas do not allow. These functions make no queries: callers pass
the rows they loaded.
"""

from collections.abc import Callable, Iterable
from typing import Any

from ..models import Clinic, Location, Modality
from .ids import Kind, encode

VERSION = "3.0"
# The base HSDS 3.0 profile, unchanged: the schemas this API is tested against.
PROFILE = "https://github.com/openreferral/specification/tree/3.0"

# The absolute URL of a clinic's public page: from the request in the API, from
# DJANGO_SITE_URL in the export.
PageUrl = Callable[[Clinic], str]
Json = dict[str, Any]


def _present(**fields: Any) -> Json:
    return {name: value for name, value in fields.items() if value not in (None, "")}


def organization_id(clinic_id: int) -> str:
    return encode(Kind.ORGANIZATION, clinic_id)


def location_id(location_pk: int) -> str:
    return encode(Kind.LOCATION, location_pk)


def service_id(clinic_id: int, modality_id: int) -> str:
    return encode(Kind.SERVICE, clinic_id, modality_id)


def service_at_location_id(location_pk: int, modality_id: int) -> str:
    return encode(Kind.SERVICE_AT_LOCATION, location_pk, modality_id)


def organization(clinic: Clinic, url: PageUrl) -> Json:
    """The one-to-one fields (organization_list.json)."""
    return {"id": organization_id(clinic.pk), "name": clinic.name,
            "description": clinic.description,  # required, even when empty
            **_present(email=clinic.email, website=clinic.website,
                       uri=url(clinic))}


def phones(clinic: Clinic, **link: str) -> list[Json]:
    if not clinic.phone:
        return []
    return [_present(id=encode(Kind.PHONE, clinic.pk), number=clinic.phone, type="voice",
                     **link)]


def organization_detail(clinic: Clinic, locations: Iterable[Location],
                        modalities: Iterable[Modality], url: PageUrl) -> Json:
    """organization.json: with its phone, locations and the services it offers."""
    org_id = organization_id(clinic.pk)
    return organization(clinic, url) | {
        "phones": phones(clinic, organization_id=org_id),
        "locations": [location_detail(location, clinic) for location in locations],
        "services": [service(clinic, modality, url) for modality in modalities],
    }


def location(location: Location) -> Json:
    """The one-to-one fields of a location (as nested in service_at_location_list.json)."""
    return _present(
        id=location_id(location.pk), location_type="physical",
        organization_id=organization_id(location.clinic_id),
        name=location.label or f"{location.street}, {location.city}",
        latitude=location.lat, longitude=location.lng,
    )


def _accessibility(clinic: Clinic) -> str:
    answers = [("Step-free entrance", clinic.step_free_entrance),
               ("Accessible restroom", clinic.accessible_restroom),
               ("Parking", clinic.parking)]
    return " ".join(f"{label}: {'yes' if answer else 'no'}." for label, answer in answers)


def location_detail(loc: Location, clinic: Clinic) -> Json:
    """A location with its address and the clinic's accessibility answers."""
    loc_id = location_id(loc.pk)
    return location(loc) | {
        "addresses": [{
            "id": encode(Kind.ADDRESS, loc.pk), "location_id": loc_id,
            "address_1": loc.street, "city": loc.city, "state_province": loc.state,
            "postal_code": loc.zip_code, "country": "US", "address_type": "physical",
        }],
        "accessibility": [{"id": encode(Kind.ACCESSIBILITY, loc.pk), "location_id": loc_id,
                           "description": _accessibility(clinic)}],
    }


def _fees(clinic: Clinic) -> str:
    parts = []
    if clinic.first_visit_price is not None:
        parts.append(f"First visit: ${clinic.first_visit_price}.")
    if clinic.sliding_scale:
        parts.append("Sliding-scale fees available.")
    return " ".join(parts)


def service(clinic: Clinic, modality: Modality, url: PageUrl) -> Json:
    """The one-to-one fields (service_list.json)."""
    return _present(
        id=service_id(clinic.pk, modality.pk), organization_id=organization_id(clinic.pk),
        name=modality.name, url=url(clinic), email=clinic.email, status="active",
        fees_description=_fees(clinic),
    )


def service_detail(clinic: Clinic, modality: Modality, locations: Iterable[Location],
                   url: PageUrl) -> Json:
    """service.json: with its organization, phone, price and the locations offering it."""
    svc_id = service_id(clinic.pk, modality.pk)
    detail = service(clinic, modality, url) | {
        "organization": organization(clinic, url),
        "phones": phones(clinic, service_id=svc_id),
        "service_at_locations": [
            {"id": service_at_location_id(loc.pk, modality.pk), "service_id": svc_id,
             "location_id": location_id(loc.pk), "location": location_detail(loc, clinic)}
            for loc in locations
        ],
    }
    if clinic.first_visit_price is not None:
        detail["cost_options"] = [{
            "id": encode(Kind.COST_OPTION, clinic.pk, modality.pk), "service_id": svc_id,
            "option": "First visit", "currency": "USD",
            "amount": float(clinic.first_visit_price),
        }]
    return detail


def service_at_location(loc: Location, modality: Modality, url: PageUrl) -> Json:
    """service_at_location_list.json: the link, with its location and service.

    `loc.clinic` should come with the location (select_related), as it does in the API."""
    return {
        "id": service_at_location_id(loc.pk, modality.pk),
        "service_id": service_id(loc.clinic_id, modality.pk),
        "location_id": location_id(loc.pk),
        "location": location(loc),
        "service": service(loc.clinic, modality, url),
    }
