"""English and Spanish: /es/ addresses, <html lang>, hreflang alternates, the switcher, the
emails a patient gets and the API's messages (directory/languages.py, directory/urls.py)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def h1(html: str) -> str:
    [heading] = re.findall(r"<h1>(.*?)</h1>", html, re.S)
    return heading


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(html: str) -> list[tuple[str, str, str]]:
    """(href, lang, text) of the header's links to the page in another language."""
    return re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+" '
                      r'class="language-switch">([^<]+)</a>', html)


@pytest.mark.parametrize(("path", "heading"), [
    ("/es/", "Encuentre un acupunturista o un profesional de punción seca verificado"),
    ("/es/practitioners/?near=78704", "Encuentre un profesional verificado"),
    ("/es/about/", "Cómo verificamos a los profesionales"),
    ("/es/conditions/", "Afecciones"),
])
def test_spanish_page_is_in_spanish_with_lang_es(client, path, heading):
    html = client.get(path).content.decode()

    assert h1(html) == heading
    assert '<html lang="es">' in html


@pytest.mark.parametrize(("path", "heading"), [
    ("/", "Find a verified acupuncturist or dry-needling practitioner"),
    ("/practitioners/?near=78704", "Find a verified practitioner"),
])
def test_english_page_keeps_its_address_and_words_even_for_a_spanish_browser(client, path,
                                                                            heading):
    # The unprefixed address is English whatever the browser prefers: no redirect.
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")

    html = response.content.decode()
    assert response.status_code == 200
    assert h1(html) == heading
    assert '<html lang="en">' in html


def test_spanish_search_results_are_in_spanish_and_link_to_spanish_profiles(client, listing):
    html = client.get("/es/practitioners/?near=78704").content.decode()

    assert "1–1 de 1 profesional verificado a menos de 25 millas" in " ".join(html.split())
    assert 'href="/es/practitioners/rosa-imai/"' in html
    assert "Ver perfil" in html
    assert "View profile" not in html


def test_results_page_kept_for_one_language_is_not_served_in_the_other(client, listing):
    english = client.get("/practitioners/?near=78704").content.decode()
    spanish = client.get("/es/practitioners/?near=78704").content.decode()
    english_again = client.get("/practitioners/?near=78704").content.decode()

    assert "View profile" in english and "View profile" in english_again
    assert "Ver perfil" in spanish


def test_spanish_profile_is_in_spanish(client, listing):
    html = client.get("/es/practitioners/rosa-imai/").content.decode()

    assert "Datos prácticos" in html
    assert "Licencias y credenciales" in html
    assert '<html lang="es">' in html


@pytest.mark.parametrize(("path", "english", "spanish"), [
    ("/", "/", "/es/"),
    ("/es/", "/", "/es/"),
    ("/practitioners/?near=78704&radius=10", "/practitioners/?near=78704&radius=10",
     "/es/practitioners/?near=78704&radius=10"),
    ("/es/conditions/", "/conditions/", "/es/conditions/"),
])
def test_page_links_both_languages_and_english_as_the_default(client, path, english, spanish):
    html = client.get(path).content.decode().replace("&amp;", "&")

    assert alternates(html) == {"en": f"http://testserver{english}",
                                "es": f"http://testserver{spanish}",
                                "x-default": f"http://testserver{english}"}


def test_switcher_on_an_english_page_goes_to_the_same_page_in_spanish(client, listing):
    html = client.get("/practitioners/rosa-imai/").content.decode()

    assert switcher(html) == [("http://testserver/es/practitioners/rosa-imai/", "es", "Español")]


def test_switcher_on_a_spanish_page_goes_back_to_english_with_the_query(client):
    html = client.get("/es/practitioners/?near=78704").content.decode().replace("&amp;", "&")

    assert switcher(html) == [("http://testserver/practitioners/?near=78704", "en", "English")]


@pytest.mark.parametrize("path", ["/account/login/", "/account/signup/"])
def test_english_only_page_has_no_switcher_and_no_alternates(client, path):
    html = client.get(path).content.decode()

    assert switcher(html) == []
    assert alternates(html) == {}
    assert '<html lang="en">' in html


