"""Load fictional demo clinics and practitioners, or a large synthetic directory for benchmarks.

    manage.py load_demo              # ~300 clinics, 600 practitioners; no-op if data exists
    manage.py load_demo --reset      # wipe the directory and rebuild the demo
    manage.py load_demo --count N    # wipe and load N practitioners spread over every US ZIP

Rows are written straight into the tables in large batches (executemany on SQLite, COPY on
PostgreSQL), because building model instances for ``bulk_create`` is several times too slow
for a million practitioners. Clinics, locations and practitioners get their ids here (after
the current maximum) so their children can point at them without reading ids back; all other
rows take database-assigned ids. No history rows are written for demo data. Everything runs
in one transaction: a failed load leaves the directory as it was.
"""

from __future__ import annotations

import gc
import os
import secrets
import time
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from itertools import repeat

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from clinics.demo import TABLES, DemoGenerator, Vocab, add_listing_trust_cases
from clinics.models import (
    Clinic,
    ClinicMembership,
    Credential,
    Practitioner,
    PractitionerLocation,
)
from clinics.models.listings import STALE_AFTER_DAYS
from clinics.search import index
from directory import demo as demo_loaders

DEFAULT_PRACTITIONERS = 600
DEFAULT_SEED = 20240501
PROGRESS_EVERY = 50_000
BIG_LOAD = 50_000  # practitioners; above this SQLite indexes are rebuilt, not maintained
STAFF_USERNAME, OWNER_USERNAME = "staff", "owner"

# Everything the directory owns, children before parents, in the order it is wiped.
WIPE_ORDER = ["credential_check", "credential", "practitioner_condition", "practitioner_specialty",
              "practitioner_language", "practitioner_modality", "practitioner_location",
              "practitioner", "location", "clinic_payer", "clinic"]


