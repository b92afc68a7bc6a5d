import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article
from clinics.models import Condition
from tests.factories import ArticleFactory
from tests.sitemaps import all_urls, index_entries, page_lastmods, parse_xml

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def pages():
    """A live condition page and guide, plus pages the public must not see."""
    ArticleFactory(slug="fibromyalgia", title="Fibromyalgia page")
    ArticleFactory(slug="choosing", title="Choosing guide", kind=Article.Kind.GUIDE, condition=None)
    ArticleFactory(slug="secret-draft", status=Article.Status.DRAFT,
                   condition=Condition.objects.get(slug="lupus"))
    ArticleFactory(slug="in-review", status=Article.Status.IN_REVIEW)
    ArticleFactory(slug="archived", status=Article.Status.ARCHIVED)
    ArticleFactory(slug="scheduled", condition=Condition.objects.get(slug="als"),
                   publish_at=timezone.now() + datetime.timedelta(days=1))


def test_feed_is_atom_with_absolute_links_to_published_pages_only(client, pages):
    response = client.get("/articles/feed/")

    root = parse_xml(response.content)
    links = sorted(entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    assert links == [
        "http://testserver/articles/choosing/", "http://testserver/conditions/fibromyalgia/"]


def test_feed_entries_carry_author_and_summary(client, pages):
    root = parse_xml(client.get("/articles/feed/").content)

    entry = next(e for e in root.iter(f"{ATOM}entry") if e.find(f"{ATOM}title").text == "Choosing guide")
    assert entry.find(f"{ATOM}author/{ATOM}name").text.startswith("Author ")
    assert entry.find(f"{ATOM}summary").text == "A calm summary of what the research says."


def spanish_version(original, **fields):
    return ArticleFactory(language="es", translation_of=original, slug=f"{original.slug}-es",
                          condition=original.condition, kind=original.kind, **fields)


def feed_entries(client, path) -> tuple[ET.Element, list[tuple[str, str]]]:
    root = parse_xml(client.get(path).content)
    return root, sorted((entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href"))
                        for entry in root.iter(f"{ATOM}entry"))


def test_spanish_feed_lists_only_live_spanish_pages_in_spanish(client, pages):
    spanish_version(Article.objects.get(slug="fibromyalgia"), title="Fibromialgia")
    spanish_version(Article.objects.get(slug="choosing"), title="Borrador",
                    status=Article.Status.DRAFT)
    # A translation of a page that is not live cannot be read: its address is the original's.
    spanish_version(Article.objects.get(slug="secret-draft"), title="Secreto")

    root, entries = feed_entries(client, "/es/articles/feed/")

    assert entries == [("Fibromialgia", "http://testserver/es/conditions/fibromyalgia/")]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert root.find(f"{ATOM}title").text == (
        "Integrative Care Directory: páginas de afecciones y guías")
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://testserver/es/articles/feed/")


def test_english_feed_leaves_out_the_spanish_versions(client, pages):
    spanish_version(Article.objects.get(slug="fibromyalgia"), title="Fibromialgia")

    root, entries = feed_entries(client, "/articles/feed/")

    assert entries == [("Choosing guide", "http://testserver/articles/choosing/"),
                       ("Fibromyalgia page", "http://testserver/conditions/fibromyalgia/")]
    assert root.find(f"{ATOM}title").text == (
        "Integrative Care Directory: condition pages and guides")


@pytest.mark.parametrize(("path", "feed"), [("/conditions/", "/articles/feed/"),
                                            ("/es/conditions/", "/es/articles/feed/"),
                                            ("/es/articles/", "/es/articles/feed/")])
def test_index_pages_link_the_feed_in_their_own_language(client, path, feed):
    html = client.get(path).content.decode()

    assert re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                      r'href="([^"]+)">', html) == [feed]


def sitemap_urls(client) -> dict[str, dict[str, str]]:
    """{address: {hreflang: address}} of the condition and article pages the sitemap index
    leads to."""
    return {location: alternates for location, alternates in all_urls(client).items()
            if "/conditions/" in location or "/articles/" in location}


def test_sitemap_lists_published_pages_and_indexes_with_absolute_urls(client, pages):
    assert sorted(sitemap_urls(client)) == [
        "http://testserver/articles/",
        "http://testserver/articles/choosing/",
        "http://testserver/conditions/",
        "http://testserver/conditions/fibromyalgia/",
        "http://testserver/es/articles/",
        "http://testserver/es/conditions/",
    ]


def test_sitemap_lists_a_live_spanish_version_at_its_es_address_with_alternates(client, pages):
    original = Article.objects.get(slug="fibromyalgia")
    spanish_version(original)
    # Draft translations are not offered.
    spanish_version(Article.objects.get(slug="choosing"), status=Article.Status.DRAFT)
    both = {"en": "http://testserver/conditions/fibromyalgia/",
            "es": "http://testserver/es/conditions/fibromyalgia/",
            "x-default": "http://testserver/conditions/fibromyalgia/"}

    urls = sitemap_urls(client)

    assert urls["http://testserver/conditions/fibromyalgia/"] == both
    assert urls["http://testserver/es/conditions/fibromyalgia/"] == both
    assert "http://testserver/es/articles/choosing/" not in urls
    assert "http://testserver/conditions/fibromyalgia-es/" not in urls


def test_sitemap_lists_the_indexes_in_both_languages_with_alternates(client, pages):
    urls = sitemap_urls(client)

    assert urls["http://testserver/es/conditions/"] == {
        "en": "http://testserver/conditions/", "es": "http://testserver/es/conditions/",
        "x-default": "http://testserver/conditions/"}


def test_sitemap_lastmod_of_a_translated_page_is_its_latest_version(client, pages):
    original = Article.objects.get(slug="fibromyalgia")
    later = timezone.now() + datetime.timedelta(days=3)
    Article.objects.filter(pk=spanish_version(original).pk).update(updated_at=later)

    lastmods = page_lastmods(client, "/sitemap-conditions.xml")

    day = timezone.localdate(later).isoformat()
    assert lastmods == {"http://testserver/conditions/fibromyalgia/": day,
                        "http://testserver/es/conditions/fibromyalgia/": day}


def test_index_lastmod_of_the_condition_pages_is_their_latest_live_version(client, pages):
    later = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    translated = spanish_version(ArticleFactory(slug="insomnia"))
    Article.objects.filter(pk=translated.pk).update(updated_at=later)
    # Changes the public cannot see do not count: a draft translation of a live page and a
    # draft page. A guide's change counts for the guides only.
    unseen = later + datetime.timedelta(days=1)
    draft = spanish_version(Article.objects.get(slug="fibromyalgia"), status=Article.Status.DRAFT)
    Article.objects.filter(pk=draft.pk).update(updated_at=unseen)
    Article.objects.filter(slug__in=["secret-draft", "choosing"]).update(updated_at=unseen)

    lastmods = {location: datetime.datetime.fromisoformat(lastmod)
                for location, lastmod in index_entries(client) if lastmod}

    assert lastmods["http://testserver/sitemap-conditions.xml"] == later
    assert lastmods["http://testserver/sitemap-guides.xml"] == unseen


@pytest.mark.parametrize("count", [1, 5])
def test_sitemap_query_count_does_not_grow_with_pages(client, django_assert_num_queries,
                                                     count):
    for number in range(count):
        original = ArticleFactory(slug=f"page-{number}")
        spanish_version(original)
        ArticleFactory(slug=f"guide-{number}", kind=Article.Kind.GUIDE, condition=None)

    # The pages, then their translations.
    with django_assert_num_queries(2):
        response = client.get("/sitemap-conditions.xml")

    assert response.content.decode().count("/es/conditions/page-") == 3 * count
