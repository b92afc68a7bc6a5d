"""The JSON search API (/api/v1/practitioners/) and its OpenAPI document.

Django REST framework serves it so that drf-spectacular can write the OpenAPI 3 document
from the code: its django-filter extension reads the parameters off the view's
`filterset_class`, the search's one FilterSet, and the response schemas come from the
TypedDicts that type the builder of the response (clinics.search.finder). Nothing in the
document is written by hand except the words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils import translation
from django_filters import Filter, FilterSet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import resolve_type_hint
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from clinics import search, vocabulary
from clinics.models import SearchEntry
from clinics.search.finder import ErrorJSON, PageJSON
from clinics.search.form import PractitionerSearch


def closed_schema(hint: Any) -> dict[str, Any]:
    """The JSON schema drf-spectacular derives from a TypedDict, with no extra keys allowed
    in any object, so a field added to the response without its type fails the schema
    tests instead of going out undocumented."""
    schema: dict[str, Any] = resolve_type_hint(hint)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


def form_field_schema(field: forms.Field) -> dict[str, Any]:
    """A query parameter's schema, read off the form field that validates it.

    drf-spectacular guesses a filter's type from its model field or from the type hint of
    its `method`; the search's filters have no model field and share methods, so the form
    field (with its bounds and choices) is the better witness.
    """
    if isinstance(field, forms.NullBooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.ChoiceField):
        choices: Iterable[tuple[Any, Any]] = field.choices  # type: ignore[assignment]
        values = [value for value, _ in choices if value not in ("", None)]
        coerce = getattr(field, "coerce", None)
        if coerce is int:
            return {"type": "integer", "enum": [int(value) for value in values]}
        return {"type": "string", "enum": values} if values else {"type": "string"}
    if isinstance(field, forms.DecimalField | forms.FloatField):
        schema: dict[str, Any] = {"type": "number"}
        if field.min_value is not None:
            schema["minimum"] = float(field.min_value)
        if field.max_value is not None:
            schema["maximum"] = float(field.max_value)
        return schema
    if isinstance(field, forms.CharField):
        return {"type": "string", "maxLength": field.max_length} if field.max_length \
            else {"type": "string"}
    return {"type": "string"}


class SearchFilterBackend(DjangoFilterBackend):
    """Names the search's FilterSet for the schema. The view filters through
    search.find_practitioners(), never through this backend's filter_queryset()."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        raise NotImplementedError("search goes through clinics.search.find_practitioners()")


class SearchFilterExtension(DjangoFilterExtension):
    """django-filter's extension, with each parameter's schema taken from the search form:
    the one the API validates with, its selects filled from the current vocabulary."""

    target_class = "clinics.api.SearchFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema: AutoSchema, *args: Any,
                                        **kwargs: Any) -> list[dict[str, Any]]:
        self.form = PractitionerSearch(vocabulary=vocabulary.get()).form
        return super().get_schema_operation_parameters(auto_schema, *args, **kwargs)

    def resolve_filter_field(self, auto_schema: AutoSchema, model: Any,
                             filterset_class: type[FilterSet], field_name: str,
                             filter_field: Filter) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field)
        for parameter in parameters:
            parameter["schema"] = form_field_schema(self.form.fields[field_name])
            parameter["description"] = self._describe(field_name, filter_field)
        return parameters

    @staticmethod
    def _describe(field_name: str, filter_field: Filter) -> str:
        label = str(filter_field.label or field_name)
        if field_name in PractitionerSearch.FLAGS:
            return f"{label}: only practitioners for whom this is true."
        return PARAMETER_NOTES.get(field_name, label)


PARAMETER_NOTES = {
    "near": "A 5-digit ZIP code or “City, ST”. Takes precedence over lat and lng.",
    "lat": "Latitude of the centre of the search, with lng.",
    "lng": "Longitude of the centre of the search, with lat.",
    "radius": f"Miles from the centre (default {search.DEFAULT_RADIUS}).",
    "condition": "A condition's name or part of it; matches practitioners who list it or "
                 "who work in its specialty.",
    "specialty": "A specialty slug from the directory's vocabulary.",
    "modality": "A treatment slug from the directory's vocabulary.",
    "language": "A language code from the directory's vocabulary.",
    "payer": "An insurer slug from the directory's vocabulary.",
    "gender": "The practitioner's gender.",
    "sort": "`distance`: nearest first (the default); `match`: with a condition, "
            "practitioners who list it first.",
}


