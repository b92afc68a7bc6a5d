"""Matches against the federal exclusion list (the OIG LEIE) and what staff decided.

An Exclusion row is one LEIE entry whose NPI matched a practitioner's. While it is pending
or confirmed the practitioner is not vetted (clinics/models/listings.py), so they leave
search the moment the import records the match; clearing it (a wrong match, a lifted
exclusion) puts them back. Staff decisions go through clinics/sanctions.py.
"""

from django.conf import settings
from django.db import models

from .listings import Practitioner


class ExclusionQuerySet(models.QuerySet):
    def barring(self):
        """Matches that keep a practitioner out of search: awaiting review or confirmed."""
        return self.exclude(status=Exclusion.Status.CLEARED)

    def pending(self):
        return self.filter(status=Exclusion.Status.PENDING)


class Exclusion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting staff review"
        CONFIRMED = "confirmed", "Confirmed: excluded"
        CLEARED = "cleared", "Cleared: not this practitioner, or no longer excluded"

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE,
                                     related_name="exclusions")
    npi = models.CharField("NPI", max_length=10)
    # As the LEIE publishes them, so staff can compare the entry with the profile.
    last_name = models.CharField(max_length=100, blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    business_name = models.CharField(max_length=200, blank=True)
    general = models.CharField(max_length=100, blank=True)
    specialty = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    exclusion_type = models.CharField(max_length=20, help_text="EXCLTYPE, e.g. 1128b4.")
    excluded_on = models.DateField(help_text="EXCLDATE.")
    reinstated_on = models.DateField(null=True, blank=True, help_text="REINDATE, if any.")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    matched_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(blank=True)

    objects = ExclusionQuerySet.as_manager()

    class Meta:
        ordering = ["-matched_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["practitioner", "npi", "exclusion_type", "excluded_on"],
            name="one_exclusion_per_entry")]

    def __str__(self):
        return f"LEIE {self.exclusion_type} of {self.excluded_on} for {self.practitioner.name}"
