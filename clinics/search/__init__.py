"""Practitioner search. Everything goes through find_practitioners() (see finder.py):

    form.py       the FilterSet and its form: parameters -> circle, conditions, filters
    paginator.py  nearest-first paging over the index with ring probes
    results.py    plain result rows from one query, and why each one matched
    index.py      writes the index (clinics.models.SearchEntry) from the normalised tables
    links.py      detail-page links for a page of results without a reverse() each
"""

from .finder import ResultsPage, find_practitioners
from .form import DEFAULT_RADIUS, RADIUS_CHOICES, UNAVAILABLE
from .paginator import RESULT_CAP, RESULTS_PER_PAGE, CompiledSearch

__all__ = ["DEFAULT_RADIUS", "RADIUS_CHOICES", "CompiledSearch", "RESULTS_PER_PAGE", "RESULT_CAP",
           "UNAVAILABLE", "ResultsPage", "find_practitioners"]
