"""Profiles and clinic pages in /sitemap.xml, in each language (clinics/sitemaps.py)."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from clinics.models import Clinic
from clinics.sitemaps import ClinicSitemap
from tests.factories import ClinicFactory, PractitionerFactory, vetted_practitioner

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_urls(client, path="/sitemap.xml") -> dict[str, dict[str, str]]:
    """{address: {hreflang: address}} of the sitemap's profiles and clinic pages."""
    root = ET.fromstring(client.get(path).content)  # noqa: S314 (our own response)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        for url in root.iter(f"{SITEMAP}url")
        if "/practitioners/" in url.find(f"{SITEMAP}loc").text
        or "/clinics/" in url.find(f"{SITEMAP}loc").text
    }


def test_sitemap_lists_each_profile_and_clinic_in_both_languages_with_alternates(client):
    practitioner = vetted_practitioner(slug="rosa-imai")
    PractitionerFactory(slug="not-vetted", locations=[practitioner.locations.get()])
    clinic = practitioner.locations.get().clinic
    Clinic.objects.filter(pk=clinic.pk).update(slug="eastside")
    ClinicFactory(slug="suspended", status=Clinic.Status.SUSPENDED)
    profile = {"en": "http://testserver/practitioners/rosa-imai/",
               "es": "http://testserver/es/practitioners/rosa-imai/",
               "x-default": "http://testserver/practitioners/rosa-imai/"}
    clinic_page = {"en": "http://testserver/clinics/eastside/",
                   "es": "http://testserver/es/clinics/eastside/",
                   "x-default": "http://testserver/clinics/eastside/"}

    urls = sitemap_urls(client)

    assert urls == {
        "http://testserver/practitioners/rosa-imai/": profile,
        "http://testserver/es/practitioners/rosa-imai/": profile,
        "http://testserver/clinics/eastside/": clinic_page,
        "http://testserver/es/clinics/eastside/": clinic_page,
    }


@pytest.mark.parametrize("count", [1, 5])
def test_sitemap_query_count_does_not_grow_with_profiles(client, django_assert_num_queries,
                                                         count):
    for _ in range(count):
        vetted_practitioner()

    # For profiles and clinics each: a count, then the rows of the page asked for; then the
    # condition pages and the guides (none here).
    with django_assert_num_queries(6):
        response = client.get("/sitemap.xml")

    assert response.content.decode().count("<loc>http://testserver/es/practitioners/") == count


def test_sitemap_pages_split_languages_at_any_boundary():
    # Three clinics in two languages are six addresses: with four to a page, the second
    # page starts with the Spanish address of the second clinic.
    for slug in ("a-clinic", "b-clinic", "c-clinic"):
        ClinicFactory(slug=slug)
    sitemap = ClinicSitemap()
    sitemap.limit = 4
    site = SimpleNamespace(domain="testserver")

    first, second = ([url["location"] for url in sitemap.get_urls(page, site, "http")]
                     for page in (1, 2))

    assert first + second == [
        "http://testserver/clinics/a-clinic/", "http://testserver/es/clinics/a-clinic/",
        "http://testserver/clinics/b-clinic/", "http://testserver/es/clinics/b-clinic/",
        "http://testserver/clinics/c-clinic/", "http://testserver/es/clinics/c-clinic/",
    ]
    assert len(first) == 4
