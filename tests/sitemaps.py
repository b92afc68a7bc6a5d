"""Reading the sitemap index at /sitemap.xml and the section pages it lists, as a crawler
would: from the index to each page of each section."""

import xml.etree.ElementTree as ET

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ORIGIN = "http://testserver"


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own response, not untrusted input)


def index_entries(client) -> list[tuple[str, str | None]]:
    """(address, lastmod) of each sitemap page the index lists, in its order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = parse_xml(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [
        (entry.findtext(f"{SITEMAP}loc"), entry.findtext(f"{SITEMAP}lastmod"))
        for entry in root.iter(f"{SITEMAP}sitemap")
    ]


def page_urls(client, path: str) -> dict[str, dict[str, str]]:
    """{address: {hreflang: address}} of one sitemap page, e.g. /sitemap-clinics.xml?p=2."""
    response = client.get(path)
    assert response.status_code == 200, path
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in parse_xml(response.content).iter(f"{SITEMAP}url")
    }


def page_lastmods(client, path: str) -> dict[str, str | None]:
    """{address: lastmod} of one sitemap page."""
    root = parse_xml(client.get(path).content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def all_urls(client) -> dict[str, dict[str, str]]:
    """{address: {hreflang: address}} of every page of every section the index lists."""
    urls: dict[str, dict[str, str]] = {}
    for location, _ in index_entries(client):
        assert location.startswith(ORIGIN + "/sitemap-"), location
        page = page_urls(client, location.removeprefix(ORIGIN))
        assert not urls.keys() & page.keys(), "an address listed twice"
        urls |= page
    return urls
