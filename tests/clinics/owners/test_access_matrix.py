"""Every owner URL, as each kind of visitor: who gets in, and that refusals change nothing.

Adding an owner URL means adding a row to URLS. Anonymous visitors are sent to log in;
members of other clinics, and staff who are not members, get 404 (staff moderate in the
admin), except for credential documents, which verifying staff may open.
"""

import re
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from clinics.models import Credential, Location, Practitioner
from clinics.owners.models import Invitation
from tests.conftest import verified_login
from tests.documents import PDF
from tests.factories import ContactRequestFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_owner", "owner", "moderator"]


@pytest.fixture
def world(listing, private_media):
    listing.credential.document.save("licence.pdf", ContentFile(PDF))
    listing.contact_request = ContactRequestFactory(clinic=listing.clinic)
    return listing


def snapshot(w):
    """Everything an owner URL can change, read fresh from the database."""
    clinic = type(w.clinic).objects.get(pk=w.clinic.pk)
    return {
        "clinic": (clinic.phone, clinic.status, clinic.last_confirmed_at),
        "location": Location.objects.get(pk=w.location.pk).street,
        "practitioner": Practitioner.objects.get(pk=w.practitioner.pk).bio,
        "credential": Credential.objects.values_list("number", "status").get(pk=w.credential.pk),
        "contact_request": type(w.contact_request).objects.get(pk=w.contact_request.pk).status,
        "counts": (Location.objects.count(), Practitioner.objects.count(),
                   Credential.objects.count(), Invitation.objects.count()),
    }


def clinic_url(name, *more):
    return lambda w: reverse(f"owners:{name}", args=[w.clinic.pk, *(m(w) for m in more)])


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: object  # world -> URL
    data: object = None  # world -> POST data
    # Status for a signed-in user who is not a member (other owner, moderator) when it is
    # not 404: pages that belong to the user, not to a clinic.
    others: dict | None = None

    def __str__(self):
        return f"{self.method} {self.name}"


CREDENTIAL = {"kind": "pt", "jurisdiction": "TX", "number": "PT777", "issuer": "TX PT board"}

URLS = [
    Row("dashboard", "GET", lambda w: reverse("owners:dashboard"),
        others={"other_owner": 200, "moderator": 200}),
    Row("clinic-create", "GET", lambda w: reverse("owners:clinic-create"),
        others={"other_owner": 200, "moderator": 200}),
    Row("clinic", "GET", clinic_url("clinic")),
    Row("clinic-edit", "GET", clinic_url("clinic-edit")),
    Row("clinic-edit", "POST", clinic_url("clinic-edit"),
        lambda w: {"name": w.clinic.name, "phone": "512-555-0000", "email": w.clinic.email}),
    Row("clinic-confirm", "POST", clinic_url("clinic-confirm"), lambda w: {}),
    Row("clinic-request-review", "POST", clinic_url("clinic-request-review"), lambda w: {}),
    Row("location-create", "GET", clinic_url("location-create")),
    Row("location-create", "POST", clinic_url("location-create"),
        lambda w: {"street": "5 Oak St", "city": "Austin", "state": "TX", "zip_code": "78701"}),
    Row("location-edit", "GET", clinic_url("location-edit", lambda w: w.location.pk)),
    Row("location-edit", "POST", clinic_url("location-edit", lambda w: w.location.pk),
        lambda w: {"street": "7 Pine St", "city": "Austin", "state": "TX", "zip_code": "78704"}),
    Row("practitioner-create", "GET", clinic_url("practitioner-create")),
    Row("practitioner-create", "POST", clinic_url("practitioner-create"),
        lambda w: {"name": "New Person", "workplaces": [w.location.pk]}),
    Row("practitioner-edit", "GET", clinic_url("practitioner-edit", lambda w: w.practitioner.pk)),
    Row("practitioner-edit", "POST",
        clinic_url("practitioner-edit", lambda w: w.practitioner.pk),
        lambda w: {"name": w.practitioner.name, "bio": "Changed.",
                   "workplaces": [w.location.pk]}),
    Row("credential-create", "GET",
        clinic_url("credential-create", lambda w: w.practitioner.pk)),
    Row("credential-create", "POST",
        clinic_url("credential-create", lambda w: w.practitioner.pk),
        lambda w: {**CREDENTIAL, "document": SimpleUploadedFile("a.pdf", PDF)}),
    Row("credential-edit", "GET", clinic_url("credential-edit", lambda w: w.credential.pk)),
    Row("credential-edit", "POST", clinic_url("credential-edit", lambda w: w.credential.pk),
        lambda w: {**CREDENTIAL, "number": "CHANGED"}),
    Row("document", "GET", lambda w: w.credential.document.url, others={"moderator": 200}),
    Row("invite", "GET", clinic_url("invite")),
    Row("invite", "POST", clinic_url("invite"),
        lambda w: {"email": "someone@example.org", "role": "manager"}),
    Row("inbox", "GET", clinic_url("inbox")),
    Row("inbox-detail", "GET", clinic_url("inbox-detail", lambda w: w.contact_request.pk)),
    Row("inbox-detail", "POST", clinic_url("inbox-detail", lambda w: w.contact_request.pk),
        lambda w: {"status": "replied"}),
]


