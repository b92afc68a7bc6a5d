import datetime
import html
import re

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone

from clinics.hsds import ids
from clinics.hsds.ids import Kind
from clinics.models import Clinic
from clinics.models.search import INDEX_VERSION_KEY
from tests.clinics.hsds.conftest import schema_errors
from tests.conftest import verified_login
from tests.factories import ClinicFactory, LocationFactory, UserFactory, vetted_practitioner


def org(clinic):
    return ids.encode(Kind.ORGANIZATION, clinic.pk)


def loc(location):
    return ids.encode(Kind.LOCATION, location.pk)


def svc(clinic, modality):
    return ids.encode(Kind.SERVICE, clinic.pk, modality.pk)


def get_json(client, path, schema=None, status=200):
    response = client.get(path)
    assert (response.status_code, response["Content-Type"]) == (status, "application/json")
    data = response.json()
    if schema:
        assert schema_errors(schema, data) == []
    return data


def test_root_gives_version_and_profile(client):
    data = get_json(client, "/hsds/", "root")

    assert data == {"version": "3.0",
                    "profile": "https://github.com/openreferral/specification/tree/3.0"}


def test_organizations_lists_published_clinics_only(client, directory):
    data = get_json(client, "/hsds/organizations", "organization_list:page")

    assert [o["id"] for o in data["contents"]] == [org(directory.clinic), org(directory.other)]
    assert data["contents"][0] == {
        "id": org(directory.clinic), "name": "Eastside Acupuncture",
        "description": "Needles and tea.", "email": directory.clinic.email,
        "website": "https://eastside.example.org/",
        "uri": f"http://testserver/clinics/{directory.clinic.slug}/",
    }
    assert {k: v for k, v in data.items() if k != "contents"} == {
        "total_items": 2, "total_pages": 1, "page_number": 1, "size": 2,
        "first_page": True, "last_page": True, "empty": False}


def test_organization_detail_nests_locations_phone_and_services(client, directory):
    data = get_json(client, f"/hsds/organizations/{org(directory.clinic)}", "organization")

    assert [location["id"] for location in data["locations"]] == [
        loc(directory.north), loc(directory.south)]
    assert data["locations"][0]["addresses"][0]["address_1"] == "1 North St"
    assert data["locations"][1]["name"] == "2 South St, Austin"
    assert data["locations"][0]["accessibility"][0]["description"] == (
        "Step-free entrance: yes. Accessible restroom: no. Parking: no.")
    assert [s["name"] for s in data["services"]] == ["Acupuncture", "Cupping"]
    assert [p["number"] for p in data["phones"]] == ["512-555-0100"]


def test_organization_without_phone_or_email_leaves_them_out(client, directory):
    data = get_json(client, f"/hsds/organizations/{org(directory.other)}", "organization")

    assert (data["phones"], "email" in data) == ([], False)
    assert [s["name"] for s in data["services"]] == ["Acupuncture"]


def test_services_are_treatments_vetted_practitioners_offer(client, directory):
    data = get_json(client, "/hsds/services", "service_list:page")

    m = directory.modality
    assert [(s["id"], s["organization_id"], s["name"]) for s in data["contents"]] == [
        (svc(directory.clinic, m["acupuncture"]), org(directory.clinic), "Acupuncture"),
        (svc(directory.clinic, m["cupping"]), org(directory.clinic), "Cupping"),
        (svc(directory.other, m["acupuncture"]), org(directory.other), "Acupuncture"),
    ]
    assert data["contents"][0]["fees_description"] == (
        "First visit: $85.00. Sliding-scale fees available.")


def test_services_filter_by_organization(client, directory):
    data = get_json(client, f"/hsds/services?organization_id={org(directory.other)}",
                    "service_list:page")

    assert [s["id"] for s in data["contents"]] == [
        svc(directory.other, directory.modality["acupuncture"])]


