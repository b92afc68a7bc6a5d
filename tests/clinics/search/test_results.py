"""Result rows: who appears, the licence badge, conditions and treatments, and why they match."""

import datetime
import re

import pytest
from django.http import QueryDict
from django.utils import timezone

from clinics import search, vocabulary
from clinics.models import (
    Clinic,
    Credential,
    Modality,
    PractitionerLocation,
    SearchEntry,
)
from clinics.models.listings import stale_on_or_before
from clinics.models.search import BITS
from clinics.search import results
from tests.clinics.search.helpers import AUSTIN, SEARCH, names, run
from tests.clinics.search.test_paginator import shared_cache_in_database
from tests.factories import (
    CredentialFactory,
    PractitionerFactory,
    treats,
)

pytestmark = pytest.mark.django_db


def test_only_vetted_practitioners_appear(place_at, practitioner_at):
    practitioner_at(place_at(*AUSTIN, miles=1), name="Vetted")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    expired = PractitionerFactory(name="Expired", locations=[place_at(*AUSTIN, miles=1)])
    CredentialFactory(practitioner=expired, expires_on=yesterday)
    unverified = PractitionerFactory(name="Unverified", locations=[place_at(*AUSTIN, miles=1)])
    CredentialFactory(practitioner=unverified, status=Credential.Status.SUBMITTED)
    practitioner_at(place_at(*AUSTIN, miles=1, status=Clinic.Status.SUSPENDED), name="Suspended")
    practitioner_at(place_at(*AUSTIN, miles=1, status=Clinic.Status.PENDING), name="Pending")
    certificate_only = PractitionerFactory(name="Certificate", locations=[place_at(*AUSTIN)])
    CredentialFactory(practitioner=certificate_only, kind=Credential.Kind.NCCAOM_AC)

    assert names("near=78704") == ["Vetted"]


def test_result_shows_distance_badges_and_reason(client, place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=3.14), name="Shown",
                                   telehealth=True, free_initial_consultation=True)
    treats(practitioner, "fibromyalgia")

    html = client.get(SEARCH + "?near=78704&condition=fibromyalgia&telehealth=1").content.decode()

    assert html.count("3.1 miles") == 1  # said once, not again in the reason
    assert "✓ Verified: Licensed Acupuncturist (L.Ac.) licence (TX)" in html
    assert "<mark>Fibromyalgia</mark>" in html
    assert '<p class="why">Treats fibromyalgia; offers telehealth</p>' in html
    assert "Free first consultation" in html


def test_result_card_has_call_and_profile_buttons(client, place_at, practitioner_at):
    location = place_at(*AUSTIN, miles=1, name="Eastside Needle Clinic", phone="+1 (512) 555-0100")
    practitioner_at(location, name="Rosa Imai", slug="rosa-imai")

    html = client.get(SEARCH + "?near=78704").content.decode()

    assert ('<a class="button" href="tel:+15125550100">Call +1 (512) 555-0100'
            '<span class="visually-hidden"> (Eastside Needle Clinic)</span></a>') in html
    assert ('<a class="button button-secondary" href="/practitioners/rosa-imai/">View profile'
            '<span class="visually-hidden"> of Rosa Imai</span></a>') in html


def test_result_card_marks_not_taking_new_patients_as_a_caution(client, place_at,
                                                                 practitioner_at):
    practitioner_at(place_at(*AUSTIN, miles=1), accepting_new_patients=False)

    html = client.get(SEARCH + "?near=78704").content.decode()

    assert ('<span class="badge badge-caution"><span aria-hidden="true">⚠ </span>'
            'Not taking new patients</span>') in html
    assert "badge-ok\">Not taking" not in html


