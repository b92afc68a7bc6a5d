"""Template helpers shared by the whole site."""

import json

from django import forms, template
from django.forms import widgets
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end a <script> element or open an HTML comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """Render a dict as a JSON-LD <script>, escaped so no value can break out of it."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + query.urlencode()


@register.simple_tag
def control(field) -> str:
    """A form field's input, select or checkbox, rendered in Python.

    Django's widget templates render every <option> through its own template, which made
    the search form the slowest part of the results page. This writes the same markup
    directly; anything it does not know falls back to Django's rendering.
    """
    widget = field.field.widget
    attrs = {"name": field.html_name, "id": field.auto_id, **widget.attrs}
    described = [f"{field.auto_id}_helptext"] if field.help_text else []
    if field.errors:
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    value = field.value()
    if isinstance(widget, forms.CheckboxInput):
        attrs.setdefault("value", "1")
        return format_html('<input type="checkbox"{}{}>', flatatt(attrs),
                           mark_safe(" checked") if widget.check_test(value) else "")  # noqa: S308
    if type(widget) is forms.Select:
        selected = "" if value is None else str(value)
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((key, mark_safe(" selected") if str(key) == selected else "", label)  # noqa: S308
             for key, label in field.field.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)
    if isinstance(widget, widgets.Input) and not isinstance(
            widget, forms.FileInput | forms.PasswordInput):
        if value not in (None, ""):
            attrs["value"] = widget.format_value(value)
        if getattr(field.field, "max_length", None):
            attrs.setdefault("maxlength", field.field.max_length)
        return format_html('<input type="{}"{}>', widget.input_type, flatatt(attrs))
    return str(field)
