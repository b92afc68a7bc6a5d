from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularJSONAPIView

from . import api, views

app_name = "clinics"

urlpatterns = [
    path("practitioners/", views.PractitionerSearchView.as_view(), name="practitioner-list"),
    path("practitioners/<slug:slug>/", views.PractitionerDetailView.as_view(),
         name="practitioner-detail"),
    path("clinics/<slug:slug>/", views.ClinicDetailView.as_view(), name="clinic-detail"),
    path("api/v1/practitioners/", api.PractitionerSearchApi.as_view(), name="api-practitioners"),
    # Served as application/json, as every answer under /api/ is.
    path("api/v1/openapi.json", SpectacularJSONAPIView.as_view(
        renderer_classes=[OpenApiJsonRenderer2], content_negotiation_class=api.IgnoreAccept),
        name="api-openapi"),
    # The address the API had before it was versioned; the same answers.
    path("api/practitioners/", api.PractitionerSearchApiAlias.as_view(),
         name="api-practitioners-unversioned"),
    path("listings/confirm/<str:token>/", views.ConfirmDetailsView.as_view(),
         name="confirm-details"),
]
