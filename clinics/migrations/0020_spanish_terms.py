"""Spanish names for the conditions and treatments, so a patient can type "dolor lumbar",
"ELA" or "punción seca" (issue #14). Treatments get synonyms like conditions have. Search
now ignores accents, so every condition's derived search terms are rebuilt in the new form."""

import unicodedata

from django.db import migrations, models

CONDITION_SYNONYMS = {
    "dermatomyositis": ["Dermatomiositis", "Miopatía inflamatoria", "Miositis"],
    "als": ["Esclerosis lateral amiotrófica", "ELA", "Enfermedad de Lou Gehrig",
            "Enfermedad de la neurona motora"],
    "rheumatoid-arthritis": ["Artritis reumatoide", "Artritis reumatoidea", "AR"],
    "lupus": ["Lupus eritematoso sistémico", "LES"],
    "hashimotos-thyroiditis": ["Tiroiditis de Hashimoto", "Enfermedad de Hashimoto",
                               "Tiroiditis autoinmune"],
    "psoriasis": ["Psoriasis en placas"],
    "multiple-sclerosis": ["Esclerosis múltiple", "EM"],
    "fibromyalgia": ["Fibromialgia", "Síndrome de fibromialgia"],
    "myofascial-pain-syndrome": ["Síndrome de dolor miofascial", "Dolor miofascial",
                                 "Puntos gatillo", "Nudos musculares"],
    "chronic-low-back-pain": ["Dolor lumbar", "Dolor lumbar crónico", "Lumbalgia",
                              "Dolor de espalda", "Dolor de espalda baja",
                              "Dolor en la parte baja de la espalda"],
    "autoimmune-disease": ["Enfermedad autoinmune", "Enfermedades autoinmunes", "Autoinmune",
                           "Autoinmunidad"],
    "sciatica": ["Ciática", "Dolor ciático", "Dolor del nervio ciático"],
    "neck-pain": ["Dolor de cuello", "Dolor cervical", "Dolor de cuello crónico"],
}

MODALITY_SYNONYMS = {
    "acupuncture": ["Acupuntura"],
    "electroacupuncture": ["Electroacupuntura"],
    "dry-needling": ["Punción seca", "Punción seca miofascial"],
    "cupping": ["Ventosas", "Ventosaterapia"],
    "moxibustion": ["Moxibustión", "Moxa"],
    "tui-na": ["Masaje tui na"],
    "herbal-medicine": ["Medicina herbal china", "Herbolaria china"],
}


def normalise(text):
    # Mirrors Condition.normalise_term(); historical models have no custom methods.
    decomposed = unicodedata.normalize("NFKD", text.lower())
    cleaned = "".join(ch for ch in decomposed if ch.isalnum() or ch.isspace())
    return " ".join(cleaned.split())[:100]


def add_spanish_terms(apps, schema_editor):
    Condition = apps.get_model("clinics", "Condition")
    Modality = apps.get_model("clinics", "Modality")
    for condition in Condition.objects.all():
        synonyms = [line.strip() for line in condition.synonyms.splitlines() if line.strip()]
        known = {normalise(s) for s in synonyms}
        synonyms += [s for s in CONDITION_SYNONYMS.get(condition.slug, [])
                     if normalise(s) not in known]
        terms = dict.fromkeys(t for t in map(normalise, [
            condition.name, condition.slug.replace("-", " "), *synonyms]) if t)
        condition.synonyms = "\n".join(synonyms)
        condition.search_terms = "|" + "|".join(terms) + "|"
        condition.save(update_fields=["synonyms", "search_terms"])
    for modality in Modality.objects.filter(slug__in=MODALITY_SYNONYMS):
        if not modality.synonyms.strip():
            modality.synonyms = "\n".join(MODALITY_SYNONYMS[modality.slug])
            modality.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("clinics", "0019_moderator_trust_permissions")]

    operations = [
        migrations.AddField(
            model_name="modality",
            name="synonyms",
            field=models.TextField(
                blank=True,
                help_text="Other names a patient may type, one per line (e.g. Punción seca).",
            ),
        ),
        migrations.RunPython(add_spanish_terms, migrations.RunPython.noop),
    ]
