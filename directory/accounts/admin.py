"""Staff unlock an account locked by failed logins, from the user list or its page."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest


class AccountAdmin(UserAdmin):
    actions = ["unlock"]
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


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