def test_search_with_results_folds_into_a_summary_with_change_search(client, place_at,
                                                                     practitioner_at):
    from clinics.models import Payer

    practitioner = practitioner_at(place_at(*AUSTIN, miles=1), accepting_new_patients=True)
    treats(practitioner, "hashimotos-thyroiditis")
    practitioner.locations.get().clinic.payers.add(Payer.objects.get(slug="cigna"))

    html = client.get(SEARCH + "?near=78704&condition=hashimotos-thyroiditis&radius=10"
                      "&payer=aetna&payer=cigna&accepting=1").content.decode()
    empty = client.get(SEARCH + "?near=78704&condition=als").content.decode()
    blank = client.get(SEARCH).content.decode()

    assert ('<summary><span class="summary-text"><span class="visually-hidden">Your search: '
            "</span>Hashimoto&#39;s thyroiditis near 78704, within 10 miles; 3 filters</span> "
            '<span class="summary-action">Change search</span></summary>') in html
    assert html.index('<details class="search-summary">') < html.index('<form method="get"')
    assert 'class="search-summary"' not in empty  # nothing found: the form stays open
    assert 'class="search-summary"' not in blank


def test_reason_keeps_the_condition_name_in_its_own_case(place_at, practitioner_at):
    from clinics.models import Specialty

    practitioner = practitioner_at(place_at(*AUSTIN, miles=1), name="Specialist")
    practitioner.specialties.add(Specialty.objects.get(slug="autoimmune"))

    page = run("near=78704&condition=hashimotos-thyroiditis")

    assert [r.why for r in page.object_list] == [
        "Works in the specialty that covers Hashimoto's thyroiditis"]


def test_condition_and_treatment_names_are_escaped_on_the_card(client, place_at,
                                                               practitioner_at):
    from clinics.models import Condition, Modality

    practitioner = practitioner_at(place_at(*AUSTIN, miles=1))
    Condition.objects.create(name="Pain <b>& co</b>", slug="pain-and-co")
    treats(practitioner, "pain-and-co")
    practitioner.modalities.add(Modality.objects.create(name="<script>x</script>", slug="x"))

    html = client.get(SEARCH + "?near=78704&condition=pain-and-co").content.decode()

    assert "<mark>Pain &lt;b&gt;&amp; co&lt;/b&gt;</mark>" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html


def test_badge_shows_the_licence_that_keeps_them_listed(place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=1))  # TX L.Ac., expires in a year
    CredentialFactory(practitioner=practitioner, kind=Credential.Kind.MEDICAL, jurisdiction="CA",
                      verified_at=timezone.now() - datetime.timedelta(days=400),
                      expires_on=timezone.localdate() + datetime.timedelta(days=700))

    [result] = run("near=78704").object_list

    assert result.licence.kind == Credential.Kind.MEDICAL
    assert result.licence.jurisdiction == "CA"
    assert result.licence.expires_on == timezone.localdate() + datetime.timedelta(days=700)
    assert result.licence.badge.startswith("Medical licence (MD/DO) (CA), checked ")


def test_conditions_and_treatments_come_from_the_tables_when_terms_share_a_bit(
        place_at, practitioner_at, django_assert_num_queries):
    from clinics.models import Condition

    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    # An id 62 above fibromyalgia's lands on the same bit of the index.
    twin = Condition.objects.create(pk=fibromyalgia.pk + BITS, name="Twin pain",
                                    slug="twin-pain")
    lister = practitioner_at(place_at(*AUSTIN, miles=1), name="Lists twin only")
    treats(lister, "twin-pain")
    vocabulary.get()
    assert vocabulary.get().bit_terms("conditions") is None

    # the vocabulary's version (when the shared cache is a table), probe, rows, details, and
    # the conditions' tables
    with django_assert_num_queries(4 + shared_cache_in_database()):
        [result] = run("near=78704").object_list

    assert [c.slug for c in result.conditions] == [twin.slug]


def test_conditions_decoded_from_the_index_match_the_tables(place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=1))
    for slug in ("fibromyalgia", "lupus", "als"):
        treats(practitioner, slug)
    practitioner.modalities.set(Modality.objects.filter(slug__in=["cupping", "dry-needling"]))

    [result] = run("near=78704").object_list

    assert [c.slug for c in result.conditions] == list(
        practitioner.conditions.order_by("name").values_list("slug", flat=True))
    assert [m.slug for m in result.modalities] == ["cupping", "dry-needling"]


