"""Fictional demo data for the directory: the row generator behind ``manage.py load_demo``.

Every name, street, phone number and sentence here is made up (phones use the fictional
555-01xx range, e-mail and web addresses the reserved example.org domain). Places are real
ZIP centroids from the bundled gazetteer. The generator yields plain tuples in the column
order of ``TABLES`` so that the command can write them in large batches without building
model instances, which is what keeps a million-practitioner load within minutes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from . import geo, geocoding
from .models import (
    Clinic,
    Condition,
    Credential,
    DryNeedlingRule,
    Language,
    Location,
    Modality,
    Payer,
    Practitioner,
    PractitionerCondition,
)
from .services import RECREDENTIAL_INTERVAL
from .validators import State, npi_check_digit


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# Table key -> (model, field names in the order of the generated tuples). Parents come first;
# only they carry their own ids, because only they are pointed at by other demo rows.
TABLES = {
    "clinic": (Clinic, _words(
        "id name slug description phone email website status status_reason step_free_entrance "
        "accessible_restroom parking sliding_scale first_visit_price last_confirmed_at "
        "created_at updated_at")),
    "clinic_payer": (Clinic.payers.through, ["clinic", "payer"]),
    "location": (Location, _words(
        "id clinic label street city state zip_code lat lng geocode_source geocoded_at "
        "lat_band x y z")),
    "practitioner": (Practitioner, _words(
        "id name slug post_nominals bio pronouns gender years_in_practice npi "
        "accepting_new_patients accepting_as_of free_initial_consultation telehealth "
        "session_minutes created_at updated_at")),
    "practitioner_location": (Practitioner.locations.through, ["practitioner", "location"]),
    "practitioner_modality": (Practitioner.modalities.through, ["practitioner", "modality"]),
    "practitioner_language": (Practitioner.languages.through, ["practitioner", "language"]),
    "practitioner_specialty": (Practitioner.specialties.through, ["practitioner", "specialty"]),
    "practitioner_condition": (PractitionerCondition, ["practitioner", "condition", "note"]),
    "credential": (Credential, _words(
        "practitioner kind jurisdiction number issuer issued_on expires_on status verified_by "
        "verified_at method source note next_check_due rejection_reason created_at")),
}

FEMALE = _words(
    "Maya Aiko Amara Ana Beatriz Chiara Daniela Elena Fatima Grace Hana Ingrid Isabel Jia Kalani "
    "Laila Leah Lucia Mariana Mei Nadia Nia Noor Olga Priya Rosa Sakura Sofia Tamar Thandiwe "
    "Valentina Yara Zainab Adaeze Carmen Esther Farah Gabriela Hye-jin Imani Keiko Lena Malia "
    "Marisol Naomi Rania Seo-yeon Svetlana Teresa Wen Ximena Yasmin Zoe Anjali Bridget Claire"
)
MALE = _words(
    "Aarav Adebayo Ahmed Alejandro Andre Arjun Ben Caleb Carlos Chen Daniel Darius David Diego "
    "Emeka Ethan Felipe Hamza Hiroshi Ibrahim Ivan Jae-won Javier Jonah Jun Kofi Kenji Luis Malik "
    "Mateo Minh Nikhil Omar Pablo Rafael Rohan Samuel Santiago Tariq Tomas Tuan Wei Yusuf Marcus "
    "Oluwaseun Dmitri Elias Hector Isaac Joon Kwame Liam Nathaniel Rashid Stefan Theo Vikram"
)
NEUTRAL = _words("Alex Avery Jordan Kai Morgan Quinn Riley Rowan Sage Skyler Jamie Robin Sam")
SURNAMES = _words(
    "Abara Adeyemi Aguilar Alvarez Anand Arslan Baptiste Bautista Bergstrom Bhatt Castillo Chandra "
    "Chaudhry Cho Contreras Dang Delgado Demir Dubois Duarte Eze Fernandes Fitzgerald Fujimoto "
    "Gallagher Garza Ghosh Goldberg Guerrero Haddad Hakimi Hoang Horvath Ibarra Iyer Jensen Kamara "
    "Kapoor Kaur Khalil Kim Kowalski Kuznetsov Lachance Lindqvist Lopez Low Mahlaba Marchetti "
    "Mbeki Mendoza Moreau Morales Mwangi Nakamura Nguyen Novak Nwosu Obi Odhiambo Okafor Okonkwo "
    "Oyelaran Pacheco Park Petrov Pham Quispe Ramos Rao Reyes Rinaldi Rosen Sandoval Santos Sato "
    "Schreiber Sepulveda Shah Silva Sokolova Suarez Takahashi Tan Tanaka Torres Tran Valdez Varga "
    "Vasquez Wang Watanabe Whitfield Wojcik Yamamoto Yilmaz Zhang Zhou Zielinski Brennan Calloway "
    "Ellison Hartley Holloway McAllister Pemberton Prescott Rutherford Thornbury Underwood Winslow"
)
PLACES = _words(
    "Riverside|Cedar Hill|Maple Grove|Harbor View|Old Mill|Northside|Eastgate|Willow Creek|"
    "Lakeshore|Still Point|Open Gate|Blue Heron|Quiet Pine|Red Maple|Golden Ginkgo|Clear Spring|"
    "Twin Oaks|Stone Bridge|Juniper Street|Bamboo Grove|Lotus Path|Heron Bay|Sunrise|Tidewater|"
    "Pine Ridge|Mill Creek|Parkside|Hillcrest|Westbrook|Brightwater|Cypress|Magnolia|Aspen|Linden",
    "|",
)
NAME_SUFFIXES = {
    "acu": ["Acupuncture Collective", "Integrative Needling", "Community Acupuncture",
            "Acupuncture & Herbal Clinic", "Acupuncture Studio", "Acupuncture and Chinese Medicine",
            "Classical Acupuncture", "Acupuncture & Wellness"],
    "pt": ["Physical Therapy & Dry Needling", "Movement and Pain Clinic",
           "Sports Physio and Dry Needling", "Physical Therapy"],
    "med": ["Integrative Medicine", "Integrative Pain Medicine", "Medical Acupuncture Clinic",
            "Integrative Health Center"],
}
DESCRIPTIONS = {
    "acu": "{name} is a {size} acupuncture practice in {city} for long-term conditions. {extra}",
    "pt": "{name} combines physical therapy and dry needling for pain in {city}. {extra}",
    "med": "{name} is a {size} physician-led clinic in {city} offering medical acupuncture. "
           "{extra}",
}
DESCRIPTION_EXTRAS = [
    "First visits include a full history and a plan agreed together.",
    "We work alongside patients' own doctors and share notes when asked.",
    "Treatment rooms are private and quiet; evening appointments are available.",
    "Care here complements, and never replaces, medical treatment.",
    "We keep sessions unhurried and explain every step before it happens.",
]
BIO_OPENERS = [
    "{first} has been in practice for {years}, with a particular interest in {c1}.",
    "{first} works with adults living with {c1} and {c2}, alongside their medical team.",
    "After {years} in practice, {first} still starts every first visit with a long talk.",
    "{first} sees many patients with {c1} and keeps treatment plans short and reviewable.",
    "{first} brings {years} of clinical work to the practice and focuses on {c1} and {c2}.",
]
BIO_CLOSERS = [
    "Treatment is offered as a complement to conventional care, never instead of it.",
    "Sessions are calm and unhurried, and progress is reviewed every few weeks.",
    "{first} is glad to coordinate with your physician or specialist.",
    "Expect clear explanations, gentle technique and honest conversations about what may help.",
    "Outside the clinic, {first} teaches community classes on pacing and sleep.",
]
CONDITION_NOTES = [
    "Several years of regular experience with this condition",
    "Coordinates care with the patient's specialist",
    "Completed continuing education on this condition",
    "Most patients come for help with pain, sleep and fatigue",
]
SUSPENSION_REASONS = [
    "The lead practitioner's licence lapsed; the listing is paused until the renewal is checked.",
    "Patients reported that the phone number and address are out of date.",
    "Paused at the owner's request while the clinic moves to new premises.",
    "The clinic website made treatment claims we cannot list; waiting for them to be removed.",
]
STREETS = _words(
    "Maple Cedar Juniper Market Harbor Mission Elm Oak Willow Grant Lincoln Jefferson Franklin "
    "Chestnut Walnut Spruce Magnolia Hawthorne Sycamore Park Lake River Hill Union Center Church "
    "Mill College Summit Broad Laurel Poplar Birch Aspen Sequoia Ridge Valley Meadow"
)
STREET_TYPES = ["Street", "Avenue", "Boulevard", "Road", "Lane", "Way", "Drive", "Parkway"]
LOCATION_LABELS = ["Downtown", "Northside", "East side", "West end", "Midtown", "Uptown"]
AREA_CODES = [201, 206, 212, 213, 303, 305, 312, 404, 415, 503, 512, 602, 617, 702, 713, 808]
OTHER_LANGUAGES = ["es"] * 8 + ["zh", "zh", "yue", "ko", "vi", "ja", "tl", "ru", "fr", "pt",
                                "ar", "hi", "ase"]
METRO_CITIES = _words(
    "New York NY|Los Angeles CA|Chicago IL|Houston TX|Phoenix AZ|Philadelphia PA|San Antonio TX|"
    "San Diego CA|Dallas TX|Austin TX|San Jose CA|Jacksonville FL|Brooklyn NY|Columbus OH|"
    "Charlotte NC|Indianapolis IN|San Francisco CA|Seattle WA|Denver CO|Washington DC|Nashville TN|"
    "Oklahoma City OK|Boston MA|El Paso TX|Portland OR|Las Vegas NV|Memphis TN|Detroit MI|"
    "Baltimore MD|Louisville KY|Milwaukee WI|Albuquerque NM|Tucson AZ|Fresno CA|Sacramento CA|"
    "Kansas City MO|Atlanta GA|Omaha NE|Colorado Springs CO|Raleigh NC|Miami FL|Minneapolis MN|"
    "Tulsa OK|Cleveland OH|New Orleans LA|Tampa FL|Honolulu HI|Pittsburgh PA|Cincinnati OH|"
    "Saint Louis MO|Orlando FL|Salt Lake City UT|Richmond VA|Boise ID|Des Moines IA|"
    "Birmingham AL|Providence RI|Hartford CT|Burlington VT|Portland ME|Anchorage AK|Madison WI|"
    "Santa Fe NM|Asheville NC|Charleston SC|Little Rock AR|Oakland CA|San Juan PR",
    "|",
)
BOARDS = {"lac": "{} acupuncture licensing board", "medical": "{} Medical Board",
          "pt": "{} Board of Physical Therapy"}
LICENCE_PREFIXES = {"lac": "AC", "medical": "MD", "pt": "PT"}
ISSUERS = {  # a few boards by name; the rest get a generic name from BOARDS
    ("lac", "CA"): "California Acupuncture Board",
    ("lac", "TX"): "Texas State Board of Acupuncture Examiners",
    ("lac", "NY"): "New York State Education Department, Office of the Professions",
    ("lac", "FL"): "Florida Board of Acupuncture",
}
SESSION_MINUTES = [30, 45, 60, 60, 60, 75, 90]
# Clinic kind -> (chance of the minority profession, minority, majority) among its staff.
PROFESSIONS = {"acu": (0.06, "medical", "lac"), "pt": (0.15, "lac", "pt"),
               "med": (0.4, "lac", "medical")}
STATE_NAMES = dict(State.choices)


@dataclass
class Vocab:
    """Ids of the seeded vocabularies the generator links to."""

    conditions: dict[str, int]  # slug -> id
    condition_names: dict[int, str]
    condition_specialties: dict[int, tuple[int, ...]]
    modalities: dict[str, int]
    languages: dict[str, int]
    payers: list[int]
    dn_prohibited: set[str]

    @classmethod
    def load(cls) -> Vocab:
        conditions = list(Condition.objects.prefetch_related("specialties").order_by("pk"))
        prohibited = DryNeedlingRule.objects.filter(scope=DryNeedlingRule.Scope.PROHIBITED)
        return cls(
            conditions={c.slug: c.pk for c in conditions},
            condition_names={c.pk: c.name for c in conditions},
            condition_specialties={c.pk: tuple(s.pk for s in c.specialties.all())
                                   for c in conditions},
            modalities=dict(Modality.objects.values_list("slug", "pk")),
            languages=dict(Language.objects.values_list("code", "pk")),
            payers=list(Payer.objects.order_by("pk").values_list("pk", flat=True)),
            dn_prohibited=set(prohibited.values_list("state", flat=True)),
        )


def _in_sentence(name: str) -> str:
    # "Fibromyalgia" reads "fibromyalgia" mid-sentence; eponyms keep their capital.
    return name if name.split()[0].endswith("'s") else name[0].lower() + name[1:]


def _unique(base: str, used: dict[str, int]) -> str:
    # Bases never end in "-<digits>" (names have no digits), so suffixes cannot collide.
    n = used.get(base, 0) + 1
    used[base] = n
    return base if n == 1 else f"{base}-{n}"


class DemoGenerator:
    """Builds clinics with their locations, practitioners and credentials, deterministically.

    ``national`` spreads locations over every ZIP centroid with a little jitter (benchmarks);
    otherwise most clinics sit in well-known cities, bigger ones more often. Clinics,
    locations and practitioners get ids from ``next_ids``; the rows that nothing else points
    at (links, conditions, credentials) leave their ids to the database.
    """

    def __init__(self, *, vocab: Vocab, next_ids: dict[str, int], staff_id: int | None,
                 now: datetime, seed: int, national: bool, detailed: bool = True):
        self.rng = rng = random.Random(seed)
        self.vocab, self.staff_id, self.now, self.national = vocab, staff_id, now, national
        self.today = timezone.localdate(now)
        self.clinic_id, self.location_id, self.practitioner_id = (
            next_ids["clinic"], next_ids["location"], next_ids["practitioner"])
        self.zips = [z for z in geocoding.zip_centroids() if z[4] in STATE_NAMES]
        by_city: dict[tuple[str, str], list[int]] = {}
        for i, (_zip, _lat, _lng, city, state) in enumerate(self.zips):
            by_city.setdefault((city, state), []).append(i)
        self.metros = []  # lists of zip indices; the first twenty cities count three times
        for rank, entry in enumerate(METRO_CITIES):
            city, state = entry.rsplit(" ", 1)
            if (city, state) in by_city:
                self.metros += [by_city[(city, state)]] * (3 if rank < 20 else 1)
        # Slug bases by name, and how often each base has been used so far.
        self.slug_base, self.slugs_used, self.clinic_slugs_used = {}, {}, {}
        self.dt_pool = [now - timedelta(days=d, hours=d % 9) for d in range(0, 1100)]
        self.days = [timedelta(days=d) for d in range(0, 3700)]
        # Conditions come from a few thousand pre-drawn sets per profession (2-5 conditions,
        # or 1-3 when not `detailed`, to keep big loads lean), each with the specialties they
        # imply and the words the bio uses for them.
        cond = vocab.conditions
        pain = [cond[s] for s in ("fibromyalgia", "myofascial-pain-syndrome",
                                  "chronic-low-back-pain") if s in cond]
        every = list(cond.values())
        words = {k: _in_sentence(v) for k, v in vocab.condition_names.items()}
        low, high = (2, 5) if detailed else (1, 3)
        self.condition_sets = {}
        for profession, pool in (("lac", every + pain), ("medical", every + pain),
                                 ("pt", pain or every)):
            sets = []
            for _ in range(2048):
                k = rng.randint(low, high)
                chosen = list(dict.fromkeys(rng.sample(pool, min(k + 1, len(pool)))))[:k]
                specialties = tuple(dict.fromkeys(
                    s for c in chosen for s in vocab.condition_specialties[c]))
                second = words[chosen[-1]] if len(chosen) > 1 else "long-term pain"
                sets.append((chosen, specialties, words[chosen[0]], second))
            self.condition_sets[profession] = sets
        mods = vocab.modalities
        self.extra_modalities = {
            profession: tuple((mods[slug], p) for slug, p in extras if slug in mods)
            for profession, extras in (
                ("lac", (("cupping", 0.35), ("moxibustion", 0.2), ("tui-na", 0.15),
                         ("herbal-medicine", 0.3), ("electroacupuncture", 0.25))),
                ("medical", (("electroacupuncture", 0.4),)), ("pt", (("cupping", 0.2),)))
        }
        self.main_modality = {"lac": mods["acupuncture"], "medical": mods["acupuncture"],
                              "pt": mods["dry-needling"]}
        self.other_languages = [vocab.languages[c] for c in OTHER_LANGUAGES
                                if c in vocab.languages]
        self.english = vocab.languages["en"]

    # -- places -----------------------------------------------------------------------------

    def _zip_indices(self, n: int) -> list[int]:
        rnd = self.rng.random
        if not self.national and rnd() < 0.7:
            pool = self.metros[int(rnd() * len(self.metros))]
            first = pool[int(rnd() * len(pool))]
        else:
            pool, first = None, int(rnd() * len(self.zips))
        picks = [first]
        for _ in range(n - 1):
            if pool:  # another ZIP in the same city
                picks.append(pool[int(rnd() * len(pool))])
            else:  # ZIPs are numbered regionally, so a near number is a near place
                j = min(max(first + int(rnd() * 13) - 6, 0), len(self.zips) - 1)
                picks.append(j if self.zips[j][4] == self.zips[first][4] else first)
        return picks

    def _location(self, clinic_id: int, zip_index: int, label: str) -> tuple:
        rnd = self.rng.random
        zip_code, lat, lng, city, state = self.zips[zip_index]
        if self.national:
            lat = round(lat + (rnd() - 0.5) * 0.02, 6)
            lng = round(lng + (rnd() - 0.5) * 0.02, 6)
        street = (f"{10 + int(rnd() * 9890)} {STREETS[int(rnd() * len(STREETS))]} "
                  f"{STREET_TYPES[int(rnd() * len(STREET_TYPES))]}")
        if rnd() < 0.3:
            street += f", Suite {100 * (1 + int(rnd() * 9)) + int(rnd() * 20)}"
        self.location_id += 1
        # The radius-search columns, derived exactly as Location.set_point() derives them.
        return (self.location_id - 1, clinic_id, label, street, city, state, zip_code, lat, lng,
                "offline", self.now, geo.lat_band(lat), *geo.unit_vector(lat, lng))

    # -- clinics ----------------------------------------------------------------------------

    def clinics(self, practitioners: int, chunk: int = 5000) -> Iterator[dict[str, list]]:
        """Yield row batches (table key -> tuples) until `practitioners` have been made."""
        rows: dict[str, list] = {key: [] for key in TABLES}
        made = 0
        while made < practitioners:
            n = min(self.rng.choices((1, 2, 3, 4), (40, 35, 17, 8))[0], practitioners - made)
            self._clinic(rows, n)
            made += n
            if len(rows["practitioner"]) >= chunk or made >= practitioners:
                yield rows
                rows = {key: [] for key in TABLES}

    def _clinic(self, rows: dict[str, list], n_practitioners: int) -> None:
        rng, now = self.rng, self.now
        rnd = rng.random
        n_loc = 1 if (r := rnd()) < 0.6 else 2 if r < 0.9 else 3
        zips = self._zip_indices(n_loc)
        city, state = self.zips[zips[0]][3], self.zips[zips[0]][4]
        r = rnd()
        kind = "med" if r < 0.08 else "pt" if r < 0.24 and state not in self.vocab.dn_prohibited \
            else "acu"
        r, S = rnd(), Clinic.Status
        status = S.PENDING if r < 0.05 else S.SUSPENDED if r < 0.08 else S.DRAFT if r < 0.1 \
            else S.PUBLISHED
        reason = SUSPENSION_REASONS[int(rnd() * 4)] if status == S.SUSPENDED else ""
        r = rnd()
        place = city if r < 0.1 else SURNAMES[int(rnd() * len(SURNAMES))] if r < 0.2 \
            else PLACES[int(rnd() * len(PLACES))]
        suffixes = NAME_SUFFIXES[kind]
        name = f"{place} {suffixes[int(rnd() * len(suffixes))]}"
        key = f"{name}|{city}"
        base = self.slug_base.get(key) or self.slug_base.setdefault(
            key, slugify(f"{name} {city}")[:200].strip("-")
        )
        slug = _unique(base, self.clinic_slugs_used)
        clinic_id = self.clinic_id
        self.clinic_id += 1
        size = "small" if n_practitioners < 3 else "busy"
        extra = DESCRIPTION_EXTRAS[int(rnd() * len(DESCRIPTION_EXTRAS))]
        price = Decimal(60 + 5 * int(rnd() * 33)) if rnd() < 0.8 else None
        rows["clinic"].append((
            clinic_id, name, slug,
            DESCRIPTIONS[kind].format(name=name, size=size, city=city, extra=extra),
            f"({AREA_CODES[clinic_id % len(AREA_CODES)]}) 555-01{clinic_id % 100:02d}",
            f"{slug[:60].strip('-')}@example.org", f"https://example.org/{slug}",
            status, reason, rnd() < 0.7, rnd() < 0.6, rnd() < 0.75, rnd() < 0.3, price,
            self.dt_pool[int(rnd() * 240)], now, now,
        ))
        rows["clinic_payer"] += [(clinic_id, p) for p in self.vocab.payers if rnd() < 0.3]
        labels = rng.sample(LOCATION_LABELS, n_loc) if n_loc > 1 else [""]
        locations = [self._location(clinic_id, z, label)
                     for z, label in zip(zips, labels, strict=True)]
        rows["location"] += locations
        odds, minority, majority = PROFESSIONS[kind]
        for i in range(n_practitioners):
            profession = minority if rnd() < odds else majority
            here = [locations[i % n_loc]]
            if n_loc > 1 and rnd() < 0.25:
                here.append(locations[(i + 1) % n_loc])
            self._practitioner(rows, profession, here)

    # -- practitioners ----------------------------------------------------------------------

    def _practitioner(self, rows: dict[str, list], profession: str, locations: list) -> None:
        rnd, now, today = self.rng.random, self.now, self.today
        pid = self.practitioner_id
        self.practitioner_id += 1
        r = rnd()
        names, gender, pronouns = (FEMALE, "female", "she/her") if r < 0.5 else \
            (MALE, "male", "he/him") if r < 0.92 else (NEUTRAL, "nonbinary", "they/them")
        first = names[int(rnd() * len(names))]
        name = f"{first} {SURNAMES[int(rnd() * len(SURNAMES))]}"
        base = self.slug_base.get(name) or self.slug_base.setdefault(name, slugify(name))
        years = 1 + int(rnd() * 35)
        sets = self.condition_sets[profession]
        conditions, specialties, c1, c2 = sets[int(rnd() * len(sets))]
        bio = (BIO_OPENERS[int(rnd() * len(BIO_OPENERS))] + " "
               + BIO_CLOSERS[int(rnd() * len(BIO_CLOSERS))]).format(
            first=first, years="one year" if years == 1 else f"{years} years", c1=c1, c2=c2)
        npi = ""
        if rnd() < 0.55:
            nine = str(100_000_000 + int(rnd() * 200_000_000))
            npi = nine + str(npi_check_digit(nine))
        post_nominals = self._credentials(rows, pid, profession, locations[0][5], years)
        rows["practitioner"].append((
            pid, name, _unique(base, self.slugs_used), post_nominals, bio,
            pronouns if rnd() < 0.35 else "", gender if rnd() < 0.6 else "", years, npi,
            rnd() < 0.72, today - self.days[int(rnd() * 120)], rnd() < 0.35, rnd() < 0.3,
            SESSION_MINUTES[int(rnd() * len(SESSION_MINUTES))], now, now,
        ))
        rows["practitioner_location"] += [(pid, loc[0]) for loc in locations]
        modalities = rows["practitioner_modality"]
        modalities.append((pid, self.main_modality[profession]))
        for modality, p in self.extra_modalities[profession]:
            if rnd() < p:
                modalities.append((pid, modality))
        languages = rows["practitioner_language"]
        languages.append((pid, self.english))
        if rnd() < 0.28:
            other = self.other_languages
            first_other = other[int(rnd() * len(other))]
            languages.append((pid, first_other))
            if rnd() < 0.1 and (second := other[int(rnd() * len(other))]) != first_other:
                languages.append((pid, second))
        rows["practitioner_specialty"] += [(pid, s) for s in specialties]
        rows["practitioner_condition"] += [
            (pid, c, CONDITION_NOTES[int(rnd() * 4)] if rnd() < 0.25 else "") for c in conditions
        ]

    def _credentials(self, rows, pid: int, profession: str, state: str, years: int) -> str:
        """Add the licence and any certificates; returns the post-nominals they support."""
        rnd, today, days = self.rng.random, self.today, self.days
        r = rnd()
        outcome = "submitted" if r < 0.08 else "expired" if r < 0.13 else "verified"
        if outcome == "expired":
            expires = today - days[1 + int(rnd() * 200)]
        else:
            expires = today + days[30 + int(rnd() * 700)]
        issuer = ISSUERS.get((profession, state)) or BOARDS[profession].format(STATE_NAMES[state])
        issued = today - days[min(years * 365 + int(rnd() * 300), len(days) - 1)]
        number = f"{LICENCE_PREFIXES[profession]}{1000 + int(rnd() * 98999)}"
        self._credential(rows, pid, profession, state, number, issuer, issued, expires, outcome)
        if profession == "lac":
            post = "L.Ac."
            if rnd() < 0.45:
                om = rnd() < 0.3
                self._credential(
                    rows, pid, "nccaom_om" if om else "nccaom_ac", "",
                    str(100000 + int(rnd() * 900000)), "NCCAOM", issued,
                    today + days[30 + int(rnd() * 1430)],
                    "submitted" if rnd() < 0.1 else "verified",
                )
                post += ", Dipl. O.M." if om else ", Dipl. Ac."
        elif profession == "pt":
            post = "PT, DPT" if rnd() < 0.7 else "PT"
            self._credential(rows, pid, "dry_needling", "", "", "Dry-needling course provider",
                             issued + days[400], None,
                             "submitted" if rnd() < 0.15 else "verified")
        else:
            post = "MD" if rnd() < 0.8 else "DO"
            if rnd() < 0.5:
                self._credential(rows, pid, "abma", "", str(1000 + int(rnd() * 9000)),
                                 "American Board of Medical Acupuncture", issued,
                                 today + days[200 + int(rnd() * 3400)], "verified")
                post += ", DABMA"
        return post

    def _credential(self, rows, pid, kind, state, number, issuer, issued, expires, outcome):
        rnd = self.rng.random
        verified_by = verified_at = next_due = None
        method = source = note = ""
        status = Credential.Status.SUBMITTED
        if outcome != "submitted":
            status = Credential.Status.VERIFIED
            if outcome == "expired":  # checked back when it was current; lapsed since
                back = (self.today - expires).days + 200 + int(rnd() * 400)
            else:
                back = 1 + int(rnd() * 700)
            back = min(back, (self.today - issued).days)  # checked after it was issued
            verified_at = self.dt_pool[min(back, len(self.dt_pool) - 1)]
            verified_by = self.staff_id
            if kind in ("nccaom_ac", "nccaom_om", "abma"):
                method, source = Credential.Method.REGISTRY, f"{issuer} online certification lookup"
            elif kind == "dry_needling":
                method, source = Credential.Method.DOCUMENT, "Course completion certificate"
                note = "Certificate of a 54-hour course with supervised practice, seen by staff."
            elif rnd() < 0.85:
                method, source = Credential.Method.BOARD_WEBSITE, f"{issuer} online licence lookup"
            else:
                method, source = Credential.Method.BOARD_CONTACT, f"Phone call to the {issuer}"
            recheck = timezone.localdate(verified_at) + RECREDENTIAL_INTERVAL
            next_due = min(expires, recheck) if expires else recheck
        rows["credential"].append((
            pid, kind, state, number, issuer, issued, expires, status,
            verified_by, verified_at, method, source, note, next_due, "", self.now,
        ))
