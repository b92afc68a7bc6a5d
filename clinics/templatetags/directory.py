"""Template helpers shared by the whole site."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from clinics import presenters, vocabulary
from clinics.models import Condition
from clinics.search import links

register = template.Library()

# The escapes Django's json_script uses, so no text can end the <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def in_sentence(name: str) -> str:
    """A condition or treatment name as it reads mid-sentence ("fibromyalgia", but
    "Hashimoto's thyroiditis" and "ALS")."""
    return vocabulary.in_sentence(name)


@register.filter
def shown_names(terms) -> str:
    """Vocabulary terms (conditions, treatments, languages...) by their names in the active
    language, comma-separated and in the order of those names (accents ignored), as the
    search lists them: "Punción seca, Ventosas" on a Spanish page."""
    return ", ".join(sorted((term.shown_name for term in terms), key=Condition.normalise_term))


@register.filter
def json_ld(data) -> str:
    """Render a dict as a JSON-LD <script>, escaped so no value can break out of it.

    This is Django's json_script with the one thing it cannot do: json_script always writes
    type="application/json", and search engines read JSON-LD only as application/ld+json.
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html('<script type="application/ld+json">{}</script>',
                       mark_safe(payload.translate(_SCRIPT_ESCAPES)))  # noqa: S308 (escaped above)


@register.inclusion_tag("includes/_badge.html")
def credential_badge(credential):
    """The one wording of a credential's state (clinics/presenters.py)."""
    return {"badge": presenters.credential_badge(credential)}


@register.inclusion_tag("includes/_badge.html")
def licence_badge(practitioner):
    """The one wording of a practitioner's licence state (clinics/presenters.py)."""
    return {"badge": presenters.licence_state(practitioner)}


@register.filter
def tel_href(number: str) -> str:
    """A `tel:` URL for a phone number as people write it (clinics.search.links.tel_url)."""
    return links.tel_url(number)
