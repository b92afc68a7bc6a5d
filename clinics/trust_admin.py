"""Staff queues for keeping listings trustworthy: exclusion-list matches to review, and
stale listings (clinics/freshness.py).

Kept apart from clinics/admin.py (which imports this module, registering its admin and
queues) so that neither passes the size the house style allows a module.
"""

from django import forms
from django.contrib import admin

from directory.admin import Queue, register_queue, run_action_with_form

from . import sanctions
from .models import Clinic, ConfirmationRequest, Exclusion
from .models.listings import QUEUE_AFTER_DAYS, STALE_AFTER_DAYS

register_queue(Queue(
    label="Exclusion-list matches awaiting review",
    changelist="admin:clinics_exclusion_changelist",
    query="status__exact=pending",
    count=lambda: Exclusion.objects.pending().count(),
    permission="clinics.change_exclusion",
))

register_queue(Queue(
    label=f"Stale listings (details unconfirmed for {QUEUE_AFTER_DAYS}+ days)",
    changelist="admin:clinics_clinic_changelist",
    query="freshness=queue",
    count=lambda: Clinic.objects.unconfirmed_for(QUEUE_AFTER_DAYS).count(),
    permission="clinics.change_clinic",
))


class FreshnessFilter(admin.SimpleListFilter):
    """The "stale listings" queue on the clinics list, and the wider 90-day set."""

    title = "details last confirmed"
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("queue", f"{QUEUE_AFTER_DAYS}+ days ago (stale listings queue)"),
                ("stale", f"{STALE_AFTER_DAYS}+ days ago (marked on the site)")]

    def queryset(self, request, queryset):
        days = {"queue": QUEUE_AFTER_DAYS, "stale": STALE_AFTER_DAYS}.get(self.value() or "")
        if days is None:
            return queryset
        return queryset.filter(pk__in=Clinic.objects.unconfirmed_for(days).values("pk"))


class ExclusionDecisionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you compared (name, state, licence) and what you found. Kept with "
                  "the match.")


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    list_display = ["practitioner", "npi", "last_name", "first_name", "state", "exclusion_type",
                    "excluded_on", "status", "matched_at"]
    list_filter = ["status", "exclusion_type"]
    search_fields = ["npi", "last_name", "practitioner__name"]
    list_select_related = ["practitioner"]
    actions = ["confirm", "clear"]
    readonly_fields = [field.name for field in Exclusion._meta.fields]

    def has_add_permission(self, request):
        return False  # matches come from import_exclusions only

    def has_delete_permission(self, request, obj=None):
        return False  # a decision stays on record

    @admin.action(description="Confirm: this is the practitioner (stays out of search)",
                  permissions=["change"])
    def confirm(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=ExclusionDecisionForm,
            title="Confirm exclusion-list matches",
            apply=lambda exclusion, data: sanctions.confirm_exclusion(
                exclusion=exclusion, by=request.user, reason=data["reason"]),
            done="Confirmed exclusion-list match")

    @admin.action(description="Clear: not this practitioner, or no longer excluded "
                              "(back in search)", permissions=["change"])
    def clear(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=ExclusionDecisionForm,
            title="Clear exclusion-list matches",
            apply=lambda exclusion, data: sanctions.clear_exclusion(
                exclusion=exclusion, by=request.user, reason=data["reason"]),
            done="Cleared exclusion-list match")


@admin.register(ConfirmationRequest)
class ConfirmationRequestAdmin(admin.ModelAdmin):
    """What the daily freshness job sent (clinics/freshness.py): read only."""

    list_display = ["clinic", "confirmed_on", "sent_on"]
    list_select_related = ["clinic"]
    search_fields = ["clinic__name", "recipients"]
    readonly_fields = ["clinic", "confirmed_on", "sent_on", "recipients"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
