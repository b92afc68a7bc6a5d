"""The site's forms as Django renders them (templates/django/forms/), and detail-page links."""

import html
import itertools
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from clinics.models import Language
from clinics.search import RESULTS_PER_PAGE, links

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script>&\''
AUSTIN = (30.2457, -97.7501)


class Page(HTMLParser):
    """A page's form controls, the ids its labels point at, the text of every other element
    with an id, and its rel="next" link."""

    def __init__(self, html: str):
        super().__init__()
        self.controls, self.labelled, self.texts, self.next_url = [], set(), {}, None
        self._reading = []  # [id, tag, text so far] of the elements being read
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea"):
            self.controls.append({"tag": tag, **attrs})
        elif tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        elif tag == "a" and attrs.get("rel") == "next":
            self.next_url = attrs["href"]
        elif attrs.get("id"):
            self._reading.append([attrs["id"], tag, ""])

    def handle_endtag(self, tag):
        if self._reading and self._reading[-1][1] == tag:
            element_id, _, text = self._reading.pop()
            self.texts[element_id] = " ".join(text.split())

    def handle_data(self, data):
        for element in self._reading:
            element[2] += data

    def visible(self) -> list[dict]:
        return [c for c in self.controls if c.get("type") not in ("hidden", "submit")]

    def unlabelled(self) -> list[str]:
        return [c.get("name") for c in self.visible() if c.get("id") not in self.labelled]

    def control(self, name: str) -> dict:
        [control] = [c for c in self.controls if c.get("name") == name]
        return control

    def invalid(self) -> dict[str, list[str]]:
        """Each control marked aria-invalid, with the texts its aria-describedby names."""
        return {c["name"]: [self.texts[i] for i in c.get("aria-describedby", "").split()]
                for c in self.controls if c.get("aria-invalid") == "true"}


def page(response) -> Page:
    assert response.status_code == 200
    return Page(response.content.decode())


@pytest.fixture
def owner_client(client, listing):
    client.force_login(listing.owner)
    return client


@pytest.mark.parametrize("url", [
    "/", "/practitioners/?near=78704", "/account/login/", "/account/signup/",
    "/account/password/reset/",
])
def test_public_form_labels_every_visible_control(client, url):
    form = page(client.get(url))

    assert len(form.visible()) >= 1
    assert form.unlabelled() == []


def test_contact_form_labels_every_control_including_the_honeypot(client, listing):
    response = client.get(reverse("visitors:clinic-contact", args=[listing.clinic.slug]))

    form = page(response)
    assert form.unlabelled() == []
    assert "homepage" in [c.get("name") for c in form.visible()]
    assert '<div class="hp" aria-hidden="true">' in response.content.decode()


@pytest.mark.parametrize("name", [
    "owners:clinic-create", "owners:clinic-edit", "owners:location-create",
    "owners:practitioner-create", "owners:credential-create",
])
def test_owner_form_labels_every_visible_control(owner_client, listing, name):
    args = {
        "owners:clinic-create": [],
        "owners:credential-create": [listing.clinic.pk, listing.practitioner.pk],
    }.get(name, [listing.clinic.pk])

    form = page(owner_client.get(reverse(name, args=args)))

    assert len(form.visible()) >= 3
    assert form.unlabelled() == []


def test_choice_group_is_a_fieldset_with_a_label_per_choice(owner_client, listing):
    response = owner_client.get(reverse("owners:practitioner-create", args=[listing.clinic.pk]))

    languages = [c["id"] for c in page(response).controls if c.get("name") == "languages"]
    assert "<legend>Languages spoken</legend>" in response.content.decode()
    assert languages == [f"id_languages_{i}" for i in range(Language.objects.count())]


