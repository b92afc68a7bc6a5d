import pytest

from tests.clinics.search.helpers import AUSTIN


@pytest.fixture
def two_near(place_at, practitioner_at):
    """'Match' and 'Other' at the same distance; tests make 'Match' satisfy one filter."""
    match = practitioner_at(place_at(*AUSTIN, miles=1), name="Match")
    other = practitioner_at(place_at(*AUSTIN, miles=1, bearing=180), name="Other")
    return match, other


@pytest.fixture
def forty_five(place_at, practitioner_at):
    for i in range(45):
        practitioner_at(place_at(*AUSTIN, miles=0.1 + i * 0.2, bearing=i * 7),
                        name=f"P{i:02d}")
