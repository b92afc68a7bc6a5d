"""Demo reports in each outcome and owner text held by the editorial checks, made through the
same services staff and owners use (the words are in demo_content.toml)."""

import tomllib
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from clinics.models import Clinic, ClinicMembership

from . import services
from .accuracy import accuracy_rate
from .models import ListingReport, OwnerEdit

CONTENT = Path(__file__).resolve().parent / "demo_content.toml"
DEMO_MARK = "demo"  # kept in ip_hash, so a second load adds nothing
OUTCOMES = {"confirmed": ListingReport.Status.RESOLVED,
            "correct": ListingReport.Status.DISMISSED}


def _related(practitioner: Any, clinic: Clinic) -> dict[str, list[Any]]:
    return {name: list(getattr(practitioner, name).all())
            for name in ("languages", "modalities", "specialties", "conditions")} | {
        "workplaces": list(practitioner.locations.filter(clinic=clinic))}


@transaction.atomic
def load_demo_owner_states(*, stdout: TextIO | None = None) -> None:
    users = get_user_model().objects
    staff, owner = users.filter(username="staff").first(), users.filter(username="owner").first()
    membership = ClinicMembership.objects.filter(user=owner).select_related("clinic").first()
    if staff is None or membership is None or ListingReport.objects.filter(
            ip_hash=DEMO_MARK).exists():
        return
    content = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    home = membership.clinic
    others = list(Clinic.objects.published().exclude(pk=home.pk).order_by("pk")[:10])
    clinics = [home, *others]
    for row in content["report"]:
        report = services.submit_report(report=ListingReport(
            clinic=clinics[row["clinic"] - 1], reason=row["reason"], details=row["details"],
            reporter_email=row["reporter_email"], ip_hash=DEMO_MARK))
        if row["outcome"] in OUTCOMES:
            services.close_report(report=report, by=staff, status=OUTCOMES[row["outcome"]],
                                  reason=row["staff_reason"])
    for row in content["held_text"]:
        if row["record"] == "clinic":
            home.description = row["text"]
            services.update_clinic(clinic=home, payers=list(home.payers.all()), by=owner)
        else:
            practitioner = home.locations.first().practitioners.first()
            practitioner.bio = row["text"]
            services.save_owner_practitioner(practitioner=practitioner, clinic=home,
                                             related=_related(practitioner, home), by=owner)
        edit = OwnerEdit.objects.holding_text().filter(clinic=home).latest("pk")
        if row["decision"] == "rejected":
            services.reject_held_text(edit=edit, by=staff, reason=row["staff_reason"])
    if stdout is not None:
        rate = accuracy_rate()
        stdout.write(f"Reports: {len(content['report'])} demo reports; accuracy rate "
                     f"{rate.listings_wrong} of {rate.listings} listings with a confirmed error "
                     f"in 90 days ({rate.error_percent}). Owner text held: "
                     f"{OwnerEdit.objects.holding_text().count()}.")
