"""Staff's owner queues: claims to decide, reports of wrong information, owner edits to review.

Contact requests are deliberately not in the admin: they hold patients' messages, which are
for the clinic only. An enquiry email that keeps failing shows under Task results.
"""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from clinics import services as clinic_services
from directory.admin import Queue, ReasonForm, apply_each, register_queue, run_action_with_form

from . import services
from .models import ClinicClaim, ListingReport, OwnerEdit

register_queue(Queue(
    label="Claims to decide",
    changelist="admin:owners_clinicclaim_changelist",
    query="status__exact=pending",
    count=lambda: ClinicClaim.objects.pending().count(),
    permission="owners.change_clinicclaim",
))
register_queue(Queue(
    label="Reports of wrong information",
    changelist="admin:owners_listingreport_changelist",
    query="status__exact=open",
    count=lambda: ListingReport.objects.open().count(),
    permission="owners.change_listingreport",
))
register_queue(Queue(
    label="Recent owner edits",
    changelist="admin:owners_owneredit_changelist",
    query="reviewed=no",
    count=lambda: OwnerEdit.objects.awaiting_review().count(),
    permission="owners.change_owneredit",
))


class ClaimRejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="Emailed to the person who claimed."
    )


@admin.register(ClinicClaim)
class ClinicClaimAdmin(admin.ModelAdmin):
    list_display = ["clinic", "user", "role", "work_email", "callback_phone", "status",
                    "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["clinic__name", "user__email", "work_email", "callback_phone"]
    list_select_related = ["clinic", "user"]
    autocomplete_fields = ["clinic", "user"]
    readonly_fields = ["status", "decided_by", "decided_at", "rejection_reason", "created_at"]
    actions = ["approve", "reject"]

    @admin.action(description="Approve selected claims (the claimant joins the clinic)",
                  permissions=["change"])
    def approve(self, request, queryset):
        apply_each(self, request, queryset.select_related("clinic", "user"), done="Approved",
                   noun="claim",
                   apply=lambda claim: services.approve_claim(claim=claim, by=request.user))

    @admin.action(description="Reject selected claims…", permissions=["change"])
    def reject(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=ClaimRejectForm, title="Reject claims",
            apply=lambda claim, data: services.reject_claim(
                claim=claim, by=request.user, reason=data["reason"]),
            done="Rejected",
        )


class StaffNoteForm(forms.Form):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="For staff only; optional.")


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "clinic", "practitioner", "reason", "status", "details"]
    list_filter = ["status", "reason"]
    search_fields = ["clinic__name", "practitioner__name", "details"]
    list_select_related = ["clinic", "practitioner"]
    autocomplete_fields = ["clinic", "practitioner"]
    readonly_fields = ["handled_by", "handled_at", "ip_hash", "created_at"]
    actions = ["resolve", "dismiss"]

    @admin.action(description="Mark selected reports resolved (the listing was corrected)…",
                  permissions=["change"])
    def resolve(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=StaffNoteForm, title="Resolve reports",
            apply=lambda report, data: services.close_report(
                report=report, by=request.user, status=ListingReport.Status.RESOLVED,
                note=data["note"]),
            done="Resolved",
        )

    @admin.action(description="Dismiss selected reports (nothing was wrong)…",
                  permissions=["change"])
    def dismiss(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=StaffNoteForm, title="Dismiss reports",
            apply=lambda report, data: services.close_report(
                report=report, by=request.user, status=ListingReport.Status.DISMISSED,
                note=data["note"]),
            done="Dismissed",
        )


class ReviewedFilter(admin.SimpleListFilter):
    title = "reviewed"
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("no", "Waiting for review"), ("yes", "Reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(reviewed_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(reviewed_at__isnull=False)
        return queryset


@admin.register(OwnerEdit)
class OwnerEditAdmin(admin.ModelAdmin):
    """Owner edits went live at once; here staff look them over, keep, revert or suspend."""

    list_display = ["created_at", "clinic", "record", "user", "change_list", "outcome"]
    list_filter = [ReviewedFilter, ("created_at", admin.DateFieldListFilter), "action",
                   "content_type", "outcome"]
    search_fields = ["clinic__name", "object_repr", "user__email"]
    list_select_related = ["clinic", "user", "content_type"]
    readonly_fields = ["created_at", "clinic", "record", "user", "action", "change_list",
                       "reviewed_by", "reviewed_at", "outcome"]
    fields = readonly_fields
    actions = ["keep", "revert", "suspend_clinics"]

    def has_add_permission(self, request):
        return False  # written by the owner services only

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="record")
    def record(self, edit):
        model = edit.content_type.model_class()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_history",
                      args=[edit.object_id])
        return format_html('{} <a href="{}">{}</a>', model._meta.verbose_name.capitalize(),
                           url, edit.object_repr)

    @admin.display(description="changes")
    def change_list(self, edit):
        if not edit.changes:
            return "Added" if edit.action == OwnerEdit.Action.CREATED else "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><strong>{}</strong>: {} → {}</li>",
                             ((c["label"], c["before"], c["after"]) for c in edit.changes)),
        )

    @admin.action(description="Keep selected edits (mark reviewed)", permissions=["change"])
    def keep(self, request, queryset):
        count = services.mark_edits_reviewed(edits=queryset, by=request.user)
        self.message_user(request, f"Marked {count} edit(s) reviewed.", messages.SUCCESS)

    @admin.action(description="Revert selected edits (restore the version before)",
                  permissions=["change"])
    def revert(self, request, queryset):
        apply_each(self, request, queryset.select_related("clinic", "content_type"),
                   done="Reverted", noun="edit",
                   apply=lambda edit: services.revert_owner_edit(edit=edit, by=request.user))

    @admin.action(description="Suspend the clinics of the selected edits…",
                  permissions=["change"])
    def suspend_clinics(self, request, queryset):
        suspended = set()

        def apply(edit, data):
            if edit.clinic_id not in suspended:  # several edits may share one clinic
                clinic_services.suspend_clinic(clinic=edit.clinic, by=request.user,
                                        reason=data["reason"])
                suspended.add(edit.clinic_id)

        return run_action_with_form(
            self, request, queryset.select_related("clinic"), form_class=ReasonForm,
            title="Suspend the clinics of these edits", apply=apply, done="Clinic suspended",
        )
