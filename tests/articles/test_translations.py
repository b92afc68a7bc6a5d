"""Spanish versions of condition pages (#14): the model's rules, which version the page shows
in which language, the languages offered to hreflang, and the staff side.

The view is tested by activating the language and asking for the page's address in that
language, so the tests hold with or without the /es/ prefix and LocaleMiddleware."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from articles import checks, services
from articles.models import Article
from clinics.models import Condition
from tests.articles.test_admin import change_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOTICE = "Esta página solo está disponible en inglés por ahora."


@pytest.fixture
def original():
    return ArticleFactory(slug="fibromyalgia", title="Fibromyalgia and acupuncture")


def spanish(original, **fields):
    return ArticleFactory(language="es", translation_of=original, slug=f"{original.slug}-es",
                          title="Fibromialgia y acupuntura", **fields)


def get_in(client, language, article, **headers):
    """The page as a reader of `language` asks for it: at its address in that language,
    with that language active (LocaleMiddleware, when present, sets it from the prefix)."""
    with translation.override(language):
        url = reverse("articles:condition-detail", args=[article.slug])
        return client.get(url, HTTP_ACCEPT_LANGUAGE=language, **headers)


def hreflang(response) -> dict[str, str]:
    """The page's <link rel="alternate" hreflang> links: {language: address}."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">',
                           response.content.decode()))


BOTH = {"en": "http://testserver/conditions/fibromyalgia/",
        "es": "http://testserver/es/conditions/fibromyalgia/",
        "x-default": "http://testserver/conditions/fibromyalgia/"}


def h1(response) -> str:
    return unescape(re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1))


# --- Model rules ---------------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"language": "es"}, "translation_of", "Choose the English page this page translates."),
    ({"language": "en", "with_original": True}, "language",
     "A translation needs a language other than English."),
    ({"language": "es", "with_original": True, "condition_slug": "als"}, "translation_of",
     "A translation has the same kind and condition as its original."),
])
def test_translation_rules_give_clear_errors(original, fields, field, message):
    page = ArticleFactory.build(
        language=fields["language"], slug="page-es", author=original.author,
        medical_reviewer=original.medical_reviewer,
        translation_of=original if fields.get("with_original") else None,
        condition=Condition.objects.get(slug=fields.get("condition_slug", "fibromyalgia")))

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert error.value.message_dict[field] == [message]


def test_translation_of_a_translation_is_refused(original):
    first = spanish(original)
    page = ArticleFactory.build(language="es", slug="again-es", translation_of=first,
                                author=original.author, medical_reviewer=original.medical_reviewer)

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    # The field's own check (limit_choices_to) refuses it too; ours says why.
    assert "Choose an English original, not a translation." in error.value.message_dict[
        "translation_of"]


def test_second_spanish_version_of_one_page_is_refused(original):
    spanish(original)
    again = ArticleFactory.build(language="es", slug="other-es", translation_of=original,
                                 author=original.author,
                                 medical_reviewer=original.medical_reviewer)

    with pytest.raises(ValidationError) as error:
        again.full_clean()

    assert error.value.messages == ["That page already has a translation in this language."]


def test_translation_goes_through_the_same_publishing_rules(original):
    page = spanish(original, status=Article.Status.DRAFT, medical_reviewer=None,
                   last_reviewed_on=None, evidence_level="", references=[])

    assert services.publishing_problems(page) == [
        "Add a medical reviewer.", "Add the date of the last medical review.",
        "Add at least one reference.", "Choose an evidence level."]
    with pytest.raises(ValidationError):
        services.publish_article(article=page, by=None)


def test_translation_claiming_a_cure_needs_an_override_to_publish(original):
    page = spanish(original, status=Article.Status.DRAFT,
                   body="La acupuntura cura la fibromialgia (Deare 2013).")

    with pytest.raises(services.UnresolvedWarnings) as error:
        services.publish_article(article=page, by=None)

    assert [w.code for w in error.value.warnings] == ["claim"]


def test_available_languages_lists_only_live_versions(original):
    assert original.available_languages() == ["en"]
    page = spanish(original, status=Article.Status.DRAFT)
    assert original.available_languages() == ["en"]
    assert original.get_translation("es") is None

    services.publish_article(article=page, by=None)

    assert original.available_languages() == page.available_languages() == ["en", "es"]
    assert original.get_translation("es-mx") == page
    assert page.get_translation("en") == original