def test_search_form_escapes_hostile_values(client):
    response = client.get("/practitioners/", {
        "near": HOSTILE, "condition": HOSTILE, "gender": HOSTILE, "radius": HOSTILE,
        "accepting": HOSTILE, "lat": HOSTILE, "lng": HOSTILE})

    form = page(response)
    assert "<script>alert(1)" not in response.content.decode()
    assert [form.control(name)["value"] for name in ("near", "condition", "lat", "lng")] == [
        HOSTILE] * 4


def test_login_form_escapes_hostile_values(client):
    response = client.post("/account/login/", {"username": HOSTILE, "password": "x"})

    assert "<script>alert(1)" not in response.content.decode()
    assert page(response).control("username")["value"] == HOSTILE


def test_search_form_ties_each_error_to_its_control(client):
    response = client.get("/practitioners/", {
        "near": "78704", "condition": "no such thing", "gender": "zz", "radius": "7"})

    assert page(response).invalid() == {
        "radius": ["Select a valid choice. 7 is not one of the available choices."],
        "condition": ["We don't list a condition called “no such thing”. "
                      "Pick one from the suggestions."],
        "gender": ["Select a valid choice. zz is not one of the available choices."],
    }


def test_login_form_ties_each_error_to_its_control(client):
    response = client.post("/account/login/", {})

    assert page(response).invalid() == {
        "username": ["This field is required."], "password": ["This field is required."]}


def test_owner_form_ties_errors_and_help_to_their_controls(owner_client, listing):
    response = owner_client.post(
        reverse("owners:practitioner-create", args=[listing.clinic.pk]),
        {"years_in_practice": "many"})

    form = page(response)
    assert form.invalid() == {
        "name": ["This field is required."],
        "years_in_practice": ["Enter a whole number."],
        # A group of checkboxes is described on its fieldset, as Django does.
        "workplaces": [],
    }
    assert 'aria-describedby="id_workplaces_error"' in response.content.decode()
    assert form.texts["id_workplaces_error"] == "This field is required."
    assert form.control("accepting_new_patients")["aria-describedby"] == (
        "id_accepting_new_patients_helptext")


def test_search_form_shows_a_new_language_at_once(client):
    client.get("/practitioners/")  # caches the language select as it is

    Language.objects.create(code="xh", name="Xhosa")

    assert "Xhosa" in client.get("/practitioners/").content.decode()


def test_results_link_to_the_next_page_keeping_the_search(client, place_at, practitioner_at):
    location = place_at(*AUSTIN, miles=1)
    for i in range(RESULTS_PER_PAGE + 1):
        practitioner_at(location, name=f"P{i:02d}", telehealth=True)

    response = client.get("/practitioners/", {"near": "78704", "telehealth": "1"})

    assert parse_qs(urlsplit(page(response).next_url).query) == {
        "near": ["78704"], "telehealth": ["1"], "page": ["2"]}


def test_slug_url_matches_reverse():
    for name in ("clinics:practitioner-detail", "clinics:clinic-detail"):
        for slug in ("jane-doe", "a_b-9", "X"):
            assert links.slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_slug_url_follows_the_script_prefix():
    try:
        set_script_prefix("/directory/")
        assert links.slug_url("clinics:clinic-detail", "pine") == "/directory/clinics/pine/"
    finally:
        set_script_prefix("/")
    assert links.slug_url("clinics:clinic-detail", "pine") == "/clinics/pine/"


def test_slug_url_refuses_what_is_not_a_slug():
    with pytest.raises(NoReverseMatch):
        links.slug_url("clinics:clinic-detail", "../admin")


