from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from clinics.sitemaps import SITEMAPS as CLINIC_SITEMAPS
from clinics.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("about/", TemplateView.as_view(template_name="about.html"), name="about"),
    path("", include("clinics.urls")),
    path("", include("articles.urls")),
    path("hsds/", include("clinics.hsds.urls")),
    path(
        "sitemap.xml", sitemap, {"sitemaps": {**CLINIC_SITEMAPS, **ARTICLE_SITEMAPS}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("account/", include("directory.accounts.urls")),
    path("", include("clinics.owners.urls")),
    path("fhir/", include("clinics.fhir.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "directory.views.page_not_found"
