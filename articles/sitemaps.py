"""Sections of the sitemap index at /sitemap.xml (directory/urls.py), each at
/sitemap-<section>.xml."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import translation

from directory.sitemaps import InterfaceSitemap

from .models import Article


class PageSitemap(Sitemap):
    """Each live page at its address in each language it can be read in (its original's
    address, under /es/ for Spanish), with those addresses as hreflang alternates and the
    English one as x-default, as the page itself lists them (articles/views.py).

    A page not yet translated has one address here: its /es/ address shows the English
    text, so it is not a Spanish page to offer."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def pages(self):
        raise NotImplementedError

    def items(self):
        live = Article.objects.published().only("language", "updated_at", "translation_of")
        return (self.pages().order_by("slug")
                .prefetch_related(Prefetch("translations", queryset=live,
                                           to_attr="live_translations")))

    def get_languages_for_item(self, article):
        return [article.language] + [page.language for page in article.live_translations]

    def location(self, article):
        return article.url_in(translation.get_language())

    def lastmod(self, article):
        # Asked without the language, so the latest change to any version of the page.
        return max([article.updated_at, *(page.updated_at for page in article.live_translations)])

    def get_latest_lastmod(self):
        # For the index: the latest change to any live version of any of the pages, in one
        # aggregate rather than the whole list.
        pages = self.pages().values("pk")
        return (Article.objects.published()
                .filter(Q(pk__in=pages) | Q(translation_of__in=pages))
                .aggregate(latest=Max("updated_at"))["latest"])


class ConditionPageSitemap(PageSitemap):
    """Each condition that has a published page."""

    priority = 0.8

    def pages(self):
        return Article.objects.published().originals().condition_pages()


class GuideSitemap(PageSitemap):
    priority = 0.6

    def pages(self):
        return Article.objects.published().originals().guides()


class ArticleIndexSitemap(InterfaceSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["articles:condition-list", "articles:article-list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "article-indexes": ArticleIndexSitemap,
    "conditions": ConditionPageSitemap,
    "guides": GuideSitemap,
}
