"""Merged into /sitemap.xml by directory/urls.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article


class ConditionPageSitemap(Sitemap):
    """Each condition that has a published page, at that page (the English original; its
    translations are linked from it as hreflang alternates)."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().originals().condition_pages().order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class GuideSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.published().originals().guides().order_by("slug")

    def lastmod(self, article):
        return article.updated_at


class ArticleIndexSitemap(Sitemap):
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
