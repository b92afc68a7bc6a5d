"""The staff site: Django admin with the moderation queues on its index page, and the
helpers every app's admin actions share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from directory.accounts import mfa
from directory.accounts.http import normalise_login
from directory.accounts.views import LoginView

_M = TypeVar("_M", bound=Model)


@dataclass(frozen=True)
class Queue:
    label: str
    changelist: str  # admin URL name, e.g. "admin:clinics_clinic_changelist"
    query: str  # changelist filter, e.g. "status__exact=pending"
    count: Callable[[], int]
    permission: str  # the permission that lets someone work the queue


QUEUES: list[Queue] = []


def register_queue(queue: Queue) -> None:
    """Apps add their moderation queues here, so the admin never imports them."""
    QUEUES.append(queue)


class ReadOnlyAdmin:
    """For a ModelAdmin of records only code writes (the search index, sweeps, scheduled
    runs, retired documents): staff read them, and nobody adds, edits or deletes them here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StaffLoginForm(AdminAuthenticationForm):
    def clean_username(self) -> str:
        return normalise_login(self.cleaned_data["username"])


class DirectoryAdminSite(admin.AdminSite):
    site_header = "Integrative Care Directory: staff"
    site_title = "Directory staff"
    index_title = "Moderation"
    index_template = "admin/directory_index.html"

    def has_permission(self, request: HttpRequest) -> bool:
        """Staff, and only in a session verified with a second factor (django-otp): every
        admin page, the index included, goes through this."""
        return super().has_permission(request) and mfa.is_verified(request)

    def login(self, request: HttpRequest,
              extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """The admin's login: the password, then the code (accounts' two-step login).

        Staff already logged in without a verified session are sent on: to the code page
        if they have a device, else to set one up; either comes back to `next`.
        """
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and not (
                mfa.is_verified(request)):
            next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
                "admin:index", current_app=self.name)
            step = "accounts:login-code" if mfa.has_device(user) else "accounts:two-factor-enrol"
            if step == "accounts:two-factor-enrol":
                messages.info(request, "Staff pages need two-factor authentication. Set it "
                                       "up here, once; afterwards you log in with a code.")
            return HttpResponseRedirect(
                f"{reverse(step)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return cast(HttpResponse, LoginView.as_view(
            extra_context=context, authentication_form=StaffLoginForm,
            template_name=self.login_template or "admin/login.html",
            redirect_authenticated_user=False,
        )(request))

    def index(self, request: HttpRequest,
              extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        queues = [
            {
                "label": q.label,
                "count": q.count(),
                "url": f"{reverse(q.changelist, current_app=self.name)}?{q.query}",
            }
            for q in QUEUES
            if request.user.has_perm(q.permission)
        ]
        return super().index(request, {**(extra_context or {}), "queues": queues})


def apply_each(modeladmin: admin.ModelAdmin[_M], request: HttpRequest, objects: Iterable[_M],
               *, apply: Callable[[_M], object], done: str, noun: str = "item") -> int:
    """Call `apply(obj)` for each object, reporting refusals row by row, logging successes.

    Each row is applied on its own so that one refusal (say, an expired licence) is reported
    without undoing the others; each success is written to the admin log.
    """
    succeeded = 0
    for obj in objects:
        try:
            apply(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}",
                                    messages.ERROR)
            continue
        modeladmin.log_change(request, obj, done)
        succeeded += 1
    if succeeded:
        modeladmin.message_user(request, f"{done}: {succeeded} {noun}(s).", messages.SUCCESS)
    return succeeded


def run_action_with_form(modeladmin: admin.ModelAdmin[_M], request: HttpRequest,
                         queryset: QuerySet[_M], *, form_class: type[forms.Form], title: str,
                         apply: Callable[[_M, dict[str, Any]], object],
                         done: str) -> TemplateResponse | None:
    """Show `form_class` for the selected rows; on a valid submit call `apply(obj, data)`."""
    if "apply" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            apply_each(modeladmin, request, queryset, done=done,
                       apply=lambda obj: apply(obj, form.cleaned_data))
            return None
    else:
        form = form_class()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "queryset": queryset,
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/action_form.html", context)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Shown to the clinic's owners."
    )
