"""Every page's JSON-LD against the schema.org vocabulary (tests/schemaorg.py), offline:
each @type exists, and each property is one its type has, inheritance included."""

import json
import re

import pytest

from clinics.models import Credential
from tests import schemaorg
from tests.test_headers import PAGES, client_as, world  # noqa: F401 (world is a fixture)

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html: str) -> list[dict]:
    return [json.loads(payload) for payload in BLOCK.findall(html)]


# --- The checker itself: it must catch what issue #13 found. ----------------------------------

def test_validator_rejects_accepting_new_patients_on_a_person():
    errors = schemaorg.validate({"@context": "https://schema.org", "@type": "Person",
                                 "name": "A", "isAcceptingNewPatients": True})

    assert errors == ["$.isAcceptingNewPatients: not a property of Person (it belongs to "
                      "MedicalOrganization)"]


def test_validator_accepts_a_property_a_type_inherits():
    # Physician is a MedicalOrganization, two steps up.
    errors = schemaorg.validate({"@context": "https://schema.org", "@type": "Physician",
                                 "name": "A", "isAcceptingNewPatients": True})

    assert errors == []


def test_validator_rejects_unknown_types_and_properties_at_any_depth():
    errors = schemaorg.validate({
        "@context": "https://schema.org", "@type": "Person", "favouriteColour": "green",
        "worksFor": [{"@type": "Organization", "name": "Clinic"}, {"@type": "Clinik"}],
    })

    assert errors == ["$.favouriteColour: not a schema.org property",
                      "$.worksFor[1]: unknown @type 'Clinik'"]


def test_validator_rejects_a_nested_value_of_the_wrong_type():
    errors = schemaorg.validate({"@context": "https://schema.org", "@type": "Person",
                                 "worksFor": {"@type": "PostalAddress"}})

    assert errors == ["$.worksFor: a PostalAddress is not among its values (Organization)"]


def test_validator_rejects_another_context():
    assert schemaorg.validate({"@context": "http://example.org", "@type": "Person"}) == [
        "$: @context is 'http://example.org', not 'https://schema.org'"]


# --- The site's pages. --------------------------------------------------------------------------

# The kinds of page that carry JSON-LD: if one stops, or a new one starts, this list changes.
PAGES_WITH_JSON_LD = {"practitioners/<slug:slug>/", "clinics/<slug:slug>/",
                      "conditions/<slug:slug>/", "articles/<slug:slug>/"}


@pytest.mark.django_db
def test_every_public_pages_json_ld_is_valid_schema_org(world):  # noqa: F811
    with_json_ld = set()
    for page in PAGES:
        if page.role != "anonymous" or page.status != 200:
            continue
        response = client_as(page.role, world).get(page.url(world))
        if not response["Content-Type"].startswith("text/html"):
            continue
        blocks = json_ld_blocks(response.content.decode())
        if blocks:
            with_json_ld.add(page.route)
        for block in blocks:
            assert schemaorg.validate(block) == [], (page.route, block)

    assert with_json_ld == PAGES_WITH_JSON_LD


@pytest.mark.django_db
def test_physician_profile_json_ld_is_valid_schema_org(client, world):  # noqa: F811
    world.practitioner.credentials.update(kind=Credential.Kind.MEDICAL)

    [data] = json_ld_blocks(client.get(world.practitioner.get_absolute_url()).content.decode())

    assert data["@type"] == "Physician"
    assert schemaorg.validate(data) == []


@pytest.mark.django_db
def test_person_profile_says_nothing_of_new_patients(client, world):  # noqa: F811
    [data] = json_ld_blocks(client.get(world.practitioner.get_absolute_url()).content.decode())

    assert data["@type"] == "Person"
    assert "isAcceptingNewPatients" not in data


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "section", "section_path"), [
    ("condition", "Conditions", "/conditions/"), ("guide", "Articles", "/articles/")])
def test_article_breadcrumb_list_matches_the_breadcrumbs_shown(client, kind, section,
                                                               section_path):
    from clinics.models import Condition
    from tests.factories import ArticleFactory

    condition = Condition.objects.get(slug="lupus") if kind == "condition" else None
    article = ArticleFactory(kind=kind, condition=condition, title="Living with it")
    html = client.get(article.get_absolute_url()).content.decode()

    [data] = json_ld_blocks(html)
    assert data["breadcrumb"] == {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": section,
         "item": f"http://testserver{section_path}"},
        {"@type": "ListItem", "position": 2, "name": "Living with it",
         "item": f"http://testserver{article.get_absolute_url()}"},
    ]}
    trail = re.search(r'<nav aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    assert f'<a href="{section_path}">{section}</a>' in trail
    assert '<li aria-current="page">Living with it</li>' in trail
