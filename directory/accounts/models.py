"""What the account pages keep: counts of account emails sent, for their rate limits."""

from django.db import models
from django.utils import timezone


class AccountEmail(models.Model):
    """One account email asked for (sign-up confirmation or password reset), kept for an
    hour or so to limit how many a connection or an address can trigger. Holds keyed hashes,
    never the address or the IP address itself."""

    ip_hash = models.CharField(max_length=64)
    address_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "clinics_accountemail"  # created by the clinics app, moved here
        indexes = [models.Index(fields=["ip_hash", "created_at"]),
                   models.Index(fields=["address_hash", "created_at"])]

    def __str__(self) -> str:
        return f"account email at {self.created_at:%Y-%m-%d %H:%M}"
