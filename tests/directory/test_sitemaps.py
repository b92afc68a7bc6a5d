"""The (row, language) sequence the sitemaps page through (directory/sitemaps.py)."""

import pytest

from clinics.models import Condition
from directory.sitemaps import InEachLanguage

pytestmark = pytest.mark.django_db


def test_in_each_language_slices_like_the_full_list():
    rows = Condition.objects.order_by("pk")[:4]
    pairs = InEachLanguage(Condition.objects.filter(pk__in=[row.pk for row in rows])
                           .order_by("pk"), ["en", "es", "fr"])
    full = [(row, language) for row in rows for language in ("en", "es", "fr")]

    assert len(pairs) == len(full) == 12
    assert [(start, stop, pairs[start:stop]) for start in range(13) for stop in range(13)] == [
        (start, stop, full[start:stop]) for start in range(13) for stop in range(13)]
    assert pairs[7] == full[7]
