"""What visitors do from a listing: claim it, write to the clinic, report wrong information.

Contact requests and reports are spam-guarded twice: a honeypot field (a hit is answered as
if it worked, and nothing is saved) and a limit per sender's IP address per hour (answered
with 429 and a plain explanation).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from clinics.models import Clinic, ClinicMembership, Practitioner
from directory.accounts.http import client_ip_hash

from . import services
from .forms import ClaimForm, ContactRequestForm, ReportForm
from .models import ClinicClaim, ContactRequest, ListingReport
from .views import add_service_errors


def contactable_clinics(clinic_ids):
    """Published clinics, among `clinic_ids`, that have someone to read their inbox."""
    return Clinic.objects.published().filter(
        pk__in=clinic_ids, memberships__isnull=False
    ).distinct().order_by("name")


def practitioner_clinic_ids(practitioner):
    return practitioner.locations.filter(
        clinic__status=Clinic.Status.PUBLISHED).values_list("clinic_id", flat=True)


class ClaimView(LoginRequiredMixin, FormView):
    template_name = "account/claim_form.html"
    form_class = ClaimForm

    def dispatch(self, request, *args, **kwargs):
        self.clinic = get_object_or_404(Clinic.objects.published(), slug=kwargs["slug"])
        if request.user.is_authenticated and ClinicMembership.objects.filter(
                user=request.user, clinic=self.clinic).exists():
            messages.info(request, "You already manage this clinic.")
            return redirect("owners:clinic", clinic_pk=self.clinic.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"work_email": self.request.user.email}

    def get_form_kwargs(self):
        claim = ClinicClaim(clinic=self.clinic, user=self.request.user)
        return {**super().get_form_kwargs(), "instance": claim}

    def get_context_data(self, **kwargs):
        pending = ClinicClaim.objects.pending().filter(clinic=self.clinic, user=self.request.user)
        return super().get_context_data(clinic=self.clinic, pending=pending.first(), **kwargs)

    def form_valid(self, form):
        try:
            services.submit_claim(claim=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Thank you. Our staff will check your claim, usually "
                                       "within two working days, and email you.")
        return redirect("owners:dashboard")


class SpamGuardMixin:
    """Honeypot and per-IP hourly limit for a public form that saves `model` rows."""

    model = None
    limited_template = "account/rate_limited.html"
    success_message = ""

    def form_valid(self, form):
        if form.is_spam():
            messages.success(self.request, self.success_message)
            return redirect(self.get_success_url())
        ip_hash = client_ip_hash(self.request)
        if services.sender_rate_limited(model=self.model, ip_hash=ip_hash):
            return self.response_class(request=self.request, template=[self.limited_template],
                                       context=self.get_context_data(), status=429,
                                       using=self.template_engine)
        obj = form.save(commit=False)
        obj.ip_hash = ip_hash
        try:
            self.submit(obj)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        if form.is_spam():  # a bot gets the same answer whatever else it filled in
            messages.success(self.request, self.success_message)
            return redirect(self.get_success_url())
        return super().form_invalid(form)


class ContactView(SpamGuardMixin, FormView):
    """A patient writes to a clinic from its page or a practitioner's profile."""

    template_name = "account/contact_form.html"
    form_class = ContactRequestForm
    model = ContactRequest
    success_message = _("Your message was sent to the clinic. They will reply the way you "
                        "chose. If you gave an email address, we have emailed you a receipt.")

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("kind") == "practitioner":
            self.practitioner = get_object_or_404(
                Practitioner.objects.at_published_clinic(), slug=kwargs["slug"])
            self.subject = self.practitioner
            clinic_ids = practitioner_clinic_ids(self.practitioner)
        else:
            self.practitioner = None
            self.subject = get_object_or_404(Clinic.objects.published(), slug=kwargs["slug"])
            clinic_ids = [self.subject.pk]
        self.clinics = list(contactable_clinics(clinic_ids))
        if not self.clinics:
            messages.info(request, _("This clinic does not take messages through the directory "
                                     "yet. Please phone them instead."))
            return redirect(self.subject.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        contact_request = ContactRequest(practitioner=self.practitioner)
        return {**super().get_form_kwargs(), "instance": contact_request,
                "clinics": self.clinics}

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)

    def get_success_url(self):
        return self.subject.get_absolute_url()

    def submit(self, contact_request):
        services.submit_contact_request(contact_request=contact_request)


class ReportView(SpamGuardMixin, FormView):
    template_name = "account/report_form.html"
    form_class = ReportForm
    model = ListingReport
    success_message = _("Thank you. Our staff will check the listing.")

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("kind") == "practitioner":
            self.practitioner = get_object_or_404(
                Practitioner.objects.at_published_clinic(), slug=kwargs["slug"])
            self.subject = self.practitioner
            self.clinic = Clinic.objects.published().filter(
                pk__in=practitioner_clinic_ids(self.practitioner)).order_by("name").first()
        else:
            self.practitioner = None
            self.subject = self.clinic = get_object_or_404(
                Clinic.objects.published(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        # The outcome email is written in the language of the page the report is sent from.
        language = translation.get_language_info(
            translation.get_language() or settings.LANGUAGE_CODE)["code"]
        report = ListingReport(clinic=self.clinic, practitioner=self.practitioner,
                               language=language)
        return {**super().get_form_kwargs(), "instance": report}

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)

    def get_success_url(self):
        return self.subject.get_absolute_url()

    def submit(self, report):
        services.submit_report(report=report)
