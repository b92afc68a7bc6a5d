from django.urls import path

from . import views

app_name = "clinics"

# Patient pages, in English and under /es/ (directory/urls.py); the API is in api_urls.py.
urlpatterns = [
    path("practitioners/", views.PractitionerSearchView.as_view(), name="practitioner-list"),
    path("practitioners/<slug:slug>/", views.PractitionerDetailView.as_view(),
         name="practitioner-detail"),
    path("clinics/<slug:slug>/", views.ClinicDetailView.as_view(), name="clinic-detail"),
    path("listings/confirm/<str:token>/", views.ConfirmDetailsView.as_view(),
         name="confirm-details"),
]
