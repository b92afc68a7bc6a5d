"""The JSON API (namespace "api"): outside the language prefix, one address in every
language."""

from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularJSONAPIView

from . import api

app_name = "api"

urlpatterns = [
    path("api/v1/practitioners/", api.PractitionerSearchApi.as_view(), name="practitioners"),
    # Served as application/json, as every answer under /api/ is.
    path("api/v1/openapi.json", SpectacularJSONAPIView.as_view(
        renderer_classes=[OpenApiJsonRenderer2], content_negotiation_class=api.IgnoreAccept),
        name="openapi"),
    # The address the API had before it was versioned; the same answers.
    path("api/practitioners/", api.PractitionerSearchApiAlias.as_view(),
         name="practitioners-unversioned"),
]
