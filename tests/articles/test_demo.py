import datetime
import io
import re
import shutil

import pytest

from articles import checks, services
from articles.demo import (
    CONTENT_DIR,
    ArticleData,
    DemoContentError,
    ReferenceData,
    load_demo_articles,
    read_articles,
    read_authors,
    read_translations,
)
from articles.models import Article, ArticlePublication, Author, FAQItem, Reference

ARTICLES = read_articles()
TRANSLATIONS = read_translations()

pytestmark = pytest.mark.django_db

CONDITION_SLUGS = [
    "als", "autoimmune-disease", "chronic-low-back-pain", "dermatomyositis", "fibromyalgia",
    "hashimotos-thyroiditis", "lupus", "multiple-sclerosis", "myofascial-pain-syndrome",
    "neck-pain", "psoriasis", "rheumatoid-arthritis", "sciatica",
]


def counts():
    return [model.objects.count()
            for model in (Author, Article, FAQItem, Reference, ArticlePublication)]


def test_load_demo_articles_publishes_all_eight_condition_pages(demo_articles):
    published = Article.objects.published().originals()

    assert sorted(published.condition_pages().values_list("slug", flat=True)) == CONDITION_SLUGS
    assert list(published.guides().values_list("slug", flat=True)) == [
        "how-to-choose-a-qualified-practitioner"]
    assert all(p.overridden_codes == [] for p in ArticlePublication.objects.all())


def test_load_demo_articles_run_twice_changes_nothing():
    load_demo_articles()
    first = counts()
    slugs_and_status = list(Article.objects.order_by("slug").values_list("slug", "status"))

    load_demo_articles()

    pages = ARTICLES + TRANSLATIONS
    assert counts() == first == [
        4, len(pages), sum(len(a["faqs"]) for a in pages),
        sum(len(a["references"]) for a in pages), len(pages) - 1,
    ]
    assert list(Article.objects.order_by("slug").values_list("slug", "status")) == slugs_and_status


def test_load_demo_articles_reports_to_stdout():
    out = io.StringIO()

    load_demo_articles(stdout=out)

    assert out.getvalue() == "Articles: 21 demo pages (20 published, 1 not published) by 4 authors."


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


def test_links_between_demo_pages_lead_to_published_pages(client):
    load_demo_articles()

    linked = {slug for article in Article.objects.published()
              for slug in re.findall(r'href="/conditions/([\w-]+)/"', article.body_html)}
    assert {"lupus", "chronic-low-back-pain", "myofascial-pain-syndrome"} <= linked
    for slug in linked:
        assert client.get(f"/conditions/{slug}/").status_code == 200, slug


def test_autoimmune_disease_page_links_every_specific_autoimmune_condition_page():
    load_demo_articles()
    general = Article.objects.get(slug="autoimmune-disease")

    specific = (Article.objects.published().originals().condition_pages()
                .filter(condition__specialties__slug="autoimmune").exclude(pk=general.pk))
    assert specific.count() >= 6
    for page in specific:
        assert f'href="{page.get_absolute_url()}"' in general.body_html, page.slug
    assert general.is_live and general.medical_reviewer is not None
    assert general.evidence_level == Article.EvidenceLevel.LIMITED
    assert checks.check_article(general) == []


def test_every_seeded_condition_has_a_published_page():
    from clinics.models import Condition

    load_demo_articles()

    covered = set(Article.objects.published().condition_pages().values_list(
        "condition__slug", flat=True))
    assert covered == set(Condition.objects.values_list("slug", flat=True))


def test_demo_content_has_one_bad_draft_last():
    assert [a["slug"] for a in ARTICLES if a["status"] != "published"] == ["miracle-cure-draft"]


def test_demo_content_gives_every_article_every_key_with_usable_values():
    author_keys = {author["key"] for author in read_authors()}

    assert len(ARTICLES) == 15
    assert len({a["slug"] for a in ARTICLES}) == len(ARTICLES)
    for a in ARTICLES + TRANSLATIONS:
        assert set(a) == set(ArticleData.__annotations__), a["slug"]
        for key in ("title", "summary", "body", "meta_description"):
            assert isinstance(a[key], str) and a[key].strip() == a[key] != "", (a["slug"], key)
        assert a["kind"] in Article.Kind.values and a["status"] in Article.Status.values
        assert a["author"] in author_keys and a["reviewer"] in author_keys | {None}
        assert a["last_reviewed_on"] is None or type(a["last_reviewed_on"]) is datetime.date
        assert (a["condition"] is None) == (a["kind"] == Article.Kind.GUIDE), a["slug"]
        assert all(isinstance(q, str) and q and isinstance(ans, str) and ans
                   for q, ans in a["faqs"]), a["slug"]
        assert all(set(ref) == set(ReferenceData.__annotations__) and ref["citation"]
                   for ref in a["references"]), a["slug"]


