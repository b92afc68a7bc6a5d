from django.contrib import admin
from django.urls import path
from django.views.generic import TemplateView

from clinics.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("about/", TemplateView.as_view(template_name="about.html"), name="about"),
    path("admin/", admin.site.urls),
]

handler404 = "directory.views.page_not_found"
