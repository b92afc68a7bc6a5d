"""What the sitemaps share: each page at its address in each language, read a page at a time."""

from collections.abc import Sequence

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.utils.functional import cached_property


class InEachLanguage(Sequence):
    """(row, language) for each row of `rows` and each of `languages`, row by row: the list
    Sitemap(i18n=True) pages through, with only the rows of the page asked for read."""

    def __init__(self, rows: QuerySet, languages: list[str]):
        self.rows, self.languages = rows, languages

    @cached_property
    def _length(self) -> int:
        return self.rows.count() * len(self.languages)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            row, language = divmod(index, len(self.languages))
            return self.rows[row], self.languages[language]
        start, stop, step = index.indices(len(self))
        per_row = len(self.languages)
        first = start // per_row
        rows = self.rows[first:-(-stop // per_row)] if stop > start else []
        pairs = [(row, language) for row in rows for language in self.languages]
        offset = first * per_row
        return pairs[start - offset:stop - offset:step]


class InterfaceSitemap(Sitemap):
    """Pages whose words are the site's own, so each exists in every language: listed at each
    address, with the others as hreflang alternates and English as x-default.

    Django's i18n sitemap builds the whole list of (item, language) pairs for every page
    of the sitemap; a directory of many thousand profiles reads only the page's rows."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        items = self.items()
        if isinstance(items, QuerySet):
            return InEachLanguage(items, self._languages())
        return super()._items()
