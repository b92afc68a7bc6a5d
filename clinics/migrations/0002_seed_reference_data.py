"""Seed the vocabularies every environment needs, and the Moderator group.

These rows are reference data, not demo data: search, admin filters and the condition pages
depend on them existing with these slugs.
"""

import datetime

from django.db import migrations

SPECIALTIES = [
    ("neurological", "Neurological", "Conditions of the brain, spinal cord and nerves."),
    ("autoimmune", "Autoimmune", "Conditions in which the immune system attacks the body's own tissue."),
    ("chronic-pain", "Chronic pain", "Pain that lasts beyond three months, whatever its cause."),
]

# (slug, name, ICD-10 code, specialties, synonyms)
CONDITIONS = [
    ("dermatomyositis", "Dermatomyositis", "M33.1", ["autoimmune"],
     ["Inflammatory myopathy", "Idiopathic inflammatory myopathy", "Myositis"]),
    ("als", "Amyotrophic lateral sclerosis", "G12.21", ["neurological"],
     ["ALS", "Lou Gehrig's disease", "Motor neuron disease", "MND"]),
    ("rheumatoid-arthritis", "Rheumatoid arthritis", "M06.9", ["autoimmune", "chronic-pain"],
     ["RA", "Rheumatoid disease"]),
    ("lupus", "Systemic lupus erythematosus", "M32.9", ["autoimmune"],
     ["Lupus", "SLE"]),
    ("hashimotos-thyroiditis", "Hashimoto's thyroiditis", "E06.3", ["autoimmune"],
     ["Hashimoto's disease", "Autoimmune thyroiditis", "Chronic lymphocytic thyroiditis"]),
    ("psoriasis", "Psoriasis", "L40.9", ["autoimmune"],
     ["Plaque psoriasis", "Psoriatic disease"]),
    ("multiple-sclerosis", "Multiple sclerosis", "G35", ["neurological", "autoimmune"],
     ["MS"]),
    ("fibromyalgia", "Fibromyalgia", "M79.7", ["chronic-pain"],
     ["Fibro", "FMS", "Fibromyalgia syndrome"]),
    ("myofascial-pain-syndrome", "Myofascial pain syndrome", "M79.18", ["chronic-pain"],
     ["MPS", "Myofascial pain", "Trigger points", "Muscle knots"]),
    ("chronic-low-back-pain", "Chronic low back pain", "M54.50", ["chronic-pain"],
     ["Back pain", "Low back pain", "Lower back pain", "Lumbago", "CLBP"]),
]

MODALITIES = [
    ("acupuncture", "Acupuncture",
     "Thin, sterile, single-use needles placed at points along traditional meridians."),
    ("electroacupuncture", "Electroacupuncture",
     "Acupuncture needles carrying a small, adjustable electric current."),
    ("dry-needling", "Dry needling",
     "Needles placed into myofascial trigger points, guided by Western anatomy."),
    ("cupping", "Cupping", "Suction cups on the skin to draw up muscle and soft tissue."),
    ("moxibustion", "Moxibustion", "Gentle heat from burning mugwort held near the skin."),
    ("tui-na", "Tui na", "A Chinese therapeutic massage."),
    ("herbal-medicine", "Chinese herbal medicine", "Herbal formulas prescribed by a trained herbalist."),
]

PAYERS = [
    "Aetna", "American Specialty Health", "Blue Cross Blue Shield", "Cigna", "Humana",
    "Kaiser Permanente", "Medicaid", "Medicare", "UnitedHealthcare",
]

LANGUAGES = [
    ("en", "English"), ("es", "Spanish"), ("zh", "Mandarin Chinese"), ("yue", "Cantonese"),
    ("ko", "Korean"), ("vi", "Vietnamese"), ("ja", "Japanese"), ("tl", "Tagalog"),
    ("ru", "Russian"), ("fr", "French"), ("pt", "Portuguese"), ("ar", "Arabic"),
    ("hi", "Hindi"), ("ase", "American Sign Language"),
]

# States where physical therapists could not dry-needle as of 2023. Staff keep this current.
DRY_NEEDLING_PROHIBITED_2023 = ["CA", "HI", "NY", "OR"]

MODERATOR_PERMISSIONS = {
    # Moderation is reviewing and correcting listings and verifying credentials: no deleting
    # clinics, no creating users, no touching the vocabularies.
    "clinic": ["view", "change"],
    "location": ["view", "change"],
    "practitioner": ["view", "change"],
    "practitionercondition": ["view"],
    "practitionerlocation": ["view"],
    "credential": ["view", "change"],
    "clinicmembership": ["view"],
    "specialty": ["view"],
    "condition": ["view"],
    "modality": ["view"],
    "payer": ["view"],
    "language": ["view"],
    "dryneedlingrule": ["view", "change"],
}


def normalise(text):
    cleaned = "".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace())
    return " ".join(cleaned.split())


def seed(apps, schema_editor):
    Specialty = apps.get_model("clinics", "Specialty")
    Condition = apps.get_model("clinics", "Condition")
    Modality = apps.get_model("clinics", "Modality")
    Payer = apps.get_model("clinics", "Payer")
    Language = apps.get_model("clinics", "Language")
    DryNeedlingRule = apps.get_model("clinics", "DryNeedlingRule")

    specialties = {}
    for slug, name, description in SPECIALTIES:
        specialties[slug], _ = Specialty.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    for slug, name, icd10, specialty_slugs, synonyms in CONDITIONS:
        # Mirrors Condition.build_search_terms(); historical models have no custom methods.
        terms = dict.fromkeys(normalise(t) for t in [name, slug.replace("-", " "), *synonyms])
        condition, _ = Condition.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "icd10_code": icd10,
                "synonyms": "\n".join(synonyms),
                "search_terms": "|" + "|".join(terms) + "|",
            },
        )
        condition.specialties.set([specialties[s] for s in specialty_slugs])
    for slug, name, description in MODALITIES:
        Modality.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    for name in PAYERS:
        Payer.objects.get_or_create(name=name, defaults={"slug": normalise(name).replace(" ", "-")})
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})
    for state in DRY_NEEDLING_PROHIBITED_2023:
        DryNeedlingRule.objects.get_or_create(
            state=state,
            defaults={
                "scope": "prohibited",
                "as_of": datetime.date(2023, 1, 1),
                "note": "Seeded from the 2023 position; check the state practice act before relying on it.",
            },
        )


def create_moderator_group(apps, schema_editor):
    # Permissions are normally created after all migrations run; create them now so the group
    # can hold them on a fresh database.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderator")
    codenames = [
        f"{action}_{model}" for model, actions in MODERATOR_PERMISSIONS.items() for action in actions
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="clinics", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(create_moderator_group, migrations.RunPython.noop),
    ]
