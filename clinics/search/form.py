"""The practitioner search form: one FilterSet shared by the search page and the JSON API.

URL contract (shared with the condition pages): near, lat, lng, radius, condition, specialty,
modality, accepting, consultation, telehealth, sliding_scale, step_free, language, payer,
gender, sort, page. language and payer may be repeated (language=es&language=vi): a
practitioner who matches any of the values matches.

Select boxes take their choices from the vocabulary the search was given (read once per
request), so validating and rendering the form costs no queries; filters then compare ids,
never request text, in the ORM.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any

import django_filters as filters
import markupsafe
from django import forms
from django.db.models import Case, Exists, Model, OuterRef, Q, QuerySet, Value, When
from django.forms.renderers import BaseRenderer
from django.http import HttpRequest, QueryDict
from django.template import engines
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from clinics import geo, geocoding
from clinics.models import Payer, Practitioner, PractitionerCondition, SearchEntry
from clinics.models.search import Flag, any_bit, has_flags, lacks_flag
from clinics.models.terms import DRY_NEEDLING_SLUG
from clinics.vocabulary import Term, Vocabulary

RADIUS_CHOICES = [(5, _("5 miles")), (10, _("10 miles")), (25, _("25 miles")), (50, _("50 miles")),
                  (100, _("100 miles"))]
DEFAULT_RADIUS = 25
StrOrPromise = str | Promise  # a label, translated when shown
SORT_CHOICES = [("distance", _("Nearest first")), ("match", _("Best match for the condition"))]
UNAVAILABLE = "unavailable"  # error code on `near`: the place could not be looked up now


class JinjaFormRenderer(BaseRenderer):
    """Django's form rendering (as_field_group, widgets, error lists) through the site's
    Jinja2 engine (settings.TEMPLATES "jinja2"), several times faster than Django's template
    language: the search form renders on every search page. templates/jinja2/django/forms/
    gives it the site's field markup, as templates/django/forms/ does for every other form;
    Django's own Jinja2 widget templates do the rest."""

    def get_template(self, template_name: str) -> Any:
        return engines["jinja2"].get_template(template_name)


