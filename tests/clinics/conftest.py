import http.server
import json
import threading
import urllib.parse

import pytest
from geopy.distance import great_circle

from clinics import geocoding, online_geocoder
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
class StandInNominatim:
    """A Nominatim on 127.0.0.1 for geopy to talk to: no test reaches the real network.

    `places` maps a query (as sent, compared lower-case) to (lat, lng, display name); any
    other query gets Nominatim's "nothing found", []. `mode` is "answer", "hang" (accept
    the request and never answer), or an HTTP status to answer with (503: overloaded).
    `requests` lists every query the server received, hanging ones included.
    """

    def __init__(self):
        self.places: dict[str, tuple[float, float, str]] = {}
        self.mode: str | int = "answer"
        self.requests: list[str] = []
        self.release = threading.Event()  # ends every hanging request at teardown
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server API)
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                text = query.get("q", [""])[0]
                stand_in.requests.append(text)
                if stand_in.mode == "hang":
                    stand_in.release.wait(30)
                    return
                if isinstance(stand_in.mode, int):
                    self.send_error(stand_in.mode)
                    return
                found = stand_in.places.get(text.lower())
                body = json.dumps([] if found is None else [{
                    "place_id": 1, "lat": str(found[0]), "lon": str(found[1]),
                    "display_name": found[2], "class": "place", "type": "locality",
                }]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.domain = f"127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def nominatim(settings):
    """The online geocoder switched on and pointed at a StandInNominatim, with a fresh
    circuit breaker and no pause between requests (the 1 s policy delay would only slow the
    tests down). The timeout stays the production default unless a test sets its own."""
    stand_in = StandInNominatim()
    settings.GEOCODER = "nominatim"
    settings.GEOCODER_DOMAIN = stand_in.domain
    settings.GEOCODER_SCHEME = "http"
    settings.GEOCODER_MIN_DELAY_SECONDS = 0
    online_geocoder.breaker.reset()
    yield stand_in
    stand_in.close()
    online_geocoder.breaker.reset()