@pytest.mark.parametrize("data", [
    None,
    {"near": "78704", "radius": "10", "condition": "fibromyalgia", "accepting": "1",
     "language": "es", "sort": "match"},
    {"near": HOSTILE, "condition": "no such thing", "gender": "zz", "radius": "7", "lat": "x"},
])
def test_search_form_renders_the_markup_every_other_form_gets(db, data):
    """The search form renders through Jinja2 (templates/jinja2/django/forms/field.html) for
    speed; every other form through Django's templates (templates/django/forms/field.html).
    The two must give the same markup, errors and help included."""
    import re

    from django.forms.renderers import TemplatesSetting
    from django.http import QueryDict

    from clinics import search

    form = search.find_practitioners(None if data is None else QueryDict(mutable=True)).form
    if data is not None:
        query = QueryDict(mutable=True)
        query.update(data)
        form = search.find_practitioners(query).form

    def fields() -> dict[str, str]:
        form._bound_fields_cache.clear()
        return {name: re.sub(r"\s+", " ", str(form[name].as_field_group())).strip()
                for name in form.fields}

    jinja2 = fields()
    assert not any("<script" in markup for markup in jinja2.values())
    # The engines spell a few escapes differently (&#34; for &quot;): compare what they mean.
    jinja2 = {name: html.unescape(markup) for name, markup in jinja2.items()}
    form.renderer = TemplatesSetting()
    django_templates = {name: html.unescape(markup) for name, markup in fields().items()}

    assert jinja2 == django_templates
    assert type(search.find_practitioners(None).form.renderer).__name__ == "JinjaFormRenderer"
    if data is not None and "gender" in data:
        assert 'aria-invalid="true"' in jinja2["gender"]


def test_search_form_reuses_a_choice_fields_markup_but_never_an_invalid_one(db):
    from django.http import QueryDict

    from clinics import search
    from clinics.search.form import FieldGroups

    FieldGroups._rendered.clear()

    def groups(query: str):
        return search.find_practitioners(QueryDict(query)).form.groups

    first = groups("near=78704&radius=10")["radius"]
    again = groups("near=78704&radius=10")["radius"]
    other = groups("near=78704&radius=50")["radius"]
    invalid = groups("near=78704&radius=7")["radius"]

    assert again is first  # taken from the memo, not rendered again
    assert 'value="10" selected' in first and 'value="50" selected' in other
    assert 'aria-invalid="true"' in invalid
    assert [key[:2] for key in FieldGroups._rendered] == [("radius", "10"), ("radius", "50")]
    # Free text is never kept: any string would make an entry.
    assert "78704" in groups("near=78704")["near"]
    assert all(key[0] != "near" for key in FieldGroups._rendered)


def test_search_form_markup_memo_keeps_at_most_its_size(db, monkeypatch):
    from django.http import QueryDict

    from clinics import search
    from clinics.search.form import FieldGroups

    FieldGroups._rendered.clear()
    monkeypatch.setattr(FieldGroups, "SIZE", 2)
    for radius in ("5", "10", "25"):
        search.find_practitioners(QueryDict(f"near=78704&radius={radius}")).form.groups["radius"]

    assert [key[1] for key in FieldGroups._rendered] == ["10", "25"]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("near, condition", [
    ("78704", "fibromyalgia"),
    (HOSTILE, HOSTILE),  # errors: rendered afresh
    ("Austin, TX", "dry needling"),  # a treatment typed as a condition
    ("78704", 'fibro" & <b>'),
])
def test_free_text_fields_from_their_slot_match_a_fresh_rendering(db, language, near, condition):
    """The place and condition fields are kept with a slot for the value: what goes in the
    slot must be what the widget template would have printed, escapes included."""
    from django.http import QueryDict
    from django.utils import translation

    from clinics import search
    from clinics.search.form import FieldGroups

    FieldGroups._slotted.clear()
    query = QueryDict(mutable=True)
    query.update({"near": near, "condition": condition})
    located = QueryDict(mutable=True)
    located.update({"lat": "30.2457", "lng": "-97.7501", "condition": ""})
    with translation.override(language):
        for _ in range(2):  # the first fills the slot, the second uses it
            forms = (search.find_practitioners(query).form,
                     search.find_practitioners(located).form)
            for form, name in itertools.product(forms, ("near", "condition", "lat", "lng")):
                form._bound_fields_cache.clear()
                assert form.groups[name] == form[name].as_field_group()
    assert "<b>" not in str(search.find_practitioners(query).form.groups["condition"])
    slotted = [key for key, parts in FieldGroups._slotted.items() if parts is not None]
    assert {key[0] for key in slotted} <= {"near", "condition", "lat", "lng"}
    assert slotted or near == HOSTILE  # kept, unless every value had an error


