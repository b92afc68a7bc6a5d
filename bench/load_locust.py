"""The load that bench/load.py sends, as locust users. Not run by hand: bench/load.py starts
`locust -f bench/load_locust.py` once per phase with these variables:

    LOAD_PLAN   the JSON plan bench/load.py wrote: the URLs to ask for and the contact form
    LOAD_KIND   bare | search | unique | condition | api (one kind of page: "unique" is the
                search page asked only searches never asked before) or mixed (bare, search,
                condition and api, for the fault runs, beside EnquiryUser)
    LOAD_OUT    where to write every request's figures when the phase ends (JSON); an
                empty LOAD_OUT + ".started" is made when the users start

Every user asks again as soon as it has an answer (no think time), so a phase measures the
most the site serves with that many requests in flight. A request counts as an error unless
it gets the status it should (200 for pages, 302 for a posted enquiry). The figures are kept
per request (start, milliseconds, status) rather than from locust's rounded statistics.
"""

import itertools
import json
import os
import random
import re
import time

from locust import FastHttpUser, constant, events, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
KIND = os.environ["LOAD_KIND"]
OUT = os.environ["LOAD_OUT"]

# name -> the paths it cycles through; "mixed" draws from all four, weighted as a visitor's
# day might be: mostly searches, then condition pages and the API.
PATHS = {
    "bare": [PLAN["bare"]],
    "search": [f"/practitioners/?{query}" for query in PLAN["searches"]],
    "condition": PLAN["conditions"],
    "api": [f"/api/practitioners/?{query}" for query in PLAN["searches"]],
}
MIX = {"search": 4, "condition": 3, "api": 2, "bare": 1}


def unique_search(rng: random.Random) -> str:
    """A search nobody has asked before, so no kept page can answer it: one of the plan's
    searches, from a random point within about two miles of its ZIP's clinics (as "Use my
    location" sends it) instead of the ZIP."""
    index = rng.randrange(len(PLAN["searches"]))
    lat, lng = PLAN["points"][index]
    query = re.sub(r"near=\d+", f"lat={lat + rng.uniform(-0.03, 0.03):.6f}"
                                 f"&lng={lng + rng.uniform(-0.03, 0.03):.6f}",
                   PLAN["searches"][index])
    return f"/practitioners/?{query}"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

samples: list[list] = []  # [name, start (epoch s), ms, ok, status]
enquiries: list[list] = []  # [number, start of the POST (epoch s), status]
enquiry_numbers = itertools.count(1)


@events.request.add_listener
def record(name, start_time, response_time, response, exception, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    samples.append([name, start_time, response_time, exception is None, status])


@events.test_start.add_listener
def started(**_kwargs):
    open(OUT + ".started", "w").close()  # noqa: SIM115 (an empty marker file)


@events.test_stop.add_listener
def write(**_kwargs):
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump({"kind": KIND, "samples": samples, "enquiries": enquiries}, out)


class PageUser(FastHttpUser):
    """Reads pages as fast as the site answers."""

    wait_time = constant(0)

    def on_start(self):
        self.rng = random.Random()  # noqa: S311 (choosing URLs, not secrets)
        kinds = list(MIX) if KIND == "mixed" else [KIND]
        self.kinds = kinds
        self.weights = [MIX.get(kind, 1) for kind in kinds]  # one kind alone: any weight

    @task
    def read(self):
        kind = self.rng.choices(self.kinds, self.weights)[0]
        path = unique_search(self.rng) if kind == "unique" else self.rng.choice(PATHS[kind])
        with self.client.get(path, name=kind, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            else:
                response.success()


class EnquiryUser(FastHttpUser):
    """A patient writing to the demo clinic through its contact form: GET the form (for the
    CSRF token), then POST it. Each enquiry comes from its own address in X-Forwarded-For
    (the site runs with DJANGO_TRUSTED_PROXY_COUNT=1 here), as enquiries from many people
    would, so the per-sender hourly limit does not refuse them. The message names the run and
    the enquiry's number, so bench/load.py can find each saved one."""

    fixed_count = int(os.environ.get("LOAD_ENQUIRY_USERS", "0"))
    wait_time = constant(float(os.environ.get("LOAD_ENQUIRY_PAUSE", "0.25")))

    @task
    def enquire(self):
        number = next(enquiry_numbers)
        # A header value only: every request still goes to the loopback server.
        headers = {"X-Forwarded-For": f"127.77.{number // 250 % 250}.{number % 250 + 1}"}
        contact = PLAN["contact"]
        with self.client.get(contact["path"], name="enquiry form", headers=headers,
                             catch_response=True) as form:
            token = CSRF.search(form.text or "") if form.status_code == 200 else None
            if token is None:
                form.failure(f"HTTP {form.status_code}, no form")
                return
            form.success()
        data = {
            "csrfmiddlewaretoken": token.group(1), "clinic": str(contact["clinic"]),
            "name": "Load Test Patient", "email": f"patient{number}@example.net", "phone": "",
            "preferred_contact": "email", "consent": "on", "homepage": "",
            "message": f"Load run {PLAN['run_id']} enquiry {number}: do you treat back pain?",
        }
        start = time.time()
        with self.client.post(contact["path"], name="enquiry post", data=data,
                              headers=headers, allow_redirects=False,
                              catch_response=True) as posted:
            if posted.status_code == 302:
                posted.success()
            else:
                posted.failure(f"HTTP {posted.status_code}")
        enquiries.append([number, start, posted.status_code or 0])
