"""The Jinja2 environment of settings.TEMPLATES "jinja2" (the search page's content, form
fields and result cards), with Django's translations: `{{ _("Search") }}` in those templates reads the
same catalogue as `{% translate %}` in the Django ones, in the request's language."""

from functools import partial
from typing import Any

from django.template.defaulttags import querystring
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment


def jinja2_environment(**options: Any) -> Environment:
    extensions = [*options.pop("extensions", []), "jinja2.ext.i18n"]
    # Django's backend puts autoescape=True in `options`; kept as it gives it.
    environment = Environment(extensions=extensions, **options)  # noqa: S701
    # Old-style gettext: the translation is plain text, escaped like any other value, and a
    # placeholder is filled with |format (`_("Call %(phone)s")|format(phone=...)`), a form
    # makemessages also reads.
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=False)
    # Django's own functions, so nothing of the project's runs in between:
    # url("clinics:practitioner-list"), static("js/map.js"), and querystring(request.GET,
    # page=2) as {% querystring page=2 %} gives it.
    environment.globals.update(url=reverse, static=static, querystring=partial(querystring, None))
    return environment
