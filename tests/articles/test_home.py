"""The home page's "Conditions we cover": each condition links to its page in the reader's
language when it has a published one (#14)."""

import re
from html import unescape

import pytest

from articles.models import Article
from clinics.models import Condition
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def home_conditions(html):
    """{condition name: its link, or None}, from the home page's "Conditions we cover"."""
    section = html.split('id="specialties-heading"')[1].split('class="more-link"')[0]
    return {unescape(name): href or None for href, name in re.findall(
        r'<li>(?:<a href="([^"]+)">)?([^<]+)(?:</a>)?</li>', section)}


def test_home_links_each_condition_with_a_published_page_in_the_readers_language(client):
    ArticleFactory(slug="fibromyalgia-and-acupuncture")  # about fibromyalgia
    ArticleFactory(slug="als-draft", status=Article.Status.DRAFT,
                   condition=Condition.objects.get(slug="als"))
    ArticleFactory(slug="first-visit", kind="guide", condition=None)

    english = home_conditions(client.get("/").content.decode())
    spanish = home_conditions(client.get("/es/").content.decode())

    assert english["Fibromyalgia"] == "/conditions/fibromyalgia-and-acupuncture/"
    assert spanish["Fibromialgia"] == "/es/conditions/fibromyalgia-and-acupuncture/"
    # No page, or only a draft: the name stays plain text.
    assert english[Condition.objects.get(slug="als").name] is None
    linked = {name for name, href in english.items() if href}
    assert linked == {"Fibromyalgia"} and len(english) > 1
    assert {name for name, href in spanish.items() if href} == {"Fibromialgia"}
