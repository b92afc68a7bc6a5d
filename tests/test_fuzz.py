"""Fuzzing: every public GET endpoint, fed hostile paths and query strings, never answers 5xx.

The URLs come from the resolver (tests/fuzzing.py), so a new public page is fuzzed without
touching this file. Each group of URLs (by first path segment) gets its own examples.

    FUZZ_PROFILE=deep pytest tests/test_fuzz.py     # 5,000 random examples a group

The default profile ("ci") is derandomized: the same 200 examples a group on every run.
bench/fuzz.py sends the same kind of requests to a real gunicorn over HTTP.
"""

import json
import os

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings

from clinics.hsds import ids as hsds_ids
from clinics.hsds.ids import Kind
from tests import fuzzing
from tests.factories import ArticleFactory, CredentialFactory, MembershipFactory

settings.register_profile(
    "fuzz-ci", max_examples=200, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
settings.register_profile("fuzz-deep", settings.get_profile("fuzz-ci"), max_examples=5000,
                          derandomize=False)
PROFILE = settings.get_profile(f"fuzz-{os.environ.get('FUZZ_PROFILE', 'ci')}")
GROUPS = dict(fuzzing.routes_by_group(fuzzing.public_routes()))


@pytest.fixture
def real_values(db):
    """Path parameter values that resolve to real rows: a vetted practitioner at a
    published clinic with an owner, and a published article."""
    credential = CredentialFactory()
    practitioner = credential.practitioner
    location = practitioner.locations.get()
    owner = MembershipFactory(clinic=location.clinic).user
    article = ArticleFactory()
    return {
        "slug": [practitioner.slug, location.clinic.slug, article.slug, "fibromyalgia"],
        "clinic_pk": [str(location.clinic.pk)],
        "pk": [str(location.pk), str(practitioner.pk), str(credential.pk)],
        "practitioner_pk": [str(practitioner.pk)],
        "id": [hsds_ids.encode(Kind.ORGANIZATION, location.clinic.pk),
               hsds_ids.encode(Kind.SERVICE, location.clinic.pk, 1)],
        "uidb64": [urlsafe_base64_encode(force_bytes(owner.pk))],
        "token": [default_token_generator.make_token(owner), "set-password"],
    }


def assert_answers_without_error(client, target: str) -> None:
    response = client.get(target)  # the test client raises whatever a view lets escape

    assert response.status_code < 500, (target, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        json.loads(response.content)
    if target.startswith("/api/") and response.status_code in (200, 400):
        assert response["Content-Type"] == "application/json", target


def test_routes_cover_every_public_page():
    names = {route.name for routes in GROUPS.values() for route in routes}

    assert {"home", "about", "clinics:practitioner-list", "api:practitioners",
            "clinics:clinic-detail", "feed", "owners:clinic-claim",
            "accounts:login", "/healthz"} <= names
    assert not any(name.startswith("admin:") for name in names)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_public_get_never_answers_5xx(client, real_values, group):
    @PROFILE
    @given(target=fuzzing.requests(GROUPS[group], real_values))
    def check(target):
        assert_answers_without_error(client, target)

    check()
