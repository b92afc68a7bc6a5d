"""/account/: the owner's side of the site (namespace "account")."""

from django.urls import path

from . import accounts, views

app_name = "account"

clinic = "clinics/<int:clinic_pk>/"

urlpatterns = [
    # Accounts
    path("signup/", accounts.SignUpView.as_view(), name="signup"),
    path("signup/check-your-email/", accounts.SignUpDoneView.as_view(), name="signup-done"),
    path("confirm/<uidb64>/<token>/", accounts.ConfirmEmailView.as_view(), name="confirm-email"),
    path("confirm/again/", accounts.ResendConfirmationView.as_view(), name="resend-confirmation"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/sent/", accounts.PasswordResetDoneView.as_view(),
         name="password-reset-done"),
    path("password/reset/<uidb64>/<token>/", accounts.PasswordResetConfirmView.as_view(),
         name="password-reset-confirm"),
    path("password/reset/done/", accounts.PasswordResetCompleteView.as_view(),
         name="password-reset-complete"),
    path("password/change/", accounts.PasswordChangeView.as_view(), name="password-change"),
    path("password/change/done/", accounts.PasswordChangeDoneView.as_view(),
         name="password-change-done"),
    # Owners
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("clinics/new/", views.ClinicCreateView.as_view(), name="clinic-create"),
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
    path("invitations/<str:token>/", views.AcceptInvitationView.as_view(),
         name="accept-invitation"),
    path("documents/<path:name>", views.DocumentView.as_view(), name="document"),
]
