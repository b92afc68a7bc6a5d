"""Template helpers shared by the whole site."""

import json
from html import escape as _escape

from django import forms, template
from django.forms import widgets
from django.utils.html import format_html
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
    directly, escaping with html.escape (what django.utils.html.escape does, without the
    lazy-string wrapper that cost more than the escaping); anything it does not know falls
    back to Django's rendering.
    """
    widget = field.field.widget
    attrs = {"name": field.html_name, "id": field.auto_id, **widget.attrs}
    described = [f"{field.auto_id}_helptext"] if field.help_text else []
    if field.errors and not widget.is_hidden:  # as Django: no ARIA on hidden inputs
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    value = field.value()
    if isinstance(widget, forms.CheckboxInput):
        attrs.setdefault("value", "1")
        checked = " checked" if widget.check_test(value) else ""
        return mark_safe(f'<input type="checkbox"{_attributes(attrs)}{checked}>')  # noqa: S308
    if type(widget) is forms.Select:
        selected = "" if value is None else str(value)
        options = "".join(
            f'<option value="{_escape(str(key))}"'
            f'{" selected" if str(key) == selected else ""}>{_escape(str(label))}</option>'
            for key, label in field.field.choices
        )
        return mark_safe(f"<select{_attributes(attrs)}>{options}</select>")  # noqa: S308
    if isinstance(widget, widgets.Input) and not isinstance(
            widget, forms.FileInput | forms.PasswordInput):
        if value not in (None, ""):
            attrs["value"] = widget.format_value(value)
        if getattr(field.field, "max_length", None):
            attrs.setdefault("maxlength", field.field.max_length)
        return mark_safe(f'<input type="{_escape(widget.input_type)}"{_attributes(attrs)}>')  # noqa: S308
    return str(field)


def _attributes(attrs: dict) -> str:
    """HTML attributes as django.forms.utils.flatatt writes them: True gives a bare name,
    False and None leave the attribute out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_escape(str(value))}"'
        for name, value in attrs.items() if value is not None and value is not False
    )
