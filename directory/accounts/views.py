"""Accounts: sign up, confirm the email, log in and out, reset and change the password.

Django's auth views with the site's templates. An account cannot log in until its email
address is confirmed: sign-up creates it inactive, and ModelBackend refuses inactive users,
so no unconfirmed session ever exists (the admin login included).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.views.generic import FormView, TemplateView, View
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import mfa, services
from .forms import CodeForm, LoginForm, ResendConfirmationForm, SignUpForm
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


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` parameter if it points into this site, else `default`."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


class TwoStepLoginMixin:
    """The password first; then, for an account with two-factor authentication on, no
    login until the code page (LoginCodeView) has had a right code. Until then the session
    only remembers whose password was right, for a few minutes."""

    request: HttpRequest
    get_success_url: Callable[[], str]

    def form_valid(self, form):
        user = form.get_user()
        if mfa.has_device(user):
            mfa.start_pending_login(self.request, user, user.backend)
            return redirect(with_next("accounts:login-code", self.get_success_url()))
        return super().form_valid(form)  # type: ignore[misc]


class LoginView(TwoStepLoginMixin, auth.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class LoginCodeView(FormView):
    """The second step: a code from the authenticator app, or a recovery code.

    Serves two cases: a password just checked (the pending login in the session), and a
    logged-in account with two-factor on whose session is not verified yet (for instance
    sent here by the credential documents or the admin). A wrong code counts as a failed
    login (mfa.verify_code), so the login lockout covers codes as well as passwords.
    """

    template_name = "registration/login_code.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        pending = mfa.pending_login_user(request)
        self.pending = pending is not None
        if pending is not None:
            self.user, self.backend = pending
        elif request.user.is_authenticated and mfa.has_device(request.user):
            if mfa.is_verified(request):
                return redirect(self.get_success_url())
            self.user, self.backend = request.user, ""
        else:
            messages.info(request, "Please log in again: the page asking for your code "
                                   "waits five minutes at most.")
            return redirect(with_next("accounts:login", self.get_success_url()))
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return safe_next(self.request, reverse("owners:dashboard"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.get_success_url(), **kwargs)

    def form_valid(self, form):
        request = self.request
        if mfa.login_locked_out(request, self.user):
            return self.form_invalid(form)  # AxesMiddleware answers with the lockout page
        device = mfa.verify_code(request=request, user=self.user, token=form.cleaned_data["code"])
        if device is None:
            message = "That code is not right, or it has been used already."
            if mfa.device_throttled(self.user):
                message += " After a wrong code you must wait a little before the next try."
            form.add_error("code", message)
            return self.form_invalid(form)
        if self.pending:
            mfa.clear_pending_login(request)
            auth_login(request, self.user, self.backend)
        otp_login(request, device)
        if isinstance(device, StaticDevice):
            left = mfa.remaining_recovery_codes(self.user)
            messages.warning(request, f"You used a recovery code; {left} left. Each works "
                                      "once: set up a new list from your account if you "
                                      "are running out.")
        return redirect(self.get_success_url())


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


class TwoFactorView(LoginRequiredMixin, TemplateView):
    """/account/two-factor/: whether it is on, how to turn it on, and how to turn it off."""

    template_name = "account/two_factor.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            enabled=mfa.has_device(user), verified=mfa.is_verified(self.request),
            recovery_codes_left=mfa.remaining_recovery_codes(user),
            remove_form=CodeForm(), **kwargs)


class TwoFactorEnrolView(LoginRequiredMixin, FormView):
    """Shows a new secret (text and QR code); a right code from the app turns it on and
    shows the recovery codes, once."""

    template_name = "account/two_factor_enrol.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and mfa.has_device(request.user):
            messages.info(request, "Two-factor authentication is already on for your account.")
            return redirect("accounts:two-factor")
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return safe_next(self.request, reverse("accounts:two-factor"))

    def get_context_data(self, **kwargs):
        device = mfa.pending_totp_device(self.request.user)
        return super().get_context_data(
            secret=mfa.secret_base32(device),
            qr_svg=mark_safe(mfa.qr_svg(device)),  # noqa: S308 (segno's own SVG markup)
            next=self.get_success_url(), **kwargs)

    def form_valid(self, form):
        codes = mfa.confirm_enrolment(request=self.request, user=self.request.user,
                                      token=form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", "That code is not right. Check that the clock on your "
                                   "phone is correct and type the code the app shows now.")
            return self.form_invalid(form)
        response = render(self.request, "account/two_factor_codes.html",
                          {"codes": codes, "next": self.get_success_url()})
        response["Cache-Control"] = "private, no-store"
        return response


class TwoFactorRemoveView(LoginRequiredMixin, FormView):
    """Turns two-factor authentication off after a right code (app or recovery code)."""

    form_class = CodeForm
    template_name = "account/two_factor.html"
    http_method_names = ["post"]

    def form_valid(self, form):
        request = self.request
        if mfa.login_locked_out(request, request.user):
            return self.form_invalid(form)
        if mfa.verify_code(request=request, user=request.user,
                           token=form.cleaned_data["code"]) is None:
            form.add_error("code", "That code is not right, so two-factor authentication "
                                   "stays on.")
            return self.form_invalid(form)
        mfa.remove_devices(request.user)
        messages.success(request, "Two-factor authentication is off for your account.")
        return redirect("accounts:two-factor")

    def form_invalid(self, form):
        context = TwoFactorView(request=self.request).get_context_data()
        return self.render_to_response({**context, "remove_form": form})
