"""Project-wide guarantees: migrations, admin, deploy checks, and every public page."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.factories import CredentialFactory, MembershipFactory

ROOT = Path(__file__).resolve().parent.parent

PUBLIC_URLS = ["/", "/about/", "/conditions/", "/articles/"]


@pytest.mark.django_db
def test_models_have_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_admin_changelist_and_add_load_for_staff(staff_client, model):
    CredentialFactory()
    MembershipFactory()
    info = (model._meta.app_label, model._meta.model_name)

    changelist = staff_client.get(reverse("admin:{}_{}_changelist".format(*info)))
    add = staff_client.get(reverse("admin:{}_{}_add".format(*info)))

    # Logs written only by code (login attempts, owner edits) have no add page, even for a
    # superuser.
    can_add = admin.site._registry[model].has_add_permission(changelist.wsgi_request)
    assert (changelist.status_code, add.status_code) == (200, 200 if can_add else 403)


@pytest.mark.django_db
def test_admin_change_pages_load_for_staff(staff_client):
    credential = CredentialFactory()
    clinic = credential.practitioner.locations.get().clinic

    for url in [
        reverse("admin:clinics_clinic_change", args=[clinic.pk]),
        reverse("admin:clinics_practitioner_change", args=[credential.practitioner.pk]),
        reverse("admin:clinics_credential_change", args=[credential.pk]),
        reverse("admin:clinics_clinic_history", args=[clinic.pk]),
    ]:
        assert staff_client.get(url).status_code == 200, url


def test_manage_py_without_any_configuration_runs_in_debug_for_developers():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )

    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr


def test_wsgi_app_never_defaults_to_debug():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)

    result = subprocess.run(
        [sys.executable, "-c", "import directory.wsgi; from django.conf import settings; "
                               "print(settings.DEBUG)"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )

    assert result.stdout.strip() == "False", result.stderr


S3_ENVIRONMENT = {
    "DJANGO_STORAGE": "s3", "DJANGO_S3_BUCKET": "directory-documents",
    "DJANGO_S3_ACCESS_KEY_ID": "AKIAEXAMPLE", "DJANGO_S3_SECRET_ACCESS_KEY": "example-secret",
}


@pytest.mark.parametrize("storage", [{}, S3_ENVIRONMENT], ids=["filesystem", "s3"])
def test_check_deploy_is_clean_with_production_environment(storage):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "directory.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "directory.example.org",
        **storage,
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_secret_key_when_debug_off():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "directory.settings",
        "DJANGO_DEBUG": "0",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
        text=True, check=False,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize(("storage", "error"), [
    ({"DJANGO_STORAGE": "s3"}, "DJANGO_STORAGE=s3 also needs DJANGO_S3_BUCKET, "
                               "DJANGO_S3_ACCESS_KEY_ID, DJANGO_S3_SECRET_ACCESS_KEY."),
    ({**S3_ENVIRONMENT, "DJANGO_S3_SECRET_ACCESS_KEY": ""},
     "DJANGO_STORAGE=s3 also needs DJANGO_S3_SECRET_ACCESS_KEY."),
    ({"DJANGO_STORAGE": "gcs"}, "DJANGO_STORAGE must be 'filesystem' or 's3'."),
], ids=["s3-without-bucket-or-keys", "s3-without-secret", "unknown"])
def test_settings_refuse_to_start_with_document_storage_half_configured(storage, error):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "directory.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        **storage,
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
        text=True, check=False,
    )

    assert result.returncode != 0
    assert error in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_returns_200_with_one_h1_and_main(client, url):
    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert html.count("<main") == 1


@pytest.mark.parametrize(("threshold", "expected"), [
    (None, "True 5"), ("0", "True 0"), ("off", "True None"),
])
def test_postgresql_binds_on_the_server_and_prepares_repeated_statements(threshold, expected):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "directory.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://someone@db.example.org:5432/directory",
    }
    if threshold is not None:
        env["DJANGO_DB_PREPARE_THRESHOLD"] = threshold

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "o = settings.DATABASES['default']['OPTIONS']; "
                               "print(o['server_side_binding'], o['prepare_threshold'])"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )

    assert result.stdout.strip() == expected, result.stderr


@pytest.mark.django_db
def test_unknown_url_gives_styled_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()
