"""Forms for claims, listings, credentials, enquiries and reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clinics.documents import clean_upload
from clinics.models import (
    Clinic,
    Condition,
    Credential,
    Language,
    Location,
    Modality,
    Payer,
    Practitioner,
    Specialty,
)

from .models import ClinicClaim, ContactRequest, Invitation, ListingReport


class ClaimForm(forms.ModelForm):
    class Meta:
        model = ClinicClaim
        fields = ["role", "work_email", "callback_phone", "note"]
        widgets = {
            "work_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "callback_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"note": "Anything that helps us check, e.g. your licence number."}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        labels = {"email": "Their email address", "role": "Their role"}


class ClinicForm(forms.ModelForm):
    payers = forms.ModelMultipleChoiceField(
        Payer.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Insurance accepted",
    )

    class Meta:
        model = Clinic
        fields = ["name", "description", "phone", "email", "website", "step_free_entrance",
                  "accessible_restroom", "parking", "payers", "sliding_scale",
                  "first_visit_price"]
        labels = {"name": "Clinic name", "email": "Clinic email", "phone": "Clinic phone"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"type": "tel"}),
        }


def _choices(model, label, **kwargs):
    return forms.ModelMultipleChoiceField(
        model.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=label, **kwargs,
    )


class PractitionerForm(forms.ModelForm):
    """Fields an owner may edit; the many-to-many choices go to the service, not save()."""

    RELATED = ["languages", "modalities", "specialties", "conditions", "workplaces"]

    workplaces = forms.ModelMultipleChoiceField(
        Location.objects.none(), widget=forms.CheckboxSelectMultiple, label="Works at",
    )
    conditions = _choices(Condition, "Conditions treated")
    modalities = _choices(Modality, "Treatments offered")
    specialties = _choices(Specialty, "Specialties")
    languages = _choices(Language, "Languages spoken")

    class Meta:
        model = Practitioner
        fields = ["name", "post_nominals", "pronouns", "gender", "bio", "years_in_practice", "npi",
                  "accepting_new_patients", "free_initial_consultation", "telehealth",
                  "session_minutes"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}
        labels = {"free_initial_consultation": "Free first consultation"}
        help_texts = {
            "accepting_new_patients": "Changing this records today's date next to it.",
            "gender": "Some patients prefer a practitioner of a given gender and filter "
                      "search results by it. Leave blank not to say.",
        }

    def __init__(self, *args, clinic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplaces"].queryset = clinic.locations.order_by("pk")
        if self.instance.pk:
            for name in ["languages", "modalities", "specialties", "conditions"]:
                self.initial[name] = list(getattr(self.instance, name).all())
            self.initial["workplaces"] = list(self.instance.locations.filter(clinic=clinic))
        elif clinic.locations.count() == 1:
            self.initial["workplaces"] = list(clinic.locations.all())

    def related(self) -> dict:
        return {name: list(self.cleaned_data[name]) for name in self.RELATED}


class CredentialForm(forms.ModelForm):
    class Meta:
        model = Credential
        fields = ["kind", "jurisdiction", "number", "issuer", "issued_on", "expires_on",
                  "document"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "document": forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
        }
        labels = {"jurisdiction": "State", "number": "Licence or certificate number"}
        help_texts = {"document": "PDF, PNG or JPEG, up to 5 MB. Only our staff and your "
                                  "clinic can open it."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new credential needs its document; a changed one may keep the one on file.
        self.fields["document"].required = not self.instance.document

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload and upload is not self.initial.get("document"):
            return clean_upload(upload)
        return upload


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill every box fill it."""

    honeypot_field = "homepage"
    homepage = forms.CharField(required=False, label=_("Leave this field empty"),
                               widget=forms.TextInput(attrs={"tabindex": "-1",
                                                             "autocomplete": "off"}))

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix(self.honeypot_field)))


class ContactRequestForm(HoneypotMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the directory stores my message and passes it to this clinic."),
        required=True,
        error_messages={"required": _("We can only pass on your message with your consent.")},
    )

    class Meta:
        model = ContactRequest
        fields = ["clinic", "name", "email", "phone", "preferred_contact", "message", "consent"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "preferred_contact": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        }
        labels = {"clinic": _("Which clinic?"), "message": _("Your message")}
        help_texts = {
            "email": _("Give an email address, a phone number, or both."),
            "message": _("Say what you would like to ask. Please leave out detailed medical "
                         "information; the clinic will ask what it needs."),
        }

    def __init__(self, *args, clinics: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clinic"].queryset = Clinic.objects.filter(
            pk__in=[clinic.pk for clinic in clinics]).order_by("name")
        self.fields["clinic"].empty_label = None
        if len(clinics) == 1:
            self.fields["clinic"].widget = forms.HiddenInput()
            self.initial["clinic"] = clinics[0].pk


class ReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = ListingReport
        fields = ["reason", "details", "reporter_email"]
        widgets = {
            "reason": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "reporter_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {"details": _("Details")}
        help_texts = {"details": _("What should it say instead? Anything that helps us check.")}


class ContactStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ContactRequest.Status.choices, label="Mark as")

