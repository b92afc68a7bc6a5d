"""The public directory as FHIR R4 (read-only, JSON), at /fhir/ and in the bulk export.

    queries.py     what may be shown: vetted practitioners at published clinics, as querysets
    resources.py   model instances -> FHIR resources (plain dicts); the mapping is docs/fhir.md
    search.py      the resource types, their search parameters and how they filter
    capability.py  the CapabilityStatement, generated from search.TYPES
    views.py, urls.py   HTTP: Bundles, OperationOutcomes, ETag and Last-Modified
    export.py      the fhir-ndjson format of manage.py export_directory
"""
