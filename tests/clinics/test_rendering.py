"""The hand-written renderers used on the results page give the same HTML as Django's own."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test.html import parse_html
from django.urls import reverse, set_script_prefix

from clinics.search import find_practitioners, links
from clinics.templatetags.directory import control

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script>&\''


@pytest.mark.parametrize("params", [
    None,
    {"near": "78704", "radius": "10", "accepting": "1", "telehealth": "1", "sort": "match",
     "condition": "fibromyalgia", "payer": "aetna", "language": "es"},
    {"near": HOSTILE, "condition": HOSTILE, "radius": "7", "modality": "nope", "lat": "95",
     "gender": HOSTILE, "accepting": HOSTILE},
], ids=["unbound-defaults", "typical", "hostile"])
def test_control_matches_djangos_widget_rendering(params):
    # Validated as a search validates it, so fields with errors get aria-invalid.
    form = find_practitioners(None if params is None else QueryDict(urlencode(params))).form
    for name in form.fields:
        bound = form[name]
        ours = str(control(bound))
        # Our templates give the error list the id "<field id>_errors".
        django = bound.as_widget().replace('_error"', '_errors"')
        assert parse_html(ours) == parse_html(django), name
        assert "<script>" not in ours


def test_slug_url_matches_reverse():
    for name in ("clinics:practitioner-detail", "clinics:clinic-detail"):
        for slug in ("jane-doe", "a_b-9", "X"):
            assert links.slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_slug_url_follows_the_script_prefix():
    try:
        set_script_prefix("/directory/")
        assert links.slug_url("clinics:clinic-detail", "pine") == "/directory/clinics/pine/"
    finally:
        set_script_prefix("/")
    assert links.slug_url("clinics:clinic-detail", "pine") == "/clinics/pine/"


def test_slug_url_refuses_what_is_not_a_slug():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        links.slug_url("clinics:clinic-detail", "../admin")
