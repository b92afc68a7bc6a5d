"""Accounts: sign up, confirm the email, log in and out, reset and change the password.

Django's auth views with the site's templates. An account cannot log in until its email
address is confirmed: sign-up creates it inactive, and ModelBackend refuses inactive users,
so no unconfirmed session ever exists (the admin login included).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.generic import FormView, TemplateView, View

from . import services
from .forms import LoginForm, ResendConfirmationForm, SignUpForm
from .http import client_ip_hash


class AccountEmailLimit:
    request: HttpRequest
    """Answers 429 once a connection or an address has asked for too many account emails
    in the last hour (services.account_email_allowed), before any email is sent."""

    def email_refused(self, address: str):
        if services.account_email_allowed(ip_hash=client_ip_hash(self.request), address=address):
            return None
        return TemplateResponse(self.request, "account/email_rate_limited.html", status=429)


class SignUpView(AccountEmailLimit, FormView):
    template_name = "registration/signup.html"
    form_class = SignUpForm
    success_url = reverse_lazy("accounts:signup-done")

    def form_valid(self, form):
        if refused := self.email_refused(form.cleaned_data["email"]):
            return refused
        try:
            services.register_owner(email=form.cleaned_data["email"],
                                    password=form.cleaned_data["password1"])
        except ValidationError:
            form.add_error("email", "This address cannot be used for an account here.")
            return self.form_invalid(form)
        return super().form_valid(form)


class SignUpDoneView(TemplateView):
    template_name = "registration/signup_done.html"


class ConfirmEmailView(View):
    def get(self, request, uidb64, token):
        try:
            pk = force_str(urlsafe_base64_decode(uidb64))
            user = get_user_model().objects.get(pk=pk)
        except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
            user = None
        confirmed = user is not None and services.confirm_email(user=user, token=token)
        if confirmed:
            messages.success(request, "Your email address is confirmed. You can log in now.")
            return redirect("accounts:login")
        return render(request, "registration/confirm_email_failed.html", status=400)


class ResendConfirmationView(AccountEmailLimit, FormView):
    template_name = "registration/resend_confirmation.html"
    form_class = ResendConfirmationForm
    success_url = reverse_lazy("accounts:signup-done")

    def form_valid(self, form):
        if refused := self.email_refused(form.cleaned_data["email"]):
            return refused
        services.resend_email_confirmation(email=form.cleaned_data["email"])
        return super().form_valid(form)


class LoginView(auth.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth.LogoutView):
    """POST only (Django's own rule): a link or an image cannot log anyone out."""


class PasswordResetView(AccountEmailLimit, auth.PasswordResetView):
    """Queues the reset and answers the same for any address (services.request_password_reset)."""

    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        if refused := self.email_refused(form.cleaned_data["email"]):
            return refused
        services.request_password_reset(email=form.cleaned_data["email"])
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever could open the reset link owns the account: lift any login lockout.
        services.clear_login_lockout(user=form.user)
        return response


class PasswordResetCompleteView(auth.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth.PasswordChangeView):
    # Not Django's default template names: the admin uses those for its own pages.
    template_name = "registration/change_password.html"
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordChangeDoneView(auth.PasswordChangeDoneView):
    template_name = "registration/change_password_done.html"
