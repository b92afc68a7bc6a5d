"""Owner features shown on public pages: the contact form, report and claim links."""

from django import template
from django.urls import reverse

from ..forms import ContactRequestForm
from ..public import contactable_clinics

register = template.Library()


@register.inclusion_tag("account/_listing_actions.html", takes_context=True)
def listing_actions(context, clinic=None, practitioner=None):
    """Contact form (when someone reads the clinic's inbox), then report and claim links."""
    if practitioner is not None:
        subject, kind = practitioner, "practitioner"
        clinic_ids = {location.clinic_id for location in practitioner.public_locations}
    else:
        subject, kind = clinic, "clinic"
        clinic_ids = {clinic.pk}
    clinics = list(contactable_clinics(clinic_ids))
    return {
        "csrf_token": context.get("csrf_token"),
        "subject": subject,
        "form": ContactRequestForm(clinics=clinics) if clinics else None,
        "action": reverse(f"visitors:{kind}-contact", args=[subject.slug]),
        "report_url": reverse(f"visitors:{kind}-report", args=[subject.slug]),
        "claim_url": reverse("owners:clinic-claim", args=[clinic.slug]) if clinic else None,
    }
