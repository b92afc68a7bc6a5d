"""Credential documents in an S3 bucket (DJANGO_STORAGE=s3): stored privately, served checked.

The bucket is on a real S3 protocol server (moto's, started by the `s3_endpoint` fixture in
tests/clinics/conftest.py) that the site reaches over HTTP, as it would reach its store in
production; no boto3 call is mocked. The same rules as on local disk hold: owners upload
through their credential form, the object gets no public access, and only the clinic's
members and verifying staff download it, through the site's view and never a link to the
store.
"""

import re
import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from clinics.models import Credential
from tests.clinics.owners.test_credentials_upload import PDF, PNG, credential_fields, upload
from tests.conftest import verified_login

pytestmark = pytest.mark.django_db

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"


@pytest.fixture
def owner_client(listing):
    client = Client()
    verified_login(client, listing.owner)
    return client


@pytest.fixture
def uploaded(owner_client, listing, s3_documents):
    """A PDF uploaded by the clinic's owner through the credential form."""
    response = upload(owner_client, listing, "licence.pdf", PDF)
    assert response.status_code == 302
    return Credential.objects.get(number="AC99999")


def keys_in(bucket):
    listing = bucket.client.list_objects_v2(Bucket=bucket.name)
    return sorted(entry["Key"] for entry in listing.get("Contents", []))


def anonymous_get(bucket, key):
    """An unsigned GET of the object's address on the store: status and body."""
    url = f"{bucket.endpoint}/{bucket.name}/{key}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (http to moto)
            return response.status, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def download(client, credential):
    return client.get(credential.document.url)


def client_for(request, who, owner_client):
    if who == "owner":
        return owner_client
    client = Client()
    if who != "anonymous":
        verified_login(client, request.getfixturevalue(who))
    return client


# Uploads land in the bucket, and only there


@pytest.mark.parametrize(("name", "content", "suffix"), [
    ("licence.pdf", PDF, "pdf"), ("scan.png", PNG, "png"),
])
def test_owners_upload_lands_in_the_bucket_and_not_on_local_disk(
    owner_client, listing, s3_documents, private_media, name, content, suffix
):
    response = upload(owner_client, listing, name, content)

    credential = Credential.objects.get(number="AC99999")
    assert response.status_code == 302
    assert credential.status == "submitted"
    assert re.fullmatch(rf"credentials/[0-9a-f]{{32}}\.{suffix}", credential.document.name)
    assert keys_in(s3_documents) == [credential.document.name]
    stored = s3_documents.client.get_object(Bucket=s3_documents.name,
                                            Key=credential.document.name)
    assert stored["Body"].read() == content
    assert not private_media.exists() or not any(private_media.rglob("*"))


def test_refused_upload_leaves_the_bucket_empty(owner_client, listing, s3_documents):
    response = upload(owner_client, listing, "licence.pdf", b"<html><script></script></html>")

    assert response.status_code == 200
    assert keys_in(s3_documents) == []


def test_replacing_the_scan_stores_the_new_one_and_serves_it(
    owner_client, listing, uploaded, s3_documents
):
    # The site keeps the scan it replaces (their removal is another issue), so this checks
    # only that the new one is stored and is the one served.
    url = reverse("owners:credential-edit", args=[listing.clinic.pk, uploaded.pk])

    response = owner_client.post(url, credential_fields(
        number="AC12345", document=SimpleUploadedFile("new.png", PNG)))

    uploaded.refresh_from_db()
    assert response.status_code == 302
    assert uploaded.document.name.endswith(".png")
    assert uploaded.document.name in keys_in(s3_documents)
    assert b"".join(download(owner_client, uploaded).streaming_content) == PNG


# Nothing on the store is public


def test_uploaded_object_refuses_an_anonymous_get_on_the_store(uploaded, s3_documents):
    # A control first: the store does serve an object whose ACL is public, so its refusal
    # below comes from the document's ACL, not from a store that refuses everyone.
    s3_documents.client.put_object(Bucket=s3_documents.name, Key="control.txt", Body=b"open",
                                   ACL="public-read")
    assert anonymous_get(s3_documents, "control.txt") == (200, b"open")

    status, body = anonymous_get(s3_documents, uploaded.document.name)

    assert status == 403
    assert PDF not in body


