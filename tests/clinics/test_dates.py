"""Date rules in the site's time zone, run half an hour either side of local midnight.

In the evening west of Greenwich (and after midnight east of it) the UTC date is not the
site's date: a rule that takes its day from UTC is a day out at one of these two times.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from clinics import services
from clinics.models import Credential, Practitioner, SearchEntry
from tests.factories import CredentialFactory, PractitionerFactory

pytestmark = pytest.mark.django_db

API = reverse("api:practitioners")
AUSTIN = (30.2428, -97.7658)  # ZIP 78704
# Far from the daylight-saving changes, so both times fall on one ordinary day.
LOCAL_DAY = datetime.date(2026, 6, 15)
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture(params=[datetime.time(23, 30), datetime.time(0, 30)],
                ids=["23:30 local", "00:30 local"])
def local_day(request):
    """The clock stopped at the parametrized local time on LOCAL_DAY, which is returned."""
    moment = datetime.datetime.combine(LOCAL_DAY, request.param,
                                       tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=False):
        yield LOCAL_DAY


@pytest.fixture
def submitted_licence(place_at):
    """A licence awaiting its check, held by a practitioner at a published clinic in 78704."""
    practitioner = PractitionerFactory(locations=[place_at(*AUSTIN, miles=1)])
    return CredentialFactory(practitioner=practitioner, status=Credential.Status.SUBMITTED,
                             verified_at=None, method="", source="")


def verify(credential, *, by, expires_on):
    return services.verify_credential(
        credential=credential, by=by, method=Credential.Method.BOARD_WEBSITE,
        source="Texas Medical Board licence lookup", expires_on=expires_on,
    )


def test_verify_credential_near_midnight_counts_next_check_from_local_date(
        local_day, submitted_licence, staff_user):
    credential = verify(submitted_licence, by=staff_user,
                        expires_on=local_day + datetime.timedelta(days=5 * 365))

    credential.refresh_from_db()
    assert timezone.localdate(credential.verified_at) == local_day
    assert credential.next_check_due == local_day + services.RECREDENTIAL_INTERVAL


def test_verify_credential_expiring_today_near_midnight_is_accepted(
        local_day, submitted_licence, staff_user):
    credential = verify(submitted_licence, by=staff_user, expires_on=local_day)

    credential.refresh_from_db()
    assert (credential.status, credential.next_check_due) == (
        Credential.Status.VERIFIED, local_day)


def test_verify_credential_expired_yesterday_near_midnight_is_refused(
        local_day, submitted_licence, staff_user):
    with pytest.raises(ValidationError) as refused:
        verify(submitted_licence, by=staff_user, expires_on=local_day - ONE_DAY)

    assert list(refused.value.message_dict) == ["expires_on"]


def test_api_verified_on_near_midnight_is_local_date_shown_on_profile(
        local_day, submitted_licence, staff_user, client):
    verify(submitted_licence, by=staff_user, expires_on=local_day + datetime.timedelta(days=400))
    profile_url = reverse("clinics:practitioner-detail",
                          args=[submitted_licence.practitioner.slug])

    body = client.get(API + "?near=78704").json()
    profile = client.get(profile_url).content.decode()

    [result] = body["results"]
    api_verified_on = datetime.date.fromisoformat(result["verified_licence"]["verified_on"])
    [shown] = re.findall(r"Checked with [^<]+? on (\d+ \w+ \d{4}): confirmed current", profile)
    assert api_verified_on == local_day
    assert shown == date_format(api_verified_on, "j F Y")


def test_search_index_near_midnight_keeps_licence_expiring_today_drops_yesterday(local_day):
    expires_today = CredentialFactory(expires_on=local_day)
    CredentialFactory(expires_on=local_day - ONE_DAY)

    indexed = set(SearchEntry.objects.current().values_list("practitioner_id", flat=True))
    vetted = set(Practitioner.objects.vetted().values_list("pk", flat=True))

    assert indexed == vetted == {expires_today.practitioner_id}
