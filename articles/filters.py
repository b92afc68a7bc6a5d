"""The GET search forms on /conditions/ and /articles/."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clinics.models import Condition, Specialty

from .models import Article


class ConditionPageFilter(django_filters.FilterSet):
    """Search condition pages by condition name, lay synonym or title."""

    # Not stripped: a box of spaces is a search for nothing, answered with the empty state.
    q = django_filters.CharFilter(label=_("Search conditions"), method="search", strip=False)

    class Meta:
        model = Article
        fields = ["q"]

    def filter_queryset(self, queryset):
        # An empty box that was submitted gets the empty state too, rather than every page.
        if "q" in self.data and not Condition.normalise_term(self.data.get("q", "")):
            return queryset.none()
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        term = Condition.normalise_term(value)
        if not term:
            return queryset.none()
        return queryset.filter(
            Q(condition__in=Condition.objects.matching(term)) | Q(title__icontains=term)
        )

    @property
    def searched_for(self) -> str | None:
        """The text the visitor searched for, or None when the page was opened plainly."""
        return self.data.get("q") if "q" in self.data else None


class ArticleFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Article.Kind.choices, empty_label=_("Guides and condition pages")
    )
    condition = django_filters.ModelChoiceFilter(
        label=_("Condition"), queryset=Condition.objects.all(), to_field_name="slug",
        empty_label=_("Any condition"),
    )
    specialty = django_filters.ModelChoiceFilter(
        label=_("Specialty"), field_name="condition__specialties", queryset=Specialty.objects.all(),
        to_field_name="slug", empty_label=_("Any specialty"), distinct=True,
    )

    class Meta:
        model = Article
        fields = ["kind", "condition", "specialty"]