def test_service_detail_lists_only_published_locations_offering_it(client, directory):
    cupping = directory.modality["cupping"]
    data = get_json(client, f"/hsds/services/{svc(directory.clinic, cupping)}", "service")

    assert [s["location_id"] for s in data["service_at_locations"]] == [loc(directory.north)]
    assert data["service_at_locations"][0]["id"] == ids.encode(
        Kind.SERVICE_AT_LOCATION, directory.north.pk, cupping.pk)
    assert data["organization"]["id"] == org(directory.clinic)
    assert data["cost_options"][0]["amount"] == 85.0


def test_service_detail_of_acupuncture_has_both_locations(client, directory):
    acupuncture = directory.modality["acupuncture"]
    data = get_json(client, f"/hsds/services/{svc(directory.clinic, acupuncture)}", "service")

    assert [s["location_id"] for s in data["service_at_locations"]] == [
        loc(directory.north), loc(directory.south)]


@pytest.mark.parametrize("case", ["unlicensed", "lapsed", "draft", "garbage", "other kind",
                                  "braces", "urn"])
def test_service_detail_unknown_or_hidden_is_404(client, directory, case):
    m = directory.modality
    service_id = {
        "unlicensed": svc(directory.clinic, m["dry-needling"]),
        "lapsed": svc(directory.clinic, m["electroacupuncture"]),
        "draft": svc(directory.draft, m["moxibustion"]),
        "garbage": "not-a-uuid",
        "other kind": org(directory.clinic),
        "braces": f"{{{svc(directory.clinic, m['acupuncture'])}}}",
        "urn": "urn:uuid:" + svc(directory.clinic, m["acupuncture"]),
    }[case]

    data = get_json(client, f"/hsds/services/{service_id}", status=404)

    assert data == {"errors": {"id": ["No service has this id."]}}


def test_service_at_locations_link_treatments_to_published_locations(client, directory):
    data = get_json(client, "/hsds/service_at_locations", "service_at_location_list:page")

    m = directory.modality
    assert [(s["location_id"], s["service_id"]) for s in data["contents"]] == [
        (loc(directory.north), svc(directory.clinic, m["acupuncture"])),
        (loc(directory.north), svc(directory.clinic, m["cupping"])),
        (loc(directory.south), svc(directory.clinic, m["acupuncture"])),
        (loc(directory.west), svc(directory.other, m["acupuncture"])),
    ]
    assert data["contents"][3]["service"]["name"] == "Acupuncture"


def test_pages_carry_the_standard_envelope(client, directory):
    data = get_json(client, "/hsds/service_at_locations?per_page=1&page=2",
                    "service_at_location_list:page")

    assert {k: v for k, v in data.items() if k != "contents"} == {
        "total_items": 4, "total_pages": 4, "page_number": 2, "size": 1,
        "first_page": False, "last_page": False, "empty": False}
    assert data["contents"][0]["location_id"] == loc(directory.north)


def test_empty_directory_is_one_empty_page(client, db):
    data = get_json(client, "/hsds/services", "service_list:page")

    assert data == {"total_items": 0, "total_pages": 1, "page_number": 1, "size": 0,
                    "first_page": True, "last_page": True, "empty": True, "contents": []}


@pytest.mark.parametrize(("query", "field"), [
    ("page=0", "page"), ("page=abc", "page"), ("page=1.5", "page"), ("page=99", "page"),
    ("page=99999999999999999999999", "page"), ("per_page=0", "per_page"),
    ("per_page=101", "per_page"), ("per_page=NaN", "per_page"),
    ("organization_id=123", "organization_id"),
])
def test_bad_parameters_are_a_400_naming_the_field(client, directory, query, field):
    data = get_json(client, f"/hsds/services?{query}", status=400)

    assert list(data["errors"]) == [field]
    assert all(isinstance(message, str) and message for message in data["errors"][field])


