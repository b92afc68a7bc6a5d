"""Shapes profiles and clinic pages for templates and JSON-LD (no queries of their own
beyond what the views prefetch)."""

from django.db.models import QuerySet

from .models import PractitionerCondition


def conditions_treated_queryset() -> QuerySet:
    return PractitionerCondition.objects.select_related("condition").order_by("condition__name")


def clinic_practitioners(clinic) -> list:
    """Everyone at any of the clinic's locations, once each, vetted first."""
    seen, people = set(), []
    for location in clinic.locations.all():
        for practitioner in location.practitioners.all():
            if practitioner.pk not in seen:
                seen.add(practitioner.pk)
                people.append(practitioner)
    return sorted(people, key=lambda p: (not p.is_vetted, p.name))


def _postal_address(location) -> dict:
    return {"@type": "PostalAddress", "streetAddress": location.street,
            "addressLocality": location.city, "addressRegion": location.state,
            "postalCode": location.zip_code, "addressCountry": "US"}


def clinic_json_ld(request, clinic) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": clinic.name,
        "url": request.build_absolute_uri(clinic.get_absolute_url()),
        "telephone": clinic.phone or None,
        "address": [_postal_address(loc) for loc in clinic.locations.all()],
        "isAcceptingNewPatients": any(
            p.accepting_new_patients for loc in clinic.locations.all()
            for p in loc.practitioners.all() if p.is_vetted),
        "paymentAccepted": [p.name for p in clinic.payers.all()],
    }


def practitioner_json_ld(request, practitioner) -> dict:
    """Physician for MD/DO licence holders; Person for everyone else, with their clinics.

    A Physician is a MedicalOrganization in schema.org, so it may say whether it takes new
    patients; a Person may not (isAcceptingNewPatients is not among its properties), and
    putting the flag on their clinics would claim it for everyone there."""
    is_physician = any(c.kind == "medical" for c in practitioner.credentials.all())
    data = {
        "@context": "https://schema.org",
        "@type": "Physician" if is_physician else "Person",
        "name": practitioner.name,
        "url": request.build_absolute_uri(practitioner.get_absolute_url()),
        "knowsLanguage": [lang.name for lang in practitioner.languages.all()],
        "hasCredential": [
            {"@type": "EducationalOccupationalCredential",
             "credentialCategory": c.get_kind_display(),
             "recognizedBy": {"@type": "Organization", "name": c.issuer} if c.issuer else None}
            for c in practitioner.credentials.all()
            if c.status == c.Status.VERIFIED and not c.is_expired
        ],
        ("location" if is_physician else "worksFor"): [
            {"@type": "MedicalClinic", "name": loc.clinic.name,
             "url": request.build_absolute_uri(loc.clinic.get_absolute_url()),
             "address": _postal_address(loc),
             "geo": {"@type": "GeoCoordinates", "latitude": loc.lat, "longitude": loc.lng}}
            for loc in practitioner.public_locations
        ],
    }
    if is_physician:
        data["isAcceptingNewPatients"] = practitioner.accepting_new_patients
    if practitioner.npi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "NPI",
                              "value": practitioner.npi}
    return data