def expected_status(row, role):
    if role == "anonymous":
        return 302
    if role == "owner":
        return 200 if row.method == "GET" else 302
    return (row.others or {}).get(role, 404)


def client_for(role, request, world):
    client = Client()
    users = {"owner": lambda: world.owner,
             "other_owner": lambda: request.getfixturevalue("other_owner"),
             "moderator": lambda: request.getfixturevalue("moderator")}
    if role in users:
        # Verified sessions: this matrix is about whose objects, not the second factor.
        verified_login(client, users[role]())
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", URLS, ids=str)
def test_owner_url_access(request, world, row, role, mailoutbox):
    client = client_for(role, request, world)
    url = row.url(world)
    before = snapshot(world)

    response = client.get(url) if row.method == "GET" else client.post(url, row.data(world))

    assert response.status_code == expected_status(row, role)
    if role == "anonymous":
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    if role != "owner":
        assert snapshot(world) == before
        assert mailoutbox == []


@pytest.mark.parametrize("row", [r for r in URLS if r.method == "POST"], ids=str)
def test_owner_post_changes_something(request, world, row, mailoutbox):
    """The other side of the matrix: the owner's POST does what it says (except a no-op)."""
    client = client_for("owner", request, world)
    before = snapshot(world)

    client.post(row.url(world), row.data(world))

    if row.name == "clinic-request-review":  # a published listing needs no review
        assert snapshot(world) == before
    else:
        assert snapshot(world) != before


def test_every_owner_url_is_in_the_matrix():
    from clinics.owners import urls

    # The dashboard's pages; the invitation link is for people who are not members yet, and
    # the routes from a public listing are for visitors.
    owner_urls = {pattern.name for pattern in urls.urlpatterns
                  if str(pattern.pattern).startswith("account/")} - {"accept-invitation"}

    assert owner_urls == {row.name for row in URLS}


def test_moderator_group_holds_only_moderation_permissions(moderator):
    granted = {p for p in moderator.get_all_permissions()
               if p.startswith(("clinics.", "owners."))}

    assert {"owners.view_clinicclaim", "owners.change_clinicclaim",
            "owners.view_listingreport", "owners.change_listingreport",
            "owners.view_owneredit", "owners.change_owneredit",
            "clinics.view_historicalclinic"} <= granted
    assert not {p for p in granted if p.endswith(("contactrequest", "invitation"))}
    assert not {p for p in granted if ".delete_" in p}


@pytest.mark.parametrize("row", [r for r in URLS if r.method == "GET" and r.name != "document"],
                         ids=str)
def test_owner_page_has_one_h1_inside_main(request, world, row):
    response = client_for("owner", request, world).get(row.url(world))

    html = response.content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert len(re.findall(r"<h1[\s>]", main)) == 1


@pytest.mark.parametrize("url", [
    "/account/login/", "/account/signup/", "/account/signup/check-your-email/",
    "/account/confirm/again/", "/account/password/reset/", "/account/password/reset/sent/",
    "/clinics/eastside-needle-clinic/contact/", "/practitioners/rosa-imai/contact/",
    "/clinics/eastside-needle-clinic/report/", "/practitioners/rosa-imai/report/",
])
def test_public_account_page_returns_200_with_one_h1(client, listing, url):
    response = client.get(url)

    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1
