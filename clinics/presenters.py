"""Shapes profiles and clinic pages for templates and JSON-LD (no queries of their own
beyond what the views prefetch)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Credential, PractitionerCondition


@dataclass(frozen=True)
class Badge:
    """What a credential's or a practitioner's licence state reads, everywhere it is shown
    (profile, clinic page, owner dashboard, admin, API); `tone` is ok, warn or bad."""

    label: str
    tone: str

    def __str__(self) -> str:
        return self.label


def _long_date(day: date) -> str:
    """The site's one date format (DATE_FORMAT in directory/formats/)."""
    return date_format(day)


def credential_state(*, status: str, expires_on: date | None,
                     today: date | None = None) -> Badge:
    """A past expiry date wins over anything staff said before it: an expired licence never
    reads "Verified" nor "not yet verified"."""
    today = today or timezone.localdate()
    if status == Credential.Status.REJECTED:
        return Badge(_("Not accepted"), "bad")
    if expires_on is not None and expires_on < today:
        return Badge(_("Expired on %(date)s") % {"date": _long_date(expires_on)}, "bad")
    if status == Credential.Status.EXPIRED:
        return Badge(_("Expired"), "bad")
    if status == Credential.Status.VERIFIED:
        return Badge(_("Verified"), "ok")
    return Badge(_("Waiting for our check"), "warn")


def credential_badge(credential: Credential) -> Badge:
    return credential_state(status=credential.status, expires_on=credential.expires_on)


def licence_state(practitioner) -> Badge:
    """The practitioner's licence in a phrase; needs PractitionerQuerySet.with_licence_state()."""
    if practitioner.is_vetted:
        return Badge(_("Licence verified"), "ok")
    if getattr(practitioner, "is_barred", False):
        # An exclusion-list match staff have not yet looked at may be someone else with a
        # mistyped NPI, so the page says only that the listing is being checked.
        return Badge(_("Listing under review"), "warn")
    if practitioner.licence_expired_on is not None:
        return Badge(_("Licence expired on %(date)s")
                     % {"date": _long_date(practitioner.licence_expired_on)}, "bad")
    return Badge(_("Licence not yet verified"), "warn")


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
            if credential_badge(c).tone == "ok"
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