@pytest.mark.parametrize(("change", "problem"), [
    pytest.param(lambda text: text.replace('title = "Lupus', "title = Lupus", 1),
                 "invalid TOML: Invalid value (at line 2, column 9)", id="bad-toml"),
    pytest.param(lambda text: text.removeprefix("+++\n"),
                 "must start with a '+++' line opening the TOML front matter", id="no-opening"),
    pytest.param(lambda text: text.replace("\n+++\n", "\n", 1),
                 "the TOML front matter has no closing '+++' line", id="no-closing"),
    pytest.param(lambda text: re.sub(r"\nsummary = .*", "", text),
                 "missing key(s): summary", id="missing-key"),
    pytest.param(lambda text: text.replace("reviewer =", "reviwer =", 1),
                 "unknown key(s): reviwer", id="misspelt-key"),
    pytest.param(lambda text: text.replace("= 2026-10-12", '= "2026-10-12"', 1),
                 "last_reviewed_on must be a date such as 2026-10-06 (no quotes)",
                 id="quoted-date"),
    pytest.param(lambda text: text.replace('"kaul2016"', '"kaul2061"', 1),
                 "references not in references.toml: 'kaul2061'", id="unknown-reference"),
    pytest.param(lambda text: text.replace("[[faqs]]\nquestion", "[[faqs]]\nquestoin", 1),
                 "faqs[0]: missing key(s): question", id="bad-faq"),
    pytest.param(lambda text: text.replace('author = "lin-', 'author = "linn-', 1),
                 "author 'linn-achterberg' is not a key in authors.toml", id="unknown-author"),
])
def test_malformed_demo_page_gives_an_error_naming_the_file(tmp_path, change, problem):
    shutil.copytree(CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    page = tmp_path / "articles" / "lupus.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(change(text), encoding="utf-8")
    assert page.read_text(encoding="utf-8") != text  # the change applied

    with pytest.raises(DemoContentError) as error:
        read_articles(tmp_path)

    assert str(error.value) == f"{page}: {problem}"


def test_demo_page_missing_from_the_index_gives_an_error_naming_the_index(tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    shutil.copy(tmp_path / "articles" / "lupus.md", tmp_path / "articles" / "lupus-2.md")

    with pytest.raises(DemoContentError, match=re.escape(
            f"{tmp_path / 'index.toml'}: articles/ has pages missing from the list: lupus-2")):
        read_articles(tmp_path)


@pytest.mark.parametrize(("query", "first", "others"), [
    ("autoimmune", "autoimmune-disease", {"hashimotos-thyroiditis"}),
    ("Autoimmune disease", "autoimmune-disease", set()),
    ("sciatica", "sciatica", set()), ("sciatic nerve pain", "sciatica", set()),
    ("neck pain", "neck-pain", set()), ("stiff neck", "neck-pain", set()),
])
def test_conditions_search_finds_the_pages_people_type_for(client, demo_articles, query,
                                                           first, others):
    html = client.get("/conditions/", {"q": query}).content.decode()

    linked = re.findall(r'<h3><a href="/conditions/([\w-]+)/"', html)
    assert linked[0] == first
    assert set(linked) == {first, *others}


def test_conditions_index_lists_every_demo_page_once(client, demo_articles):
    html = client.get("/conditions/").content.decode()

    linked = re.findall(r'href="/conditions/([\w-]+)/"', html)
    assert sorted(linked) == sorted(CONDITION_SLUGS)  # no page twice
    # Multiple sclerosis and rheumatoid arthritis are each in two specialties: one row, two tags.
    for slug, tags in [("multiple-sclerosis", ["Autoimmune", "Neurological"]),
                       ("rheumatoid-arthritis", ["Autoimmune", "Chronic pain"])]:
        row = re.search(rf'<li id="page-{slug}">(.*?)</li>', html, re.DOTALL).group(1)
        assert re.findall(r'<span class="tag">([^<]+)</span>', row) == tags