class Command(BaseCommand):
    help = "Load fictional demo clinics, practitioners and logins (--count N for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true",
            help="Delete every clinic, location, practitioner, credential and membership first.",
        )
        parser.add_argument(
            "--count", type=int, metavar="N",
            help="Load N practitioners (about N/2 clinics) across all US ZIPs; implies --reset.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")

    def handle(self, *args, reset=False, count=None, seed=DEFAULT_SEED, **options):
        if count is not None and count < 1:
            raise CommandError("--count must be at least 1.")
        vocab = Vocab.load()
        missing = {"acupuncture", "dry-needling"} - set(vocab.modalities)
        if missing or "en" not in vocab.languages or not vocab.conditions:
            raise CommandError("Reference data (conditions, modalities, languages) is missing; "
                               "run migrate.")
        # One transaction: an interrupted load leaves the database as it was, never rows
        # without their search index or a demo owner without a clinic.
        with _fast_sqlite(), _no_gc(), transaction.atomic():
            staff = self._ensure_user(STAFF_USERNAME, "DEMO_STAFF_PASSWORD", staff=True)
            owner = self._ensure_user(OWNER_USERNAME, "DEMO_OWNER_PASSWORD", staff=False)
            self._ensure_staff_device(staff)
            has_data = Practitioner.objects.exists() or Clinic.objects.exists()
            built = count is not None or reset or not has_data
            if built:
                self._build(vocab, staff, count or DEFAULT_PRACTITIONERS, seed,
                            national=bool(count))
            else:
                self.stdout.write("Demo data already present; use --reset to rebuild it.")
            self._ensure_membership(owner)
        if built:
            _refresh_planner_statistics()  # and VACUUM on PostgreSQL, outside the transaction
        demo_loaders.load_all(self.stdout)  # what other apps add (the articles' pages)

    # -- logins ---------------------------------------------------------------------------

    def _ensure_user(self, username: str, env_var: str, *, staff: bool):
        User = get_user_model()
        from_env = os.environ.get(env_var, "")
        user = User.objects.filter(username=username).first()
        what = "Staff (superuser)" if staff else "Clinic owner"
        if user is not None and not from_env:
            self.stdout.write(f"{what} login: {username} (existing password unchanged)")
            return user
        password = from_env or secrets.token_urlsafe(12)
        if user is None:
            user = User(username=username, email=f"{username}@example.org")
        user.is_staff = user.is_superuser = staff
        user.is_active = True
        user.set_password(password)
        user.save()
        shown = f"password from {env_var}" if from_env else f"password {password}"
        self.stdout.write(f"{what} login: {username} / {shown}")
        return user

    def _ensure_staff_device(self, staff) -> None:
        """The admin needs a second factor (directory/accounts/mfa.py), so the demo staff
        login comes with a TOTP key: printed on every run, for an authenticator app."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from directory.accounts import mfa

        device = TOTPDevice.objects.filter(user=staff, confirmed=True).first()
        if device is None:
            TOTPDevice.objects.filter(user=staff).delete()
            device = TOTPDevice.objects.create(user=staff, name="Demo key", confirmed=True)
        self.stdout.write(f"Staff two-factor key (add it to an authenticator app; the admin "
                          f"asks for its code): {mfa.secret_base32(device)}")
        self.stdout.write(f"  or as a URL: {device.config_url}")

    def _ensure_membership(self, owner) -> None:
        """The demo owner's clinic: the first published one whose dashboard shows the trust
        states an owner meets (details unconfirmed for 90+ days, a lapsed licence and one
        expiring within 60 days), else the first published one."""
        today = timezone.localdate()
        published = Clinic.objects.published().order_by("pk")
        licences = Credential.objects.licences()
        lapsed = licences.filter(expires_on__lt=today).values("practitioner_id")
        expiring = licences.filter(expires_on__gte=today, expires_on__lte=today + timedelta(
            days=60)).values("practitioner_id")
        # Clinic ids from each set of practitioners as subqueries, not two joins through
        # locations: SQLite ran those as a loop over one list per row of the other, 12 s at
        # 100k practitioners and over 20 minutes at 1M.
        clinic = (published.unconfirmed_for(STALE_AFTER_DAYS)
                  .filter(pk__in=_clinics_of(lapsed)).filter(pk__in=_clinics_of(expiring))
                  .first()
                  or published.first())
        if clinic is None or ClinicMembership.objects.filter(user=owner).exists():
            return
        ClinicMembership.objects.create(user=owner, clinic=clinic,
                                        role=ClinicMembership.Role.OWNER)
        self.stdout.write(f"{owner.username} owns the demo clinic {clinic.name!r}.")

    # -- loading --------------------------------------------------------------------------

    def _build(self, vocab: Vocab, staff, practitioners: int, seed: int, *, national: bool):
        started = time.monotonic()
        self.stdout.write(f"Loading {practitioners:,} practitioners ...")
        # Ids continue after the current maximum, so a rebuild never reuses an old id.
        next_ids = {
            key: (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
            for key, (model, fields) in TABLES.items() if "id" in fields
        }
        existing = Practitioner.objects.count()
        big = max(existing, practitioners) >= BIG_LOAD
        writers = {key: _TableWriter(model, fields) for key, (model, fields) in TABLES.items()}
        with _indexes_rebuilt_after(writers.values(), big=big, say=self.stdout.write):
            if existing:
                self.stdout.write(f"  removing the {existing:,} practitioners already loaded")
            _wipe_directory()
            gen = DemoGenerator(vocab=vocab, next_ids=next_ids, staff_id=staff.pk,
                                now=timezone.now(), seed=seed, national=national,
                                detailed=practitioners <= 10_000)
            done, next_report = 0, PROGRESS_EVERY
            for rows in gen.clinics(practitioners):
                for key, writer in writers.items():
                    writer.write(rows[key])
                done += len(rows["practitioner"])
                if done >= next_report:
                    next_report += PROGRESS_EVERY
                    self._progress(done, practitioners, started)
        _reset_sequences([model for model, fields in TABLES.values() if "id" in fields])
        _refresh_planner_statistics()
        for line in add_listing_trust_cases():
            self.stdout.write(f"  {line}")
        self._index(started)
        n = {key: writer.count for key, writer in writers.items()}
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {n['practitioner']:,} practitioners, {n['clinic']:,} clinics, "
            f"{n['location']:,} locations and {n['credential']:,} credentials "
            f"in {time.monotonic() - started:.1f}s."
        ))

    def _index(self, started: float) -> None:
        """Build the search index from what was just loaded, reporting progress."""
        step = {"next": 0}

        def progress(done: int, total: int) -> None:
            if done >= step["next"] or done == total:
                step["next"] = done + max(total // 10, 1)
                self.stdout.write(f"  search index: {done:,}/{total:,} practitioners, "
                                  f"{time.monotonic() - started:.0f}s elapsed")

        rows = index.rebuild(progress=progress)
        self.stdout.write(f"  search index: {rows:,} searchable workplaces")

    def _progress(self, done: int, total: int, started: float) -> None:
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0.0
        eta = (total - done) / rate if rate else 0.0
        self.stdout.write(
            f"  {done:,}/{total:,} practitioners ({done / total:.0%}), "
            f"{rate:,.0f}/s, {elapsed:.0f}s elapsed, ETA {eta:.0f}s"
        )
        self.stdout.flush()


class _TableWriter:
    """Inserts tuples in the column order of `fields`; other columns get their defaults."""

    def __init__(self, model: type[models.Model], fields: list[str]):
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        # Columns not given take their default; a missing "id" is left to the database.
        rest = [f for f in meta.concrete_fields if f not in given and not f.primary_key]
        for field in rest:
            if not field.has_default() and not field.null and not field.empty_strings_allowed:
                raise CommandError(f"load_demo does not know how to fill {field}.")
        self.fixed = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        self.table = meta.db_table
        self.count = 0
        self.columns = [f.column for f in given + rest]
        # Dates, datetimes and decimals need the backend's adaptation; the generator draws
        # them from small pools, so each distinct value is converted once.
        self.converters = [
            (i, f, {}) for i, f in enumerate(given)
            if isinstance(f, models.DateField | models.DecimalField)
        ]

    def _prepared(self, rows: list[tuple]) -> list[tuple]:
        if not self.converters and not self.fixed:
            return rows
        # Column-wise, so the per-value work is a C-level dict lookup.
        columns = list(zip(*rows, strict=True))
        for i, field, memo in self.converters:
            for value in set(columns[i]).difference(memo):
                memo[value] = None if value is None else field.get_db_prep_save(value, connection)
            columns[i] = map(memo.__getitem__, columns[i])
        columns += [repeat(value, len(rows)) for value in self.fixed]
        return list(zip(*columns, strict=True))

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        self.count += len(rows)
        rows = self._prepared(rows)
        qn = connection.ops.quote_name
        columns = ", ".join(qn(c) for c in self.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            if connection.vendor == "postgresql" and hasattr(raw, "copy"):
                with raw.copy(f"COPY {qn(self.table)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {qn(self.table)} ({columns}) VALUES ({marks})", rows  # noqa: S608
                )


def _clinics_of(practitioners: models.QuerySet) -> models.QuerySet:
    """The ids of the clinics where any of these practitioners (a values() subquery of
    practitioner ids) works."""
    return PractitionerLocation.objects.filter(practitioner_id__in=practitioners).values(
        "location__clinic_id")


def _wipe_directory() -> None:
    """Delete every directory row quickly: no per-row signals, children first.

    On PostgreSQL this is one TRUNCATE when every table pointing into the directory would be
    emptied anyway (each of its rows belongs to a clinic or workplace): DELETE there queues a
    deferred foreign-key check per row, which made replacing a million practitioners take
    longer than loading them.
    """
    owned = {model for model, _fields in TABLES.values()} | {ClinicMembership}
    # Rows of other apps that point into the directory are handled by their on_delete rule.
    pointing = []  # (model, field) with a database constraint into the directory
    for model in apps.get_models(include_auto_created=True):
        if model not in owned:
            pointing += [(model, field) for field in model._meta.concrete_fields
                         if field.is_relation and field.related_model in owned
                         and field.db_constraint]
    emptied = {model for model, field in pointing
               if field.remote_field.on_delete is models.CASCADE and not field.null}
    # TRUNCATE refuses a table that a table outside the statement points at.
    truncatable = all(model in emptied for model, _ in pointing) and not any(
        field.is_relation and field.related_model in emptied and field.db_constraint
        for model in apps.get_models(include_auto_created=True) if model not in owned | emptied
        for field in model._meta.concrete_fields
    )
    # Uploaded files (credential scans) go too, once the wipe is committed.
    for model in owned:
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names = list(model._base_manager.exclude(**{field.name: ""})
                             .exclude(**{f"{field.name}__isnull": True})
                             .values_list(field.name, flat=True))
                if names:
                    transaction.on_commit(partial(_delete_files, field.storage, names))
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql" and truncatable:
        tables = sorted({model._meta.db_table for model in owned | emptied})
        with connection.cursor() as cursor:
            # Earlier writes in this transaction leave deferred checks that TRUNCATE refuses
            # to skip: run them now, then defer again for the load.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(map(qn, tables))}")  # noqa: S608 (model metadata)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return
    for model, field in pointing:
        rule = field.remote_field.on_delete
        rows = model._base_manager.filter(**{f"{field.name}__isnull": False})
        if rule is models.CASCADE:
            rows.delete()
        elif rule is models.SET_NULL:
            rows.update(**{field.name: None})
        elif rule is not models.DO_NOTHING:
            raise CommandError(f"{model.__name__}.{field.name} stops the directory reset.")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {qn(ClinicMembership._meta.db_table)}")  # noqa: S608
        for key in WIPE_ORDER:
            cursor.execute(f"DELETE FROM {qn(TABLES[key][0]._meta.db_table)}")  # noqa: S608


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def _reset_sequences(model_list) -> None:
    # PostgreSQL identity sequences do not see explicit ids; SQLite needs nothing.
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@contextmanager
def _indexes_rebuilt_after(writers, *, big: bool, say):
    """For big loads on SQLite, drop the tables' secondary indexes and build them once at
    the end, which is much faster than updating them row by row (for the wipe as well as
    the load). Inside the load's transaction, so a failure rolls the drops back too."""
    if connection.vendor != "sqlite" or not big:
        yield
        return
    tables = [writer.table for writer in writers]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql NOT NULL"
        )
        indexes = [(name, sql) for name, table, sql in cursor.fetchall() if table in tables]
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    say(f"  rebuilding {len(indexes)} indexes ...")
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


def _refresh_planner_statistics() -> None:
    """ANALYZE after a bulk load: without statistics SQLite guesses that clinic status is
    selective and scans clinics instead of using the (lat_band, lng) index. On PostgreSQL,
    VACUUM also sets the visibility map, which index-only scans of the search index need."""
    index.refresh_statistics(whole_database=True)


@contextmanager
def _no_gc():
    """Pause the cyclic garbage collector: the rows hold no cycles, and with millions of
    tuples alive its repeated scans cost more than half the run time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _fast_sqlite():
    """On SQLite, skip fsyncs and use a bigger page cache for the duration of the load."""
    # SQLite refuses to change the safety level inside a transaction (e.g. under a test).
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
