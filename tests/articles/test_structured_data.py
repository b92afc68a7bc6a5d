import datetime
import json
import re

import pytest

from clinics.models import Condition
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    [payload] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(payload)


def test_condition_page_json_ld_describes_a_reviewed_medical_web_page(client):
    article = ArticleFactory(
        slug="als", title="ALS and acupuncture", condition=Condition.objects.get(slug="als"),
        author__name="Tamsin Writer", author__credentials="MA, medical writer",
        medical_reviewer__name="Obadiah Reviewer",
        medical_reviewer__credentials="DO, board-certified neurologist",
        last_reviewed_on=datetime.date(2026, 10, 8),
    )

    data = json_ld(client.get("/conditions/als/").content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == "http://testserver/conditions/als/"
    assert data["about"] == {
        "@type": "MedicalCondition",
        "name": "Amyotrophic lateral sclerosis",
        # The Spanish names (clinics migration 0020) are names of the condition too.
        "alternateName": ["ALS", "Lou Gehrig's disease", "Motor neuron disease", "MND",
                          "Esclerosis lateral amiotrófica", "ELA", "Enfermedad de Lou Gehrig",
                          "Enfermedad de la neurona motora"],
        "code": {"@type": "MedicalCode", "code": "G12.21", "codingSystem": "ICD-10"},
    }
    assert data["reviewedBy"] == {
        "@type": "Person", "name": "Obadiah Reviewer", "jobTitle": "DO, board-certified neurologist"}
    assert data["author"] == {"@type": "Person", "name": "Tamsin Writer", "jobTitle": "MA, medical writer"}
    assert data["lastReviewed"] == "2026-10-08"
    assert data["datePublished"] == article.publish_at.isoformat()
    assert data["dateModified"] == article.updated_at.isoformat()


def test_json_ld_text_cannot_close_the_script_element(client):
    ArticleFactory(slug="fibromyalgia", title="</script><script>alert(1)</script> & more")

    html = client.get("/conditions/fibromyalgia/").content.decode()

    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script> & more"
