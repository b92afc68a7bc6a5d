import datetime
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from clinics.models import Condition
from tests.factories import (
    ArticleFactory,
    FAQItemFactory,
    PractitionerFactory,
    treats,
    vetted_practitioner,
)

pytestmark = pytest.mark.django_db


class FormParser(HTMLParser):
    """Collects each <form>'s attributes, its inputs/selects, and every label's `for`."""

    def __init__(self):
        super().__init__()
        self.forms, self.labels, self._select = [], {}, None
        self._label_for, self._label_text = None, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "fields": {}})
        elif tag == "input" and self.forms:
            self.forms[-1]["fields"][attrs.get("name")] = attrs
        elif tag == "select" and self.forms:
            self._select = {**attrs, "options": [], "selected": None}
            self.forms[-1]["fields"][attrs.get("name")] = self._select
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value"))
            if "selected" in attrs:
                self._select["selected"] = attrs.get("value")
        elif tag == "label":
            self._label_for, self._label_text = attrs.get("for"), ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "label" and self._label_for:
            self.labels[self._label_for] = " ".join(self._label_text.split())
            self._label_for = None

    def handle_data(self, data):
        if self._label_for:
            self._label_text += data


def parse_forms(html):
    parser = FormParser()
    parser.feed(html)
    return parser


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def listed_titles(html):
    return re.findall(r'<h[23][^>]*>\s*<a href="[^"]+"[^>]*>([^<]+)</a>', html)


# --- /conditions/ ---------------------------------------------------------------------------


def condition_sections(html):
    """{specialty slug: {"pages": [(title, [tags])], "also": [(anchor, text)]}} on /conditions/."""
    sections = {}
    for slug, body in re.findall(
            r'<section class="specialty-group" aria-labelledby="specialty-([\w-]+)">(.*?)</section>',
            html, re.DOTALL):
        rows = re.findall(r'<li id="page-[\w-]+">(.*?)</li>', body, re.DOTALL)
        sections[slug] = {
            "pages": [(listed_titles(row)[0], re.findall(r'<span class="tag">([^<]+)</span>', row))
                      for row in rows],
            "also": re.findall(r'<a href="#page-([\w-]+)">([^<]+)</a>',
                               "".join(re.findall(r'<p class="also-listed">(.*?)</p>', body,
                                                  re.DOTALL))),
        }
    return sections


def test_condition_list_lists_each_page_once_with_all_its_specialties(client):
    ArticleFactory(title="RA page", slug="ra", condition=Condition.objects.get(slug="rheumatoid-arthritis"))
    ArticleFactory(title="MS page", slug="ms", condition=Condition.objects.get(slug="multiple-sclerosis"))
    ArticleFactory(title="ALS page", slug="als-page", condition=Condition.objects.get(slug="als"))
    ArticleFactory(title="Draft page", status=Article.Status.DRAFT)

    html = client.get("/conditions/").content.decode()

    assert listed_titles(html) == ["MS page", "RA page", "ALS page"]  # each once
    assert len(re.findall(r'href="/conditions/ms/"', html)) == 1
    assert condition_sections(html) == {
        "autoimmune": {"pages": [("MS page", ["Autoimmune", "Neurological"]),
                                 ("RA page", ["Autoimmune", "Chronic pain"])], "also": []},
        "chronic-pain": {"pages": [], "also": [("ra", "Rheumatoid arthritis")]},
        "neurological": {"pages": [("ALS page", ["Neurological"])],
                         "also": [("ms", "Multiple sclerosis")]},
    }
    # The in-page links lead to the rows, and the specialty links to the sections.
    assert 'id="page-ms"' in html and 'id="page-ra"' in html
    for slug in ("autoimmune", "chronic-pain", "neurological"):
        assert f'<a href="#specialty-{slug}">' in html


