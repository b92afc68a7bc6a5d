"""Stable UUIDs for HSDS objects, computed from our keys and read back without a lookup table.

HSDS wants a UUID for every object, and a service here is not a row (it is a treatment a
clinic offers), so ids are derived, not stored. A name-based UUID (uuid5) is stable but
one-way: answering /hsds/services/{id} would then need a stored id column on shared tables or
a scan of every clinic per request. These are RFC 9562 version-8 ("custom") UUIDs instead:
a fixed prefix, the kind of object and its keys laid out in the bits. The same row always
gets the same id, every id names one object, and decode() rejects anything encode() would
not have produced, so one object never answers to two ids.

Layout: time_low = PREFIX (32 bits); time_mid = kind (16); version 8 + the high 12 bits of
the second key; variant + its low 14 bits; node = the first key (48 bits).
"""

import enum
import uuid

PREFIX = 0x48534453  # "HSDS"
MAX_FIRST = (1 << 48) - 1
MAX_SECOND = (1 << 26) - 1


class Kind(enum.IntEnum):
    ORGANIZATION = 1  # Clinic pk
    LOCATION = 2  # Location pk
    SERVICE = 3  # Clinic pk, Modality pk
    SERVICE_AT_LOCATION = 4  # Location pk, Modality pk
    PHONE = 5  # Clinic pk (the clinic's one number)
    ADDRESS = 6  # Location pk
    ACCESSIBILITY = 7  # Location pk
    COST_OPTION = 8  # Clinic pk, Modality pk (the first-visit price)


def encode(kind: Kind, first: int, second: int = 0) -> str:
    """The id of the object of `kind` keyed by (`first`, `second`)."""
    if not (0 <= first <= MAX_FIRST and 0 <= second <= MAX_SECOND):
        raise ValueError(f"key out of range for an HSDS id: {first}, {second}")
    # The same as str(uuid.UUID(fields=...)), at a third of the cost: the export makes
    # several ids per row.
    value = (PREFIX << 96 | kind << 80 | (0x8000 | second >> 14) << 64
             | (0x80 | (second >> 8) & 0x3F) << 56 | (second & 0xFF) << 48 | first)
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def decode(kind: Kind, text: str) -> tuple[int, int] | None:
    """(first, second) if `text` is exactly the id encode() gives an object of `kind`."""
    try:
        value = uuid.UUID(text)
    except (ValueError, TypeError):
        return None
    if value.time_low != PREFIX or value.time_mid != kind or value.version != 8:
        return None
    second = ((value.time_hi_version & 0x0FFF) << 14) | (value.clock_seq_hi_variant & 0x3F) << 8 \
        | value.clock_seq_low
    keys = (value.node, second)
    # Only the canonical spelling: uuid.UUID also reads braces, "urn:uuid:" and upper case.
    return keys if encode(kind, *keys) == text else None
