"""The exclusion list: reading the LEIE layout, matching by NPI, search, review, the queue."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from clinics import sanctions
from clinics.models import Exclusion, Practitioner, SearchEntry
from tests.clinics.search.helpers import names
from tests.conftest import verified_login
from tests.factories import UserFactory, vetted_practitioner

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "leie_sample.csv"
LISTED_NPI = "1234567893"  # ACKERLY in the sample, excluded 2025-01-15 under 1128b4


def _import(capsys=None) -> str:
    call_command("import_exclusions", str(SAMPLE))
    return capsys.readouterr().out if capsys else ""


def test_read_leie_sample_keeps_rows_with_npi_and_skips_bad_ones():
    skipped: list[str] = []
    with SAMPLE.open(newline="") as stream:
        entries = list(sanctions.read_leie(stream, skipped))
    assert [(e.npi, e.exclusion_type, e.excluded_on.isoformat()) for e in entries] == [
        ("1234567893", "1128b4", "2025-01-15"),
        ("1987654328", "1128b7", "2023-06-10"),
        ("1555012347", "1128a3", "2026-01-02"),
    ]
    assert entries[0].last_name == "ACKERLY" and entries[0].reinstated_on is None
    assert skipped == ["line 6: unreadable date"]


def test_read_leie_wrong_header_says_which_columns_are_missing():
    stream = io.StringIO("NAME,NPI\nX,1234567893\n")
    with pytest.raises(sanctions.LeieFormatError, match="LASTNAME"):
        list(sanctions.read_leie(stream))


@pytest.mark.django_db
def test_import_wrong_file_is_a_clear_command_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("NAME,NPI\n")
    with pytest.raises(CommandError, match="Not an LEIE file"):
        call_command("import_exclusions", str(bad))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_exclusions", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_import_match_takes_practitioner_out_of_search_at_once(capsys):
    listed = vetted_practitioner(name="Listed", npi=LISTED_NPI)
    other = vetted_practitioner(name="Other", npi="1666023456")  # its row's date is bad
    assert sorted(names("near=78704")) == ["Listed", "Other"]

    out = _import(capsys)

    exclusion = Exclusion.objects.get()
    assert (exclusion.practitioner, exclusion.status) == (listed, Exclusion.Status.PENDING)
    assert "1 new match(es)" in out
    assert names("near=78704") == ["Other"]
    assert list(Practitioner.objects.vetted()) == [other]
    assert not SearchEntry.objects.filter(practitioner=listed).exists()


@pytest.mark.django_db
def test_import_twice_records_nothing_new_and_keeps_staff_decision(capsys):
    listed = vetted_practitioner(name="Listed", npi=LISTED_NPI)
    _import()
    exclusion = Exclusion.objects.get()
    sanctions.clear_exclusion(exclusion=exclusion, by=UserFactory(is_staff=True),
                              reason="Different person: NPI typed wrong in the LEIE row.")

    out = _import(capsys)

    assert Exclusion.objects.count() == 1
    assert Exclusion.objects.get().status == Exclusion.Status.CLEARED
    assert "0 new match(es), 1 already recorded" in out
    assert names("near=78704") == [listed.name]


@pytest.mark.django_db
def test_clear_puts_practitioner_back_and_confirm_keeps_them_out():
    staff = UserFactory(is_staff=True)
    kept_out = vetted_practitioner(name="Kept out", npi=LISTED_NPI)
    back = vetted_practitioner(name="Back", npi="1555012347")
    _import()

    sanctions.confirm_exclusion(exclusion=Exclusion.objects.get(practitioner=kept_out),
                                by=staff, reason="Name, state and licence all match.")
    sanctions.clear_exclusion(exclusion=Exclusion.objects.get(practitioner=back), by=staff,
                              reason="Reinstated; board letter on file.")

    assert names("near=78704") == ["Back"]
    confirmed = Exclusion.objects.get(practitioner=kept_out)
    assert (confirmed.status, confirmed.reviewed_by, confirmed.review_reason) == (
        Exclusion.Status.CONFIRMED, staff, "Name, state and licence all match.")


@pytest.mark.django_db
def test_decision_without_reason_or_twice_is_refused():
    vetted_practitioner(npi=LISTED_NPI)
    _import()
    exclusion = Exclusion.objects.get()
    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError):
        sanctions.clear_exclusion(exclusion=exclusion, by=staff, reason="  ")
    sanctions.confirm_exclusion(exclusion=exclusion, by=staff, reason="Matches.")
    with pytest.raises(ValidationError):
        sanctions.clear_exclusion(exclusion=exclusion, by=staff, reason="Changed my mind.")
    assert Exclusion.objects.get().status == Exclusion.Status.CONFIRMED


@pytest.mark.django_db
def test_profile_of_held_back_practitioner_says_under_review(client):
    listed = vetted_practitioner(npi=LISTED_NPI)
    _import()
    page = client.get(listed.get_absolute_url()).content.decode()
    assert "Listing under review" in page
    assert "Licence verified" not in page


@pytest.mark.django_db
def test_admin_index_counts_pending_matches_and_staff_clear_with_reason(client):
    listed = vetted_practitioner(npi=LISTED_NPI)
    _import()
    verified_login(client, UserFactory(is_staff=True, is_superuser=True))

    index = client.get(reverse("admin:index")).content.decode()
    assert "Exclusion-list matches awaiting review" in index

    exclusion = Exclusion.objects.get()
    response = client.post(reverse("admin:clinics_exclusion_changelist"), {
        "action": "clear", "_selected_action": [exclusion.pk], "apply": "1",
        "reason": "Different date of birth."})
    assert response.status_code == 302
    assert Exclusion.objects.get().status == Exclusion.Status.CLEARED
    assert names("near=78704") == [listed.name]


@pytest.mark.django_db
def test_admin_staff_without_permission_cannot_clear(client):
    vetted_practitioner(npi=LISTED_NPI)
    _import()
    verified_login(client, UserFactory(is_staff=True))  # staff, but no clinics permissions
    exclusion = Exclusion.objects.get()
    response = client.post(reverse("admin:clinics_exclusion_changelist"), {
        "action": "clear", "_selected_action": [exclusion.pk], "apply": "1",
        "reason": "Trying."})
    assert response.status_code == 403
    assert "Exclusion-list matches" not in client.get(reverse("admin:index")).content.decode()
    assert Exclusion.objects.get().status == Exclusion.Status.PENDING


@pytest.mark.django_db
def test_moderator_group_may_review_matches(client):
    from django.contrib.auth.models import Group

    vetted_practitioner(npi=LISTED_NPI)
    _import()
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderator"))
    verified_login(client, moderator)
    assert "Exclusion-list matches awaiting review" in client.get(
        reverse("admin:index")).content.decode()
    response = client.post(reverse("admin:clinics_exclusion_changelist"), {
        "action": "confirm", "_selected_action": [Exclusion.objects.get().pk], "apply": "1",
        "reason": "Same name, state and date of birth."})
    assert response.status_code == 302
    assert Exclusion.objects.get().status == Exclusion.Status.CONFIRMED
