"""Staff unlock an account locked by failed logins, and remove a second factor (with a
reason, kept in the account's history), from the user list."""

from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.template.response import TemplateResponse

from directory.admin import run_action_with_form

from . import services


class SecondFactorResetForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=500,
        help_text="Kept in the account's history for other staff, e.g. \"Lost phone and "
                  "codes; identity checked by a call to the clinic's listed number\".")


class AccountAdmin(UserAdmin):
    actions = ["unlock", "reset_second_factor"]
    list_display = ("username", "email", "first_name", "last_name", "is_staff",
                    "failed_logins")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        failures = (AccessAttempt.objects.filter(username=OuterRef("username"))
                    .values("username").annotate(total=Sum("failures_since_start"))
                    .values("total"))
        return super().get_queryset(request).annotate(
            failed_login_count=Coalesce(Subquery(failures), 0))

    @admin.display(description="failed logins", ordering="failed_login_count")
    def failed_logins(self, user: User) -> int:
        return int(getattr(user, "failed_login_count", 0))

    @admin.action(description="Unlock: clear failed logins for the selected accounts",
                  permissions=["change"])
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        cleared = sum(reset(username=user.username) for user in queryset)
        self.message_user(request, f"Unlocked {queryset.count()} account(s); "
                                   f"{cleared} lockout record(s) cleared.", messages.SUCCESS)


    @admin.action(description="Remove the second factor of the selected accounts…",
                  permissions=["change"])
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]
                            ) -> TemplateResponse | None:
        def apply(user: User, data: dict[str, Any]) -> int:
            return services.reset_second_factor(user=user, by=request.user,  # type: ignore[arg-type]
                                                reason=data["reason"])

        return run_action_with_form(
            self, request, queryset, form_class=SecondFactorResetForm,
            title="Remove the second factor", apply=apply, done="Second factor removed for")


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
