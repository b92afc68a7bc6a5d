"""Template helpers: `tel:` links that dial (digits and + only), on every page with a phone."""

import re

import pytest

from clinics.templatetags.directory import tel_href
from tests.test_headers import PAGES, client_as, world  # noqa: F401 (world is a fixture)

TEL_HREF = re.compile(r'href="(tel:[^"]*)"')


@pytest.mark.parametrize(("written", "href"), [
    ("(702) 555-0113", "tel:+17025550113"),
    ("702.555.0113", "tel:+17025550113"),
    ("1 (702) 555-0113", "tel:+17025550113"),
    ("+44 20 7946 0958", "tel:+442079460958"),
    ("555-0113", "tel:5550113"),  # no area code: dialled locally, not made up
    ("12345678901234", "tel:12345678901234"),
    ("(", "tel:"),
])
def test_tel_href_keeps_digits_and_a_leading_plus_only(written, href):
    assert tel_href(written) == href


@pytest.mark.django_db
def test_every_tel_link_on_every_page_has_digits_and_plus_only(world):  # noqa: F811
    world.clinic.phone = "(702) 555-0113"
    world.clinic.save()
    world.contact_request.phone = "(512) 555 0199"
    world.contact_request.save()
    found = {}
    for page in PAGES:
        if page.status != 200:
            continue
        response = client_as(page.role, world).get(page.url(world))
        if response.streaming or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        for href in TEL_HREF.findall(html):
            found.setdefault(page.route, set()).add(href)

    assert found == {
        "practitioners/": {"tel:+17025550113"},  # the result card's Call button
        "practitioners/<slug:slug>/": {"tel:+17025550113"},
        "clinics/<slug:slug>/": {"tel:+17025550113"},
        "account/clinics/<int:clinic_pk>/inbox/<int:pk>/": {"tel:+15125550199"},
    }