@pytest.mark.parametrize("path", ["/es/api/v1/practitioners/", "/es/admin/", "/es/account/login/",
                                  "/es/fhir/metadata", "/es/hsds/", "/es/sitemap.xml",
                                  "/es/sitemap-practitioners.xml"])
def test_machine_and_staff_addresses_have_no_spanish_twin(client, path):
    assert client.get(path).status_code == 404


def test_urls_reversed_in_spanish_are_prefixed_only_for_patient_pages():
    with translation.override("es"):
        assert reverse("home") == "/es/"
        assert reverse("clinics:practitioner-list") == "/es/practitioners/"
        assert reverse("visitors:clinic-contact", args=["x"]) == "/es/clinics/x/contact/"
        assert reverse("api:practitioners") == "/api/v1/practitioners/"
        assert reverse("feed") == "/es/articles/feed/"
        assert reverse("owners:dashboard") == "/account/"


def test_api_error_is_in_spanish_when_accept_language_asks(client):
    response = client.get("/api/v1/practitioners/?near=zzzzz",
                          HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")

    assert response.status_code == 400
    assert response["Content-Language"] == "es"
    assert response.json() == {"errors": {"near": [
        "No encontramos “zzzzz”. Pruebe con un código postal de 5 dígitos, o una ciudad y un "
        "estado como “Austin, TX”."]}}


@pytest.mark.parametrize("accept", ["", "fr-FR,fr;q=0.9", "en-US,en;q=0.8"])
def test_api_error_is_in_english_otherwise(client, accept):
    response = client.get("/api/v1/practitioners/?near=zzzzz", HTTP_ACCEPT_LANGUAGE=accept)

    assert response["Content-Language"] == "en"
    assert response.json()["errors"]["near"][0].startswith("We couldn't find “zzzzz”.")


def send_enquiry(client, path, clinic):
    return client.post(path, {"clinic": clinic.pk, "name": "Jo Patient",
                              "email": "jo@example.net", "phone": "", "preferred_contact": "email",
                              "message": "¿Atienden fibromialgia?", "consent": "on"})


def test_enquiry_from_a_spanish_page_gets_a_spanish_receipt_and_the_clinic_an_english_email(
        client, listing, mailoutbox):
    response = send_enquiry(client, "/es/clinics/eastside-needle-clinic/contact/", listing.clinic)

    to_clinic, receipt = mailoutbox
    assert response["Location"] == "/es/clinics/eastside-needle-clinic/"
    assert receipt.to == ["jo@example.net"]
    assert receipt.subject == "Enviamos su mensaje a Eastside Needle Clinic"
    assert receipt.body.startswith("Hola:")
    assert "por correo electrónico" in receipt.body
    assert "http://localhost:8000/es/clinics/eastside-needle-clinic/" in receipt.body
    assert to_clinic.to == ["owner@example.org"]
    assert "Eastside Needle Clinic" in to_clinic.subject
    assert "Enviamos" not in to_clinic.subject + to_clinic.body


def test_enquiry_from_an_english_page_gets_an_english_receipt(client, listing, mailoutbox):
    send_enquiry(client, "/clinics/eastside-needle-clinic/contact/", listing.clinic)

    assert mailoutbox[-1].subject == "We passed your message to Eastside Needle Clinic"


def test_spanish_enquiry_form_errors_and_message_are_in_spanish(client, listing):
    response = client.post("/es/clinics/eastside-needle-clinic/contact/",
                           {"clinic": listing.clinic.pk, "name": "Jo", "message": "Hola"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Solo podemos enviar su mensaje si nos da su consentimiento." in html
    assert "Indique un correo electrónico o un número de teléfono" in html


def test_spanish_clinic_page_writes_prices_the_us_way(client, listing):
    listing.clinic.first_visit_price = 80
    listing.clinic.save()

    html = client.get("/es/clinics/eastside-needle-clinic/").content.decode()

    assert "Primera visita: $80.00" in html