def test_unknown_organization_is_404(client, directory):
    for bad in [org(directory.draft), "nonsense", loc(directory.north)]:
        data = get_json(client, f"/hsds/organizations/{bad}", status=404)
        assert data == {"errors": {"id": ["No published organization has this id."]}}


def test_ids_are_stable_across_requests_and_edits(client, directory):
    paths = ["/hsds/organizations", "/hsds/services", "/hsds/service_at_locations"]
    before = [[item["id"] for item in get_json(client, p)["contents"]] for p in paths]
    Clinic.objects.filter(pk=directory.clinic.pk).update(name="Renamed", slug="renamed")

    after = [[item["id"] for item in get_json(client, p)["contents"]] for p in paths]

    assert after == before
    assert len({i for group in before for i in group}) == sum(map(len, before))  # unique


def test_unpublished_clinic_never_appears(client, directory):
    directory.clinic.status = Clinic.Status.SUSPENDED
    directory.clinic.save()
    paths = ["/hsds/organizations", "/hsds/services", "/hsds/service_at_locations",
             f"/hsds/organizations/{org(directory.other)}"]

    bodies = [client.get(p).content.decode() for p in paths]

    for hidden in [directory.clinic, directory.draft]:
        for body in bodies:
            assert org(hidden) not in body and hidden.name not in body
    for location in [directory.north, directory.south, directory.hidden]:
        assert not any(loc(location) in body for body in bodies)
    assert client.get(f"/hsds/organizations/{org(directory.clinic)}").status_code == 404


# HSDS's own vocabulary, not data about the clinic.
HSDS_CONSTANTS = {"physical", "active", "voice", "US", "USD", "First visit"}


def leaves(document, key=""):
    if isinstance(document, dict):
        for name, value in document.items():
            yield from leaves(value, name)
    elif isinstance(document, list):
        for value in document:
            yield from leaves(value, key)
    else:
        yield key, document


@pytest.mark.parametrize("kind", ["organization", "service"])
def test_every_value_is_on_the_clinics_public_page(client, directory, kind):
    clinic, acupuncture = directory.clinic, directory.modality["acupuncture"]
    path = (f"/hsds/organizations/{org(clinic)}" if kind == "organization"
            else f"/hsds/services/{svc(clinic, acupuncture)}")
    data = get_json(client, path)
    page = html.unescape(client.get(clinic.get_absolute_url()).content.decode())

    missing = []
    for key, value in leaves(data):
        if key == "id" or key.endswith("_id") or value in HSDS_CONSTANTS:
            continue
        if isinstance(value, float):  # the page's map link has 5 decimals, prices 2
            value = f"{value:.5f}" if key in ("latitude", "longitude") else f"{value:.2f}"
        # Sentences and "street, city" are made of pieces the page shows separately.
        parts = [part.rstrip(".") for part in re.split(r"(?<=[.,]) ", value)]
        missing += [(key, part.rstrip(",")) for part in parts
                    if part.rstrip(",") not in page]

    assert missing == []


def test_caching_headers_match_the_practitioner_api(client, directory):
    def cache_control(path):
        return client.get(path).get("Cache-Control")

    anonymous = cache_control("/hsds/services"), cache_control("/api/practitioners/")
    verified_login(client, UserFactory())
    signed_in = cache_control("/hsds/services"), cache_control("/api/practitioners/")

    assert anonymous[0] == anonymous[1]
    # Open data answers the same to everyone, so signing in changes nothing (no session is
    # read: directory/headers.py PUBLIC_DATA_PREFIXES).
    assert signed_in == anonymous


# --- Query counts: the same for a page of 1 and of 20 ------------------------------------------


