"""The staff site's index: readable section names, and the queue table's own styles."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def section_names(html):
    return re.findall(r'<a href="/admin/[^"]+/" class="section"[^>]*>([^<]+)</a>', html)


def test_admin_index_names_library_sections_in_plain_words(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()

    names = section_names(html)
    assert "Failed logins and lockouts" in names
    assert "Two-factor: authenticator apps" in names
    assert "Two-factor: recovery codes" in names
    assert not {"Axes", "Otp_Static", "Otp_Totp", "Tasks Database Backend"} & set(names)


def test_admin_index_links_the_queue_table_styles(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()

    assert re.search(r'<link rel="stylesheet" href="/static/css/admin_index[^"]*\.css">', html)
    assert '<table class="queues">' in html
