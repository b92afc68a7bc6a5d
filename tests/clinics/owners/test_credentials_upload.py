"""Credential documents: accepted by content, stored under random names, served privately."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from clinics.models import Credential, Practitioner
from tests.conftest import verified_login
from tests.documents import JPEG, PDF, PNG
from tests.factories import CredentialFactory

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert('hi')</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def credential_fields(**changes):
    return {"kind": "lac", "jurisdiction": "TX", "number": "AC99999",
            "issuer": "Texas Medical Board", "expires_on": "2031-01-31", **changes}


def upload(client, listing, name, content, **changes):
    url = reverse("owners:credential-create",
                  args=[listing.clinic.pk, listing.practitioner.pk])
    return client.post(url, {**credential_fields(**changes),
                             "document": SimpleUploadedFile(name, content)})


def files_under(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def owner_client(listing):
    client = Client()
    verified_login(client, listing.owner)
    return client


@pytest.mark.parametrize(("name", "content", "suffix"), [
    ("licence.pdf", PDF, "pdf"), ("scan.PNG", PNG, "png"), ("photo.jpeg", JPEG, "jpg"),
    ("no-extension", PDF, "pdf"),
])
def test_upload_of_real_document_is_stored_under_random_name(
    owner_client, listing, private_media, name, content, suffix
):
    response = upload(owner_client, listing, name, content)

    credential = Credential.objects.get(number="AC99999")
    assert response.status_code == 302
    assert credential.status == "submitted"
    assert re.fullmatch(rf"credentials/[0-9a-f]{{32}}\.{suffix}", credential.document.name)
    assert (private_media / credential.document.name).read_bytes() == content


@pytest.mark.parametrize(("name", "content"), [
    ("licence.pdf", HTML),  # an HTML page renamed
    ("licence.svg", SVG),
    ("licence.png", SVG),
    ("setup.pdf", EXE),
    ("empty.pdf", b""),
])
def test_upload_whose_content_is_not_pdf_png_or_jpeg_is_refused(
    owner_client, listing, private_media, name, content
):
    response = upload(owner_client, listing, name, content)

    assert response.status_code == 200
    assert Credential.objects.filter(number="AC99999").count() == 0
    assert not private_media.exists() or files_under(private_media) == []


def test_upload_over_five_megabytes_is_refused(owner_client, listing, private_media):
    response = upload(owner_client, listing, "big.pdf", PDF + b"0" * (5 * 1024 * 1024))

    assert "larger than 5 MB" in response.content.decode()
    assert Credential.objects.filter(number="AC99999").count() == 0


def test_upload_with_path_traversal_name_stays_inside_media_root(
    owner_client, listing, private_media, tmp_path
):
    boundary = "BoUnDaRy"
    fields = credential_fields()
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="document"; '
        f'filename="../../etc/passwd.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + PDF + f"\r\n--{boundary}--\r\n".encode()
    )
    url = reverse("owners:credential-create", args=[listing.clinic.pk, listing.practitioner.pk])

    response = owner_client.generic("POST", url, b"".join(parts),
                                    content_type=f"multipart/form-data; boundary={boundary}")

    credential = Credential.objects.get(number="AC99999")
    assert response.status_code == 302
    assert re.fullmatch(r"credentials/[0-9a-f]{32}\.pdf", credential.document.name)
    assert files_under(tmp_path) == [f"private/{credential.document.name}"]


def test_new_credential_without_document_is_refused(owner_client, listing, private_media):
    url = reverse("owners:credential-create", args=[listing.clinic.pk, listing.practitioner.pk])

    response = owner_client.post(url, credential_fields())

    assert response.status_code == 200
    assert Credential.objects.filter(number="AC99999").count() == 0


# Vetting stays honest


def search_slugs(client):
    response = client.get("/api/practitioners/", {"near": "78704"})
    return [result["slug"] for result in response.json()["results"]]


def test_adding_a_credential_leaves_the_verified_licence_alone(
    owner_client, listing, private_media
):
    upload(owner_client, listing, "licence.pdf", PDF)

    listing.credential.refresh_from_db()
    assert listing.credential.status == "verified"
    assert search_slugs(Client()) == ["rosa-imai"]


def test_changing_the_only_licence_resubmits_it_and_unvets_until_checked(
    owner_client, listing, private_media
):
    url = reverse("owners:credential-edit", args=[listing.clinic.pk, listing.credential.pk])

    response = owner_client.post(url, credential_fields(
        number="AC12345", document=SimpleUploadedFile("new.pdf", PDF)))

    listing.credential.refresh_from_db()
    assert response.status_code == 302
    assert (listing.credential.status, listing.credential.number) == ("submitted", "AC12345")
    assert (listing.credential.verified_by, listing.credential.source) == (None, "")
    assert listing.credential.history.first().history_user == listing.owner
    assert search_slugs(Client()) == []


def test_changing_one_licence_keeps_practitioner_vetted_by_another(
    owner_client, listing, private_media
):
    second = CredentialFactory(practitioner=listing.practitioner, kind="medical")
    url = reverse("owners:credential-edit", args=[listing.clinic.pk, listing.credential.pk])

    owner_client.post(url, credential_fields(
        number="AC12345", document=SimpleUploadedFile("new.pdf", PDF)))

    listing.credential.refresh_from_db()
    second.refresh_from_db()
    assert listing.credential.status == "submitted"
    assert second.status == "verified"
    assert Practitioner.objects.vetted().filter(pk=listing.practitioner.pk).exists()
    assert search_slugs(Client()) == ["rosa-imai"]


def test_credential_of_another_clinics_practitioner_is_404(
    owner_client, listing, other_owner, private_media
):
    foreign = CredentialFactory()

    response = owner_client.post(
        reverse("owners:credential-edit", args=[listing.clinic.pk, foreign.pk]),
        credential_fields())

    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.status == "verified"


# Who can download a document


@pytest.fixture
def document_url(owner_client, listing, private_media):
    upload(owner_client, listing, "licence.pdf", PDF)
    return Credential.objects.get(number="AC99999").document.url


def test_document_for_anonymous_visitor_redirects_to_login(client, document_url):
    response = client.get(document_url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_document_for_another_owner_is_404(client, document_url, other_owner):
    verified_login(client, other_owner)

    assert client.get(document_url).status_code == 404


@pytest.mark.parametrize("who", ["member", "staff", "moderator"])
def test_document_for_member_and_staff_is_a_nosniff_attachment(
    request, owner_client, document_url, who
):
    client = owner_client
    if who != "member":
        client = Client()
        verified_login(client, request.getfixturevalue("staff_user" if who == "staff" else who))

    response = client.get(document_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(r'attachment; filename="credential-\d+\.pdf"',
                        response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_document_url_is_not_under_a_public_media_route(document_url):
    assert document_url.startswith("/account/documents/credentials/")


def test_document_link_in_admin_goes_through_the_checked_view(staff_client, document_url):
    credential = Credential.objects.get(number="AC99999")

    html = staff_client.get(
        reverse("admin:clinics_credential_change", args=[credential.pk])).content.decode()

    assert f'href="{document_url}"' in html