def test_lists_show_each_page_once_in_english(client, original):
    spanish(original)

    conditions = client.get(reverse("articles:condition-list")).content.decode()
    articles = client.get(reverse("articles:article-list")).content.decode()

    assert re.findall(r'href="(/conditions/[\w-]+/)"', conditions) == ["/conditions/fibromyalgia/"]
    assert "Fibromialgia y acupuntura" not in conditions + articles
    assert list(Article.objects.originals()) == [original]


def test_spanish_condition_list_shows_spanish_titles_and_keeps_readers_on_the_spanish_site(
        client, original):
    spanish(original)
    ArticleFactory(slug="lupus", title="Lupus and acupuncture")  # no Spanish version

    with translation.override("es"):
        response = client.get(reverse("articles:condition-list"), HTTP_ACCEPT_LANGUAGE="es")
        fibromyalgia = original.url_in("es")
        lupus = reverse("articles:condition-detail", args=["lupus"])

    links = re.findall(r'<h3><a href="([^"]+)"([^>]*)>([^<]+)</a>', response.content.decode())
    # A to Z by the title shown; the English-only page says it is in English.
    assert links == [(fibromyalgia, "", "Fibromialgia y acupuntura"),
                     (lupus, ' lang="en"', "Lupus and acupuncture")]
    assert fibromyalgia != original.url_in("en") and lupus != "/conditions/lupus/"


def test_spanish_article_list_shows_spanish_titles_and_keeps_readers_on_the_spanish_site(
        client, original):
    spanish(original, summary="Lo que dice la investigación, en pocas palabras.")
    guide = ArticleFactory(slug="first-visit", title="Your first visit", kind="guide",
                           condition=None)
    ArticleFactory(language="es", translation_of=guide, slug="first-visit-es", kind="guide",
                   condition=None, title="Su primera visita")
    ArticleFactory(slug="lupus", title="Lupus and acupuncture")  # no Spanish version

    with translation.override("es"):
        response = client.get(reverse("articles:article-list"), HTTP_ACCEPT_LANGUAGE="es")
        expected = {(original.url_in("es"), "", "Fibromialgia y acupuntura"),
                    (guide.url_in("es"), "", "Su primera visita"),
                    (reverse("articles:condition-detail", args=["lupus"]), ' lang="en"',
                     "Lupus and acupuncture")}

    html = response.content.decode()
    links = re.findall(r'<h2 class="card-title"><a href="([^"]+)"([^>]*)>([^<]+)</a>', html)
    assert set(links) == expected and len(links) == 3
    assert all(url.startswith("/es/") for url, _, _ in links)
    assert "Lo que dice la investigación, en pocas palabras." in html


def test_english_article_list_is_unchanged_by_spanish_versions(client, original):
    spanish(original)

    response = client.get(reverse("articles:article-list"))

    links = re.findall(r'<h2 class="card-title"><a href="([^"]+)"([^>]*)>([^<]+)</a>',
                       response.content.decode())
    assert links == [("/conditions/fibromyalgia/", "", "Fibromyalgia and acupuncture")]


def test_spanish_page_lists_related_pages_in_spanish_at_spanish_addresses(client, original):
    spanish(original)
    back = ArticleFactory(slug="back-pain", title="Back pain page",
                          condition=Condition.objects.get(slug="chronic-low-back-pain"))
    ArticleFactory(language="es", translation_of=back, slug="back-pain-es",
                   condition=back.condition, title="Dolor de espalda")
    ArticleFactory(slug="ra", title="RA page",
                   condition=Condition.objects.get(slug="rheumatoid-arthritis"))

    response = get_in(client, "es", original)
    with translation.override("es"):
        back_es = back.url_in("es")
        ra_es = reverse("articles:condition-detail", args=["ra"])

    related = response.content.decode().split('id="related-heading"')[1].split("</aside>")[0]
    assert sorted(re.findall(r'<a href="([^"]+)"([^>]*)>([^<]+)</a>', related)) == sorted([
        (back_es, "", "Dolor de espalda"), (ra_es, ' lang="en"', "RA page")])


@pytest.mark.parametrize("rows", [1, 5])
def test_spanish_article_list_query_count_does_not_grow_with_pages(
    client, django_assert_num_queries, rows
):
    for _ in range(rows):
        ArticleFactory(language="es", translation_of=ArticleFactory())

    with django_assert_num_queries(5):  # as in English, then the pages' Spanish versions
        response = client.get("/es/articles/")

    assert len(re.findall(r'<h2 class="card-title"><a ', response.content.decode())) == rows


