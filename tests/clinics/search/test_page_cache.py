"""The results page kept for visitors who are not logged in (PractitionerSearchView): the
same search asked again costs a cache read, and never shows what a fresh search would not."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.utils import timezone

from tests.clinics.search.helpers import AUSTIN, SEARCH

pytestmark = pytest.mark.django_db
URL = SEARCH + "?near=78704&radius=10"


@pytest.fixture
def listed(place_at, practitioner_at):
    return practitioner_at(place_at(*AUSTIN, miles=1), name="Kept Person",
                           accepting_new_patients=True)


def test_the_same_search_again_is_served_from_the_cache(client, listed,
                                                        django_assert_max_num_queries):
    first = client.get(URL)
    with django_assert_max_num_queries(1):  # the tokens, from the shared cache's table
        again = client.get(URL)

    assert again.status_code == 200
    assert again.content == first.content
    assert "Kept Person" in again.content.decode()
    # The security headers are the response's own, not kept with the page.
    assert "Content-Security-Policy" in again.headers


def test_a_change_to_a_listing_shows_at_once(client, listed,
                                             django_capture_on_commit_callbacks):
    accepting = '<span class="badge badge-ok">Accepting new patients</span>'
    assert accepting in client.get(URL).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        listed.accepting_new_patients = False
        listed.save()

    page = client.get(URL).content.decode()
    assert "Not taking new patients" in page
    assert accepting not in page


def test_a_practitioner_leaving_the_directory_leaves_the_page(client, listed,
                                                              django_capture_on_commit_callbacks):
    assert "Kept Person" in client.get(URL).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        listed.credentials.all().delete()

    assert "Kept Person" not in client.get(URL).content.decode()


def test_a_licence_lapsing_at_midnight_drops_from_the_kept_page(client, listed):
    licence = listed.credentials.get()
    today = timezone.localdate()
    licence.expires_on = today
    licence.save()
    assert "Kept Person" in client.get(URL).content.decode()

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert "Kept Person" not in client.get(URL).content.decode()


def test_logged_in_visitors_get_a_fresh_page_and_never_fill_the_cache(client, listed,
                                                                      django_user_model):
    user = django_user_model.objects.create_user("someone", password="pw-123456789")
    client.force_login(user)
    assert "Log out" in client.get(URL).content.decode()

    client.logout()
    anonymous = client.get(URL).content.decode()
    assert "Log out" not in anonymous and "Log in" in anonymous

    client.force_login(user)
    assert "Log out" in client.get(URL).content.decode()


def test_a_waiting_message_is_shown_not_skipped(client, listed, rf):
    client.get(URL)  # kept
    # A message queued for this visitor (as after a form elsewhere) must be shown on the
    # next page they see, so that page is rendered afresh.
    cookie = CookieStorage(rf.get("/"))
    client.cookies[cookie.cookie_name] = cookie._encode(
        [Message(constants.SUCCESS, "Your message was sent.")])

    assert "Your message was sent." in client.get(URL).content.decode()


def test_only_valid_searches_are_kept(client, listed):
    assert "is not one of the available choices" in client.get(
        SEARCH + "?near=78704&radius=7").content.decode()
    client.get(URL)

    kept = [key for key in caches["pages"]._cache if "search-page" in key]
    assert len(kept) == 1


def test_the_kept_pages_are_bounded_in_number(client, listed, settings):
    for radius in (5, 10, 25, 50, 100):
        client.get(SEARCH + f"?near=78704&radius={radius}")

    assert len(caches["pages"]._cache) <= settings.CACHES["pages"]["OPTIONS"]["MAX_ENTRIES"]