def offering_clinics(count):
    """`count` published clinics, each a location with one vetted acupuncturist."""
    from clinics.models import Modality

    acupuncture = Modality.objects.get(slug="acupuncture")
    clinics = []
    for _ in range(count):
        location = LocationFactory(clinic=ClinicFactory(first_visit_price="60"))
        vetted_practitioner(locations=[location]).modalities.set([acupuncture])
        clinics.append(location.clinic)
    return clinics


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(("path", "queries", "schema"), [
    ("/hsds/organizations", 2, "organization_list:page"),
    # The index's token (from the shared cache, a table in tests), then the page's rows,
    # its clinics or locations and its treatments; the count is kept from the first request.
    ("/hsds/services", 4, "service_list:page"),
    ("/hsds/service_at_locations", 4, "service_at_location_list:page"),
])
def test_list_query_count_does_not_grow_with_the_page(client, db, django_assert_num_queries,
                                                      rows, path, queries, schema):
    offering_clinics(rows)
    client.get(f"{path}?per_page=20")  # makes the index's token and keeps the count

    with django_assert_num_queries(queries):
        data = get_json(client, f"{path}?per_page=20")

    assert data["size"] == rows
    assert schema_errors(schema, data) == []


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(("kind", "queries"), [("organization", 3), ("service", 3)])
def test_detail_query_count_does_not_grow_with_locations(client, db, django_assert_num_queries,
                                                         rows, kind, queries):
    from clinics.models import Modality

    clinic = offering_clinics(1)[0]
    acupuncture = Modality.objects.get(slug="acupuncture")
    for _ in range(rows - 1):
        vetted_practitioner(locations=[LocationFactory(clinic=clinic)]).modalities.set(
            [acupuncture])
    path = (f"/hsds/organizations/{org(clinic)}" if kind == "organization"
            else f"/hsds/services/{svc(clinic, acupuncture)}")

    with django_assert_num_queries(queries):
        data = get_json(client, path, kind)

    nested = data["locations"] if kind == "organization" else data["service_at_locations"]
    assert len(nested) == rows


def test_the_vendored_schemas_are_the_official_ones():
    import gzip

    from tests.clinics.hsds.conftest import COPY, STANDARD

    if not STANDARD.is_dir():
        pytest.skip("../shared/standards is not beside this checkout")
    copies = sorted(COPY.rglob("*.json.gz"))
    assert len(copies) == 6
    for copy in copies:
        official = STANDARD / copy.relative_to(COPY).with_suffix("")
        assert gzip.decompress(copy.read_bytes()) == official.read_bytes(), copy


@pytest.mark.parametrize(("path", "field"), [("/hsds/services", "services"),
                                             ("/hsds/service_at_locations", "at_locations")])
def test_kept_counts_follow_changes_to_the_index(client, directory, path, field,
                                                 django_capture_on_commit_callbacks):
    by_organization = f"{path}?organization_id={org(directory.other)}"
    before = get_json(client, path)["total_items"]
    before_other = get_json(client, by_organization)["total_items"]
    newcomer = vetted_practitioner(locations=[directory.west])
    newcomer.modalities.set([directory.modality["cupping"]])
    # Without the index's token retired (as a commit would), the kept count still answers.
    assert get_json(client, path)["total_items"] == before

    with django_capture_on_commit_callbacks(execute=True):
        newcomer.save()  # rewrites its index rows and, on commit, retires the token

    assert get_json(client, path)["total_items"] == before + 1
    assert get_json(client, by_organization)["total_items"] == before_other + 1
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.credentials.all().delete()
    assert get_json(client, path)["total_items"] == before
    assert get_json(client, by_organization)["total_items"] == before_other


def test_kept_count_drops_a_licence_that_expires_at_midnight(client, directory):
    before = get_json(client, "/hsds/services")["total_items"]
    practitioner = vetted_practitioner(locations=[directory.west])
    practitioner.modalities.set([directory.modality["cupping"]])
    licence = practitioner.credentials.get()
    licence.expires_on = timezone.localdate()
    licence.save()
    caches["shared"].delete(INDEX_VERSION_KEY)  # as the commit of those writes would
    assert get_json(client, "/hsds/services")["total_items"] == before + 1

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert get_json(client, "/hsds/services")["total_items"] == before
