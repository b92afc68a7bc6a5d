"""The sitemap index and its sections (directory/urls.py) and the (row, language)
sequence the sitemaps page through (directory/sitemaps.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from clinics.models import Condition, Practitioner
from clinics.sitemaps import ClinicSitemap, PractitionerSitemap
from directory.sitemaps import InEachLanguage
from tests.factories import ArticleFactory, PractitionerFactory, vetted_practitioner
from tests.sitemaps import all_urls, index_entries, page_urls

pytestmark = pytest.mark.django_db


def test_in_each_language_slices_like_the_full_list():
    rows = Condition.objects.order_by("pk")[:4]
    pairs = InEachLanguage(Condition.objects.filter(pk__in=[row.pk for row in rows])
                           .order_by("pk"), ["en", "es", "fr"])
    full = [(row, language) for row in rows for language in ("en", "es", "fr")]

    assert len(pairs) == len(full) == 12
    assert [(start, stop, pairs[start:stop]) for start in range(13) for stop in range(13)] == [
        (start, stop, full[start:stop]) for start in range(13) for stop in range(13)]
    assert pairs[7] == full[7]


# The sitemap index at /sitemap.xml and its sections at /sitemap-<section>.xml
# (directory/urls.py).

SECTIONS = ["practitioners", "clinics", "article-indexes", "conditions", "guides"]


@pytest.fixture
def three_profiles(monkeypatch):
    """Three listed profiles, two addresses to a page of the practitioners section: six
    addresses (each profile in English and Spanish) on three pages."""
    monkeypatch.setattr(PractitionerSitemap, "limit", 2)
    return [vetted_practitioner(slug=slug) for slug in ("ana-ruiz", "ben-cole", "cy-dunn")]


def test_index_lists_every_section_and_every_page_of_a_long_one(client, three_profiles):
    locations = [location for location, _ in index_entries(client)]

    assert locations == [
        "http://testserver/sitemap-practitioners.xml",
        "http://testserver/sitemap-practitioners.xml?p=2",
        "http://testserver/sitemap-practitioners.xml?p=3",
        *(f"http://testserver/sitemap-{section}.xml" for section in SECTIONS[1:]),
    ]


def test_second_page_of_a_section_lists_its_entries_while_another_has_one_page(
        client, three_profiles):
    profile = {"en": "http://testserver/practitioners/ben-cole/",
               "es": "http://testserver/es/practitioners/ben-cole/",
               "x-default": "http://testserver/practitioners/ben-cole/"}

    # Three clinics in two languages fit on one page of their section.
    assert len(page_urls(client, "/sitemap-clinics.xml")) == 6
    assert client.get("/sitemap-clinics.xml?p=2").status_code == 404
    assert page_urls(client, "/sitemap-practitioners.xml?p=2") == {
        "http://testserver/practitioners/ben-cole/": profile,
        "http://testserver/es/practitioners/ben-cole/": profile,
    }


def test_index_leads_to_every_profile_in_both_languages(client, three_profiles):
    urls = all_urls(client)

    assert sorted(location for location in urls if "/practitioners/" in location) == sorted(
        f"http://testserver{prefix}/practitioners/{slug}/"
        for slug in ("ana-ruiz", "ben-cole", "cy-dunn") for prefix in ("", "/es"))
    assert urls["http://testserver/es/practitioners/cy-dunn/"]["es"] == (
        "http://testserver/es/practitioners/cy-dunn/")


@pytest.mark.parametrize("path", [
    "/sitemap-practitioners.xml?p=4",  # past the end
    "/sitemap-practitioners.xml?p=0",
    "/sitemap-practitioners.xml?p=two",
    "/sitemap-guides.xml?p=2",  # an empty section has one (empty) page
    "/sitemap-nothing.xml",
    "/es/sitemap-practitioners.xml",
])
def test_page_that_is_not_there_answers_404(client, three_profiles, path):
    assert client.get(path).status_code == 404


def test_empty_section_page_answers_with_an_empty_list(client):
    assert page_urls(client, "/sitemap-guides.xml") == {}


def test_index_lastmod_of_a_section_is_its_latest_listed_change(client, three_profiles):
    later = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    Practitioner.objects.filter(slug="ben-cole").update(updated_at=later)
    # An unlisted profile's change does not count.
    PractitionerFactory(updated_at=later + datetime.timedelta(days=1))

    lastmods = dict(index_entries(client))

    assert {datetime.datetime.fromisoformat(
        lastmods[f"http://testserver/sitemap-practitioners.xml{page}"])
        for page in ("", "?p=2", "?p=3")} == {later}


def index_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return [query["sql"] for query in queries]


def test_index_reads_a_count_and_a_latest_change_not_the_rows(client, monkeypatch):
    monkeypatch.setattr(PractitionerSitemap, "limit", 2)
    monkeypatch.setattr(ClinicSitemap, "limit", 2)
    vetted_practitioner()
    ArticleFactory()
    ArticleFactory(kind=Article.Kind.GUIDE, condition=None)
    few = index_queries(client)

    for _ in range(6):
        vetted_practitioner()
        ArticleFactory(kind=Article.Kind.GUIDE, condition=None)
    many = index_queries(client)

    assert len(many) == len(few)
    # Profiles and clinics, the sections that grow with the directory, are only counted
    # and their latest change looked up, however many pages they fill.
    listing_queries = [sql for sql in many
                       if '"clinics_practitioner"' in sql or '"clinics_clinic"' in sql]
    assert len(listing_queries) == 4
    assert all(sql.startswith(("SELECT COUNT(", "SELECT MAX(")) for sql in listing_queries)
