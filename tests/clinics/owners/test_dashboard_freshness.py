"""The owner's dashboard says how fresh each listing is and confirms it in one step
(clinics/freshness.py; templates/account/_freshness.html)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clinics.models import Clinic
from tests.factories import ClinicFactory, MembershipFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("owners:dashboard")


def _confirmed_days_ago(clinic, days):
    when = timezone.now() - datetime.timedelta(days=days)
    Clinic.objects.filter(pk=clinic.pk).update(last_confirmed_at=when)
    clinic.refresh_from_db()
    return timezone.localdate(when)


def _date(day):
    return f"{day.day} {day:%B %Y}"


def test_dashboard_marks_a_stale_listing_with_its_date_and_a_confirm_button(client, listing):
    confirmed_on = _confirmed_days_ago(listing.clinic, 120)
    client.force_login(listing.owner)

    html = client.get(DASHBOARD).content.decode()

    assert 'data-freshness="stale"' in html
    assert f"Details last confirmed {_date(confirmed_on)}." in html
    assert reverse("owners:clinic-confirm", args=[listing.clinic.pk]) in html
    assert html.count("Every detail is still right") == 1
    assert "{#" not in html and "return_to` names" not in html  # no template comment leaks


def test_dashboard_shows_a_fresh_listing_and_when_it_will_go_stale(client, listing):
    confirmed_on = _confirmed_days_ago(listing.clinic, 10)
    client.force_login(listing.owner)

    html = client.get(DASHBOARD).content.decode()

    assert 'data-freshness="fresh"' in html
    assert f"Details last confirmed {_date(confirmed_on)}" in html
    assert f"before {_date(confirmed_on + datetime.timedelta(days=90))}" in html


def test_confirming_from_the_dashboard_returns_there_and_clears_the_marker(client, listing):
    _confirmed_days_ago(listing.clinic, 120)
    client.force_login(listing.owner)

    response = client.post(reverse("owners:clinic-confirm", args=[listing.clinic.pk]),
                           {"return_to": "dashboard"})

    listing.clinic.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert timezone.localdate(listing.clinic.last_confirmed_at) == timezone.localdate()
    assert 'data-freshness="fresh"' in client.get(DASHBOARD).content.decode()


def test_return_to_is_a_name_not_a_url(client, listing):
    client.force_login(listing.owner)

    response = client.post(reverse("owners:clinic-confirm", args=[listing.clinic.pk]),
                           {"return_to": "https://evil.example/"})

    assert response["Location"] == reverse("owners:clinic", args=[listing.clinic.pk])


def test_another_owner_neither_sees_nor_confirms_the_listing(client, listing):
    confirmed_on = _confirmed_days_ago(listing.clinic, 120)
    other = MembershipFactory(clinic=ClinicFactory(name="Other Clinic")).user
    client.force_login(other)

    html = client.get(DASHBOARD).content.decode()
    response = client.post(reverse("owners:clinic-confirm", args=[listing.clinic.pk]),
                           {"return_to": "dashboard"})

    listing.clinic.refresh_from_db()
    assert "Eastside Needle Clinic" not in html
    assert reverse("owners:clinic-confirm", args=[listing.clinic.pk]) not in html
    assert response.status_code in (403, 404)
    assert timezone.localdate(listing.clinic.last_confirmed_at) == confirmed_on


def test_manage_page_shows_the_same_marker(client, listing):
    confirmed_on = _confirmed_days_ago(listing.clinic, 95)
    client.force_login(listing.owner)

    html = client.get(reverse("owners:clinic", args=[listing.clinic.pk])).content.decode()

    assert f"Details last confirmed {_date(confirmed_on)}." in html
