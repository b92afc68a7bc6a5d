"""Shared by the search tests: the URLs, a place, and a search as the view runs it."""

from django.http import QueryDict
from django.urls import reverse

from clinics import search

SEARCH = reverse("clinics:practitioner-list")
API = reverse("api:practitioners")
AUSTIN = (30.2428, -97.7658)  # ZIP 78704


def run(query: str, page=1, **options):
    """A page of results, as the view gets it. The index is kept in step by the writes the
    test arranged, with no rebuild, so every search here also checks that."""
    found = search.find_practitioners(QueryDict(query), page=page, **options)
    assert not found.errors, found.errors
    return found.page


def names(query: str, page=1) -> list[str]:
    return [r.practitioner.name for r in run(query, page).object_list]
