from django.db.models import Exists, OuterRef, Prefetch
from django.http import JsonResponse
from django.views.generic import DetailView, TemplateView, View
from django_filters.views import FilterMixin

from . import presenters, vocabulary
from .filters import PractitionerSearch
from .models import (
    Clinic,
    Credential,
    Location,
    Practitioner,
    Specialty,
)
from .search import RESULTS_PER_PAGE, NearestFirstPaginator
from .search_index import SearchEntry

MORE_FILTERS = ["accepting", "consultation", "telehealth", "sliding_scale", "step_free",
                "specialty", "modality", "payer", "language", "gender"]


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            specialties=Specialty.objects.prefetch_related("conditions"),
            form=PractitionerSearch().form,
            vocabulary_conditions=vocabulary.get().conditions.values(),
            **kwargs,
        )


class SearchMixin:
    """Runs the shared FilterSet through the nearest-first paginator."""

    filterset_class = PractitionerSearch
    queryset = SearchEntry.objects.current()
    paginate_by = RESULTS_PER_PAGE

    def get_queryset(self):
        return self.queryset.all()

    def run_search(self, filterset):
        if not filterset.is_bound or not filterset.is_valid():
            return None
        paginator = NearestFirstPaginator(
            filterset.qs, self.paginate_by, circle=filterset.circle, ranked=filterset.ranked
        )
        page = paginator.page(self.request.GET.get("page", 1))
        presenters.explain_matches(page.object_list, filterset)
        return page


class PractitionerSearchView(SearchMixin, FilterMixin, TemplateView):
    template_name = "clinics/practitioner_list.html"

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        return {
            **super().get_context_data(**kwargs),
            "filterset": filterset,
            "form": filterset.form,
            "page_obj": self.run_search(filterset),
            "vocabulary_conditions": vocabulary.get().conditions.values(),
            "open_filters": any(self.request.GET.get(name) for name in MORE_FILTERS),
            "suggestions": presenters.widen_suggestions(self.request.GET, filterset),
        }


class PractitionerSearchApi(SearchMixin, View):
    """GET /api/practitioners/: the search page's parameters, answered as JSON."""

    def get(self, request):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(),
                                         request=request)
        if not filterset.is_valid():
            return JsonResponse({"errors": presenters.form_errors(filterset.form)}, status=400)
        page = self.run_search(filterset)
        return JsonResponse(presenters.api_page(request, page))


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
