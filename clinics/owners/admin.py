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
from .accuracy import WINDOW_DAYS, accuracy_rate
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
    label=f"Listings confirmed wrong in the last {WINDOW_DAYS} days (accuracy rate)",
    changelist="admin:owners_listingreport_changelist",
    query="status__exact=resolved",
    count=lambda: accuracy_rate().listings_wrong,
    permission="owners.view_listingreport",
))
register_queue(Queue(
    label="Owner text held by the editorial checks",
    changelist="admin:owners_owneredit_changelist",
    query="text_status__exact=held",
    count=lambda: OwnerEdit.objects.holding_text().count(),
    permission="owners.change_owneredit",
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


class ReportDecisionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you checked and what you found. Kept for staff; the reporter is "
                  "told only the outcome.")


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    """Reports of wrong information; the list opens with the accuracy rate they add up to."""

    list_display = ["created_at", "clinic", "practitioner", "reason", "status", "details",
                    "reporter_told_at"]
    list_filter = ["status", "reason", ("handled_at", admin.DateFieldListFilter)]
    search_fields = ["clinic__name", "practitioner__name", "details"]
    list_select_related = ["clinic", "practitioner"]
    autocomplete_fields = ["clinic", "practitioner"]
    readonly_fields = ["status", "staff_note", "handled_by", "handled_at", "reporter_told_at",
                       "language", "ip_hash", "created_at"]
    actions = ["confirm_wrong", "was_correct"]
    change_list_template = "admin/owners/listingreport/change_list.html"

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}),
                                                 "accuracy": accuracy_rate()})

    def _decide(self, request, queryset, *, status, title, done):
        return run_action_with_form(
            self, request, queryset, form_class=ReportDecisionForm, title=title,
            apply=lambda report, data: services.close_report(
                report=report, by=request.user, status=status, reason=data["reason"]),
            done=done,
        )

    @admin.action(description="Confirmed wrong and fixed (tells the reporter)…",
                  permissions=["change"])
    def confirm_wrong(self, request, queryset):
        return self._decide(request, queryset, status=ListingReport.Status.RESOLVED,
                            title="Confirm: the listing was wrong and is fixed",
                            done="Confirmed wrong and fixed")

    @admin.action(description="Was correct (tells the reporter)…", permissions=["change"])
    def was_correct(self, request, queryset):
        return self._decide(request, queryset, status=ListingReport.Status.DISMISSED,
                            title="The listing was correct", done="Found correct")


class HeldTextDecisionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to the clinic's owners next to their text.")


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

    list_display = ["created_at", "clinic", "record", "user", "change_list", "held",
                    "outcome"]
    list_filter = [ReviewedFilter, "text_status", ("created_at", admin.DateFieldListFilter),
                   "action", "content_type", "outcome"]
    search_fields = ["clinic__name", "object_repr", "user__email"]
    list_select_related = ["clinic", "user", "content_type"]
    readonly_fields = ["created_at", "clinic", "record", "user", "action", "change_list",
                       "held", "text_status", "decision_reason", "reviewed_by", "reviewed_at",
                       "outcome"]
    fields = readonly_fields
    actions = ["keep", "accept_text", "reject_text", "revert", "suspend_clinics"]

    @admin.display(description="text held by the checks")
    def held(self, edit):
        if not edit.held_text:
            return "—"
        return format_html(
            "{}<ul>{}</ul><p>{}</p>",
            format_html_join("", "<blockquote><strong>{}</strong>: {}</blockquote>",
                             edit.held_text.items()),
            format_html_join("", "<li>{} (“{}”)</li>",
                             ((w["message"], w["excerpt"]) for w in edit.warnings)),
            edit.get_text_status_display(),
        )

    @admin.action(description="Publish the held text anyway (with a reason)…",
                  permissions=["change"])
    def accept_text(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=HeldTextDecisionForm,
            title="Publish held owner text",
            apply=lambda edit, data: services.accept_held_text(
                edit=edit, by=request.user, reason=data["reason"]),
            done="Held text published")

    @admin.action(description="Reject the held text (with a reason)…", permissions=["change"])
    def reject_text(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=HeldTextDecisionForm,
            title="Reject held owner text",
            apply=lambda edit, data: services.reject_held_text(
                edit=edit, by=request.user, reason=data["reason"]),
            done="Held text rejected")

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
