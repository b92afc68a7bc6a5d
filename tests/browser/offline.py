"""Keep the browser off the network: the pages' only requests off this machine are map tiles
(settings.MAP_TILE_URL, static/js/map.js), and a test must pass without them. Each one is
answered here with a transparent 1×1 PNG, so the map draws its blank background, and
recorded so a test can see that tiles were asked for."""

import base64
from urllib.parse import urlsplit

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver"}
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def keep_offline(context) -> list[str]:
    """Answer every request for another host with BLANK_PNG; the list of their URLs."""
    asked: list[str] = []

    def answer(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)

    context.route(lambda url: urlsplit(url).hostname not in LOCAL_HOSTS, answer)
    return asked
