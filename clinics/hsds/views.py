"""GET /hsds/...: the HSDS 3.0 API (read-only, no login), answered as JSON.

Lists carry the standard's pagination envelope. Bad parameters get a 400 and unknown ids a
404, both with the body shape of the practitioner API's errors: {"errors": {field: [...]}}.
Caching and the signed-in no-store rule are the site's, as for /api/practitioners/.
"""

from typing import Any

from django import forms
from django.core.cache import caches
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View

from ..models import Clinic, Location, Modality
from ..models.search import INDEX_VERSION_KEY, TOKEN_SECONDS, version_tokens
from . import mapping, queries
from .ids import Kind, decode

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


class ListParameters(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)
    per_page = forms.IntegerField(min_value=1, max_value=MAX_PER_PAGE, required=False)
    organization_id = forms.CharField(required=False)

    def clean_organization_id(self) -> int | None:
        text = self.cleaned_data["organization_id"]
        if not text:
            return None
        keys = decode(Kind.ORGANIZATION, text)
        if keys is None:
            raise forms.ValidationError("Not an organization id from this API.")
        return keys[0]


def page_url(request: HttpRequest) -> mapping.PageUrl:
    return lambda clinic: request.build_absolute_uri(clinic.get_absolute_url())


def errors(field: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"errors": {field: [message]}}, status=status)


def envelope(page: Page, contents: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "total_items": page.paginator.count, "total_pages": page.paginator.num_pages,
        "page_number": page.number, "size": len(contents),
        "first_page": not page.has_previous(), "last_page": not page.has_next(),
        "empty": page.paginator.count == 0, "contents": contents,
    }


class IndexCountPaginator(Paginator):
    """A paginator whose count is kept in the cache for rows read from the search index.

    Counting the distinct (clinic, treatment) pairs was most of a services page's time at
    100k practitioners (0.3 to 1.2 s). What the index holds changes only when its rows are
    rewritten, which retires the index's version token (clinics/models/search.py), or when
    a licence expires at midnight, so a count kept under the token and the site's date is
    never stale.
    """

    def __init__(self, rows: QuerySet, per_page: int, *, key: str) -> None:
        super().__init__(rows, per_page)
        self.key = key

    @cached_property
    def count(self) -> int:
        [token] = version_tokens(INDEX_VERSION_KEY)
        key = f"hsds-count:{self.key}:{token}:{timezone.localdate().isoformat()}"
        count = caches["default"].get(key)
        if count is None:
            count = Paginator.count.func(self)  # type: ignore[attr-defined]
            caches["default"].set(key, count, TOKEN_SECONDS)
        return count


class HsdsListView(View):
    """A paginated list: subclasses give the rows and turn one page of them into HSDS."""

    filters_by_organization = False
    counts_from_index = False  # rows read from the search index: keep their count

    def rows(self, organization: int | None) -> QuerySet:
        raise NotImplementedError

    def contents(self, rows: list, request: HttpRequest) -> list[dict[str, Any]]:
        raise NotImplementedError

    def get(self, request: HttpRequest) -> JsonResponse:
        params = ListParameters(request.GET)
        if not self.filters_by_organization:
            del params.fields["organization_id"]
        if not params.is_valid():
            return JsonResponse({"errors": {field: list(messages)
                                            for field, messages in params.errors.items()}},
                                status=400)
        organization = params.cleaned_data.get("organization_id")
        rows, per_page = self.rows(organization), params.cleaned_data["per_page"] or DEFAULT_PER_PAGE
        paginator = (IndexCountPaginator(rows, per_page,
                                         key=f"{type(self).__name__}:{organization}")
                     if self.counts_from_index else Paginator(rows, per_page))
        number = params.cleaned_data["page"] or 1
        if number > paginator.num_pages:
            return errors("page", f"There is no page {number}; the last is "
                                  f"{paginator.num_pages}.", 400)
        page = paginator.page(number)
        return JsonResponse(envelope(page, self.contents(list(page.object_list), request)))


class RootView(View):
    def get(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse({"version": mapping.VERSION, "profile": mapping.PROFILE})


class OrganizationListView(HsdsListView):
    def rows(self, organization: int | None) -> QuerySet:
        return queries.organizations()

    def contents(self, rows: list, request: HttpRequest) -> list[dict[str, Any]]:
        return [mapping.organization(clinic, page_url(request)) for clinic in rows]


class OrganizationDetailView(View):
    def get(self, request: HttpRequest, id: str) -> JsonResponse:
        keys = decode(Kind.ORGANIZATION, id)
        clinic = keys and queries.organizations().filter(pk=keys[0]).first()
        if not clinic:
            return errors("id", "No published organization has this id.", 404)
        offered = queries.services().filter(clinic_id=clinic.pk)
        return JsonResponse(mapping.organization_detail(
            clinic, clinic.locations.order_by("pk"),
            Modality.objects.filter(pk__in=offered.values("modality_id")).order_by("pk"),
            page_url(request)))


class ServiceListView(HsdsListView):
    filters_by_organization = True
    counts_from_index = True

    def rows(self, organization: int | None) -> QuerySet:
        rows = queries.services()
        return rows if organization is None else rows.filter(clinic_id=organization)

    def contents(self, rows: list, request: HttpRequest) -> list[dict[str, Any]]:
        clinics = Clinic.objects.in_bulk({row["clinic_id"] for row in rows})
        modalities = Modality.objects.in_bulk({row["modality_id"] for row in rows})
        return [mapping.service(clinics[row["clinic_id"]], modalities[row["modality_id"]],
                                page_url(request)) for row in rows]


class ServiceDetailView(View):
    def get(self, request: HttpRequest, id: str) -> JsonResponse:
        keys = decode(Kind.SERVICE, id)
        rows = [] if keys is None else list(
            queries.services_at_locations().filter(clinic_id=keys[0], modality_id=keys[1]))
        if not rows:
            return errors("id", "No service has this id.", 404)
        locations = list(Location.objects.filter(pk__in=[row["location_id"] for row in rows])
                         .select_related("clinic").order_by("pk"))
        return JsonResponse(mapping.service_detail(
            locations[0].clinic, Modality.objects.get(pk=rows[0]["modality_id"]), locations,
            page_url(request)))


class ServiceAtLocationListView(HsdsListView):
    filters_by_organization = True
    counts_from_index = True

    def rows(self, organization: int | None) -> QuerySet:
        rows = queries.services_at_locations()
        return rows if organization is None else rows.filter(clinic_id=organization)

    def contents(self, rows: list, request: HttpRequest) -> list[dict[str, Any]]:
        locations = Location.objects.select_related("clinic").in_bulk(
            {row["location_id"] for row in rows})
        modalities = Modality.objects.in_bulk({row["modality_id"] for row in rows})
        return [mapping.service_at_location(locations[row["location_id"]],
                                            modalities[row["modality_id"]],
                                            page_url(request)) for row in rows]
