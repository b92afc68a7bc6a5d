"""The owner's side: dashboard, listing editing, credentials, invitations and the inbox.

Every view here looks its object up through the user's own memberships, so another user
gets a 404 (never a hint that the object exists) and an anonymous visitor is sent to log in.
Staff moderate in the admin, not here.
"""

import mimetypes
from urllib.parse import urlencode

from csp.constants import NONE
from csp.decorators import csp
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from clinics.forms import LocationForm
from clinics.models import Clinic, ClinicMembership, Credential, Location, Practitioner
from directory.accounts import mfa

from . import services
from .forms import (
    ClinicForm,
    ContactStatusForm,
    CredentialForm,
    InvitationForm,
    PractitionerForm,
)
from .models import ClinicClaim, ContactRequest, Invitation, ListingReport, OwnerEdit


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def practitioners_of(clinic):
    return Practitioner.objects.filter(workplaces__location__clinic=clinic).distinct()


def credentials_of(clinic):
    return Credential.objects.filter(
        practitioner__in=practitioners_of(clinic).values("pk")
    )


class MemberMixin(LoginRequiredMixin):
    """Resolves `clinic_pk` among the clinics the user belongs to; 404 for anyone else."""

    owner_only = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        memberships = ClinicMembership.objects.filter(user=request.user)
        if self.owner_only:
            memberships = memberships.filter(role=ClinicMembership.Role.OWNER)
        self.clinic = get_object_or_404(
            Clinic.objects.filter(pk__in=memberships.values("clinic_id")), pk=kwargs["clinic_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(clinic=self.clinic, **kwargs)

    def clinic_url(self):
        return reverse("owners:clinic", kwargs={"clinic_pk": self.clinic.pk})


def tell_if_held(request, clinic) -> None:
    """Say at once when the text just saved is waiting for staff, and why."""
    edit = clinic.owner_edits.filter(user=request.user).order_by("-pk").first()
    if edit is not None and edit.text_status == OwnerEdit.TextStatus.HELD:
        reasons = " ".join(sorted({w["message"] for w in edit.warnings}))
        messages.warning(request, "Your text is not published yet: our staff will review it "
                         f"first. {reasons} The page shows the previous text meanwhile.")


class ServiceFormMixin:
    """form_valid calls perform(form); a ValidationError from the service is shown, not a 500."""

    success_message = "Saved."

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.clinic_url()


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "account/dashboard.html"

    def get_context_data(self, **kwargs):
        clinics = Clinic.objects.filter(memberships__user=self.request.user).annotate(
            new_requests=Count("contact_requests", distinct=True,
                               filter=Q(contact_requests__status=ContactRequest.Status.NEW)),
            open_reports=Count("reports", distinct=True,
                               filter=Q(reports__status=ListingReport.Status.OPEN)),
        ).order_by("name")
        claims = ClinicClaim.objects.filter(user=self.request.user).select_related("clinic")
        return super().get_context_data(clinics=clinics, claims=claims, **kwargs)


class ClinicCreateView(LoginRequiredMixin, TemplateView):
    """Step one of a new listing: the clinic and its first location, saved together or not at all."""

    template_name = "account/clinic_create.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ClinicForm(prefix="clinic"))
        kwargs.setdefault("location_form", LocationForm(prefix="location"))
        return super().get_context_data(**kwargs)

    def post(self, request):
        form = ClinicForm(request.POST, prefix="clinic")
        location_form = LocationForm(request.POST, prefix="location")
        if form.is_valid() and location_form.is_valid():
            try:
                clinic = services.create_listing(
                    clinic=form.save(commit=False), location=location_form.save(commit=False),
                    payers=list(form.cleaned_data["payers"]), by=request.user,
                )
            except ValidationError as error:
                add_service_errors(location_form, error)
            else:
                messages.success(request, "Your listing is saved and waiting for review. "
                                          "Next, add the practitioners who work there.")
                return redirect("owners:clinic", clinic_pk=clinic.pk)
        context = self.get_context_data(form=form, location_form=location_form)
        return self.render_to_response(context)


class ClinicManageView(MemberMixin, TemplateView):
    template_name = "account/clinic_manage.html"

    def get_context_data(self, **kwargs):
        practitioners = practitioners_of(self.clinic).prefetch_related(
            Prefetch("credentials", queryset=Credential.objects.order_by("kind", "pk")),
        ).order_by("name")
        return super().get_context_data(
            locations=self.clinic.locations.order_by("pk"),
            practitioners=practitioners,
            reports=self.clinic.reports.open().select_related("practitioner"),
            held_edits=self.clinic.owner_edits.filter(
                text_status__in=[OwnerEdit.TextStatus.HELD, OwnerEdit.TextStatus.REJECTED],
            ).order_by("-created_at")[:10],
            members=self.clinic.memberships.select_related("user").order_by("created_at"),
            invitations=self.clinic.invitations.filter(accepted_at__isnull=True),
            new_requests=self.clinic.contact_requests.unread().count(),
            is_owner=self.clinic.memberships.filter(
                user=self.request.user, role=ClinicMembership.Role.OWNER).exists(),
            **kwargs,
        )


class ClinicEditView(MemberMixin, ServiceFormMixin, FormView):
    template_name = "account/clinic_form.html"
    form_class = ClinicForm
    success_message = "Clinic details saved."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.clinic}

    def perform(self, form):
        if form.has_changed():
            services.update_clinic(clinic=form.save(commit=False),
                                   payers=list(form.cleaned_data["payers"]),
                                   by=self.request.user)
            tell_if_held(self.request, self.clinic)


class ConfirmListingView(MemberMixin, View):
    http_method_names = ["post"]

    def post(self, request, clinic_pk):
        services.confirm_listing(clinic=self.clinic, by=request.user)
        messages.success(request, f"Thank you. {self.clinic.name} now shows today's date as "
                                  "the day its details were last confirmed.")
        if request.POST.get("return_to") == "dashboard":  # a name, never a URL: no open redirect
            return redirect("owners:dashboard")
        return redirect(self.clinic_url())


class RequestReviewView(MemberMixin, View):
    http_method_names = ["post"]

    def post(self, request, clinic_pk):
        try:
            services.request_review(clinic=self.clinic, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Sent to our staff for review.")
        return redirect(self.clinic_url())


class LocationFormView(MemberMixin, ServiceFormMixin, FormView):
    template_name = "account/location_form.html"
    form_class = LocationForm
    success_message = "Location saved; we placed it on the map from its ZIP code."

    def get_form_kwargs(self):
        location = (
            get_object_or_404(self.clinic.locations, pk=self.kwargs["pk"])
            if "pk" in self.kwargs else Location(clinic=self.clinic)
        )
        return {**super().get_form_kwargs(), "instance": location}

    def perform(self, form):
        if form.has_changed():
            services.save_owner_location(location=form.save(commit=False), by=self.request.user)


class PractitionerFormView(MemberMixin, ServiceFormMixin, FormView):
    template_name = "account/practitioner_form.html"
    form_class = PractitionerForm
    success_message = "Practitioner saved."

    def get_form_kwargs(self):
        practitioner = (
            get_object_or_404(practitioners_of(self.clinic), pk=self.kwargs["pk"])
            if "pk" in self.kwargs else Practitioner()
        )
        return {**super().get_form_kwargs(), "instance": practitioner, "clinic": self.clinic}

    def perform(self, form):
        if form.has_changed():
            services.save_owner_practitioner(
                practitioner=form.save(commit=False), clinic=self.clinic,
                related=form.related(), by=self.request.user,
            )
            tell_if_held(self.request, self.clinic)


class CredentialFormView(MemberMixin, ServiceFormMixin, FormView):
    template_name = "account/credential_form.html"
    form_class = CredentialForm
    success_message = "Credential submitted. Our staff will check it with the issuing board."

    @cached_property
    def credential(self):
        if "pk" in self.kwargs:
            return get_object_or_404(credentials_of(self.clinic), pk=self.kwargs["pk"])
        practitioner = get_object_or_404(practitioners_of(self.clinic),
                                         pk=self.kwargs["practitioner_pk"])
        return Credential(practitioner=practitioner)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.credential}

    def get_context_data(self, **kwargs):
        return super().get_context_data(credential=self.credential, **kwargs)

    def perform(self, form):
        if form.has_changed():
            services.submit_credential(credential=form.save(commit=False), clinic=self.clinic,
                                       by=self.request.user)


# An uploaded file is never a page: should a browser render one anyway, it may load, run,
# submit or frame nothing, as if from an origin of its own (sandbox).
DOCUMENT_CSP = {directive: [NONE] for directive in (
    "default-src", "object-src", "base-uri", "form-action", "frame-ancestors")} | {"sandbox": True}


@method_decorator(csp(DOCUMENT_CSP), name="get")
class DocumentView(LoginRequiredMixin, View):
    """A credential document, as a download, for verifying staff and the practitioner's clinics.

    `name` only selects a database row (the storage path we generated); nothing is opened
    by a name taken from the URL.
    """

    def get(self, request, name):
        # Licence scans carry personal data: they open only in a session verified with a
        # second factor, for owners and staff alike.
        if not mfa.is_verified(request):
            if mfa.has_device(request.user):
                step = "accounts:login-code"
                messages.info(request, "To open credential documents, type the code from "
                                       "your authenticator app first.")
            else:
                step = "accounts:two-factor-enrol"
                messages.info(request, "Credential documents open only for accounts with "
                                       "two-factor authentication. Turn it on here, then "
                                       "the document opens.")
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        credentials = Credential.objects.exclude(document="")
        if not (request.user.is_staff and request.user.has_perm("clinics.view_credential")):
            credentials = credentials.filter(
                practitioner__workplaces__location__clinic__memberships__user=request.user
            )
        credential = credentials.filter(document=name).first()
        if credential is None:
            raise Http404("No such document.")
        try:
            handle = credential.document.open("rb")
        except FileNotFoundError as missing:
            raise Http404("The document file is missing.") from missing
        suffix = credential.document.name.rsplit(".", 1)[-1]
        response = FileResponse(
            handle, as_attachment=True, filename=f"credential-{credential.pk}.{suffix}",
            content_type=mimetypes.types_map.get(f".{suffix}", "application/octet-stream"),
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class InvitationCreateView(MemberMixin, ServiceFormMixin, FormView):
    owner_only = True
    template_name = "account/invitation_form.html"
    form_class = InvitationForm
    success_message = "Invitation sent."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Invitation(clinic=self.clinic)}

    def perform(self, form):
        services.invite_colleague(invitation=form.save(commit=False), by=self.request.user)


class AcceptInvitationView(LoginRequiredMixin, TemplateView):
    template_name = "account/invitation_accept.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = services.invitation_from_token(kwargs["token"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def post(self, request, token):
        if self.invitation is None:
            return self.get(request, token)
        try:
            membership = services.accept_invitation(invitation=self.invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.get(request, token)
        messages.success(request, f"You now help manage {membership.clinic.name}.")
        return redirect("owners:clinic", clinic_pk=membership.clinic_id)


class InboxView(MemberMixin, ListView):
    template_name = "account/inbox.html"
    paginate_by = 25

    def get_queryset(self):
        return self.clinic.contact_requests.select_related("practitioner")


class InboxDetailView(MemberMixin, DetailView):
    template_name = "account/inbox_detail.html"

    def get_queryset(self):
        return self.clinic.contact_requests.select_related("practitioner")

    def get_object(self, queryset=None):
        contact_request = super().get_object(queryset)
        if contact_request.status == ContactRequest.Status.NEW:
            services.set_contact_request_status(
                contact_request=contact_request, status=ContactRequest.Status.READ,
                by=self.request.user)
        return contact_request

    def get_context_data(self, **kwargs):
        form = ContactStatusForm(initial={"status": self.object.status})
        return super().get_context_data(status_form=form, **kwargs)

    def post(self, request, clinic_pk, pk):
        contact_request = get_object_or_404(self.get_queryset(), pk=pk)
        form = ContactStatusForm(request.POST)
        if form.is_valid():
            services.set_contact_request_status(
                contact_request=contact_request, status=form.cleaned_data["status"],
                by=request.user)
            messages.success(request, f"Marked as {contact_request.get_status_display().lower()}.")
        return redirect("owners:inbox", clinic_pk=self.clinic.pk)
