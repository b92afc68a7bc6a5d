"""Scope of practice: where dry needling is outside a practitioner's licence.

The one rule, used by the search index (clinics/search/index.py) and the profile: at a
workplace in a state whose DryNeedlingRule is "prohibited", a practitioner who holds no
verified acupuncture or medical licence in that state (so practises there as a physical
therapist) is not offered for dry needling. "Allowed", "unclear" and no rule at all change
nothing. A practitioner working in two states is judged per workplace.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Credential, DryNeedlingRule


def dry_needling_barred(*, state: str, prohibited_states: set[str] | frozenset[str],
                        needling_licence_states: set[str] | frozenset[str]) -> bool:
    return state in prohibited_states and state not in needling_licence_states


def needling_licence_states(credentials: Iterable[Credential]) -> set[str]:
    """States where these credentials include a verified acupuncture or medical licence."""
    return {c.jurisdiction for c in credentials
            if c.kind in Credential.NEEDLING_LICENCE_KINDS
            and c.status == Credential.Status.VERIFIED and c.jurisdiction}


def barring_rules(*, states: Iterable[str], credentials: Iterable[Credential],
                  offers_dry_needling: bool) -> list[DryNeedlingRule]:
    """The prohibiting rules that apply to a practitioner working in `states` (one query,
    none when they do not offer dry needling); for the profile's note."""
    if not offers_dry_needling:
        return []
    licensed = needling_licence_states(credentials)
    wanted = sorted(set(states) - licensed)
    if not wanted:
        return []
    return list(DryNeedlingRule.objects.prohibited().filter(state__in=wanted))
