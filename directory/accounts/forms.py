"""Forms for signing up, logging in, asking for the confirmation link again, and the
password-reset email."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template import loader

from directory import mail, tasks

from .http import normalise_login


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That email address and password do not match an active account. Passwords are "
            "case-sensitive. If you signed up recently, confirm your email address first."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update(autocomplete="email", autofocus=True)

    def clean_username(self):
        return normalise_login(self.cleaned_data["username"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=32, strip=True,
        help_text="The six digits your authenticator app shows now, or one of your "
                  "recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false", "autofocus": True}),
    )


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Email address", max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We send a link to this address; your account works once you open it.",
    )
    password1 = forms.CharField(
        label="Password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not only numbers, and not a common password.",
    )
    password2 = forms.CharField(
        label="Password again", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords differ.")
        elif password1 and data.get("email"):
            user = get_user_model()(username=data["email"], email=data["email"])
            try:
                password_validation.validate_password(password1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label="Email address",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ResetEmailForm(PasswordResetForm):
    """Django's reset email, for the worker: finds the active accounts with the address and
    queues one email each through the site's mail task, which retries until it is sent
    (Django's own send_mail logs a failure and gives up)."""

    subject_template_name = "account/emails/password_reset_subject.txt"
    email_template_name = "account/emails/password_reset.txt"

    def send_mail(self, subject_template_name: str, email_template_name: str,
                  context: dict[str, Any], from_email: str | None, to_email: str,
                  html_email_template_name: str | None = None) -> None:
        subject = " ".join(loader.render_to_string(subject_template_name, context).split())
        body = loader.render_to_string(email_template_name, context)
        tasks.enqueue(mail.send_email, to=[to_email], subject=subject, body=body)
