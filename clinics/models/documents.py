"""Credential documents that a newer one replaced, kept for a while and then deleted."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .listings import Credential


class RetiredDocumentQuerySet(models.QuerySet):
    def due_for_deletion(self, now: datetime):
        """Replaced more than DOCUMENT_RETENTION_DAYS before `now`, and not deleted yet."""
        cutoff = now - timedelta(days=settings.DOCUMENT_RETENTION_DAYS)
        return self.filter(deleted_at__isnull=True, replaced_at__lte=cutoff)


class RetiredDocument(models.Model):
    """A stored file that a credential no longer points at: the audit record of its
    replacement and, once the retention period is over, of its deletion."""

    credential = models.ForeignKey(
        Credential, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="retired_documents",
        help_text="Empty once the credential itself was deleted.",
    )
    name = models.CharField(max_length=200, help_text="The file's name in document storage.")
    replaced_at = models.DateTimeField(db_index=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deletion_reason = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = RetiredDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-replaced_at"]
        indexes = [models.Index(fields=["deleted_at", "replaced_at"])]

    def __str__(self):
        return self.name