def test_condition_list_is_a_to_z_within_each_specialty(client):
    for title, slug in [("Psoriasis page", "psoriasis"), ("Dermatomyositis page", "dermatomyositis"),
                        ("lupus page", "lupus"), ("Autoimmune page", "autoimmune-disease")]:
        ArticleFactory(title=title, condition=Condition.objects.get(slug=slug))

    sections = condition_sections(client.get("/conditions/").content.decode())

    assert [title for title, _ in sections["autoimmune"]["pages"]] == [
        "Autoimmune page", "Dermatomyositis page", "lupus page", "Psoriasis page"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("lou gehrig", ["ALS page"]), ("Lou Gehrig's disease", ["ALS page"]),
     ("SLE", ["Lupus page"]), ("lupus", ["Lupus page"]), ("  fibro ", ["Fibro page"])],
)
def test_condition_list_search_understands_synonyms(client, query, expected):
    ArticleFactory(title="ALS page", condition=Condition.objects.get(slug="als"))
    ArticleFactory(title="Lupus page", condition=Condition.objects.get(slug="lupus"))
    ArticleFactory(title="Fibro page", condition=Condition.objects.get(slug="fibromyalgia"))

    response = client.get("/conditions/", {"q": query})

    assert response.status_code == 200
    assert listed_titles(response.content.decode()) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "Type a condition to search"), ("     ", "Type a condition to search"),
     ("%%%", "No pages match"), ("<script>alert(1)</script>", "No pages match"),
     ("' OR 1=1 --", "No pages match"), ("x" * 10_000, "No pages match"),
     ("\u0000\u202e", "No pages match"), ("hashimoto", "No pages match")],
    ids=["empty", "spaces", "symbols", "markup", "sql", "10k-chars", "control-chars",
         "no-page-yet"],
)
def test_condition_list_odd_query_shows_empty_state(client, query, message):
    ArticleFactory(title="Fibro page")

    response = client.get("/conditions/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert listed_titles(html) == []
    assert "<script>alert(1)</script>" not in html
    assert h1_count(html) == 1


def test_condition_list_without_pages_says_so(client):
    html = client.get("/conditions/").content.decode()

    assert "No condition pages are published yet." in html


def test_condition_list_search_box_is_labelled(client):
    forms = parse_forms(client.get("/conditions/").content.decode())

    search = forms.forms[0]
    assert (search["attrs"]["method"], search["attrs"]["action"]) == ("get", "/conditions/")
    assert forms.labels[search["fields"]["q"]["id"]] == "Search conditions"


@pytest.mark.parametrize("rows", [1, 5])
def test_condition_list_query_count_does_not_grow_with_pages(
    client, django_assert_num_queries, rows
):
    for condition in Condition.objects.all()[:rows]:
        ArticleFactory(condition=condition)

    with django_assert_num_queries(2):  # the pages with their conditions, then specialties
        response = client.get("/conditions/")

    assert len(listed_titles(response.content.decode())) >= rows


@pytest.mark.parametrize("rows", [1, 5])
def test_spanish_condition_list_query_count_does_not_grow_with_pages(
    client, django_assert_num_queries, rows
):
    for condition in Condition.objects.all()[:rows]:
        ArticleFactory(language="es", translation_of=ArticleFactory(condition=condition))

    with django_assert_num_queries(3):  # as in English, then the pages' Spanish versions
        response = client.get("/es/conditions/")

    assert len(listed_titles(response.content.decode())) >= rows


# --- /articles/ ----------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 5])
def test_article_list_query_count_does_not_grow_with_pages(
    client, django_assert_num_queries, rows
):
    ArticleFactory.create_batch(rows)

    # count, page of articles, the condition and specialty choices in the filter form
    with django_assert_num_queries(4):
        response = client.get("/articles/")

    assert len(listed_titles(response.content.decode())) == rows


def test_article_list_paginates_ten_per_page(client):
    for n in range(12):
        ArticleFactory(title=f"Page {n:02d}")

    first = client.get("/articles/").content.decode()
    second = client.get("/articles/", {"page": 2}).content.decode()

    assert listed_titles(first) == [f"Page {n:02d}" for n in range(10)]
    assert listed_titles(second) == ["Page 10", "Page 11"]
    assert 'href="?page=2"' in first


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0", "9" * 40, "1e10"])
def test_article_list_bad_page_number_gives_404_page(client, page):
    ArticleFactory()

    response = client.get("/articles/", {"page": page})

    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_article_list_filters_by_condition_and_specialty(client):
    ArticleFactory(title="ALS page", condition=Condition.objects.get(slug="als"))
    ArticleFactory(title="MS page", condition=Condition.objects.get(slug="multiple-sclerosis"))
    ArticleFactory(title="Guide", kind=Article.Kind.GUIDE, condition=None)

    by_condition = client.get("/articles/", {"condition": "als"}).content.decode()
    by_specialty = client.get("/articles/", {"specialty": "neurological"}).content.decode()
    guides = client.get("/articles/", {"kind": "guide"}).content.decode()

    assert listed_titles(by_condition) == ["ALS page"]
    assert listed_titles(by_specialty) == ["ALS page", "MS page"]
    assert listed_titles(guides) == ["Guide"]


def test_article_list_unknown_filter_value_gives_empty_state(client):
    ArticleFactory()

    response = client.get("/articles/", {"condition": "no-such-thing"})

    assert response.status_code == 200
    assert "No articles match these filters" in response.content.decode()


def test_article_list_filter_controls_are_labelled(client):
    parsed = parse_forms(client.get("/articles/").content.decode())

    fields = parsed.forms[0]["fields"]
    assert sorted(fields) == ["condition", "kind", "specialty"]
    assert [parsed.labels[fields[name]["id"]] for name in ("kind", "condition", "specialty")] == [
        "Type:", "Condition:", "Specialty:"]


@pytest.mark.parametrize("url", ["/conditions/", "/articles/"])
def test_index_pages_link_the_atom_feed(client, url):
    html = client.get(url).content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/articles/feed/"' in html


# --- The page itself -----------------------------------------------------------------------


def test_condition_detail_shows_every_part_of_the_page(client):
    article = ArticleFactory(
        title="Fibromyalgia and acupuncture", slug="fibromyalgia",
        summary="Short summary.", evidence_level="limited",
        evidence_explanation="Only small trials (Deare 2013).", safety_notes="Bruising is common.",
        author__name="Tamsin Writer", author__credentials="MA, medical writer",
        medical_reviewer__name="Ines Reviewer",
        medical_reviewer__credentials="MD, rheumatologist",
        last_reviewed_on=datetime.date(2026, 10, 14),
        references=[{"citation": "Deare 2013.", "doi": "10.1002/14651858.CD007070.pub2",
                     "pmid": "23728665"},
                    {"citation": "NICE guideline.", "url": "https://www.nice.org.uk/ng193"}],
    )
    FAQItemFactory(article=article, position=2, question="Second question?")
    FAQItemFactory(article=article, position=1, question="First question?")

    response = client.get("/conditions/fibromyalgia/")

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(html) == 1
    assert html.count("<main") == 1
    assert "<h1>Fibromyalgia and acupuncture</h1>" in html
    assert "Evidence: limited" in html
    assert "Only small trials (Deare 2013)." in html
    assert "Bruising is common." in html
    assert re.findall(r"<h3>([^<]+\?)</h3>", html) == ["First question?", "Second question?"]
    assert 'href="https://doi.org/10.1002/14651858.CD007070.pub2"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/23728665/"' in html
    assert 'href="https://www.nice.org.uk/ng193"' in html
    assert "Tamsin Writer, MA, medical writer" in html
    assert "Medically reviewed by Ines Reviewer, MD, rheumatologist" in html
    assert '<time datetime="2026-10-14">14 October 2026</time>' in html
    assert "they never replace it" in html


def test_condition_detail_form_targets_practitioner_search(client):
    ArticleFactory(slug="fibromyalgia")

    parsed = parse_forms(client.get("/conditions/fibromyalgia/").content.decode())

    [finder] = [f for f in parsed.forms if f["attrs"].get("action") == "/practitioners/"]
    fields = finder["fields"]
    assert finder["attrs"]["method"] == "get"
    assert list(fields) == ["condition", "near", "radius"]
    assert (fields["condition"]["type"], fields["condition"]["value"]) == ("hidden", "fibromyalgia")
    assert parsed.labels[fields["near"]["id"]] == "ZIP code or City, ST"
    assert parsed.labels[fields["radius"]["id"]] == "Distance"
    assert fields["radius"]["options"] == ["5", "10", "25", "50", "100"]
    assert fields["radius"]["selected"] == "25"


def test_condition_detail_offers_the_location_button_to_javascript_only(client):
    ArticleFactory(slug="fibromyalgia")

    html = client.get("/conditions/fibromyalgia/").content.decode()

    finder = html[html.index('<form method="get" action="/practitioners/"'):]
    finder = finder[:finder.index("</form>")]
    # The button carries its busy and failure texts, in the page's language, for the script.
    assert re.search(r'<p class="geolocate" hidden><button type="button" '
                     r'class="button-secondary" data-busy-text="[^"]+" data-failed-text="[^"]+" '
                     r'data-geolocate>Use my location</button></p>', finder)
    assert re.search(r'<script src="/static/js/geolocate[^"]*\.js" defer></script>', html)


def test_condition_detail_counts_vetted_practitioners_for_the_condition(client):
    ArticleFactory(slug="fibromyalgia")
    treats(vetted_practitioner(), "fibromyalgia")
    treats(vetted_practitioner(), "fibromyalgia")
    treats(vetted_practitioner(), "lupus")
    treats(PractitionerFactory(), "fibromyalgia")  # no verified licence: not counted

    html = client.get("/conditions/fibromyalgia/").content.decode()

    # The condition's name as it reads mid-sentence.
    assert "<strong>2</strong> verified practitioners list experience with fibromyalgia." in html


def test_condition_detail_keeps_an_eponym_capitalised_mid_sentence(client):
    ArticleFactory(condition=Condition.objects.get(slug="hashimotos-thyroiditis"))

    html = client.get(Article.objects.get().get_absolute_url()).content.decode()

    assert "No verified practitioner lists Hashimoto&#x27;s thyroiditis yet." in html


def test_condition_detail_lists_related_pages_in_the_same_specialty(client):
    ArticleFactory(slug="fibromyalgia")
    ArticleFactory(title="Back pain page", condition=Condition.objects.get(slug="chronic-low-back-pain"))
    ArticleFactory(title="RA page", condition=Condition.objects.get(slug="rheumatoid-arthritis"))
    ArticleFactory(title="ALS page", condition=Condition.objects.get(slug="als"))
    ArticleFactory(title="Draft MPS page", status=Article.Status.DRAFT,
                   condition=Condition.objects.get(slug="myofascial-pain-syndrome"))

    html = client.get("/conditions/fibromyalgia/").content.decode()

    related = html.split('id="related-heading"')[1].split("</aside>")[0]
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', related) == ["Back pain page", "RA page"]


def test_condition_detail_unknown_slug_gives_404_page(client):
    response = client.get("/conditions/no-such-condition/")

    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.IN_REVIEW,
                                    Article.Status.ARCHIVED])
