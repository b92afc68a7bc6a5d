"""GET /fhir/...: read and search the public directory as FHIR R4 JSON.

Answers are application/fhir+json with an ETag (a hash of the body) and Last-Modified (the
newest meta.lastUpdated in it), and If-None-Match / If-Modified-Since give 304 through
Django's own conditional-response helper. Errors are OperationOutcomes: 400 for a parameter
we cannot use, 404 for an unknown type or id. Rate limits and cache headers are those of the
rest of the public API (/api/practitioners/): the site's middleware sets them for both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from django.views import View

from . import capability, search
from .resources import Resource, last_updated

CONTENT_TYPE = "application/fhir+json"


def outcome(status: int, code: str, message: str) -> HttpResponse:
    body = {"resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": message}]}
    return HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)


def fhir_response(request: HttpRequest, body: dict[str, Any],
                  resources: Iterable[Resource] = ()) -> HttpResponseBase:
    response = HttpResponse(json.dumps(body, separators=(",", ":")), content_type=CONTENT_TYPE)
    set_response_etag(response)
    stamps = [last_updated(resource) for resource in resources]
    modified = None
    if stamps:
        modified = int(datetime.fromisoformat(max(stamps).replace("Z", "+00:00")).timestamp())
        response["Last-Modified"] = http_date(modified)
    return get_conditional_response(request, etag=response["ETag"], last_modified=modified,
                                    response=response) or response


class FhirView(View):
    http_method_names = ["get", "head", "options"]

    def http_method_not_allowed(self, request: HttpRequest, *args: Any,
                                **kwargs: Any) -> HttpResponse:
        response = outcome(405, "not-supported", "This API is read-only: GET only.")
        response["Allow"] = ", ".join(m.upper() for m in self.http_method_names
                                      if hasattr(self, m))
        return response

    def kind(self, name: str) -> search.ResourceType | None:
        return search.TYPES.get(name)


class CapabilityView(FhirView):
    """GET /fhir/metadata."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        base = request.build_absolute_uri("/fhir/").rstrip("/")
        return fhir_response(request, capability.statement(base))


class SearchView(FhirView):
    """GET /fhir/<type>?params: a searchset Bundle, one page, with a `next` link."""

    def get(self, request: HttpRequest, resource_type: str) -> HttpResponseBase:
        kind = self.kind(resource_type)
        if kind is None:
            return outcome(404, "not-supported", f"No resource type '{resource_type[:80]}' here.")
        try:
            result = search.run(kind, dict(request.GET.lists()))
        except search.BadRequest as error:
            return outcome(400, "invalid", str(error))
        base = request.build_absolute_uri("/fhir/").rstrip("/")
        links = [{"relation": "self", "url": request.build_absolute_uri()}]
        if result.next_offset is not None:
            query = request.GET.copy()
            query["_offset"] = str(result.next_offset)
            links.append({"relation": "next",
                          "url": request.build_absolute_uri(f"{request.path}?{query.urlencode()}")})
        entries = [_entry(base, resource, "match") for resource in result.matches]
        if result.distances_km is not None:
            for entry, km in zip(entries, result.distances_km, strict=True):
                entry["search"]["extension"] = [{
                    "url": "http://hl7.org/fhir/StructureDefinition/location-distance",
                    "valueDistance": {"value": round(km, 3), "unit": "km",
                                      "system": "http://unitsofmeasure.org", "code": "km"}}]
        entries += [_entry(base, resource, "include") for resource in result.included]
        bundle = {"resourceType": "Bundle", "type": "searchset", "link": links,
                  "entry": entries}
        return fhir_response(request, bundle, [*result.matches, *result.included])


def _entry(base: str, resource: Resource, mode: str) -> dict[str, Any]:
    return {"fullUrl": f"{base}/{resource['resourceType']}/{resource['id']}",
            "resource": resource, "search": {"mode": mode}}


class ReadView(FhirView):
    """GET /fhir/<type>/<id>."""

    def get(self, request: HttpRequest, resource_type: str, ident: str) -> HttpResponseBase:
        kind = self.kind(resource_type)
        if kind is None:
            return outcome(404, "not-supported", f"No resource type '{resource_type[:80]}' here.")
        try:
            resource = search.read(kind, ident)
        except search.NotFound:
            return outcome(404, "not-found", f"No public {kind.name} has the id '{ident[:80]}'.")
        return fhir_response(request, resource, [resource])


class NotFoundView(FhirView):
    """Anything else under /fhir/."""

    def get(self, request: HttpRequest, rest: str) -> HttpResponseBase:
        return outcome(404, "not-found", "Nothing here: see /fhir/metadata for what is served.")
