"""Project-wide fixtures. Tests run with debug off (see tests/settings.py)."""

import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    # Caches outside the database (memory, Redis) outlive a test's transaction; the
    # database cache is rolled back with everything else.
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    outside = [c for c in caches.all() if not isinstance(c, DatabaseCache)]
    for cache in outside:
        cache.clear()
    yield
    for cache in outside:
        cache.clear()


@pytest.fixture(autouse=True)
def _site_language_between_tests():
    # LocaleMiddleware activates each request's language and never deactivates it, so a
    # request to a /es/ page would leave Spanish active for the next test's reverse() and
    # rendering. Every test starts in the site's language.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staff", email="staff@example.org", password="staff-pass-123", is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def moderator(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username="moderator", email="mod@example.org", password="mod-pass-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


def verified_login(client, user):
    """Log `client` in as `user` in a session verified by a second factor, as after a
    right code: the user gets a confirmed TOTP device if it has none (the admin and the
    credential documents need a verified session)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="test app", confirmed=True))
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def staff_client(client, staff_user):
    verified_login(client, staff_user)
    return client


# --- Clinic owners ---------------------------------------------------------------------------


@pytest.fixture
def listing(db):
    """A published clinic with one location, one vetted practitioner and an owner.

    Attributes: clinic, location, practitioner, credential, owner (a confirmed user).
    """
    from types import SimpleNamespace

    from tests.factories import (
        ClinicFactory,
        CredentialFactory,
        LocationFactory,
        MembershipFactory,
        PractitionerFactory,
    )

    clinic = ClinicFactory(name="Eastside Needle Clinic", slug="eastside-needle-clinic")
    location = LocationFactory(clinic=clinic)
    practitioner = PractitionerFactory(name="Rosa Imai", slug="rosa-imai", locations=[location])
    credential = CredentialFactory(practitioner=practitioner)
    owner = MembershipFactory(clinic=clinic, user__username="owner@example.org",
                              user__email="owner@example.org").user
    return SimpleNamespace(clinic=clinic, location=location, practitioner=practitioner,
                           credential=credential, owner=owner)


@pytest.fixture
def other_owner(db):
    """A confirmed user who owns a different clinic."""
    from tests.factories import MembershipFactory

    return MembershipFactory(user__username="other@example.org",
                             user__email="other@example.org").user


@pytest.fixture
def private_media(settings, tmp_path):
    """Uploaded documents go to a fresh MEDIA_ROOT for the test."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def empty_database_for_serialized_rollback(django_db_setup, django_db_blocker):
    """Empty the test database, without post_migrate, before a module of tests that
    use serialized rollback (browser tests, the migration test).

    Serialized rollback reloads the seeded rows, content types and permissions with their
    original primary keys at the start of each test. A transactional test without it that
    ran earlier has flushed the database and let post_migrate recreate content types and
    permissions under new keys, which that reload then collides with (UNIQUE constraint
    failed: django_content_type...). Starting from an empty database avoids that; between
    two browser tests the database is already empty this way.
    """
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                call_command(
                    "flush", verbosity=0, interactive=False, database=connection.alias,
                    reset_sequences=False, inhibit_post_migrate=True,
                )
