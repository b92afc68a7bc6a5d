from django.urls import path

from . import views
from .owners import public as owners

app_name = "clinics"

urlpatterns = [
    path("practitioners/", views.PractitionerSearchView.as_view(), name="practitioner-list"),
    path("practitioners/<slug:slug>/", views.PractitionerDetailView.as_view(),
         name="practitioner-detail"),
    path("clinics/<slug:slug>/", views.ClinicDetailView.as_view(), name="clinic-detail"),
    path("api/practitioners/", views.PractitionerSearchApi.as_view(), name="api-practitioners"),
    # From a listing: claim it, write to the clinic, report wrong information (clinics/owners/).
    path("clinics/<slug:slug>/claim/", owners.ClaimView.as_view(), name="clinic-claim"),
    path("clinics/<slug:slug>/contact/", owners.ContactView.as_view(), {"kind": "clinic"},
         name="clinic-contact"),
    path("practitioners/<slug:slug>/contact/", owners.ContactView.as_view(),
         {"kind": "practitioner"}, name="practitioner-contact"),
    path("clinics/<slug:slug>/report/", owners.ReportView.as_view(), {"kind": "clinic"},
         name="clinic-report"),
    path("practitioners/<slug:slug>/report/", owners.ReportView.as_view(),
         {"kind": "practitioner"}, name="practitioner-report"),
]