# --- The page, by language -----------------------------------------------------------------

def test_spanish_reader_gets_the_published_spanish_version(client, original):
    page = spanish(original)

    response = get_in(client, "es", original)

    html = response.content.decode()
    assert response.status_code == 200
    assert h1(response) == "Fibromialgia y acupuntura"
    assert '<article class="article" lang="es">' in html
    assert NOTICE not in unescape(html)
    assert response.context["article"] == page
    assert hreflang(response) == BOTH


def test_english_reader_gets_the_english_page_with_spanish_offered(client, original):
    spanish(original)

    response = get_in(client, "en", original)

    assert h1(response) == "Fibromyalgia and acupuncture"
    assert NOTICE not in unescape(response.content.decode())
    assert hreflang(response) == BOTH


def test_spanish_reader_without_a_spanish_version_gets_english_and_a_spanish_notice(
        client, original):
    response = get_in(client, "es", original)

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert h1(response) == "Fibromyalgia and acupuncture"
    assert f'<p class="box language-notice" lang="es" role="note">{NOTICE}' in html
    assert '<article class="article" lang="en">' in html
    assert hreflang(response) == {}
    # Its canonical address is the English page's, which it shows.
    assert '<link rel="canonical" href="http://testserver/conditions/fibromyalgia/">' in html


def test_draft_spanish_version_is_hidden_from_the_public(client, original):
    spanish(original, status=Article.Status.DRAFT)

    response = get_in(client, "es", original)

    assert h1(response) == "Fibromyalgia and acupuncture"
    assert NOTICE in unescape(response.content.decode())
    assert hreflang(response) == {}


def test_staff_preview_the_draft_spanish_version(staff_client, original):
    spanish(original, status=Article.Status.DRAFT)

    response = get_in(staff_client, "es", original)

    html = response.content.decode()
    assert h1(response) == "Fibromialgia y acupuntura"
    assert "Staff preview." in html
    # Still not offered to search engines: only live versions are alternates.
    assert hreflang(response) == {}


def test_hreflang_pairs_are_reciprocal_when_both_versions_are_live(client, original):
    spanish(original)

    english_links = hreflang(get_in(client, "en", original))
    spanish_links = hreflang(get_in(client, "es", original))

    assert english_links == spanish_links == BOTH


def test_page_without_a_spanish_version_offers_no_spanish_alternate_in_either_language(
        client, original):
    english = get_in(client, "en", original)
    spanish_address = get_in(client, "es", original)

    assert hreflang(english) == hreflang(spanish_address) == {}
    # The switcher still offers the interface in the other language.
    assert 'class="language-switch">Español</a>' in english.content.decode()


def body_links(response) -> list[str]:
    body = re.search(r'<div class="article-body">(.*?)</div>', response.content.decode(), re.S)
    return re.findall(r'<a href="([^"]*)"', body.group(1))


def test_spanish_page_links_to_the_spanish_pages_of_the_site(client, original):
    page = spanish(original)
    for article in (original, page):
        article.body = ("Vea la página del [lupus](/conditions/lupus/) y la "
                        "[revisión](https://doi.org/10.1002/14651858.CD007070.pub2) (Deare 2013).")
        services.save_article(article=article)

    assert body_links(get_in(client, "es", original)) == [
        "/es/conditions/lupus/", "https://doi.org/10.1002/14651858.CD007070.pub2"]
    assert body_links(get_in(client, "en", original)) == [
        "/conditions/lupus/", "https://doi.org/10.1002/14651858.CD007070.pub2"]


def test_translation_has_no_address_of_its_own(client, original):
    spanish(original)

    assert client.get("/conditions/fibromyalgia-es/").status_code == 404


def test_spanish_page_structured_data_is_in_spanish(client, original):
    spanish(original)

    response = get_in(client, "es", original)

    assert '"inLanguage": "es-US"' in response.content.decode()


# --- The six seeded Spanish pages -----------------------------------------------------------

SPANISH_SEEDS = ["dermatomyositis", "als", "fibromyalgia", "myofascial-pain-syndrome",
                 "chronic-low-back-pain", "autoimmune-disease"]


