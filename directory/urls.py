from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from articles.feeds import LatestArticlesFeed
from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from articles.views import HomeView
from clinics.sitemaps import SITEMAPS as CLINIC_SITEMAPS

# /sitemap.xml is an index of one sitemap a section, each paged on its own (?p=2, ...), so
# every page of every section can be reached however many profiles there are.
SITEMAPS = {**CLINIC_SITEMAPS, **ARTICLE_SITEMAPS}

# Machine-readable answers and the owners' and staff's pages: one address each, in English
# (the JSON API answers in the language Accept-Language asks for, see clinics/api.py).
urlpatterns = [
    path("", include("clinics.api_urls")),
    path("hsds/", include("clinics.hsds.urls")),
    path("fhir/", include("clinics.fhir.urls")),
    path(
        "sitemap.xml", index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("account/", include("directory.accounts.urls")),
    path("", include("clinics.owners.urls")),
    path("admin/", admin.site.urls),
]

# The pages patients read, in English at the addresses they always had and in Spanish under
# /es/ (LocaleMiddleware activates the language the address names).
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("about/", TemplateView.as_view(template_name="about.html"), name="about"),
    path("", include("clinics.urls")),
    # Each language's pages in a feed of its own. Before the articles, so /articles/feed/
    # is the feed and not an article's slug.
    path("articles/feed/", LatestArticlesFeed(), name="feed"),
    path("", include("articles.urls")),
    path("", include("clinics.owners.public_urls")),
    prefix_default_language=False,
)

handler404 = "directory.views.page_not_found"
