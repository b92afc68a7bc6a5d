import io
import re

import pytest

from articles import checks, services
from articles.demo import load_demo_articles
from articles.demo_content import ARTICLES
from articles.models import Article, ArticlePublication, Author, FAQItem, Reference

pytestmark = pytest.mark.django_db

CONDITION_SLUGS = [
    "als", "chronic-low-back-pain", "dermatomyositis", "fibromyalgia", "hashimotos-thyroiditis",
    "lupus", "multiple-sclerosis", "myofascial-pain-syndrome", "psoriasis",
    "rheumatoid-arthritis",
]


def counts():
    return [model.objects.count()
            for model in (Author, Article, FAQItem, Reference, ArticlePublication)]


def test_load_demo_articles_publishes_all_eight_condition_pages(demo_articles):
    published = Article.objects.published()

    assert sorted(published.condition_pages().values_list("slug", flat=True)) == CONDITION_SLUGS
    assert list(published.guides().values_list("slug", flat=True)) == [
        "how-to-choose-a-qualified-practitioner"]
    assert all(p.overridden_codes == [] for p in ArticlePublication.objects.all())


def test_load_demo_articles_run_twice_changes_nothing():
    load_demo_articles()
    first = counts()
    slugs_and_status = list(Article.objects.order_by("slug").values_list("slug", "status"))

    load_demo_articles()

    assert counts() == first == [
        4, len(ARTICLES), sum(len(a["faqs"]) for a in ARTICLES),
        sum(len(a["references"]) for a in ARTICLES), len(ARTICLES) - 1,
    ]
    assert list(Article.objects.order_by("slug").values_list("slug", "status")) == slugs_and_status


def test_load_demo_articles_reports_to_stdout():
    out = io.StringIO()

    load_demo_articles(stdout=out)

    assert out.getvalue() == "Articles: 12 demo pages (11 published, 1 not published) by 4 authors."


def test_demo_good_pages_pass_every_rule_and_check_without_override(demo_articles):
    good = [a for a in demo_articles if a.slug != "miracle-cure-draft"]

    assert [(a.slug, services.publishing_problems(a), checks.check_article(a)) for a in good] == [
        (a.slug, [], []) for a in good]


def test_demo_bad_draft_stays_draft_and_trips_every_check_and_rule(demo_articles):
    bad = Article.objects.get(slug="miracle-cure-draft")

    assert bad.status == Article.Status.DRAFT
    assert sorted({w.code for w in checks.check_article(bad)}) == sorted(checks.CODES)
    assert services.publishing_problems(bad) == [
        "Add a medical reviewer.", "Add the date of the last medical review.",
        "Add at least one reference.", "Choose an evidence level."]


def test_demo_condition_pages_are_reachable_from_the_conditions_index(client, demo_articles):
    html = client.get("/conditions/").content.decode()

    linked = set(re.findall(r'href="/conditions/([\w-]+)/"', html))
    assert linked == set(CONDITION_SLUGS)
    for slug in CONDITION_SLUGS:
        assert client.get(f"/conditions/{slug}/").status_code == 200


def test_every_seeded_condition_has_a_published_page():
    from clinics.models import Condition

    load_demo_articles()

    covered = set(Article.objects.published().condition_pages().values_list(
        "condition__slug", flat=True))
    assert covered == set(Condition.objects.values_list("slug", flat=True))


def test_demo_content_has_one_bad_draft_last():
    assert [a["slug"] for a in ARTICLES if a["status"] != "published"] == ["miracle-cure-draft"]
