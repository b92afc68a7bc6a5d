import pytest
from geopy.distance import great_circle

from clinics import geocoding
from tests.factories import ClinicFactory, LocationFactory, PractitionerFactory


@pytest.fixture
def place_at():
    """A published location `miles` from (lat, lng) on `bearing`, with real geometry."""

    def make(lat, lng, miles=0.0, bearing=0.0, clinic=None, **kwargs):
        point = great_circle(miles=miles).destination((lat, lng), bearing)
        return LocationFactory(clinic=clinic or ClinicFactory(**kwargs), lat=point.latitude,
                               lng=point.longitude)

    return make


@pytest.fixture
def zip_point():
    def lookup(zip_code):
        place = geocoding.geocode(zip_code)
        return place.lat, place.lng

    return lookup


@pytest.fixture
def practitioner_at():
    from tests.factories import CredentialFactory

    def make(location, **kwargs):
        practitioner = PractitionerFactory(locations=[location], **kwargs)
        CredentialFactory(practitioner=practitioner)
        return practitioner

    return make


# --- Credential documents in object storage ----------------------------------------------------

S3_REGION = "us-east-1"
S3_KEYS = {"aws_access_key_id": "test-access-key", "aws_secret_access_key": "test-secret-key"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3 protocol server (moto's) in this process, on a free port of 127.0.0.1.

    The tests reach it over HTTP through django-storages and boto3, as the site reaches its
    bucket, so it needs no outside service and CI runs these tests like any other.
    """
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint):
    """An empty bucket of its own for the test; attributes: name, endpoint, client (boto3)."""
    import uuid
    from types import SimpleNamespace

    import boto3

    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=S3_REGION, **S3_KEYS)
    name = f"documents-{uuid.uuid4().hex[:16]}"
    client.create_bucket(Bucket=name)
    return SimpleNamespace(name=name, endpoint=s3_endpoint, client=client)


@pytest.fixture
def s3_documents(settings, monkeypatch, s3_bucket, private_media):
    """Credential documents go to `s3_bucket`, as DJANGO_STORAGE=s3 sends them.

    The "documents" storage is the one directory/settings.py builds from the environment a
    deployment would set, so these tests cover that reading too. Overriding STORAGES makes
    Django forget its storages and clinics.storage forget the document storage it looked up.
    MEDIA_ROOT is a fresh folder, so a test can show that nothing lands on local disk.
    """
    import runpy
    from pathlib import Path

    import directory

    with monkeypatch.context() as env:
        for name, value in {
            "DJANGO_STORAGE": "s3", "DJANGO_S3_BUCKET": s3_bucket.name,
            "DJANGO_S3_ENDPOINT_URL": s3_bucket.endpoint, "DJANGO_S3_REGION": S3_REGION,
            "DJANGO_S3_ACCESS_KEY_ID": S3_KEYS["aws_access_key_id"],
            "DJANGO_S3_SECRET_ACCESS_KEY": S3_KEYS["aws_secret_access_key"],
        }.items():
            env.setenv(name, value)
        deployed = runpy.run_path(str(Path(directory.__file__).parent / "settings.py"))
    settings.STORAGES = {**settings.STORAGES, "documents": deployed["STORAGES"]["documents"]}
    return s3_bucket
