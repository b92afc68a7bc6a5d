"""/account/: sign up, confirm, log in (with a code when two-factor is on) and out, turn
two-factor authentication on and off, reset and change the password."""

from django.urls import path

from . import views as accounts

app_name = "accounts"

urlpatterns = [
    path("signup/", accounts.SignUpView.as_view(), name="signup"),
    path("signup/check-your-email/", accounts.SignUpDoneView.as_view(), name="signup-done"),
    path("confirm/<uidb64>/<token>/", accounts.ConfirmEmailView.as_view(), name="confirm-email"),
    path("confirm/again/", accounts.ResendConfirmationView.as_view(), name="resend-confirmation"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("login/code/", accounts.LoginCodeView.as_view(), name="login-code"),
    path("two-factor/", accounts.TwoFactorView.as_view(), name="two-factor"),
    path("two-factor/enrol/", accounts.TwoFactorEnrolView.as_view(), name="two-factor-enrol"),
    path("two-factor/remove/", accounts.TwoFactorRemoveView.as_view(), name="two-factor-remove"),
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
]
