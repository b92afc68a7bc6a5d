"""Shapes search results and profiles for templates, JSON-LD and the API (no queries of
their own beyond what the views prefetch)."""

from django.db.models import QuerySet

from .filters import RADIUS_CHOICES
from .models import PractitionerCondition
from .search import Result


def explain_matches(results: list[Result], filterset) -> None:
    """Set result.tags (conditions and treatments, each marked when it matched the search)
    and result.why (one line on why it is here)."""
    data = filterset.form.cleaned_data
    wanted_conditions = {c.id for c in filterset.conditions}
    condition_names = ", ".join(c.name for c in filterset.conditions)
    for result in results:
        matched_conditions = {c.id for c in result.conditions if c.id in wanted_conditions}
        matched_modalities = {m.id for m in result.modalities
                              if data.get("modality") and m.slug == data["modality"]}
        result.condition_tags = [(c.name, c.id in matched_conditions) for c in result.conditions]
        result.modality_tags = [(m.name, m.id in matched_modalities) for m in result.modalities]
        reasons = []
        if wanted_conditions:
            if matched_conditions:
                reasons.append(f"Treats {condition_names}")
            else:
                reasons.append(f"Works in the specialty that covers {condition_names}")
        if matched_modalities:
            reasons.append(f"Offers {data['modality'].replace('-', ' ')}")
        labels = {
            "accepting": "accepting new patients", "consultation": "free first consultation",
            "telehealth": "offers telehealth", "sliding_scale": "sliding-scale fees",
            "step_free": "step-free entrance",
        }
        reasons.extend(label for key, label in labels.items() if data.get(key))
        if result.distance_mi is not None:
            reasons.append(f"{result.distance_mi:.1f} miles from your search")
        result.why = "; ".join(reasons).capitalize() if reasons else "Verified licence"


def widen_suggestions(params, filterset) -> list[tuple[str, str]]:
    """Links for an empty result: a wider radius, and telehealth within the widest one."""
    if not filterset.is_bound or not filterset.is_valid() or filterset.circle is None:
        return []
    radius = filterset.form.cleaned_data.get("radius")
    query = params.copy()
    query.pop("page", None)
    suggestions = []
    wider = [r for r, _ in RADIUS_CHOICES if r > radius]
    if wider:
        query["radius"] = str(wider[0])
        suggestions.append((f"Search within {wider[0]} miles", "?" + query.urlencode()))
    if not filterset.form.cleaned_data.get("telehealth"):
        query["radius"] = str(RADIUS_CHOICES[-1][0])
        query["telehealth"] = "1"
        suggestions.append(("Look for practitioners offering telehealth follow-ups",
                            "?" + query.urlencode()))
    return suggestions


def form_errors(form) -> dict[str, list[str]]:
    return {field: [str(message) for message in messages]
            for field, messages in form.errors.items()}


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def api_page(request, page) -> dict:
    if page is None:
        return {"count": 0, "count_is_capped": False, "next": None, "previous": None,
                "results": []}
    paginator = page.paginator
    return {
        "count": paginator.count,
        "count_is_capped": paginator.is_capped,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": (_page_url(request, page.previous_page_number())
                     if page.has_previous() else None),
        "results": [api_result(request, r) for r in page.object_list],
    }


def api_result(request, result: Result) -> dict:
    practitioner, location, clinic = result.practitioner, result.location, result.clinic
    licence = result.licence
    return {
        "name": practitioner.name,
        "post_nominals": practitioner.post_nominals,
        "slug": practitioner.slug,
        "url": request.build_absolute_uri(result.url),
        "distance_mi": None if result.distance_mi is None else round(result.distance_mi, 1),
        "lat": location.lat,
        "lng": location.lng,
        "vetted": licence is not None,
        "verified_licence": licence and {
            "kind": licence["kind_label"], "jurisdiction": licence["jurisdiction"],
            "verified_on": (licence["verified_at"].date().isoformat()
                            if licence["verified_at"] else None),
            "expires_on": licence["expires_on"].isoformat(),
        },
        "accepting_new_patients": practitioner.accepting_new_patients,
        "free_initial_consultation": practitioner.free_initial_consultation,
        "telehealth": practitioner.telehealth,
        "clinic": {
            "name": clinic.name, "slug": clinic.slug,
            "url": request.build_absolute_uri(result.clinic_url),
            "phone": clinic.phone, "sliding_scale": clinic.sliding_scale,
        },
        "location": {"street": location.street, "city": location.city,
                     "state": location.state, "zip_code": location.zip_code},
        "conditions": [c.slug for c in result.conditions],
        "modalities": [m.slug for m in result.modalities],
        "why": getattr(result, "why", ""),
    }


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
    """Physician for MD/DO licence holders; Person for everyone else, with their clinics."""
    is_physician = any(c.kind == "medical" for c in practitioner.credentials.all())
    data = {
        "@context": "https://schema.org",
        "@type": "Physician" if is_physician else "Person",
        "name": practitioner.name,
        "url": request.build_absolute_uri(practitioner.get_absolute_url()),
        "isAcceptingNewPatients": practitioner.accepting_new_patients,
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
    if practitioner.npi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "NPI",
                              "value": practitioner.npi}
    return data
