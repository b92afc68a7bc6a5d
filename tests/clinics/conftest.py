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
