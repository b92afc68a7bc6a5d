"""The accuracy rate: the share of published listings with an error staff confirmed in the
last 90 days, by kind of error, with the counts behind it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from clinics.owners import services
from clinics.owners.accuracy import KindCount, accuracy_rate
from clinics.owners.models import ListingReport
from tests.factories import ClinicFactory, ListingReportFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def local(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute),
                                     tzinfo=ZoneInfo(settings.TIME_ZONE))


def decided(clinic, reason, status, when):
    return ListingReportFactory(clinic=clinic, reason=reason, status=status, handled_at=when)


@pytest.fixture
def four_listings():
    return [ClinicFactory() for _ in range(4)]


def test_accuracy_counts_each_wrong_listing_once_and_by_kind(four_listings):
    a, b, c, _ = four_listings
    recent = local(TODAY - datetime.timedelta(days=10), 12)
    decided(a, "wrong_phone", "resolved", recent)
    decided(a, "wrong_phone", "resolved", recent)
    decided(a, "wrong_address", "resolved", recent)
    decided(b, "closed", "resolved", recent)
    decided(c, "wrong_phone", "dismissed", recent)  # was correct: not an error
    ListingReportFactory(clinic=c)  # still open
    ClinicFactory(status="suspended")  # not a published listing

    rate = accuracy_rate(today=TODAY)

    assert (rate.listings, rate.listings_wrong, rate.confirmed) == (4, 2, 4)
    assert (rate.was_correct, rate.open) == (1, 1)
    assert rate.error_share == 0.5
    assert rate.by_kind == [
        KindCount(label="The phone number is wrong", listings=1, reports=2),
        KindCount(label="The address is wrong", listings=1, reports=1),
        KindCount(label="The clinic has closed", listings=1, reports=1),
    ]


def test_accuracy_window_is_90_local_days(four_listings, settings):
    first_day = TODAY - datetime.timedelta(days=89)
    decided(four_listings[0], "closed", "resolved", local(first_day, 0, 30))
    decided(four_listings[1], "closed", "resolved",
            local(first_day - datetime.timedelta(days=1), 23, 30))

    rate = accuracy_rate(today=TODAY)

    assert (rate.since, rate.listings_wrong) == (first_day, 1)


def test_accuracy_with_no_listings_has_no_share():
    rate = accuracy_rate(today=TODAY)

    assert (rate.listings, rate.error_share, rate.accuracy) == (0, None, None)


def test_admin_shows_the_accuracy_rate_and_links_it_from_the_index(four_listings,
                                                                   staff_client):
    with time_machine.travel(local(TODAY, 23, 30), tick=False):
        decided(four_listings[0], "wrong_phone", "resolved", local(TODAY, 23, 0))

        index = staff_client.get(reverse("admin:index")).content.decode()
        page = staff_client.get(
            reverse("admin:owners_listingreport_changelist")).content.decode()

    assert ('data-queue="listings-confirmed-wrong-in-the-last-90-days-accuracy-rate">1</td>'
            in index)
    assert '<strong class="accuracy-share">25.0%</strong>' in page
    assert '<span class="accuracy-counts">1 of 4</span>' in page
    assert ('<tr class="accuracy-kind"><th scope="row">The phone number is wrong</th>'
            '<td>1</td><td>1</td></tr>') in page


def test_owner_cannot_see_the_accuracy_page(listing):
    owner = Client()
    owner.force_login(listing.owner)

    response = owner.get(reverse("admin:owners_listingreport_changelist"))

    assert response.status_code == 302


def test_a_report_decided_through_the_service_counts(four_listings, staff_user):
    report = ListingReportFactory(clinic=four_listings[0], reason="closed")
    services.close_report(report=report, by=staff_user,
                          status=ListingReport.Status.RESOLVED, reason="Closed in May.")

    assert accuracy_rate().listings_wrong == 1
