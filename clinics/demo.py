"""Fictional demo data for the directory: the row generator behind ``manage.py load_demo``.

The words are data, not code: names, streets, cities, board names and every sentence are in
demo_content/words.toml, which `read_words` parses and checks, naming the file in any error
(demo_content/README.md says what must stay fictional). This module keeps how they are
drawn: the probabilities and weights, the vocabulary codes, and the contact formats.

Every person, clinic, street, phone number and sentence is made up (phones use the fictional
555-01xx range after a real area code of the clinic's city, e-mail and web addresses the
reserved example.org domain). Places are real ZIPs from the bundled gazetteer, each address a
short way from its ZIP's centre point, as a street in it would be (street_level). The
generator yields plain tuples in the column order of ``TABLES`` so that the command can write
them in large batches without building model instances, which is what keeps a
million-practitioner load within minutes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from . import geo, geocoding, sanctions
from .demo_words import MAX_LOCATIONS, PROFESSIONS, STATE_NAMES, Words, read_words
from .models import (
    Clinic,
    Condition,
    Credential,
    CredentialCheck,
    DryNeedlingRule,
    Language,
    Location,
    Modality,
    Payer,
    Practitioner,
    PractitionerCondition,
)
from .services import RECREDENTIAL_INTERVAL
from .validators import npi_check_digit
from .vocabulary import in_sentence


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# Table key -> (model, field names in the order of the generated tuples). Parents come first;
# only they carry their own ids, because only they are pointed at by other demo rows.
TABLES = {
    "clinic": (Clinic, _words(
        "id name slug description phone email website status status_reason step_free_entrance "
        "accessible_restroom parking sliding_scale first_visit_price last_confirmed_at "
        "insurance_as_of prices_as_of created_at updated_at")),
    "clinic_payer": (Clinic.payers.through, ["clinic", "payer"]),
    "location": (Location, _words(
        "id clinic label street city state zip_code lat lng geocode_source geocoded_at "
        "lat_band x y z updated_at")),
    "practitioner": (Practitioner, _words(
        "id name slug post_nominals bio pronouns gender years_in_practice npi "
        "accepting_new_patients accepting_as_of free_initial_consultation telehealth "
        "telehealth_as_of session_minutes created_at updated_at")),
    "practitioner_location": (Practitioner.locations.through,
                              ["practitioner", "location", "updated_at"]),
    "practitioner_modality": (Practitioner.modalities.through, ["practitioner", "modality"]),
    "practitioner_language": (Practitioner.languages.through, ["practitioner", "language"]),
    "practitioner_specialty": (Practitioner.specialties.through, ["practitioner", "specialty"]),
    "practitioner_condition": (PractitionerCondition, ["practitioner", "condition", "note"]),
    "credential": (Credential, _words(
        "id practitioner kind jurisdiction number issuer issued_on expires_on status verified_by "
        "verified_at method source note next_check_due rejection_reason created_at")),
    "credential_check": (CredentialCheck, _words(
        "credential checked_by checked_at method source outcome expires_on next_check_due note "
        "created_at")),
}

# The first verified licences made get these states, so staff and visitors can see each one
# (the staff queue, expiry reminders, the profile's check history): a check due today, one
# three weeks overdue, and licences expiring in 7, 30 and 60 days. Each appears three times.
TRUST_CASES = ["check_due", "check_overdue", "expires_7", "expires_30", "expires_60"] * 3
OVERDUE_DAYS = 21
MILES_PER_DEGREE = 69.05  # of latitude, and of longitude at the equator

# -- tuning: how often things happen. The words drawn are in demo_content/words.toml. --------

# Codes of seeded languages spoken besides English; a repeated code is drawn more often.
OTHER_LANGUAGES = ["es"] * 8 + ["zh", "zh", "yue", "ko", "vi", "ja", "tl", "ru", "fr", "pt",
                                "ar", "hi", "ase"]
SESSION_MINUTES = [30, 45, 60, 60, 60, 75, 90]  # a repeated length is drawn more often
# Clinic kind -> (chance of the minority profession, minority, majority) among its staff.
BIG_METROS = 20  # the first metro_cities in words.toml, drawn three times as often as the rest

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


# How far from its ZIP's centre point a demo address sits: at least far enough that a search
# for the ZIP never says "0.0 miles", at most about where a street in a city ZIP still is.
STREET_OFFSET_MILES = (0.1, 0.6)


def street_level(lat: float, lng: float, key: int) -> tuple[float, float]:
    """A point near (lat, lng), a ZIP centre, as a street address in that ZIP would be.

    The offset depends on `key` (the location id) alone, so a load is the same every time
    and the generator's other draws are not shifted; two clinics in one ZIP do not tie.
    """
    draw = random.Random(key)
    low, high = STREET_OFFSET_MILES
    miles = low + (high - low) * draw.random()
    bearing = 2 * math.pi * draw.random()
    lat_offset = miles / MILES_PER_DEGREE * math.cos(bearing)
    lng_offset = (miles / (MILES_PER_DEGREE * math.cos(math.radians(lat)))
                  * math.sin(bearing))
    return round(lat + lat_offset, 6), round(lng + lng_offset, 6)


def _unique(base: str, used: dict[str, int]) -> str:
    # Bases never end in "-<digits>" (names have no digits), so suffixes cannot collide.
    n = used.get(base, 0) + 1
    used[base] = n
    return base if n == 1 else f"{base}-{n}"


class DemoGenerator:
    """Builds clinics with their locations, practitioners and credentials, deterministically.

    ``national`` spreads locations over every ZIP centroid (benchmarks);
    otherwise most clinics sit in well-known cities, bigger ones more often. Clinics,
    locations and practitioners get ids from ``next_ids``; the rows that nothing else points
    at (links, conditions, credentials) leave their ids to the database. The names and
    sentences come from ``words`` (by default read from demo_content/words.toml).
    """

    def __init__(self, *, vocab: Vocab, next_ids: dict[str, int], staff_id: int | None,
                 now: datetime, seed: int, national: bool, detailed: bool = True,
                 words: Words | None = None):
        self.words = words = words or read_words()
        self.rng = rng = random.Random(seed)
        self.vocab, self.staff_id, self.now, self.national = vocab, staff_id, now, national
        self.today = timezone.localdate(now)
        self.clinic_id, self.location_id, self.practitioner_id, self.credential_id = (
            next_ids["clinic"], next_ids["location"], next_ids["practitioner"],
            next_ids["credential"])
        self.trust_cases = list(reversed(TRUST_CASES))
        self.zips = [z for z in geocoding.zip_centroids() if z[4] in STATE_NAMES]
        by_city: dict[tuple[str, str], list[int]] = {}
        for i, (_zip, _lat, _lng, city, state) in enumerate(self.zips):
            by_city.setdefault((city, state), []).append(i)
        self.metros = []  # lists of zip indices; the biggest cities count three times
        for rank, (city, state) in enumerate(words.metro_cities):
            if (city, state) in by_city:
                self.metros += [by_city[(city, state)]] * (3 if rank < BIG_METROS else 1)
        # Slug bases by name, and how often each base has been used so far.
        self.slug_base: dict[str, str] = {}
        self.slugs_used: dict[str, int] = {}
        self.clinic_slugs_used: dict[str, int] = {}
        self.dt_pool = [now - timedelta(days=d, hours=d % 9) for d in range(0, 1100)]
        self.days = [timedelta(days=d) for d in range(0, 3700)]
        # Conditions come from a few thousand pre-drawn sets per profession (2-5 conditions,
        # or 1-3 when not `detailed`, to keep big loads lean), each with the specialties they
        # imply and the words the bio uses for them.
        cond = vocab.conditions
        pain = [cond[s] for s in ("fibromyalgia", "myofascial-pain-syndrome",
                                  "chronic-low-back-pain") if s in cond]
        every = list(cond.values())
        said = {k: in_sentence(v) for k, v in vocab.condition_names.items()}
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
                second = said[chosen[-1]] if len(chosen) > 1 else words.single_condition_c2
                sets.append((chosen, specialties, said[chosen[0]], second))
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
        rnd, words = self.rng.random, self.words
        zip_code, lat, lng, city, state = self.zips[zip_index]
        lat, lng = street_level(lat, lng, self.location_id)
        streets, types = words.streets, words.street_types
        street = (f"{10 + int(rnd() * 9890)} {streets[int(rnd() * len(streets))]} "
                  f"{types[int(rnd() * len(types))]}")
        if rnd() < 0.3:
            street += f", Suite {100 * (1 + int(rnd() * 9)) + int(rnd() * 20)}"
        self.location_id += 1
        # The radius-search columns, derived exactly as Location.set_point() derives them.
        return (self.location_id - 1, clinic_id, label, street, city, state, zip_code, lat, lng,
                "offline", self.now, geo.lat_band(lat), *geo.unit_vector(lat, lng), self.now)

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
        rng, now, words = self.rng, self.now, self.words
        rnd = rng.random
        n_loc = 1 if (r := rnd()) < 0.6 else 2 if r < 0.9 else MAX_LOCATIONS
        zips = self._zip_indices(n_loc)
        city, state = self.zips[zips[0]][3], self.zips[zips[0]][4]
        r = rnd()
        kind = "med" if r < 0.08 else "pt" if r < 0.24 and state not in self.vocab.dn_prohibited \
            else "acu"
        r, S = rnd(), Clinic.Status
        status = S.PENDING if r < 0.05 else S.SUSPENDED if r < 0.08 else S.DRAFT if r < 0.1 \
            else S.PUBLISHED
        reasons = words.suspension_reasons
        reason = reasons[int(rnd() * len(reasons))] if status == S.SUSPENDED else ""
        r = rnd()
        surnames, places = words.surnames, words.places
        place = city if r < 0.1 else surnames[int(rnd() * len(surnames))] if r < 0.2 \
            else places[int(rnd() * len(places))]
        suffixes = words.name_suffixes[kind]
        name = f"{place} {suffixes[int(rnd() * len(suffixes))]}"
        key = f"{name}|{city}"
        base = self.slug_base.get(key) or self.slug_base.setdefault(
            key, slugify(f"{name} {city}")[:200].strip("-")
        )
        slug = _unique(base, self.clinic_slugs_used)
        clinic_id = self.clinic_id
        self.clinic_id += 1
        size = "small" if n_practitioners < 3 else "busy"
        extra = words.description_extras[int(rnd() * len(words.description_extras))]
        price = Decimal(60 + 5 * int(rnd() * 33)) if rnd() < 0.8 else None
        # Drawn in this order so the same seed gives the same demo as before.
        features = (rnd() < 0.7, rnd() < 0.6, rnd() < 0.75, rnd() < 0.3)
        # Confirmed up to 240 days ago: listings past 90 days (marked) and 180 (staff queue).
        confirmed_at = self.dt_pool[int(rnd() * 240)]
        confirmed_on = timezone.localdate(confirmed_at)
        rows["clinic"].append((
            clinic_id, name, slug,
            words.descriptions[kind].format(name=name, size=size, city=city, extra=extra),
            # A real area code of the clinic's city, but always a fictional 555-01xx number.
            f"({words.area_codes_by_city.get((city, state)) or words.area_codes_by_state[state]}) "
            f"555-01{clinic_id % 100:02d}",
            f"{slug[:60].strip('-')}@example.org", f"https://example.org/{slug}",
            status, reason, *features, price, confirmed_at, confirmed_on, confirmed_on, now, now,
        ))
        rows["clinic_payer"] += [(clinic_id, p) for p in self.vocab.payers if rnd() < 0.3]
        labels = rng.sample(words.location_labels, n_loc) if n_loc > 1 else [""]
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
        rnd, now, today, words = self.rng.random, self.now, self.today, self.words
        pid = self.practitioner_id
        self.practitioner_id += 1
        r = rnd()
        names, gender, pronouns = (words.female, "female", "she/her") if r < 0.5 else \
            (words.male, "male", "he/him") if r < 0.92 else \
            (words.neutral, "nonbinary", "they/them")
        first = names[int(rnd() * len(names))]
        name = f"{first} {words.surnames[int(rnd() * len(words.surnames))]}"
        base = self.slug_base.get(name) or self.slug_base.setdefault(name, slugify(name))
        years = 1 + int(rnd() * 35)
        sets = self.condition_sets[profession]
        conditions, specialties, c1, c2 = sets[int(rnd() * len(sets))]
        openers, closers = words.bio_openers, words.bio_closers
        bio = (openers[int(rnd() * len(openers))] + " "
               + closers[int(rnd() * len(closers))]).format(
            first=first, years="one year" if years == 1 else f"{years} years", c1=c1, c2=c2)
        npi = ""
        if rnd() < 0.55:
            nine = str(100_000_000 + int(rnd() * 200_000_000))
            npi = nine + str(npi_check_digit(nine))
        post_nominals = self._credentials(rows, pid, profession, locations[0][5], years)
        rows["practitioner"].append((
            pid, name, _unique(base, self.slugs_used), post_nominals, bio,
            pronouns if rnd() < 0.35 else "", gender if rnd() < 0.6 else "", years, npi,
            rnd() < 0.72, (as_of := today - self.days[int(rnd() * 120)]), rnd() < 0.35,
            rnd() < 0.3, as_of, SESSION_MINUTES[int(rnd() * len(SESSION_MINUTES))], now, now,
        ))
        rows["practitioner_location"] += [(pid, loc[0], now) for loc in locations]
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
        notes = words.condition_notes
        rows["practitioner_condition"] += [
            (pid, c, notes[int(rnd() * len(notes))] if rnd() < 0.25 else "") for c in conditions
        ]

    def _credentials(self, rows, pid: int, profession: str, state: str, years: int) -> str:
        """Add the licence and any certificates; returns the post-nominals they support."""
        rnd, today, days, words = self.rng.random, self.today, self.days, self.words
        r = rnd()
        outcome = "submitted" if r < 0.08 else "expired" if r < 0.13 else "verified"
        if outcome == "expired":
            expires = today - days[1 + int(rnd() * 200)]
        else:
            expires = today + days[30 + int(rnd() * 700)]
        case = self.trust_cases.pop() if outcome == "verified" and self.trust_cases else ""
        if case.startswith("expires_"):
            expires = today + days[int(case.removeprefix("expires_"))]
        issuer = (words.issuers.get((profession, state))
                  or words.boards[profession].format(state=STATE_NAMES[state]))
        issued = today - days[min(years * 365 + int(rnd() * 300), len(days) - 1)]
        number = f"{words.licence_prefixes[profession]}{1000 + int(rnd() * 98999)}"
        self._credential(rows, pid, profession, state, number, issuer, issued, expires, outcome,
                         case=case)
        if profession == "lac":
            post = "L.Ac."
            if rnd() < 0.45:
                om = rnd() < 0.3
                self._credential(
                    rows, pid, "nccaom_om" if om else "nccaom_ac", "",
                    str(100000 + int(rnd() * 900000)), words.certifiers["nccaom"], issued,
                    today + days[30 + int(rnd() * 1430)],
                    "submitted" if rnd() < 0.1 else "verified",
                )
                post += ", Dipl. O.M." if om else ", Dipl. Ac."
        elif profession == "pt":
            post = "PT, DPT" if rnd() < 0.7 else "PT"
            self._credential(rows, pid, "dry_needling", "", "", words.certifiers["dry_needling"],
                             issued + days[400], None,
                             "submitted" if rnd() < 0.15 else "verified")
        else:
            post = "MD" if rnd() < 0.8 else "DO"
            if rnd() < 0.5:
                self._credential(rows, pid, "abma", "", str(1000 + int(rnd() * 9000)),
                                 words.certifiers["abma"], issued,
                                 today + days[200 + int(rnd() * 3400)], "verified")
                post += ", DABMA"
        return post

    def _credential(self, rows, pid, kind, state, number, issuer, issued, expires, outcome,
                    case=""):
        rnd, checks = self.rng.random, self.words.checks
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
                method = Credential.Method.REGISTRY
            elif kind == "dry_needling":
                method, note = Credential.Method.DOCUMENT, checks["document_note"]
            elif rnd() < 0.85:
                method = Credential.Method.BOARD_WEBSITE
            else:
                method = Credential.Method.BOARD_CONTACT
            source = checks[method].format(issuer=issuer)
            recheck = timezone.localdate(verified_at) + RECREDENTIAL_INTERVAL
            next_due = min(expires, recheck) if expires else recheck
            if case == "check_due":
                next_due = self.today
            elif case == "check_overdue":
                next_due = self.today - self.days[OVERDUE_DAYS]
        credential_id = self.credential_id
        self.credential_id += 1
        rows["credential"].append((
            credential_id, pid, kind, state, number, issuer, issued, expires, status,
            verified_by, verified_at, method, source, note, next_due, "", self.now,
        ))
        if verified_at is None:
            return
        checks = rows["credential_check"]
        if pid % 3 == 0 or case:  # an earlier check too, for the profile's history
            earlier = verified_at - self.days[730]
            renewed = timezone.localdate(verified_at) + self.days[20]
            checks.append((credential_id, verified_by, earlier, method, source, "current",
                           renewed, renewed, "", self.now))
        checks.append((credential_id, verified_by, verified_at, method, source, "current",
                       expires, next_due, note, self.now))


def add_listing_trust_cases() -> list[str]:
    """After a load: an exclusion-list match awaiting review, and a physical therapist who
    also works at a clinic in a state that prohibits PT dry needling (so search leaves them
    out for dry needling there, and their profile says why). Goes through the same services
    as real data; returns what it did, for the command's output."""
    done = []
    listed = (Practitioner.objects.vetted().exclude(npi="").order_by("pk").first())
    if listed is not None:
        entry = sanctions.LeieEntry(
            npi=listed.npi, last_name=listed.name.split()[-1].upper(),
            first_name=listed.name.split()[0].upper(), business_name="",
            general="IND- LIC HC SERV PRO", specialty="ACUPUNCTURIST", state="",
            exclusion_type="1128b4", excluded_on=timezone.localdate() - timedelta(days=40),
            reinstated_on=None)
        sanctions.import_exclusions([entry])
        done.append(f"exclusion-list match awaiting review: {listed.name} (NPI {listed.npi})")
    prohibited = set(DryNeedlingRule.objects.prohibited().values_list("state", flat=True))
    pt = (Practitioner.objects.vetted().filter(
        credentials__kind=Credential.Kind.PT, modalities__slug="dry-needling")
        .exclude(locations__state__in=prohibited).order_by("pk").first())
    there = (Location.objects.filter(clinic__status=Clinic.Status.PUBLISHED,
                                     state__in=prohibited, lat__isnull=False)
             .order_by("pk").first())
    if pt is not None and there is not None:
        pt.locations.add(there)
        done.append(f"physical therapist in a prohibiting state: {pt.name} also at "
                    f"{there.clinic.name} ({there.state})")
    return done
