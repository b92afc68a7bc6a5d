"""A Spanish-speaking patient: the Spanish home page, its search form, Spanish results and a
Spanish profile, accessible at desktop and phone width; and back to English."""

import pytest
from playwright.sync_api import expect

from tests.factories import CredentialFactory, LocationFactory, PractitionerFactory

from .axe import assert_accessible
from .conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from .security import watched_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def make_practitioner():
    practitioner = PractitionerFactory(
        name="Rosa Delgado", slug="rosa-delgado", locations=[LocationFactory(lat=30.2500, lng=-97.7600)],
        accepting_new_patients=True, telehealth=True)
    CredentialFactory(practitioner=practitioner)


def search_in_spanish(tab, live_server, label):
    tab.goto(f"{live_server.url}/es/")
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Encuentre un acupunturista o un profesional de punción seca verificado")
    assert_accessible(tab, context_label=f"Spanish home, {label}")

    tab.get_by_label("Código postal, o ciudad y estado").fill("78704")
    tab.get_by_role("button", name="Buscar", exact=True).click()
    tab.wait_for_url("**/es/practitioners/?*")


@pytest.mark.parametrize("viewport", [DESKTOP_VIEWPORT, PHONE_VIEWPORT], ids=["1280", "375"])
def test_spanish_search_from_the_home_page_gives_spanish_results(browser, live_server, viewport):
    make_practitioner()
    with watched_context(browser, viewport=viewport) as (tab, _watch):
        walk_in_spanish(tab, live_server, viewport["width"])


def walk_in_spanish(tab, live_server, width):
    label = f"{width} px"

    search_in_spanish(tab, live_server, label)

    expect(tab.locator("#results-heading")).to_have_text(
        "1–1 de 1 profesional verificado a menos de 25 millas")
    result = tab.locator(".result-list > li")
    expect(result).to_contain_text("Rosa Delgado")
    expect(result).to_contain_text("Acepta pacientes nuevos")
    expect(result).to_contain_text("millas de distancia")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, label
    assert_accessible(tab, context_label=f"Spanish results, {label}")

    result.get_by_role("link", name="Ver perfil de Rosa Delgado").click()
    expect(tab).to_have_url(f"{live_server.url}/es/practitioners/rosa-delgado/")
    expect(tab.get_by_role("heading", name="Licencias y credenciales")).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, label
    assert_accessible(tab, context_label=f"Spanish profile, {label}")

    tab.get_by_role("link", name="English").click()
    expect(tab).to_have_url(f"{live_server.url}/practitioners/rosa-delgado/")
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.get_by_role("heading", name="Licences and credentials")).to_be_visible()
