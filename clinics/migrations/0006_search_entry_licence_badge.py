"""Search entries carry the badge of the licence that keeps them listed.

Existing rows are filled from the credentials in one UPDATE: the verified licence expiring
last, and of those the one checked last (as clinics.search_index builds new rows).
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery

LICENCE_KINDS = ("lac", "medical", "pt")


def fill_licence_badges(apps, schema_editor):
    Credential = apps.get_model("clinics", "Credential")
    SearchEntry = apps.get_model("clinics", "SearchEntry")
    shown = Credential.objects.filter(
        practitioner_id=OuterRef("practitioner_id"), kind__in=LICENCE_KINDS,
        status="verified", expires_on__isnull=False,
    ).order_by("-expires_on", F("verified_at").desc(nulls_last=True))
    SearchEntry.objects.update(
        licence_kind=Subquery(shown.values("kind")[:1]),
        licence_jurisdiction=Subquery(shown.values("jurisdiction")[:1]),
        licence_verified_at=Subquery(shown.values("verified_at")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0005_moderator_owner_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="licence_kind",
            field=models.CharField(
                choices=[
                    ("lac", "Licensed Acupuncturist (L.Ac.) licence"),
                    ("medical", "Medical licence (MD/DO)"),
                    ("pt", "Physical therapist licence"),
                    ("nccaom_ac", "NCCAOM Diplomate of Acupuncture (Dipl. Ac.)"),
                    ("nccaom_om", "NCCAOM Diplomate of Oriental Medicine (Dipl. O.M.)"),
                    ("dacm", "Doctor of Acupuncture and Chinese Medicine (DACM)"),
                    ("abma", "Physician acupuncture board certificate (ABMA)"),
                    ("dry_needling", "Dry-needling course certificate"),
                    ("other", "Other"),
                ],
                default="",
                max_length=16,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="licence_jurisdiction",
            field=models.CharField(blank=True, default="", max_length=2),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="licence_verified_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill_licence_badges, migrations.RunPython.noop),
    ]