class SearchForm(forms.Form):
    """Turns the place and condition text into a circle and a list of conditions."""

    circle: geo.Circle | None = None
    conditions: list[Term] = []
    # A treatment typed into the condition box, searched as the treatment filter instead.
    treatment: Term | None = None
    default_renderer = JinjaFormRenderer
    # Select boxes whose choices come from the vocabulary: field name -> vocabulary name.
    VOCABULARY_FIELDS = {"specialty": "specialties", "modality": "modalities",
                         "language": "languages", "payer": "payers"}

    def __init__(self, *args: Any, vocabulary: Vocabulary, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vocabulary = vocabulary
        for field_name, vocabulary_name in self.VOCABULARY_FIELDS.items():
            # django-filter's ChoiceField puts the empty choice first by itself; the
            # multiple-choice fields (language, payer) have none.
            field = self.fields[field_name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = Vocabulary.choices(getattr(vocabulary, vocabulary_name))

    @cached_property
    def groups(self) -> FieldGroups:
        return FieldGroups(self)

    @property
    def condition_options(self) -> SafeString:
        """The <datalist> the condition box suggests from (its `list`), kept per vocabulary
        version and language like the select boxes."""
        return self.groups.condition_options()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.circle = self._clean_place(data)
        self.conditions = self._clean_condition(data)
        return data

    def _clean_place(self, data: Mapping[str, Any]) -> geo.Circle | None:
        radius = data.get("radius") or DEFAULT_RADIUS
        near = (data.get("near") or "").strip()
        lat, lng = data.get("lat"), data.get("lng")
        if near:
            try:
                place = geocoding.geocode(near)
            except geocoding.GeocodingUnavailable:
                self.add_error("near", forms.ValidationError(
                    _("We can't look up “%(place)s” right now: the map service we use for "
                      "that isn't answering. A 5-digit ZIP code, or a city and state such as "
                      "“Austin, TX”, always works.") % {"place": near}, code=UNAVAILABLE))
                return None
            if place is None:
                self.add_error("near", _("We couldn't find “%(place)s”. Try a 5-digit ZIP "
                                         "code, or a city and state such as “Austin, TX”.")
                               % {"place": near})
                return None
            return geo.Circle(place.lat, place.lng, radius)
        if lat is not None and lng is not None:
            return geo.Circle(float(lat), float(lng), radius)
        if (lat is None) != (lng is None):
            self.add_error("near", _("Your location was incomplete. Enter a ZIP code instead."))
        return None

    def _clean_condition(self, data: dict[str, Any]) -> list[Term]:
        """The conditions the condition text names. A treatment typed there ("dry needling",
        "cupping") is not a mistake: it becomes the treatment filter, and self.treatment
        says so; the Treatment select shows it too."""
        text = (data.get("condition") or "").strip()
        if not text:
            return []
        named = self.vocabulary.conditions.get(text.lower())
        found = [named] if named else self.vocabulary.conditions_matching(text)
        if found:
            return found
        treatment = self.vocabulary.modality_named(text)
        if treatment is None:
            self.add_error("condition", _("We don't list a condition called “%(text)s”. Pick "
                                          "one from the suggestions.") % {"text": text[:80]})
            return []
        chosen = data.get("modality")
        if chosen and chosen != treatment.slug:
            self.add_error("condition", _(
                "“%(text)s” is a treatment, and you also chose %(treatment)s under Treatment. "
                "Type a condition here, or choose one treatment.") % {
                    "text": text[:80], "treatment": self.vocabulary.modalities[chosen].name})
            return []
        data["modality"] = treatment.slug
        if isinstance(self.data, QueryDict) and not self.data.get("modality"):
            shown = self.data.copy()  # the form redisplays this: the select shows the filter
            shown["modality"] = treatment.slug
            self.data = shown
        self.treatment = treatment
        return []


class FieldGroups:
    """`form.groups.<name>`: a field's markup (label, control, help), for the template.

    The select boxes and checkboxes of a search form are rendered once per value and then
    reused: Django builds every <option> of a select through a template, which took longer
    than the rest of the results page together. The markup depends only on the field, its
    value, the vocabulary (its choices, named in its language) and the page's language, so
    the key holds those and an edit to the vocabulary shows at once. A field with errors (a
    value that is not a choice) and several ticked boxes are rendered afresh, so junk in the
    URL fills no entries. The entries live in this process only, at most SIZE of each kind:
    each is a pure function of its key.

    The free-text fields (place and condition) take any value, so their markup is kept with
    a slot where the value goes: rendered once, with a marker for the value, and split at
    the marker. The value is then escaped into the slot as the widget template escapes it.
    """

    CACHED = frozenset({"radius", "sort", "specialty", "modality", "payer", "language",
                        "gender", "accepting", "consultation", "telehealth", "sliding_scale",
                        "step_free"})
    # Fields that take any value (the hidden lat and lng of "Use my location" too): kept
    # around a slot when they have a value, and like the others when empty.
    FREE_TEXT = frozenset({"near", "condition", "lat", "lng"})
    # Letters and digits only, so no escaping or formatting changes it on its way through.
    SLOT = "fieldgroupslot7f3a9c"
    SIZE = 1024
    _rendered: OrderedDict[tuple[Any, ...], SafeString] = OrderedDict()
    _slotted: OrderedDict[tuple[Any, ...], tuple[str, str] | None] = OrderedDict()
    _lock = threading.Lock()
    _UNSEEN: Any = object()

    def __init__(self, form: SearchForm) -> None:
        self.form = form

    def __getitem__(self, name: str) -> SafeString:
        field = self.form[name]
        value = field.value()
        if name in self.FREE_TEXT and value and not field.errors:
            return self._with_slot(field, str(value))
        # Several ticked boxes (insurers, languages) are rendered afresh: every combination
        # would be too many entries.
        if (name not in self.CACHED and name not in self.FREE_TEXT or field.errors
                or isinstance(value, list) and len(value) > 1):
            return field.as_field_group()
        # The vocabulary's language names the options; the active one, the labels and help.
        key = (name, tuple(value) if isinstance(value, list) else value,
               self.form.vocabulary.version, self.form.vocabulary.language,
               translation.get_language())
        with self._lock:
            html = self._rendered.get(key)
            if html is not None:
                self._rendered.move_to_end(key)
                return html
        html = field.as_field_group()
        self._keep(self._rendered, key, html)
        return html

    @classmethod
    def _keep(cls, memo: OrderedDict[tuple[Any, ...], Any], key: tuple[Any, ...],
              value: Any) -> None:
        """Remember `value`, forgetting the least recently used past SIZE entries."""
        with cls._lock:
            memo[key] = value
            if len(memo) > cls.SIZE:
                memo.popitem(last=False)

    def condition_options(self) -> SafeString:
        vocabulary = self.form.vocabulary
        key = ("condition-options", vocabulary.version, vocabulary.language)
        html = self._rendered.get(key)
        if html is None:
            options = "".join(
                f'<option value="{markupsafe.escape(term.slug)}">{markupsafe.escape(term.name)}'
                "</option>" for term in self.form.vocabulary.conditions.values())
            html = SafeString(f'<datalist id="condition-options">{options}</datalist>')
            self._keep(self._rendered, key, html)
        return html

    def _with_slot(self, field: forms.BoundField, value: str) -> SafeString:
        """The field's markup with `value` in it, from the kept markup around its slot."""
        key = (field.name, self.form.vocabulary.version, self.form.vocabulary.language,
               translation.get_language())
        parts = self._slotted.get(key, self._UNSEEN)
        if parts is self._UNSEEN:
            marked = copy.copy(field)
            marked.value = lambda: self.SLOT  # type: ignore[method-assign]
            html = marked.as_field_group()
            before, found, after = html.partition(self.SLOT)
            # Kept only where the value shows exactly once; otherwise rendered every time.
            parts = (before, after) if found and self.SLOT not in after else None
            self._keep(self._slotted, key, parts)
        if parts is None:
            return field.as_field_group()
        return SafeString(f"{parts[0]}{markupsafe.escape(value)}{parts[1]}")


class SharedFields(dict[str, forms.Field]):
    """A form's base fields that its instances share instead of deep-copying.

    Django deep-copies every field and widget for each form instance, so that one form can
    change its fields without touching another's. The search form changes only the choices
    of its vocabulary selects, by assignment to the field and its widget, so only those two
    are copied, shallowly; the rest are read, never written.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        copies = dict(self)
        for name in SearchForm.VOCABULARY_FIELDS:
            copies[name] = copy.copy(self[name])
            copies[name].widget = copy.copy(self[name].widget)
        return copies


def checkbox(label: StrOrPromise) -> filters.BooleanFilter:
    # value="1" so a submitted form gives the documented URL (accepting=1, not "on").
    return filters.BooleanFilter(label=label, widget=forms.CheckboxInput(attrs={"value": "1"}),
                                 method="filter_flag")


def select(label: StrOrPromise, empty_label: StrOrPromise, method: str) -> filters.ChoiceFilter:
    # Choices are the vocabulary's, set by SearchForm for each search.
    return filters.ChoiceFilter(label=label, choices=(), empty_label=empty_label, method=method)


def any_of(label: StrOrPromise, help_text: StrOrPromise,
           method: str) -> filters.MultipleChoiceFilter:
    """Checkboxes, each a repeated URL parameter; a row matching any one of them matches.
    Choices are the vocabulary's, set by SearchForm for each search."""
    return filters.MultipleChoiceFilter(label=label, choices=(), method=method,
                                        help_text=help_text,
                                        widget=forms.CheckboxSelectMultiple)


class PractitionerSearch(filters.FilterSet):
    near = filters.CharFilter(
        label=_("ZIP code or City, ST"), method="filter_noop", max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code",
                                      "placeholder": _("e.g. 78704 or Austin, TX")}),
    )
    lat = filters.NumberFilter(method="filter_noop", min_value=-90, max_value=90,
                               widget=forms.HiddenInput)
    lng = filters.NumberFilter(method="filter_noop", min_value=-180, max_value=180,
                               widget=forms.HiddenInput)
    radius = filters.TypedChoiceFilter(
        label=_("Within"), choices=RADIUS_CHOICES, coerce=int, empty_value=DEFAULT_RADIUS,
        method="filter_noop", initial=DEFAULT_RADIUS,
    )
    condition = filters.CharFilter(
        label=_("Condition"), method="filter_condition", max_length=100,
        widget=forms.TextInput(attrs={"list": "condition-options", "autocomplete": "off",
                                      "placeholder": _("e.g. fibromyalgia or back pain")}),
    )
    specialty = select(_("Specialty"), _("Any specialty"), "filter_specialty")
    modality = select(_("Treatment"), _("Any treatment"), "filter_modality")
    accepting = checkbox(_("Accepting new patients"))
    consultation = checkbox(_("Free first consultation"))
    telehealth = checkbox(_("Telehealth follow-ups"))
    sliding_scale = checkbox(_("Sliding-scale fees"))
    step_free = checkbox(_("Step-free entrance"))
    language = any_of(_("Languages"), _("Tick none for any language, or each one that suits you."),
                      "filter_language")
    payer = any_of(_("Insurance"),
                   _("Tick none for any insurance or self-pay, or each plan you have."),
                   "filter_payer")
    gender = filters.ChoiceFilter(
        label=_("Practitioner gender"), choices=Practitioner.Gender.choices,
        method="filter_gender", empty_label=_("No preference"),
    )
    sort = filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="filter_noop",
                                empty_label=None)

    # Flag filters: the URL parameter and its bit in SearchEntry.flags.
    FLAGS = {
        "accepting": Flag.ACCEPTING,
        "consultation": Flag.CONSULTATION,
        "telehealth": Flag.TELEHEALTH,
        "sliding_scale": Flag.SLIDING_SCALE,
        "step_free": Flag.STEP_FREE,
    }

    class Meta:
        model = SearchEntry
        fields: list[str] = []
        form = SearchForm

    def __init__(self, data: QueryDict | None = None,
                 queryset: QuerySet[SearchEntry] | None = None, *, vocabulary: Vocabulary,
                 request: HttpRequest | None = None, prefix: str | None = None) -> None:
        """As FilterSet.__init__, but each filter is a shallow copy of the class's.

        django-filter deep-copies every filter, with its field and widget, for each search:
        a fifth of a search's Python time. Only `parent` (and the method bound to it)
        differs between searches, so a shallow copy with those set again is enough.
        """
        if data is not None:
            # Defaults live in the data so the form shows them selected and links keep them.
            data = data.copy()
            data.setdefault("radius", str(DEFAULT_RADIUS))
            data.setdefault("sort", "distance")
        self.vocabulary = vocabulary
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = SearchEntry.objects.all() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            filter_.model, filter_.parent = self.queryset.model, self
            if base.method is not None:
                filter_.method = base.method  # binds a FilterMethod to this copy
            self.filters[name] = filter_

    def get_form_class(self) -> type[SearchForm]:
        """The form class, built once per FilterSet class (django-filter builds one per
        instance, which meant a new class and its fields on every request)."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            form_class = super().get_form_class()
            form_class.base_fields = SharedFields(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    @property
    def form(self) -> SearchForm:
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            self._form = form_class(self.data if self.is_bound else None,
                                    prefix=self.form_prefix, vocabulary=self.vocabulary)
        return self._form

    @property
    def circle(self) -> geo.Circle | None:
        return self.form.circle if self.is_bound and self.is_valid() else None

    @property
    def conditions(self) -> list[Term]:
        return self.form.conditions if self.is_bound and self.is_valid() else []

    @property
    def ranked(self) -> bool:
        """With sort=match and a condition, listers of the condition come first."""
        return bool(self.conditions) and self.form.cleaned_data.get("sort") == "match"

    # Parameters no filter reads: the paginator applies the place and the radius, and
    # `ranked` carries the sort.
    NOT_FILTERS = frozenset({"near", "lat", "lng", "radius", "sort"})

    def rows_key(self) -> tuple[Any, ...]:
        """Everything the filtered queryset (self.qs) is built from, for a valid search: its
        filters' cleaned values, with the condition text as the conditions it named, and
        what else the filter methods and the base queryset read (the vocabulary's bits, by
        its version; today's date, for current licences). Two searches with the same key
        compile to the same SQL and parameters (clinics/search/finder.py keeps them)."""
        values = []
        for name, value in sorted(self.form.cleaned_data.items()):
            if name in self.NOT_FILTERS:
                continue
            if name == "condition":
                value = tuple(c.id for c in self.conditions)
            elif isinstance(value, list):
                value = tuple(value)
            values.append((name, value))
        return (tuple(values), self.vocabulary.version, timezone.localdate())

    def term(self, vocab: str, slug: str) -> Term:
        return getattr(self.vocabulary, vocab)[slug]

    def filter_noop(self, queryset: QuerySet[SearchEntry], name: str,
                    value: str | int | Decimal) -> QuerySet[SearchEntry]:
        return queryset  # the paginator applies place and radius, and `ranked` the sort

    def filter_flag(self, queryset: QuerySet[SearchEntry], name: str,
                    value: bool) -> QuerySet[SearchEntry]:
        return has_flags(queryset, self.FLAGS[name]) if value else queryset

    def filter_gender(self, queryset: QuerySet[SearchEntry], name: str,
                      value: str) -> QuerySet[SearchEntry]:
        return has_flags(queryset, Flag.GENDER[value])

    def filter_condition(self, queryset: QuerySet[SearchEntry], name: str,
                         value: str) -> QuerySet[SearchEntry]:
        """Practitioners who list the condition, or who work in its specialty."""
        conditions = self.conditions
        if not conditions:
            return queryset
        condition_ids = [c.id for c in conditions]
        specialty_ids = {s for c in conditions for s in c.specialty_ids}
        lists: Q | Exists = any_bit("conditions", condition_ids)
        in_specialty: Q | Exists = any_bit("specialties", specialty_ids)
        if not (self.vocabulary.bits_exact("conditions", condition_ids)
                and self.vocabulary.bits_exact("specialties", specialty_ids)):
            lists = Exists(PractitionerCondition.objects.filter(
                practitioner=OuterRef("practitioner_id"), condition_id__in=condition_ids))
            in_specialty = Exists(Practitioner.specialties.through.objects.filter(
                practitioner=OuterRef("practitioner_id"), specialty_id__in=specialty_ids))
        listed = Case(When(lists, then=Value(1)), default=Value(0))
        return queryset.annotate(lists_condition=listed).filter(lists | in_specialty)

    def filter_specialty(self, queryset: QuerySet[SearchEntry], name: str,
                         value: str) -> QuerySet[SearchEntry]:
        return self._filter_term(queryset, "specialties", value, Practitioner.specialties.through,
                                 "specialty_id")

    def filter_modality(self, queryset: QuerySet[SearchEntry], name: str,
                        value: str) -> QuerySet[SearchEntry]:
        queryset = self._filter_term(queryset, "modalities", value,
                                     Practitioner.modalities.through, "modality_id")
        if value == DRY_NEEDLING_SLUG:  # scope of practice: see clinics/scope.py
            queryset = lacks_flag(queryset, Flag.DRY_NEEDLING_BARRED)
        return queryset

    def filter_language(self, queryset: QuerySet[SearchEntry], name: str,
                        value: list[str]) -> QuerySet[SearchEntry]:
        """Speaks any of the chosen languages."""
        if not value:
            return queryset
        ids = [self.term("languages", slug).id for slug in value]
        queryset = queryset.filter(any_bit("languages", ids))
        if not self.vocabulary.bits_exact("languages", ids):
            queryset = queryset.filter(Exists(Practitioner.languages.through.objects.filter(
                practitioner=OuterRef("practitioner_id"), language_id__in=ids)))
        return queryset

    def filter_payer(self, queryset: QuerySet[SearchEntry], name: str,
                     value: list[str]) -> QuerySet[SearchEntry]:
        """At a clinic that takes any of the chosen insurers."""
        if not value:
            return queryset
        ids = [self.term("payers", slug).id for slug in value]
        queryset = queryset.filter(any_bit("payers", ids))
        if not self.vocabulary.bits_exact("payers", ids):
            queryset = queryset.filter(Exists(Payer.clinics.through.objects.filter(
                clinic=OuterRef("clinic_id"), payer_id__in=ids)))
        return queryset

    def _filter_term(self, queryset: QuerySet[SearchEntry], column: str, slug: str,
                     through: type[Model], through_column: str) -> QuerySet[SearchEntry]:
        term = self.term(column, slug)
        queryset = queryset.filter(any_bit(column, [term.id]))
        if not self.vocabulary.bits_exact(column, [term.id]):
            # _default_manager: django-stubs knows no `objects` on a model class passed as a
            # value; these auto-created through models have only that one manager.
            queryset = queryset.filter(Exists(through._default_manager.filter(
                practitioner=OuterRef("practitioner_id"), **{through_column: term.id})))
        return queryset
