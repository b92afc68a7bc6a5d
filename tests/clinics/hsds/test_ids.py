import uuid

import pytest

from clinics.hsds import ids
from clinics.hsds.ids import Kind
from tests.clinics.hsds.conftest import schema_errors


@pytest.mark.parametrize("keys", [(1, 0), (5, 3), (123456, 4000), (ids.MAX_FIRST, ids.MAX_SECOND)])
def test_id_reads_back_as_its_keys(keys):
    text = ids.encode(Kind.SERVICE, *keys)

    assert ids.decode(Kind.SERVICE, text) == keys
    assert (uuid.UUID(text).version, uuid.UUID(text).variant) == (8, uuid.RFC_4122)


def test_id_of_one_kind_is_not_an_id_of_another():
    text = ids.encode(Kind.SERVICE, 7, 2)

    assert ids.decode(Kind.ORGANIZATION, text) is None
    assert ids.encode(Kind.ORGANIZATION, 7) != ids.encode(Kind.LOCATION, 7)


@pytest.mark.parametrize("text", [
    "not-a-uuid", "", str(uuid.uuid4()), str(uuid.uuid5(uuid.NAMESPACE_URL, "x")),
    ids.encode(Kind.ORGANIZATION, 0xABCDEF).upper(), f"{{{ids.encode(Kind.ORGANIZATION, 1)}}}",
])
def test_anything_but_the_canonical_id_is_refused(text):
    assert ids.decode(Kind.ORGANIZATION, text) is None


def test_keys_out_of_range_are_refused():
    with pytest.raises(ValueError, match="out of range"):
        ids.encode(Kind.SERVICE, 1, ids.MAX_SECOND + 1)


def test_schema_check_catches_a_broken_document():
    """The validator the API tests use does fail: required fields and formats."""
    assert schema_errors("organization", {"id": "not-a-uuid", "name": "x"}) == [
        ": 'description' is a required property", "id: 'not-a-uuid' is not a 'uuid'"]
