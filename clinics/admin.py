"""Staff moderation of clinics, practitioners and credentials (the vocabularies and the
search index: reference_admin.py)."""

import contextlib

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from directory.admin import (
    Queue,
    ReadOnlyAdmin,
    ReasonForm,
    register_queue,
    run_action_with_form,
)

from . import (
    geocoding,
    presenters,
    reference_admin,  # noqa: F401 (registers the vocabularies' and the index's admins)
    services,
    trust_admin,
)
from .documents import clean_upload
from .forms import LocationForm
from .models import (
    Clinic,
    ClinicMembership,
    Credential,
    CredentialCheck,
    DryNeedlingRule,
    ExpiryReminder,
    Location,
    Practitioner,
    PractitionerCondition,
    PractitionerLocation,
    RetiredDocument,
    TrustSweep,
)

EXPIRING_DAYS = 60  # licences expiring this soon are in the staff queue

register_queue(Queue(
    label="Clinics pending review",
    changelist="admin:clinics_clinic_changelist",
    query="status__exact=pending",
    count=lambda: Clinic.objects.pending_review().count(),
    permission="clinics.change_clinic",
))
register_queue(Queue(
    label="Credentials submitted",
    changelist="admin:clinics_credential_changelist",
    query="status__exact=submitted",
    count=lambda: Credential.objects.submitted().count(),
    permission="clinics.change_credential",
))
register_queue(Queue(
    label="Credential checks due or overdue",
    changelist="admin:clinics_credential_changelist",
    query="queue=due",
    count=lambda: Credential.objects.due_for_check().count(),
    permission="clinics.change_credential",
))
register_queue(Queue(
    label=f"Licences expiring within {EXPIRING_DAYS} days",
    changelist="admin:clinics_credential_changelist",
    query="queue=expiring",
    count=lambda: Credential.objects.expiring_soon(EXPIRING_DAYS).count(),
    permission="clinics.change_credential",
))


