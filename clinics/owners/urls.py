"""The owners' pages under /account/, and what visitors do from a listing (namespace "owners")."""

from django.urls import path

from . import public, views

app_name = "owners"

clinic = "account/clinics/<int:clinic_pk>/"

urlpatterns = [
    path("account/", views.DashboardView.as_view(), name="dashboard"),
    path("account/clinics/new/", views.ClinicCreateView.as_view(), name="clinic-create"),
    path(clinic, views.ClinicManageView.as_view(), name="clinic"),
    path(f"{clinic}edit/", views.ClinicEditView.as_view(), name="clinic-edit"),
    path(f"{clinic}confirm/", views.ConfirmListingView.as_view(), name="clinic-confirm"),
    path(f"{clinic}review/", views.RequestReviewView.as_view(), name="clinic-request-review"),
    path(f"{clinic}locations/new/", views.LocationFormView.as_view(), name="location-create"),
    path(f"{clinic}locations/<int:pk>/", views.LocationFormView.as_view(), name="location-edit"),
    path(f"{clinic}practitioners/new/", views.PractitionerFormView.as_view(),
         name="practitioner-create"),
    path(f"{clinic}practitioners/<int:pk>/", views.PractitionerFormView.as_view(),
         name="practitioner-edit"),
    path(f"{clinic}practitioners/<int:practitioner_pk>/credentials/new/",
         views.CredentialFormView.as_view(), name="credential-create"),
    path(f"{clinic}credentials/<int:pk>/", views.CredentialFormView.as_view(),
         name="credential-edit"),
    path(f"{clinic}invite/", views.InvitationCreateView.as_view(), name="invite"),
    path(f"{clinic}inbox/", views.InboxView.as_view(), name="inbox"),
    path(f"{clinic}inbox/<int:pk>/", views.InboxDetailView.as_view(), name="inbox-detail"),
    path("account/invitations/<str:token>/", views.AcceptInvitationView.as_view(),
         name="accept-invitation"),
    path("account/documents/<path:name>", views.DocumentView.as_view(), name="document"),
    # From a public listing, for someone who runs the clinic (visitors: public_urls.py).
    path("clinics/<slug:slug>/claim/", public.ClaimView.as_view(), name="clinic-claim"),
]
