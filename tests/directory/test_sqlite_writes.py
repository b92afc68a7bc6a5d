"""No lost writes on SQLite: many patients writing to one clinic at once all get through.

Real gunicorn workers (separate processes) on a SQLite file take 60 enquiries posted at the
same moment. Each must be saved (302) or refused by the per-sender limit (429), never fail.
"""

import re
import threading
from urllib.parse import urlencode

import pytest

from tests import servers

ENQUIRY = {"name": "Jo Patient", "email": "jo@example.net", "phone": "",
           "preferred_contact": "email", "message": "Do you treat fibromyalgia?",
           "consent": "on"}


def test_sixty_simultaneous_enquiries_to_one_clinic_are_all_saved(tmp_path):
    env = servers.site_env(tmp_path / "site.sqlite3", DJANGO_TASKS="database",
                           DJANGO_TRUSTED_PROXY_COUNT="1")
    with servers.gunicorn(env, workers=3) as base:
        servers.manage(env, "shell", "--no-imports", "-c", (
            "from tests.factories import ClinicFactory, LocationFactory, MembershipFactory;"
            "clinic = ClinicFactory(slug='busy-clinic'); LocationFactory(clinic=clinic);"
            "MembershipFactory(clinic=clinic)"))
        url = f"{base}/clinics/busy-clinic/contact/"
        status, page, headers = servers.request(url)
        assert status == 200, page[:500]
        cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        clinic_pk = re.search(r'name="clinic"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="clinic"',
                              page)
        fields = {**ENQUIRY, "csrfmiddlewaretoken": token}
        if clinic_pk:
            fields["clinic"] = clinic_pk.group(1) or clinic_pk.group(2)
        start = threading.Barrier(60)
        answers: list[int] = []

        def post(i: int) -> None:
            body = urlencode({**fields, "name": f"Patient {i}"}).encode()
            start.wait()
            answers.append(servers.request(url, body, {
                "Cookie": f"csrftoken={cookie}", "Referer": url,
                "Content-Type": "application/x-www-form-urlencoded",
                # one sender each, as the proxy reports them (DJANGO_TRUSTED_PROXY_COUNT=1)
                "X-Forwarded-For": f"198.51.100.{i + 1}"})[0])

        threads = [threading.Thread(target=post, args=(i,)) for i in range(60)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        count = subprocess_count(env)

    assert sorted(set(answers)) == [302], answers
    assert count == 60


def subprocess_count(env) -> int:
    import subprocess

    result = subprocess.run(  # noqa: S603
        [servers.PYTHON, "manage.py", "shell", "--no-imports", "-c",
         "from clinics.owners.models import ContactRequest;"
         "from django_tasks_db.models import DBTaskResult;"
         "print(ContactRequest.objects.count(), DBTaskResult.objects.count())"],
        cwd=servers.ROOT, env=env, capture_output=True, text=True, check=True, timeout=120)
    saved, queued = map(int, result.stdout.split())
    # Two emails each: to the clinic, and the patient's receipt (ENQUIRY gives an address).
    assert queued == 2 * saved, "each enquiry has its emails queued with it"
    return saved


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
