"""Profiles and clinic pages in the sitemap, in each language (clinics/sitemaps.py)."""

from types import SimpleNamespace

import pytest

from clinics.models import Clinic
from clinics.sitemaps import ClinicSitemap
from tests.factories import ClinicFactory, PractitionerFactory, vetted_practitioner
from tests.sitemaps import all_urls

pytestmark = pytest.mark.django_db


def sitemap_urls(client) -> dict[str, dict[str, str]]:
    """{address: {hreflang: address}} of the profiles and clinic pages the sitemap index
    leads to."""
    return {location: alternates for location, alternates in all_urls(client).items()
            if "/practitioners/" in location or "/clinics/" in location}


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

    # A count, then the rows of the page asked for.
    with django_assert_num_queries(2):
        response = client.get("/sitemap-practitioners.xml")

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
