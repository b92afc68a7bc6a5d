import pytest
from django.core.exceptions import ValidationError

from articles.models import Reference
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def reference(**fields):
    return Reference(article=ArticleFactory(), citation="A citation.", **fields)


@pytest.mark.parametrize(
    "fields",
    [{"doi": "10.1016/j.jpain.2017.11.005"}, {"doi": "10.1179/2042618613Y.0000000044"},
     {"pmid": "1"}, {"pmid": "123456789"}, {"url": "https://www.nice.org.uk/guidance/ng193"},
     {"url": "http://example.org/report"}],
)
def test_reference_valid_identifier_passes(fields):
    reference(**fields).full_clean()


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"doi": "https://doi.org/10.1000/xyz"}, "doi"), ({"doi": "10.12/short"}, "doi"),
     ({"doi": "10.1000/has space"}, "doi"), ({"pmid": "0123"}, "pmid"),
     ({"pmid": "1234567890"}, "pmid"), ({"pmid": "PMC123"}, "pmid"),
     ({"url": "javascript:alert(1)"}, "url"), ({"url": "ftp://example.org/x"}, "url")],
)
def test_reference_malformed_identifier_is_rejected(fields, field):
    with pytest.raises(ValidationError) as raised:
        reference(**fields).full_clean()

    assert field in raised.value.message_dict


def test_reference_without_any_identifier_is_rejected():
    with pytest.raises(ValidationError) as raised:
        reference().full_clean()

    assert raised.value.messages == ["Give a DOI, a PubMed ID or a URL for the reference."]


def test_reference_links_point_to_doi_and_pubmed():
    ref = reference(doi="10.1000/xyz", pmid="29198932")

    assert (ref.doi_url, ref.pubmed_url) == (
        "https://doi.org/10.1000/xyz", "https://pubmed.ncbi.nlm.nih.gov/29198932/")
