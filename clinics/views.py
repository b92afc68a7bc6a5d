from django.db.models import Exists, OuterRef, Prefetch
from django.views.generic import DetailView, TemplateView

from . import presenters, search
from .models import Clinic, Credential, Location, Practitioner, Specialty


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        blank = search.find_practitioners(None)
        return super().get_context_data(
            specialties=Specialty.objects.prefetch_related("conditions"),
            form=blank.form, search=blank, **kwargs,
        )


class PractitionerSearchView(TemplateView):
    """GET /practitioners/: the search form, and its results once a search is asked."""

    template_name = "clinics/practitioner_list.html"

    def get_context_data(self, **kwargs):
        results = search.find_practitioners(self.request.GET or None,
                                            page=self.request.GET.get("page", 1))
        return super().get_context_data(
            search=results, form=results.form, page_obj=results.page, **kwargs)


class PractitionerDetailView(DetailView):
    """A profile for anyone at a published clinic; unvetted ones say so plainly."""

    template_name = "clinics/practitioner_detail.html"

    def get_queryset(self):
        published = Location.objects.filter(clinic__status=Clinic.Status.PUBLISHED)
        return Practitioner.objects.at_published_clinic().annotate(
            is_vetted=Exists(Practitioner.objects.vetted().filter(pk=OuterRef("pk")))
        ).prefetch_related(
            "languages", "modalities", "specialties",
            Prefetch("locations", queryset=published.select_related("clinic").prefetch_related(
                "clinic__payers"), to_attr="public_locations"),
            Prefetch("credentials", queryset=Credential.objects.exclude(
                status=Credential.Status.REJECTED).order_by("kind", "-expires_on")),
            Prefetch("practitionercondition_set",
                     queryset=presenters.conditions_treated_queryset(), to_attr="treats"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            structured_data=presenters.practitioner_json_ld(self.request, self.object), **kwargs
        )


class ClinicDetailView(DetailView):
    template_name = "clinics/clinic_detail.html"

    def get_queryset(self):
        vetted = Practitioner.objects.vetted().filter(pk=OuterRef("pk"))
        practitioners = (
            Practitioner.objects.annotate(is_vetted=Exists(vetted))
            .order_by("-is_vetted", "name")
            .prefetch_related("modalities")
        )
        return Clinic.objects.published().prefetch_related(
            "locations", "payers",
            Prefetch("locations__practitioners", queryset=practitioners),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            practitioners=presenters.clinic_practitioners(self.object),
            structured_data=presenters.clinic_json_ld(self.request, self.object),
            **kwargs,
        )
