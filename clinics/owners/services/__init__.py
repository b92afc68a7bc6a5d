"""The owners' writes; callers use `services.verb_noun(...)` whichever module holds it."""

from .claims import (
    INVITATION_MAX_AGE,
    accept_invitation,
    approve_claim,
    invitation_from_token,
    invitation_token,
    invite_colleague,
    members_emails,
    reject_claim,
    submit_claim,
)
from .listings import (
    accept_held_text,
    confirm_listing,
    create_listing,
    mark_edits_reviewed,
    reject_held_text,
    request_review,
    revert_owner_edit,
    save_owner_location,
    save_owner_practitioner,
    submit_credential,
    update_clinic,
)
from .messages import (
    SENDER_LIMIT_PER_HOUR,
    close_report,
    deliver_contact_request,
    email_contact_request,
    sender_rate_limited,
    set_contact_request_status,
    submit_contact_request,
    submit_report,
)

__all__ = [
    "accept_held_text", "reject_held_text",
    "INVITATION_MAX_AGE", "SENDER_LIMIT_PER_HOUR", "accept_invitation", "approve_claim",
    "close_report", "confirm_listing", "create_listing", "deliver_contact_request",
    "invitation_from_token", "invitation_token", "invite_colleague", "mark_edits_reviewed",
    "email_contact_request", "members_emails", "reject_claim", "request_review",
    "revert_owner_edit", "save_owner_location", "save_owner_practitioner",
    "sender_rate_limited", "set_contact_request_status", "submit_claim",
    "submit_contact_request", "submit_credential", "submit_report", "update_clinic",
]
