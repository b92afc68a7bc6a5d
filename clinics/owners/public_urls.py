"""What visitors do from a listing (namespace "visitors"): write to the clinic, report wrong
information. Patient pages, so in English and under /es/ (directory/urls.py)."""

from django.urls import path

from . import public

app_name = "visitors"

urlpatterns = [
    path("clinics/<slug:slug>/contact/", public.ContactView.as_view(), {"kind": "clinic"},
         name="clinic-contact"),
    path("practitioners/<slug:slug>/contact/", public.ContactView.as_view(),
         {"kind": "practitioner"}, name="practitioner-contact"),
    path("clinics/<slug:slug>/report/", public.ReportView.as_view(), {"kind": "clinic"},
         name="clinic-report"),
    path("practitioners/<slug:slug>/report/", public.ReportView.as_view(),
         {"kind": "practitioner"}, name="practitioner-report"),
]