def test_six_seed_conditions_have_a_live_reviewed_spanish_version(demo_articles):
    translated = Article.objects.published().exclude(translation_of=None)

    assert sorted(translated.values_list("translation_of__slug", flat=True)) == sorted(
        SPANISH_SEEDS)
    for page in translated.select_related("translation_of"):
        english = page.translation_of
        assert page.language == "es"
        assert page.medical_reviewer is not None and page.last_reviewed_on is not None
        assert page.evidence_level == english.evidence_level, english.slug
        assert page.condition_id == english.condition_id
        assert (list(page.references.values_list("citation", flat=True))
                == list(english.references.values_list("citation", flat=True))), english.slug
        assert page.faqs.count() == english.faqs.count(), english.slug


def test_every_seeded_page_in_both_languages_passes_every_check_and_rule(demo_articles):
    pages = Article.objects.exclude(slug="miracle-cure-draft")

    assert pages.filter(language="es").count() == len(SPANISH_SEEDS)
    assert [(page.slug, checks.check_article(page), services.publishing_problems(page))
            for page in pages] == [(page.slug, [], []) for page in pages]


@pytest.mark.parametrize("slug", SPANISH_SEEDS)
def test_seeded_spanish_page_is_shown_to_spanish_readers(client, demo_articles, slug):
    original = Article.objects.get(slug=slug)

    response = get_in(client, "es", original)

    assert response.status_code == 200
    assert response.context["article"].slug == f"{slug}-es"
    assert NOTICE not in unescape(response.content.decode())
    assert [link for link in body_links(response) if link.startswith("/")
            and not link.startswith("/es/")] == []


# --- The staff side ------------------------------------------------------------------------

def test_admin_offers_to_add_the_spanish_version_prefilled(staff_client, original):
    change = reverse("admin:articles_article_change", args=[original.pk])

    html = unescape(staff_client.get(change).content.decode())

    add = reverse("admin:articles_article_add")
    link = re.search(rf'<a href="({add}\?[^"]+)">Add the Spanish version</a>', html).group(1)
    form = staff_client.get(link).context["adminform"].form
    assert (form.initial["translation_of"], form.initial["language"], form.initial["slug"]) == (
        str(original.pk), "es", "fibromyalgia-es")


def test_admin_links_an_existing_spanish_version(staff_client, original):
    page = spanish(original, status=Article.Status.DRAFT)

    html = unescape(staff_client.get(
        reverse("admin:articles_article_change", args=[original.pk])).content.decode())

    assert (f'<a href="{reverse("admin:articles_article_change", args=[page.pk])}">'
            "Spanish (draft)</a>") in html


def test_admin_runs_the_editorial_checks_on_a_spanish_page(staff_client, original):
    page = spanish(original, status=Article.Status.DRAFT,
                   body="La acupuntura garantiza resultados (Deare 2013).")

    html = unescape(staff_client.get(
        reverse("admin:articles_article_change", args=[page.pk])).content.decode())

    assert '<li data-code="claim">' in html
    assert "garantiza resultados" in html


def test_non_staff_cannot_open_the_spanish_page_in_the_admin(client, original):
    page = spanish(original, status=Article.Status.DRAFT)

    response = client.get(reverse("admin:articles_article_change", args=[page.pk]))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_add_a_spanish_version_through_the_admin(staff_client, original):
    form = {
        "title": "Fibromialgia y acupuntura", "slug": "fibromyalgia-es", "kind": "condition",
        "language": "es", "translation_of": original.pk, "condition": original.condition_id,
        "summary": "Un resumen sereno.", "body": "Un párrafo sencillo (Deare 2013).",
        "evidence_level": "moderate", "evidence_explanation": "Moderada (Deare 2013).",
        "safety_notes": "", "author": original.author_id,
        "medical_reviewer": original.medical_reviewer_id,
        "last_reviewed_on": original.last_reviewed_on.isoformat(), "publish_at_0": "",
        "publish_at_1": "", "meta_description": "",
        **{f"{prefix}-{key}": value for prefix in ("faqs", "references", "publications")
           for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()},
    }

    response = staff_client.post(reverse("admin:articles_article_add"), form)

    assert response.status_code == 302
    page = Article.objects.get(slug="fibromyalgia-es")
    assert (page.language, page.translation_of, page.status) == ("es", original, "draft")
    assert page.body_html == "<p>Un párrafo sencillo (Deare 2013).</p>"


def test_edit_adding_a_spanish_cure_claim_to_a_live_spanish_page_is_refused(staff_client,
                                                                           original):
    page = spanish(original)
    url = reverse("admin:articles_article_change", args=[page.pk])

    response = staff_client.post(url, change_form_data(
        page, body="La acupuntura cura la fibromialgia (Deare 2013)."))

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    page.refresh_from_db()
    assert "cura" not in page.body

