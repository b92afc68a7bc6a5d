import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article
from clinics.models import Condition
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own response, not untrusted input)


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


def test_sitemap_lists_published_pages_and_indexes_with_absolute_urls(client, pages):
    response = client.get("/sitemap.xml")

    root = parse_xml(response.content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    article_locations = sorted(
        url for url in locations if "/conditions/" in url or "/articles/" in url
    )
    assert article_locations == [
        "http://testserver/articles/",
        "http://testserver/articles/choosing/",
        "http://testserver/conditions/",
        "http://testserver/conditions/fibromyalgia/",
    ]
