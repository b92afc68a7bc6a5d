"""One way of writing a date in each language: "20 October 2026" in English on every page
(condition pages used to write "October 20, 2026" while profiles wrote "20 October 2026"),
"20 de octubre de 2026" in Spanish. The formats live in directory/formats/<language>/;
templates and code ask for DATE_FORMAT (or DATETIME_FORMAT), never spell one of their own."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.articles.test_translations import get_in, spanish
from tests.factories import ArticleFactory, CredentialFactory, PractitionerFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
REVIEWED = datetime.date(2026, 10, 20)
EXPIRES = datetime.date(2099, 10, 20)  # in the future whenever the test runs


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def profile(client, language, practitioner):
    with translation.override(language):
        return client.get(reverse("clinics:practitioner-detail", args=[practitioner.slug]))


def test_english_condition_page_and_profile_write_a_date_the_same_way(client):
    article = ArticleFactory(last_reviewed_on=REVIEWED)
    credential = CredentialFactory(expires_on=EXPIRES, practitioner=PractitionerFactory())

    condition_page = text(get_in(client, "en", article))
    profile_page = text(profile(client, "en", credential.practitioner))

    assert "20 October 2026" in condition_page
    assert "October 20, 2026" not in condition_page
    assert "20 October 2099" in profile_page
    assert "October 20, 2099" not in profile_page


def test_spanish_pages_write_a_date_the_spanish_way(client):
    original = ArticleFactory(slug="fibromyalgia", last_reviewed_on=REVIEWED)
    spanish(original, last_reviewed_on=REVIEWED)
    credential = CredentialFactory(expires_on=EXPIRES, practitioner=PractitionerFactory())

    condition_page = text(get_in(client, "es", original))
    profile_page = text(profile(client, "es", credential.practitioner))

    assert "20 de octubre de 2026" in condition_page
    assert "20 de octubre de 2099" in profile_page
    assert "October" not in condition_page + profile_page


# A template may print a date for machines (datetime="Y-m-d") or ask for a named format;
# any other format string is a page writing dates its own way.
ALLOWED_TEMPLATE_FORMATS = {"Y-m-d", "DATE_FORMAT", "DATETIME_FORMAT"}


def test_no_template_spells_a_date_format_of_its_own():
    own = []
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix not in {".html", ".txt", ".xml"}:
            continue
        for match in re.finditer(r"\|date:(_\()?[\"']([^\"']*)[\"']", path.read_text()):
            if match.group(1) or match.group(2) not in ALLOWED_TEMPLATE_FORMATS:
                own.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert own == []


def test_no_code_spells_the_long_date_format():
    own = [str(path.relative_to(ROOT))
           for app in ("clinics", "articles", "directory")
           for path in (ROOT / app).rglob("*.py")
           if "formats" not in path.parts
           and re.search(r"[\"'](j F Y|F j, Y)[\"']", path.read_text())]
    assert own == []
