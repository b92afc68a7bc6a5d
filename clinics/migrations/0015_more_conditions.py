"""Three conditions patients type and the directory had no entry for: autoimmune disease in
general, sciatica and neck pain (issue #14). Reference data, like 0002: the condition pages
and search depend on these rows and slugs."""

from django.db import migrations

# (slug, name, ICD-10 code, specialties, synonyms)
CONDITIONS = [
    ("autoimmune-disease", "Autoimmune disease", "", ["autoimmune"],
     ["Autoimmune", "Autoimmune disorder", "Autoimmune conditions", "Autoimmunity",
      "Immune-mediated disease"]),
    ("sciatica", "Sciatica", "M54.30", ["chronic-pain"],
     ["Sciatic nerve pain", "Sciatic pain", "Lumbar radiculopathy", "Radiating leg pain"]),
    ("neck-pain", "Neck pain", "M54.2", ["chronic-pain"],
     ["Chronic neck pain", "Cervicalgia", "Stiff neck", "Sore neck", "Neck ache"]),
]


def normalise(text):
    cleaned = "".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace())
    return " ".join(cleaned.split())


def add_conditions(apps, schema_editor):
    Specialty = apps.get_model("clinics", "Specialty")
    Condition = apps.get_model("clinics", "Condition")
    for slug, name, icd10, specialty_slugs, synonyms in CONDITIONS:
        # Mirrors Condition.build_search_terms(); historical models have no custom methods.
        terms = dict.fromkeys(normalise(t) for t in [name, slug.replace("-", " "), *synonyms])
        condition, created = Condition.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "icd10_code": icd10,
                "synonyms": "\n".join(synonyms),
                "search_terms": "|" + "|".join(terms) + "|",
            },
        )
        if created:
            condition.specialties.set(Specialty.objects.filter(slug__in=specialty_slugs))


class Migration(migrations.Migration):
    dependencies = [("clinics", "0014_updated_at_for_sync")]

    operations = [migrations.RunPython(add_conditions, migrations.RunPython.noop)]
