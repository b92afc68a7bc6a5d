"""The CapabilityStatement at /fhir/metadata, generated from search.TYPES so that it lists
exactly the types, interactions, search parameters and includes that the views serve."""

from __future__ import annotations

from typing import Any

from .search import DEFAULT_COUNT, MAX_COUNT, TYPES, ResourceType

# When what the statement describes last changed; bump it with TYPES.
DATE = "2026-12-02"
FHIR_VERSION = "4.0.1"


def statement(base: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": DATE,
        "publisher": "Integrative Care Directory",
        "kind": "instance",
        "software": {"name": "Integrative Care Directory"},
        "implementation": {
            "description": "The public directory: vetted practitioners at published clinics. "
                           "Read-only, JSON only, no login.",
            "url": base,
        },
        "fhirVersion": FHIR_VERSION,
        "format": ["json"],
        "rest": [{
            "mode": "server",
            "documentation": f"Searches page with _count (default {DEFAULT_COUNT}, at most "
                             f"{MAX_COUNT}) and the Bundle's next link. Unknown parameters "
                             "are refused with 400.",
            "resource": [_resource(kind) for kind in TYPES.values()],
        }],
    }


def _resource(kind: ResourceType) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "type": kind.name,
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [{"name": p.name, "type": p.type, "documentation": p.documentation}
                        for p in kind.params],
    }
    if kind.includes:
        entry["searchInclude"] = [f"{kind.name}:{target}" for target in kind.includes]
    return entry