def test_aws_settings_cannot_make_a_document_public(
    settings, owner_client, listing, s3_documents
):
    # What a deployment might carry over from another django-storages site.
    settings.AWS_DEFAULT_ACL = "public-read"
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_CUSTOM_DOMAIN = "cdn.example.org"
    settings.AWS_S3_OBJECT_PARAMETERS = {"ACL": "public-read"}

    upload(owner_client, listing, "licence.pdf", PDF)

    credential = Credential.objects.get(number="AC99999")
    assert anonymous_get(s3_documents, credential.document.name)[0] == 403
    assert credential.document.url == reverse("owners:document",
                                              kwargs={"name": credential.document.name})


def test_uploaded_object_grants_nothing_beyond_its_owner(uploaded, s3_documents):
    acl = s3_documents.client.get_object_acl(Bucket=s3_documents.name,
                                             Key=uploaded.document.name)

    assert [(grant["Grantee"].get("ID"), grant["Permission"]) for grant in acl["Grants"]] == [
        (acl["Owner"]["ID"], "FULL_CONTROL")]
    grantee_groups = {grant["Grantee"].get("URI") for grant in acl["Grants"]}
    assert not grantee_groups & {ALL_USERS, AUTHENTICATED_USERS}


def test_uploaded_object_keeps_the_type_of_its_content_and_is_an_attachment(
    owner_client, listing, s3_documents
):
    # The browser says text/html; the content is a PDF.
    owner_client.post(
        reverse("owners:credential-create", args=[listing.clinic.pk, listing.practitioner.pk]),
        {**credential_fields(),
         "document": SimpleUploadedFile("licence.pdf", PDF, content_type="text/html")})

    name = Credential.objects.get(number="AC99999").document.name
    head = s3_documents.client.head_object(Bucket=s3_documents.name, Key=name)
    assert (head["ContentType"], head["ContentDisposition"]) == ("application/pdf", "attachment")


def test_links_to_the_document_go_through_the_checked_view_not_the_store(
    owner_client, staff_client, listing, uploaded, s3_documents
):
    checked = reverse("owners:document", kwargs={"name": uploaded.document.name})
    pages = [
        owner_client.get(reverse("owners:clinic", args=[listing.clinic.pk])),
        staff_client.get(reverse("admin:clinics_credential_change", args=[uploaded.pk])),
    ]

    assert uploaded.document.url == checked
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert f'href="{checked}"' in html
        assert s3_documents.endpoint not in html
        assert "X-Amz-" not in html


# Who can download it, through the site


@pytest.mark.parametrize("who", ["owner", "staff_user", "moderator"])
def test_member_and_staff_download_the_uploaded_bytes_as_an_attachment(
    request, owner_client, uploaded, who
):
    response = download(client_for(request, who, owner_client), uploaded)

    assert response.status_code == 200
    assert "Location" not in response
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(rf'attachment; filename="credential-{uploaded.pk}\.pdf"',
                        response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private, no-store")
    assert b"".join(response.streaming_content) == PDF


def test_anonymous_visitor_is_sent_to_log_in_not_to_the_store(client, uploaded, s3_documents):
    response = download(client, uploaded)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert s3_documents.endpoint not in response["Location"]
    assert "X-Amz-" not in response["Location"]


def test_another_clinics_owner_gets_404(client, uploaded, other_owner):
    verified_login(client, other_owner)

    response = download(client, uploaded)

    assert response.status_code == 404
    assert PDF not in response.content


@pytest.mark.parametrize("who", ["anonymous", "other_owner", "owner", "staff_user"])
def test_no_answer_redirects_to_the_store(request, owner_client, uploaded, s3_documents, who):
    response = download(client_for(request, who, owner_client), uploaded)

    location = response.get("Location", "")
    assert not location.startswith(("http://", "https://", "//"))
    assert s3_documents.endpoint not in location
    assert "X-Amz-" not in location


def test_document_gone_from_the_bucket_is_404_not_an_error(
    owner_client, uploaded, s3_documents
):
    s3_documents.client.delete_object(Bucket=s3_documents.name, Key=uploaded.document.name)

    assert download(owner_client, uploaded).status_code == 404