def test_a_slot_that_the_value_would_fill_twice_is_not_kept(db, monkeypatch):
    from django.http import QueryDict

    from clinics import search
    from clinics.search.form import FieldGroups

    FieldGroups._slotted.clear()
    monkeypatch.setattr(FieldGroups, "SLOT", "near")  # shows in the name="near" attribute too
    form = search.find_practitioners(QueryDict("near=78704")).form

    assert form.groups["near"] == form["near"].as_field_group()
    assert FieldGroups._slotted[("near", form.vocabulary.version, "en", "en")] is None



def test_kept_markup_stays_within_its_size_and_still_matches(db, monkeypatch):
    from django.http import QueryDict

    from clinics import search
    from clinics.search.form import FieldGroups

    FieldGroups._slotted.clear()
    FieldGroups._rendered.clear()
    monkeypatch.setattr(FieldGroups, "SIZE", 2)
    for query in ("near=78704&condition=fibromyalgia&radius=10", "lat=30.2&lng=-97.7&radius=25",
                  "near=78704&radius=50&sort=match"):
        form = search.find_practitioners(QueryDict(query)).form
        for name in ("near", "condition", "lat", "lng", "radius", "sort"):
            assert form.groups[name] == form[name].as_field_group()
    assert (len(FieldGroups._slotted), len(FieldGroups._rendered)) == (2, 2)

def test_condition_suggestions_list_every_condition_escaped_and_follow_the_language(db):
    from django.utils import translation

    from clinics import search
    from clinics.models import Condition

    Condition.objects.create(name="Lupus <script>", slug="lupus-script")
    form = search.find_practitioners(None).form
    options = str(form.condition_options)

    assert options.startswith('<datalist id="condition-options">')
    assert options.count("<option ") == len(form.vocabulary.conditions)
    assert "Lupus &lt;script&gt;" in options and "<script>" not in options
    with translation.override("es"):
        assert search.find_practitioners(None).form.condition_options is not None
    from clinics.search.form import FieldGroups
    assert {key[2] for key in FieldGroups._rendered if key[0] == "condition-options"} >= {
        "en", "es"}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("number", [1, 2, 3])
def test_search_page_twins_of_shared_partials_give_the_same_markup(rf, language, number):
    """The search page is Jinja2 (templates/jinja2/clinics/search_page.html); its
    pagination and "Use my location" button are twins of the Django partials every other
    page includes, and must say the same, links and escapes included."""
    import re

    from django.core.paginator import Paginator
    from django.template import engines
    from django.utils import translation

    request = rf.get("/practitioners/", {"near": HOSTILE, "payer": ["a", "b"], "page": "2"})
    page_obj = Paginator(range(50), 20).page(number)

    def render(engine: str, name: str) -> str:
        markup = engines[engine].get_template(name).render({"page_obj": page_obj}, request)
        markup = re.sub(r"\{#.*?#\}", "", markup, flags=re.S)  # Jinja2's own comments
        return re.sub(r"\s+", " ", html.unescape(markup)).strip()

    with translation.override(language):
        pagination = render("jinja2", "includes/pagination.html")
        assert pagination == render("django", "includes/_pagination.html")
        assert render("jinja2", "includes/geolocate.html") == render(
            "django", "includes/_geolocate.html")
    links = re.findall(r'href="\?([^"]+)" rel="(prev|next)"', pagination)
    assert [(rel, parse_qs(query)["page"]) for query, rel in links] == [
        (rel, [str(number + step)]) for rel, step in (("prev", -1), ("next", 1))
        if 1 <= number + step <= 3]
    assert all(parse_qs(query)["payer"] == ["a", "b"] for query, _rel in links)
    assert "<script" not in pagination
