"""Public editorial pages: the condition index, the article list and the page itself, and the
home page's links to condition pages."""

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from clinics import search
from clinics import views as clinic_views
from clinics.models import Practitioner
from directory import languages

from .filters import ArticleFilter, ConditionPageFilter
from .models import Article
from .structured_data import medical_web_page


def condition_index(pages):
    """The /conditions/ list: [(specialty, pages, pages listed elsewhere)] by specialty name.

    Each page is listed once, A to Z by its shown title (list_in), under the first of its
    specialties by name; the page shows all its specialties as tags, and each other
    specialty's group points to it, so no group is missing a page and no page is repeated.
    """
    groups = {}
    for page in sorted(pages, key=lambda page: (page.shown.title.casefold(), page.pk)):
        # Prefetched, in Specialty's order (by name).
        for position, specialty in enumerate(page.condition.specialties.all()):
            listed, elsewhere = groups.setdefault(specialty, ([], []))
            (elsewhere if position else listed).append(page)
    return [(specialty, listed, elsewhere)
            for specialty, (listed, elsewhere) in sorted(groups.items(),
                                                          key=lambda item: item[0].name)]


def list_in(pages, language: str):
    """The originals in `pages`, each with what a list in `language` shows for it: `shown`,
    its live version in that language when there is one, else the original itself, and
    `shown_url`, its address in that language (where the page view shows that version, or
    the original with a notice). A Spanish reader of /es/conditions/ so gets the Spanish
    titles and stays on the Spanish site. `pages` must prefetch live_translations."""
    code = language.split("-")[0].lower()
    for page in pages:
        versions = [page, *getattr(page, "live_translations", [])]
        page.shown = next((version for version in versions if version.language == code), page)
        page.shown_url = page.url_in(code)
    return pages


def with_versions_in(pages, language: str):
    """`pages` (originals) with their live versions in `language` prefetched for list_in: no
    extra query in the default language, one more, constant, in another."""
    code = (language or settings.LANGUAGE_CODE).split("-")[0].lower()
    if code == settings.LANGUAGE_CODE.split("-")[0]:
        return pages  # the originals are in it: no versions to fetch
    return pages.prefetch_related(Prefetch(
        "translations", to_attr="live_translations",
        queryset=Article.objects.published().filter(language=code)))


def current_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


class HomeView(clinic_views.HomeView):
    """The home page, with each condition under "Conditions we cover" linked to its page
    (`page_url`) in the reader's language when it has a published one; plain text otherwise.

    Here rather than in clinics, which knows nothing of articles. A condition with more than
    one page links to the oldest."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = current_language()
        urls: dict[int, str] = {}
        for page in (Article.objects.published().originals().condition_pages()
                     .order_by("pk").only("slug", "kind", "condition_id")):
            urls.setdefault(page.condition_id, page.url_in(language))
        specialties = list(context["specialties"])
        for specialty in specialties:
            for condition in specialty.conditions.all():
                condition.page_url = urls.get(condition.pk)
        return {**context, "specialties": specialties}


class ConditionListView(FilterView):
    filterset_class = ConditionPageFilter
    template_name = "articles/condition_list.html"

    def get_queryset(self):
        # Built per request: published() compares against the current time.
        return with_versions_in(
            Article.objects.published().originals().condition_pages()
            .select_related("condition").prefetch_related("condition__specialties"),
            current_language())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = list_in(list(context["object_list"]), current_language())
        return {**context, "groups": condition_index(pages)}


class ArticleListView(FilterView):
    filterset_class = ArticleFilter
    paginate_by = 10
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return with_versions_in(
            Article.objects.published().originals().select_related("condition"),
            current_language())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each page by its title in the reader's language, at its address in that language.
        return {**context, "object_list": list_in(list(context["object_list"]),
                                                  current_language())}


# Shown, in the language asked for, on a page that has no version in it yet.
ONLY_IN_ORIGINAL = {
    "es": "Esta página solo está disponible en inglés por ahora. Todavía no tenemos una "
          "versión en español revisada por nuestro equipo médico.",
}


class ArticleDetailView(DetailView):
    """One page, at /conditions/<slug>/ or /articles/<slug>/ depending on its kind.

    The slug names the English original. When the active language is another one (Spanish
    under /es/), the page shows its live translation in that language, or the original with
    a short notice, in that language, that the page is only in English. Staff see drafts and
    scheduled pages, translations included, as a preview; everyone else gets a 404.
    """

    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).originals().with_page_details()

    def get(self, request, *args, **kwargs):
        original = self.get_object()
        url = original.url_in(translation.get_language() or original.language)
        if request.path != url:
            return redirect(url)
        self.object = self.version_to_show(original)
        return self.render_to_response(self.get_context_data(object=self.object))

    def version_to_show(self, original: Article) -> Article:
        """The page in the active language when staff or the public may read it, else the
        original."""
        language = (translation.get_language() or original.language).split("-")[0]
        if language == original.language:
            return original
        return (original.translations.visible_to(self.request.user).with_page_details()
                .filter(language=language).first()) or original

    def get_context_data(self, **kwargs):
        article = self.object
        original = article.translation_of or article
        canonical_url = self.request.build_absolute_uri(article.get_absolute_url())
        # The trail shown above the page, and given to search engines as a BreadcrumbList.
        section = ((_("Conditions"), "articles:condition-list") if article.is_condition_page
                   else (_("Articles"), "articles:article-list"))
        breadcrumbs = [(section[0], reverse(section[1])),
                       (article.title, article.get_absolute_url())]
        requested = (translation.get_language() or article.language).split("-")[0]
        context = {
            "canonical_url": canonical_url,
            "breadcrumbs": breadcrumbs,
            "json_ld": medical_web_page(article, url=canonical_url, breadcrumbs=[
                (name, self.request.build_absolute_uri(path)) for name, path in breadcrumbs]),
            "radius_choices": search.RADIUS_CHOICES,
            "default_radius": search.DEFAULT_RADIUS,
            # Asked for a language this page has no version in: say so in that language.
            "language_notice": (requested, ONLY_IN_ORIGINAL[requested])
            if requested != article.language and requested in ONLY_IN_ORIGINAL else None,
            # hreflang names only the languages with a version the public can read, in
            # place of every language the address exists in (directory/languages.py): the
            # Spanish address of a page not yet translated shows the English text.
            **languages.hreflang([
                languages.alternate(self.request, language, original.url_in(language))
                for language in original.available_languages()]),
        }
        if article.condition_id:
            context["vetted_count"] = (
                Practitioner.objects.vetted().filter(conditions=article.condition).count()
            )
            context["related_pages"] = list_in(list(with_versions_in(
                Article.objects.published().related_to(article).select_related("condition"),
                current_language())), current_language())
        return super().get_context_data(**context, **kwargs)