class VerifyCredentialForm(forms.Form):
    method = forms.ChoiceField(choices=Credential.Method.choices)
    source = forms.CharField(
        max_length=300, help_text="The issuing board's name or the lookup URL you checked."
    )
    expires_on = forms.DateField(
        help_text="The expiry date the board reports (YYYY-MM-DD).",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    next_check_due = forms.DateField(
        required=False, help_text="Leave blank for the earlier of expiry or 36 months from today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RecheckForm(VerifyCredentialForm):
    """One re-check from the queue: what the board said now, added to the history."""

    outcome = forms.ChoiceField(choices=CredentialCheck.Outcome.choices,
                                initial=CredentialCheck.Outcome.CURRENT)
    expires_on = forms.DateField(
        required=False, help_text="The expiry date the board reports now (YYYY-MM-DD).",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required unless the licence is current: what the board reported. "
                  "The owners see it.")
    field_order = ["outcome", "method", "source", "expires_on", "next_check_due", "note"]


class CheckQueueFilter(admin.SimpleListFilter):
    """The staff queues: checks due or overdue, licences expiring soon."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("due", "Check due or overdue"),
                ("expiring", f"Licence expiring within {EXPIRING_DAYS} days")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_check()
        if self.value() == "expiring":
            return queryset.expiring_soon(EXPIRING_DAYS)
        return queryset


class CredentialCheckInline(admin.TabularInline):
    """The history of checks: read-only, as checks are only ever added (by the actions)."""

    model = CredentialCheck
    extra = 0
    fields = ["checked_at", "checked_by", "outcome", "method", "source", "expires_on",
              "next_check_due", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "checks (newest first)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ExpiryReminderInline(admin.TabularInline):
    """The expiry reminders the daily sweep sent about this credential (read-only)."""

    model = ExpiryReminder
    extra = 0
    fields = ["sent_on", "days_before", "expires_on", "recipients"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AddressesLookedUpFirst:
    """For admins whose change form holds addresses (LocationForm).

    Django's admin validates and saves a change form inside one transaction, where
    geocoding is refused (a slow geocoder would hold it open). So the submitted addresses
    are looked up before it opens, and the forms validated inside get the kept answers.
    """

    ADDRESS_FIELDS = ("street", "city", "state", "zip_code")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with geocoding.answers_kept():
            # "zip_code" for the location's own form, "locations-0-zip_code" for an inline.
            prefixes = [key.removesuffix("zip_code") for key in request.POST
                        if key.endswith("zip_code")]
            for prefix in prefixes:
                address = {name: request.POST.get(prefix + name, "")
                           for name in self.ADDRESS_FIELDS}
                with contextlib.suppress(geocoding.GeocodingUnavailable):
                    geocoding.geocode_address(**address)  # kept too; the form says so
            return super().changeform_view(request, object_id, form_url, extra_context)


class LocationInline(admin.TabularInline):
    model = Location
    form = LocationForm
    extra = 0
    fields = ["label", "street", "city", "state", "zip_code", "lat", "lng", "geocode_source"]
    readonly_fields = ["lat", "lng", "geocode_source"]
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = ClinicMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Clinic)
class ClinicAdmin(AddressesLookedUpFirst, SimpleHistoryAdmin):
    list_display = ["name", "status", "location_count", "sliding_scale", "last_confirmed_at",
                    "updated_at"]
    list_filter = [trust_admin.FreshnessFilter, "status", "sliding_scale", "step_free_entrance",
                   "payers", "locations__state"]
    search_fields = ["name", "slug", "email", "phone", "locations__city", "locations__zip_code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["payers"]
    inlines = [LocationInline, MembershipInline]
    # Status changes only through these actions, each of which records who and why.
    readonly_fields = ["status", "status_reason", "created_at", "updated_at"]
    actions = ["publish", "suspend", "send_back"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "phone", "email", "website"]}),
        ("Moderation", {"fields": ["status", "status_reason", "last_confirmed_at"]}),
        ("Access and payment", {"fields": [
            "step_free_entrance", "accessible_restroom", "parking", "payers", "sliding_scale",
            "first_visit_price"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(location_total=Count("locations"))

    @admin.display(description="locations", ordering="location_total")
    def location_count(self, clinic):
        return clinic.location_total

    def save_formset(self, request, form, formset, change):
        if formset.model is not Location:
            return super().save_formset(request, form, formset, change)
        for location in formset.save(commit=False):
            services.save_location(location=location)
        for location in formset.deleted_objects:
            location.delete()
        return None

    @admin.action(description="Publish selected clinics", permissions=["change"])
    def publish(self, request, queryset):
        for clinic in queryset:
            services.publish_clinic(clinic=clinic, by=request.user)
            self.log_change(request, clinic, "Published")
        self.message_user(request, f"Published {queryset.count()} clinic(s).", messages.SUCCESS)

    @admin.action(description="Suspend selected clinics…", permissions=["change"])
    def suspend(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=ReasonForm, title="Suspend clinics",
            apply=lambda clinic, data: services.suspend_clinic(
                clinic=clinic, by=request.user, reason=data["reason"]),
            done="Suspended",
        )

    @admin.action(description="Send selected listings back to their owners…",
                  permissions=["change"])
    def send_back(self, request, queryset):
        """A new listing that is not ready goes back to its owners as a draft, with the reason."""
        return run_action_with_form(
            self, request, queryset, form_class=ReasonForm, title="Send listings back",
            apply=lambda clinic, data: services.send_back_clinic(
                clinic=clinic, by=request.user, reason=data["reason"]),
            done="Sent back",
        )


@admin.register(Location)
class LocationAdmin(AddressesLookedUpFirst, SimpleHistoryAdmin):
    form = LocationForm
    list_display = ["clinic", "label", "city", "state", "zip_code", "lat", "lng"]
    list_filter = ["state", "geocode_source"]
    search_fields = ["clinic__name", "street", "city", "zip_code"]
    list_select_related = ["clinic"]
    autocomplete_fields = ["clinic"]
    show_full_result_count = False

    def get_fields(self, request, obj=None):
        return ["clinic", *LocationForm.Meta.fields]

    def save_model(self, request, obj, form, change):
        services.save_location(location=obj)


class CredentialInline(admin.StackedInline):
    model = Credential
    extra = 0
    fields = ["kind", "jurisdiction", "number", "issuer", "issued_on", "expires_on", "state",
              "verified_by", "verified_at", "method", "source", "next_check_due",
              "rejection_reason"]
    readonly_fields = ["state", "verified_by", "verified_at", "method", "source",
                       "next_check_due", "rejection_reason"]
    show_change_link = True

    @admin.display(description="state")
    def state(self, credential):
        return str(presenters.credential_badge(credential)) if credential.pk else "-"


class WorkplaceInline(admin.TabularInline):
    model = PractitionerLocation
    extra = 0
    autocomplete_fields = ["location"]
    verbose_name_plural = "works at"


class PractitionerConditionInline(admin.TabularInline):
    model = PractitionerCondition
    extra = 0
    autocomplete_fields = ["condition"]


@admin.register(Practitioner)
class PractitionerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "post_nominals", "is_vetted", "accepting_new_patients", "telehealth",
                    "updated_at"]
    list_filter = ["accepting_new_patients", "telehealth", "free_initial_consultation",
                   "specialties", "modalities", "credentials__status"]
    search_fields = ["name", "slug", "npi", "locations__clinic__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["languages", "modalities", "specialties"]
    inlines = [WorkplaceInline, CredentialInline, PractitionerConditionInline]
    show_full_result_count = False

    def get_queryset(self, request):
        vetted = Practitioner.objects.vetted().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(vetted=Exists(vetted))

    @admin.display(boolean=True, description="vetted", ordering="vetted")
    def is_vetted(self, practitioner):
        return practitioner.vetted


class CredentialAdminForm(forms.ModelForm):
    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload and upload is not self.initial.get("document"):
            return clean_upload(upload)  # staff's uploads are rewritten as owners' are
        return upload


class RetiredDocumentInline(admin.TabularInline):
    """The credential's earlier documents: when each was replaced and, later, deleted."""

    model = RetiredDocument
    fields = readonly_fields = ["name", "replaced_at", "replaced_by", "deleted_at",
                                "deletion_reason"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RetiredDocument)
class RetiredDocumentAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Read-only: the record of replaced documents and of their deletion from storage."""

    list_display = ["name", "credential", "replaced_at", "replaced_by", "deleted_at",
                    "deletion_reason"]
    list_filter = [("deleted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["credential__practitioner", "replaced_by"]
    search_fields = ["name", "credential__practitioner__name"]
    readonly_fields = list_display


@admin.register(Credential)
class CredentialAdmin(SimpleHistoryAdmin):
    form = CredentialAdminForm
    # Narrow enough to fit 1280 px beside the admin's two sidebars, so the queues' dates stay
    # in view without scrolling sideways: short headers (a header never wraps), long numbers
    # cut short, and no verification time (the state says whether it is verified; the change
    # page and its checks say when).
    list_display = ["practitioner", "credential", "state", "check_due", "expires",
                    "short_number"]
    list_filter = [CheckQueueFilter, "status", "kind", "jurisdiction", "method"]
    inlines = [CredentialCheckInline, ExpiryReminderInline, RetiredDocumentInline]
    search_fields = ["practitioner__name", "number", "issuer"]
    list_select_related = ["practitioner"]
    autocomplete_fields = ["practitioner"]
    # The state in the site's one wording (an expired licence reads "Expired on ..."), not
    # the raw status, which stays "verified" until the daily sweep marks it.
    readonly_fields = ["state", "verified_by", "verified_at", "method", "source",
                       "next_check_due", "rejection_reason", "created_at"]
    date_hierarchy = "expires_on"
    actions = ["recheck", "verify", "reject"]
    show_full_result_count = False

    # Each queue opens with what is most urgent: the longest-overdue check, the soonest expiry.
    QUEUE_ORDERING = {"due": ["next_check_due", "pk"], "expiring": ["expires_on", "pk"]}

    def get_ordering(self, request):
        return self.QUEUE_ORDERING.get(request.GET.get("queue", ""), super().get_ordering(request))

    NUMBER_SHOWN = 12  # characters of a licence number in the list; the rest on hover

    @admin.display(description="kind", ordering="kind")
    def credential(self, credential):
        """The kind's abbreviation where it has one ("L.Ac."), and the state."""
        label = credential.get_kind_display()
        short = label[label.find("(") + 1:label.find(")")] if "(" in label else label
        return f"{short}, {credential.jurisdiction}" if credential.jurisdiction else short

    @admin.display(description="state", ordering="status")
    def state(self, credential):
        return str(presenters.credential_badge(credential)) if credential.pk else "-"

    # Dates as "30 Sep 2027": the site's long format does not fit this list at 1280 px.
    @admin.display(description="check due", ordering="next_check_due")
    def check_due(self, credential):
        return date_format(credential.next_check_due, "j M Y") if credential.next_check_due else None

    @admin.display(description="expires", ordering="expires_on")
    def expires(self, credential):
        return date_format(credential.expires_on, "j M Y") if credential.expires_on else None

    @admin.display(description="number", ordering="number")
    def short_number(self, credential):
        number = credential.number
        if len(number) <= self.NUMBER_SHOWN:
            return number or None  # None: the admin's "-"
        return format_html('<span title="{}">{}…</span>', number,
                           number[:self.NUMBER_SHOWN - 1])

    @admin.action(description="Record a re-check with the issuing board…",
                  permissions=["change"])
    def recheck(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=RecheckForm, title="Record a re-check",
            apply=lambda credential, data: services.record_check(
                credential=credential, by=request.user, **data),
            done="Re-checked",
        )

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("document") if change else None
        super().save_model(request, obj, form, change)
        if previous:
            services.retire_replaced_document(credential=obj, previous_name=str(previous),
                                              by=request.user)

    @admin.action(description="Verify selected credentials with the issuing board…",
                  permissions=["change"])
    def verify(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=VerifyCredentialForm, title="Verify credentials",
            apply=lambda credential, data: services.verify_credential(
                credential=credential, by=request.user, **data),
            done="Verified",
        )

    @admin.action(description="Reject selected credentials…", permissions=["change"])
    def reject(self, request, queryset):
        return run_action_with_form(
            self, request, queryset, form_class=ReasonForm, title="Reject credentials",
            apply=lambda credential, data: services.reject_credential(
                credential=credential, by=request.user, reason=data["reason"]),
            done="Rejected",
        )


@admin.register(ClinicMembership)
class ClinicMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "clinic", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "clinic__name"]
    autocomplete_fields = ["user", "clinic"]
    list_select_related = ["user", "clinic"]


@admin.register(DryNeedlingRule)
class DryNeedlingRuleAdmin(SimpleHistoryAdmin):
    list_display = ["state", "scope", "as_of", "source"]
    list_filter = ["scope"]
    search_fields = ["state", "note"]

    def get_readonly_fields(self, request, obj=None):
        # Saving a rule refreshes search for its state's workplaces; a rule moved to another
        # state would leave the old state's rows stale, so a new state is a new rule.
        return ["state"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change and obj.as_of is None:
            obj.as_of = timezone.localdate()
        super().save_model(request, obj, form, change)


@admin.register(TrustSweep)
class TrustSweepAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """What each daily sweep did (clinics/expiry.py); written only by the sweep."""

    list_display = ["ran_on", "started_at", "reminders_sent", "lapsed_marked"]
    readonly_fields = ["ran_on", "started_at", "finished_at", "reminders_sent",
                       "lapsed_marked", "log"]
    date_hierarchy = "ran_on"
