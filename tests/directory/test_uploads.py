"""A request body over MAX_REQUEST_BODY_BYTES is refused with 413 before any of it is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clinics.models import Credential
from tests.clinics.owners.test_credentials_upload import credential_fields
from tests.conftest import verified_login
from tests.documents import PDF

pytestmark = pytest.mark.django_db


class UnreadableBody:
    """A wsgi.input that fails the test if the site reads a single byte of it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def credential_url(listing):
    return reverse("owners:credential-create", args=[listing.clinic.pk, listing.practitioner.pk])


def test_body_declared_over_the_limit_is_refused_unread(client, listing, private_media):
    verified_login(client, listing.owner)

    response = client.generic(
        "POST", credential_url(listing), b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(60 * 1024 * 1024), **{"wsgi.input": UnreadableBody()})

    assert response.status_code == 413
    assert "We accept up to 6 MB in one go, and nothing you sent was saved." in (
        response.content.decode())
    assert Credential.objects.filter(number="AC99999").count() == 0


def test_413_page_is_a_site_page_with_one_heading(client):
    response = client.generic("POST", "/", b"", CONTENT_LENGTH=str(6 * 1024 * 1024 + 1),
                              **{"wsgi.input": UnreadableBody()})

    assert response.status_code == 413
    assert response.content.decode().count("<h1") == 1
    assert "Content-Security-Policy" in response.headers


def test_body_at_the_limit_is_read(client, listing, private_media, settings):
    verified_login(client, listing.owner)
    settings.MAX_REQUEST_BODY_BYTES = 64 * 1024

    response = client.post(credential_url(listing), {
        **credential_fields(), "document": SimpleUploadedFile("licence.pdf", PDF)})

    assert response.status_code == 302
    assert Credential.objects.filter(number="AC99999").count() == 1


def test_upload_over_a_lowered_limit_is_refused(client, listing, private_media, settings):
    verified_login(client, listing.owner)
    settings.MAX_REQUEST_BODY_BYTES = 100

    response = client.post(credential_url(listing), {
        **credential_fields(), "document": SimpleUploadedFile("licence.pdf", PDF)})

    assert response.status_code == 413
    assert Credential.objects.filter(number="AC99999").count() == 0

