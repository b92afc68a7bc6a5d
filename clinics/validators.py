"""Field validators for US directory data: states, ZIP codes and NPIs."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """The 50 states, DC and Puerto Rico: the jurisdictions a listing can be in."""

    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    PR = "PR", "Puerto Rico"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"


def validate_state(value: str) -> None:
    if value not in State.values:
        raise ValidationError(
            "%(value)s is not a US state, DC or Puerto Rico code.",
            code="invalid_state",
            params={"value": value},
        )


ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")


def validate_zip_code(value: str) -> None:
    if not ZIP_RE.match(value or ""):
        raise ValidationError("Enter a ZIP code such as 78704 or 78704-1234.", code="invalid_zip")


def npi_check_digit(first_nine: str) -> int:
    """Luhn check digit over the NPI's first nine digits with the 80840 prefix (CMS rule)."""
    total = 0
    # Walking right to left, double every other digit starting with the rightmost one, since
    # the check digit that would follow it is not part of the input.
    for position, char in enumerate(reversed("80840" + first_nine)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def validate_npi(value: str) -> None:
    if not re.fullmatch(r"\d{10}", value or ""):
        raise ValidationError("An NPI is exactly 10 digits.", code="invalid_npi")
    if npi_check_digit(value[:9]) != int(value[9]):
        raise ValidationError(
            "This NPI's check digit does not match; please check the number.", code="invalid_npi"
        )


def validate_phone(value: str) -> None:
    digits = sum(ch.isdigit() for ch in value)
    if digits < 7 or digits > 15 or any(not (ch.isdigit() or ch in " +-().") for ch in value):
        raise ValidationError(_("Enter a phone number of 7 to 15 digits, e.g. 512-555-0100."))