def test_a_workplace_leaving_the_index_mid_search_is_left_out(place_at, practitioner_at):
    staying = practitioner_at(place_at(*AUSTIN, miles=1), name="Staying")
    leaving = practitioner_at(place_at(*AUSTIN, miles=2), name="Leaving")
    rows = [(PractitionerLocation.objects.get(practitioner=p).pk, p.pk, 0.0)
            for p in (staying, leaving)]
    SearchEntry.objects.filter(practitioner=leaving).delete()  # e.g. its clinic was suspended

    loaded = results.load_results(rows, vocabulary.get(), stale_cutoff=stale_on_or_before())
    assert [r.practitioner.name for r in loaded] == ["Staying"]


def card_numbers(html: str) -> list[tuple[str, str]]:
    """Each card's (data-number, number shown), in the list's order."""
    return re.findall(r'<li class="result card"[^>]* data-number="(\d+)"[^>]*>.*?'
                      r'<span class="result-number" aria-hidden="true">(\d+)</span>', html, re.S)


@pytest.mark.parametrize(("page", "start", "numbers"), [(1, 1, ["1", "2"]), (2, 3, ["3"])])
def test_each_card_shows_its_number_as_the_map_does_from_the_lists_start(
        place_at, practitioner_at, page, start, numbers):
    for miles in (1, 2, 3):
        practitioner_at(place_at(*AUSTIN, miles=miles), name=f"At {miles} miles")

    found = search.find_practitioners(QueryDict("near=78704"), page=page, per_page=2)
    html = str(found.cards_html)

    assert f'<ol class="result-list" start="{start}">' in html
    # Shown to the eye only: the numbered list already tells a screen reader the position.
    assert card_numbers(html) == [(number, number) for number in numbers]


# --- Named placeholders on SQLite ----------------------------------------------------------

def test_named_placeholders_number_each_placeholder_in_order():
    sql, params = results.named_placeholders("SELECT %s, %s WHERE a IN (%s)", [1, "two", 3])

    assert sql == "SELECT %(p0)s, %(p1)s WHERE a IN (%(p2)s)"
    assert params == {"p0": 1, "p1": "two", "p2": 3}


def test_named_placeholders_name_any_number_of_parameters():
    count = len(results.PARAMETER_NAMES) + 2
    sql, params = results.named_placeholders(", ".join(["%s"] * count), list(range(count)))

    assert sql.endswith(f"%(p{count - 2})s, %(p{count - 1})s")
    assert params == {f"p{i}": i for i in range(count)}


@pytest.mark.parametrize(("sql", "params"), [
    ("SELECT %s WHERE name LIKE '100%%'", [1]),  # a literal %: left to Django
    ("SELECT %s, %s", [1]),  # a mismatch: left for the driver to refuse
])
def test_named_placeholders_leave_what_they_cannot_name(sql, params):
    assert results.named_placeholders(sql, params) == (sql, params)


def test_named_placeholders_give_the_same_rows_as_positional_ones():
    from django.db import connection

    sql = "SELECT %s + %s, %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [2, 3, "x"])
        positional = cursor.fetchall()
        cursor.execute(*results.named_placeholders(sql, [2, 3, "x"]))
        assert cursor.fetchall() == positional == [(5, "x")]


def test_on_sqlite_a_search_s_own_statements_go_with_named_parameters(place_at,
                                                                      practitioner_at):
    """Django's SQLite cursor rewrites positional placeholders with a regular expression over
    the whole text, over a million instructions for a search's three long statements; named
    ones it formats at the speed of C (results.named_placeholders)."""
    from django.db import connection

    practitioner_at(place_at(*AUSTIN, miles=1), name="Near")
    sent = []

    def keep(execute, sql, params, many, context):
        if "clinics_searchentry" in sql:
            sent.append(params)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        assert names("near=78704") == ["Near"]

    assert len(sent) == 3  # the ring probe, the ordered rows, the details
    named = connection.vendor == "sqlite"
    assert all(isinstance(params, dict) == named for params in sent)