def test_condition_detail_unpublished_page_is_404_for_the_public(client, status):
    ArticleFactory(slug="fibromyalgia", status=status)

    assert client.get("/conditions/fibromyalgia/").status_code == 404


def test_condition_detail_draft_is_a_preview_for_staff(staff_client):
    ArticleFactory(slug="fibromyalgia", status=Article.Status.DRAFT)

    response = staff_client.get("/conditions/fibromyalgia/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Staff preview." in html
    assert "This page is draft." in html
    assert '<meta name="robots" content="noindex">' in html


def test_condition_detail_published_page_has_no_preview_banner(staff_client):
    ArticleFactory(slug="fibromyalgia")

    html = staff_client.get("/conditions/fibromyalgia/").content.decode()

    assert "Staff preview." not in html
    assert "noindex" not in html


def test_condition_detail_scheduled_page_appears_only_after_publish_at(staff_client):
    public = Client()
    article = ArticleFactory(
        slug="fibromyalgia", publish_at=timezone.now() + datetime.timedelta(hours=2)
    )

    before = public.get("/conditions/fibromyalgia/")
    preview = staff_client.get("/conditions/fibromyalgia/").content.decode()
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    after = public.get("/conditions/fibromyalgia/")

    assert (before.status_code, after.status_code) == (404, 200)
    assert "scheduled to go live" in preview


def test_article_detail_guide_renders_at_articles_url(client):
    ArticleFactory(slug="choosing", title="Choosing a practitioner", kind=Article.Kind.GUIDE,
                   condition=None, evidence_level="")

    response = client.get("/articles/choosing/")

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(html) == 1
    assert "/practitioners/" not in html.split("<main")[1].split("</main>")[0]


def test_article_detail_condition_page_under_articles_redirects_to_conditions(client):
    ArticleFactory(slug="fibromyalgia")

    response = client.get("/articles/fibromyalgia/")

    assert (response.status_code, response["Location"]) == (302, "/conditions/fibromyalgia/")


def test_article_detail_guide_under_conditions_redirects_to_articles(client):
    ArticleFactory(slug="choosing", kind=Article.Kind.GUIDE, condition=None)

    response = client.get("/conditions/choosing/")

    assert (response.status_code, response["Location"]) == (302, "/articles/choosing/")


def test_condition_detail_has_canonical_open_graph_and_feed_links(client):
    ArticleFactory(slug="fibromyalgia", title="Fibro & you", meta_description="Plain words.")

    html = client.get("/conditions/fibromyalgia/").content.decode()

    assert '<link rel="canonical" href="http://testserver/conditions/fibromyalgia/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Fibro &amp; you">' in html
    assert '<meta property="og:description" content="Plain words.">' in html
    assert '<meta property="og:url" content="http://testserver/conditions/fibromyalgia/">' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html


@pytest.mark.parametrize("url", ["/conditions/", "/articles/"])
def test_index_page_lists_page_published_moments_ago(client, url):
    # Guards against a queryset built once at import time, when "now" was earlier.
    ArticleFactory(title="Just published", publish_at=timezone.now())

    assert listed_titles(client.get(url).content.decode()) == ["Just published"]


def test_spanish_condition_list_names_specialties_and_conditions_in_spanish(client):
    ArticleFactory(title="RA page", slug="ra", condition=Condition.objects.get(slug="rheumatoid-arthritis"))
    ArticleFactory(title="MS page", slug="ms", condition=Condition.objects.get(slug="multiple-sclerosis"))

    html = client.get("/es/conditions/").content.decode()

    assert condition_sections(html) == {
        "autoimmune": {"pages": [("MS page", ["Autoinmune", "Neurológica"]),
                                 ("RA page", ["Autoinmune", "Dolor crónico"])], "also": []},
        "chronic-pain": {"pages": [], "also": [("ra", "Artritis reumatoide")]},
        "neurological": {"pages": [], "also": [("ms", "Esclerosis múltiple")]},
    }
    assert '<h2 id="specialty-chronic-pain">Dolor crónico</h2>' in html
