"""The directory's models, one module per concern; import them from here."""

from .documents import RetiredDocument
from .listings import (
    Clinic,
    ClinicMembership,
    Credential,
    Location,
    Practitioner,
    PractitionerCondition,
    PractitionerLocation,
    credential_document_path,
    has_barring_exclusion,
    has_current_licence,
)
from .sanctions import Exclusion
from .search import SearchEntry
from .terms import Condition, DryNeedlingRule, Language, Modality, Payer, Specialty
from .verification import ConfirmationRequest, CredentialCheck, ExpiryReminder, TrustSweep

__all__ = [
    "Clinic", "ClinicMembership", "Condition", "ConfirmationRequest", "Credential", "CredentialCheck", "DryNeedlingRule",
    "Exclusion", "ExpiryReminder", "TrustSweep", "Language",
    "Location", "Modality", "Payer", "Practitioner", "PractitionerCondition",
    "PractitionerLocation", "RetiredDocument", "SearchEntry", "Specialty", "credential_document_path",
    "has_barring_exclusion", "has_current_licence",
]