class IgnoreAccept(BaseContentNegotiation):
    """JSON whatever the Accept header says, as the API answered before it moved to DRF
    (DRF's default negotiation would answer 406 to a browser's Accept: text/html)."""

    def select_renderer(self, request: Request, renderers: list[BaseRenderer],
                        format_suffix: str | None = None) -> tuple[BaseRenderer, str]:
        return renderers[0], renderers[0].media_type

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None


PAGE_PARAMETER = OpenApiParameter(
    "page", {"type": "integer", "minimum": 1}, OpenApiParameter.QUERY,
    description=f"Page of {search.RESULTS_PER_PAGE} results, from 1. Past the last page, "
                "the last page is given.",
)
RETRY_AFTER = OpenApiParameter(
    "Retry-After", int, OpenApiParameter.HEADER, response=[503],
    description="Seconds to wait before asking again.",
)
ERROR_RESPONSE = closed_schema(ErrorJSON)


class PractitionerSearchApi(APIView):
    """GET /api/v1/practitioners/: the search page's parameters, answered as JSON."""

    authentication_classes: list[Any] = []  # public and read-only: no session is read
    permission_classes: list[Any] = []
    renderer_classes = [JSONRenderer]
    content_negotiation_class = IgnoreAccept
    # For the OpenAPI document: the parameters are the FilterSet's.
    filter_backends = [SearchFilterBackend]
    filterset_class = PractitionerSearch
    queryset = SearchEntry.objects.none()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """GET and HEAD go straight to the search: DRF is here to describe the API (the
        OpenAPI document), and its request wrapping, negotiation and checks cost about a
        third of a millisecond on every call while having nothing to do for a public,
        read-only, JSON-only endpoint. Any other method gets DRF's 405 as before."""
        if request.method in ("GET", "HEAD"):
            return self.answer(request)
        return super().dispatch(request, *args, **kwargs)

    @extend_schema(
        operation_id="search_practitioners",
        summary="Vetted practitioners near a place, nearest first",
        description=(
            "Practitioners with a licence verified with the issuing board and not expired, "
            "at published clinics, within `radius` miles of the place, nearest first. The "
            "parameters are the search page's."),
        parameters=[PAGE_PARAMETER, RETRY_AFTER],
        filters=True,
        responses={
            200: OpenApiResponse(closed_schema(PageJSON), description="A page of results."),
            400: OpenApiResponse(ERROR_RESPONSE, description=(
                "A parameter is invalid; `errors` maps each parameter to its messages.")),
            503: OpenApiResponse(ERROR_RESPONSE, description=(
                "The place could not be looked up just now (the online geocoder is not "
                "answering); retry after the seconds in Retry-After, or give a ZIP code.")),
        },
    )
    def get(self, request: Request) -> JsonResponse:
        return self.answer(request._request)  # reached only through DRF's own dispatch

    def answer(self, django_request: HttpRequest) -> JsonResponse:
        """The search's answer in the language the request's Accept-Language header asks
        for (English or Spanish; English when it asks for neither): error messages and
        labels such as the licence badge are translated, and the sentences that name a
        condition or treatment (`why`, `notice`) use its name in that language, as the
        Spanish page does. Keys, slugs and codes are the same in every language, so a
        client matches terms by slug; the `conditions` and `modalities` lists are in the
        order of the terms' names in the response's language. The API lives outside the
        /es/ prefix, so the header is how a client chooses."""
        language = translation.get_language_from_request(django_request)
        with translation.override(language):
            response = self._answer(django_request)
        response["Content-Language"] = language
        return response

    def _answer(self, django_request: HttpRequest) -> JsonResponse:
        # A Django JsonResponse rather than DRF's Response: the same bytes as the API gave
        # before it moved to DRF, without DRF's rendering step on the way out.
        results = search.find_practitioners(django_request.GET,
                                            page=django_request.GET.get("page", 1))
        if results.errors:
            # 503 when the only problem is ours: the place could not be looked up just now.
            # The body has the same shape as a 400's, so clients read one kind of error.
            unavailable = (list(results.errors) == ["near"]
                           and results.form.has_error("near", search.UNAVAILABLE))
            if unavailable:
                return JsonResponse({"errors": results.errors}, status=503,
                                    headers={"Retry-After": "60"})
            return JsonResponse({"errors": results.errors}, status=400)
        # Every URL in the answer is a path on this site: the scheme and host are worked out
        # once (build_absolute_uri parses each URL it is given; a page has some forty).
        origin = django_request.build_absolute_uri("/").removesuffix("/")
        return JsonResponse(results.as_json(lambda path: origin + path, django_request.path))


@extend_schema(exclude=True)
class PractitionerSearchApiAlias(PractitionerSearchApi):
    """GET /api/practitioners/: the unversioned address the API had first; same answers."""
