"""Spanish display names for the seeded vocabularies (issue #14): Spanish pages showed
"Trata: Myofascial pain syndrome". Only blank Spanish names are filled, so running this
over names staff already edited changes nothing. Insurers keep their names: the seeded
ones are brands and programmes (Aetna, Medicare). A condition's Spanish name is also a
search term, so its derived search terms are rebuilt."""

import unicodedata

from django.db import migrations, models

SPANISH_NAMES = {
    "Specialty": {
        "neurological": "Neurológica",
        "autoimmune": "Autoinmune",
        "chronic-pain": "Dolor crónico",
    },
    "Condition": {
        "dermatomyositis": "Dermatomiositis",
        "als": "Esclerosis lateral amiotrófica",
        "rheumatoid-arthritis": "Artritis reumatoide",
        "lupus": "Lupus eritematoso sistémico",
        "hashimotos-thyroiditis": "Tiroiditis de Hashimoto",
        "psoriasis": "Psoriasis",
        "multiple-sclerosis": "Esclerosis múltiple",
        "fibromyalgia": "Fibromialgia",
        "myofascial-pain-syndrome": "Síndrome de dolor miofascial",
        "chronic-low-back-pain": "Dolor lumbar crónico",
        "autoimmune-disease": "Enfermedad autoinmune",
        "sciatica": "Ciática",
        "neck-pain": "Dolor de cuello",
    },
    "Modality": {
        "acupuncture": "Acupuntura",
        "electroacupuncture": "Electroacupuntura",
        "dry-needling": "Punción seca",
        "cupping": "Ventosas",
        "moxibustion": "Moxibustión",
        "tui-na": "Masaje tui na",
        "herbal-medicine": "Medicina herbal china",
    },
}

# Languages are keyed by code, not slug.
LANGUAGE_NAMES = {
    "en": "Inglés", "es": "Español", "zh": "Chino mandarín", "yue": "Cantonés",
    "ko": "Coreano", "vi": "Vietnamita", "ja": "Japonés", "tl": "Tagalo", "ru": "Ruso",
    "fr": "Francés", "pt": "Portugués", "ar": "Árabe", "hi": "Hindi",
    "ase": "Lengua de señas americana",
}


def normalise(text):
    # Mirrors Condition.normalise_term(); historical models have no custom methods.
    decomposed = unicodedata.normalize("NFKD", text.lower())
    cleaned = "".join(ch for ch in decomposed if ch.isalnum() or ch.isspace())
    return " ".join(cleaned.split())[:100]


def search_terms(condition):
    # Mirrors Condition.build_search_terms().
    synonyms = [line.strip() for line in condition.synonyms.splitlines() if line.strip()]
    terms = dict.fromkeys(t for t in map(normalise, [
        condition.name, condition.name_es, condition.slug.replace("-", " "), *synonyms]) if t)
    return "|" + "|".join(terms) + "|"


def add_spanish_names(apps, schema_editor):
    for model_name, names in SPANISH_NAMES.items():
        model = apps.get_model("clinics", model_name)
        for slug, name_es in names.items():
            model.objects.filter(slug=slug, name_es="").update(name_es=name_es)
    Language = apps.get_model("clinics", "Language")
    for code, name_es in LANGUAGE_NAMES.items():
        Language.objects.filter(code=code, name_es="").update(name_es=name_es)
    Condition = apps.get_model("clinics", "Condition")
    for condition in Condition.objects.all():
        condition.search_terms = search_terms(condition)
        condition.save(update_fields=["search_terms"])



class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0020_spanish_terms'),
    ]

    operations = [
        migrations.AddField(
            model_name='condition',
            name='name_es',
            field=models.CharField(blank=True, help_text='Shown on Spanish pages. Leave blank to show the English name there.', max_length=120, verbose_name='Spanish name'),
        ),
        migrations.AddField(
            model_name='language',
            name='name_es',
            field=models.CharField(blank=True, help_text='Shown on Spanish pages. Leave blank to show the English name there.', max_length=60, verbose_name='Spanish name'),
        ),
        migrations.AddField(
            model_name='modality',
            name='name_es',
            field=models.CharField(blank=True, help_text='Shown on Spanish pages. Leave blank to show the English name there.', max_length=80, verbose_name='Spanish name'),
        ),
        migrations.AddField(
            model_name='payer',
            name='name_es',
            field=models.CharField(blank=True, help_text='Shown on Spanish pages. Leave blank to show the English name there.', max_length=120, verbose_name='Spanish name'),
        ),
        migrations.AddField(
            model_name='specialty',
            name='name_es',
            field=models.CharField(blank=True, help_text='Shown on Spanish pages. Leave blank to show the English name there.', max_length=80, verbose_name='Spanish name'),
        ),
        migrations.RunPython(add_spanish_names, migrations.RunPython.noop),
    ]
