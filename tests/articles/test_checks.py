import pytest

from articles import checks as article_checks
from directory import editorial_checks as checks
from tests.factories import ArticleFactory, FAQItemFactory

FIRING = [
    (checks.find_claims, "Acupuncture can cure fibromyalgia."),
    (checks.find_claims, "Results guaranteed or your money back."),
    (checks.find_claims, "A miracle for back pain."),
    (checks.find_claims, "Stunning relief from the first session."),
    (checks.find_phone_numbers, "Call (555) 014-2233 today."),
    (checks.find_phone_numbers, "Ring 512-555-0100 to book."),
    (checks.find_phone_numbers, "Phone +44 20 7946 0958."),
    (checks.find_shop_links, "Get kits at https://example.com/shop/needles."),
    (checks.find_shop_links, "Visit www.needlestore.example/cart now."),
    (checks.find_shop_links, "Shop now while stocks last."),
    (checks.find_image_prompts, "Create a photorealistic image of a calm clinic."),
    (checks.find_image_prompts, "calm clinic, 8k, soft lighting"),
    (checks.find_image_prompts, "serene treatment room --ar 16:9"),
    (checks.find_image_prompts, "ultra-detailed needles, soft light"),
    (checks.find_unsourced_statistics, "Acupuncture helps 87% of patients."),
    (checks.find_unsourced_statistics, "Studies show that it works."),
    (checks.find_unsourced_statistics, "Research proves it beats medicine."),
    (checks.find_unsourced_statistics, "A 2019 meta-analysis showed large effects."),
]

CLEAN_TEXT = """\
## What the research shows

There is no cure for ALS, and acupuncture is not a cure for it either. Nobody can
guarantee a result. No good-quality research shows that it slows the disease.

About 30% of people in one trial reported less pain (Vickers 2018). A review of
12 trials found modest short-term relief [1].

Studies show mixed results, summarised at https://doi.org/10.1002/14651858.CD007070.pub2.

Sessions last 15 to 30 minutes and cost about the same as physical therapy. Ask your
clinic before you book, and check your insurer's disorders list at
https://www.example.org/health/disorders/back-pain. Pages 455-474 of 2018;19(5).
"""


@pytest.mark.parametrize(("check", "text"), FIRING, ids=lambda v: getattr(v, "__name__", v))
def test_text_check_sample_fires_once_with_excerpt(check, text):
    warnings = check(text)

    assert len(warnings) == 1
    assert warnings[0].excerpt
    assert warnings[0].code in checks.CODES


@pytest.mark.parametrize("check", checks.TEXT_CHECKS, ids=lambda c: c.__name__)
def test_text_check_clean_text_stays_quiet(check):
    assert check(CLEAN_TEXT) == []


@pytest.mark.parametrize(
    "paragraph",
    ["(Vickers 2018)", "(Deare 2013; Zhang 2019)", "(Bäumler 2021)", "[1]", "[2, 3]",
     "10.1016/j.jpain.2017.11.005", "PMID: 29198932", "https://pubmed.ncbi.nlm.nih.gov/1/"],
)
def test_cites_a_source_recognises_citation_styles(paragraph):
    assert checks.cites_a_source(f"About 40% improved {paragraph}.")


def test_unsourced_statistics_citation_in_another_paragraph_still_fires():
    text = "About 40% improved.\n\nThat was shown in a trial (Vickers 2018)."

    assert [w.code for w in checks.find_unsourced_statistics(text)] == ["unsourced_statistic"]


def test_find_claims_negated_claim_is_quiet():
    assert checks.find_claims("There is no cure, and results cannot be guaranteed.") == []


@pytest.mark.django_db
def test_check_article_labels_each_field_including_faq():
    article = ArticleFactory(title="A miracle", summary="Call 512-555-0100.")
    FAQItemFactory(article=article, question="Will it work?", answer="Studies show it does.")

    warnings = article_checks.check_article(article)

    assert [(w.field, w.code) for w in warnings] == [
        ("title", "claim"), ("summary", "phone"), ("FAQ 1", "unsourced_statistic")]


@pytest.mark.django_db
def test_check_article_clean_factory_page_has_no_warnings():
    assert article_checks.check_article(ArticleFactory()) == []


# The kinds of problem found on real acupuncture pages (#10 point 8)


@pytest.mark.parametrize(("text", "code"), [
    ("Click here to buy our acupressure mat.", "shop_link"),
    ("Visit our online store for herbal teas.", "shop_link"),
    ("Needles at https://www.amazon.com/dp/B08XYZ1234 for home use.", "shop_link"),
    ("Order from serenity.myshopify.com/products/moxa.", "shop_link"),
    ("Use code NEEDLE20 at the desk.", "shop_link"),
    ("Join our WhatsApp community for tips.", "community_invite"),
    ("Daily videos at t.me/needles", "community_invite"),
    ("Success stories from our clinic", "testimonial"),
    ("What our patients say about us", "testimonial"),
    ("Numerous studies have shown it works.", "unsourced_statistic"),
    ("Research suggests needling resets the nerves.", "unsourced_statistic"),
    ("Scientists have discovered meridians.", "unsourced_statistic"),
    ("It reverses autoimmune disease at the root.", "claim"),
    ("Patients heal their migraines permanently.", "claim"),
])
def test_widened_checks_flag_each_kind(text, code):
    assert [w.code for w in checks.check_text(text)] == [code]


@pytest.mark.parametrize("text", [
    "No research suggests acupuncture slows ALS.",
    "We do not publish testimonials: one person's story is not evidence.",
    "Nothing shows it reverses the disease itself.",
    "Research suggests a small benefit for back pain (Mu 2020).",
    "What large trials show about back pain.",
])
def test_widened_checks_keep_negated_cited_and_signpost_wording(text):
    assert checks.check_text(text) == []


# --- Spanish pages (#14) ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "code"), [
    ("La acupuntura cura la fibromialgia.", "claim"),
    ("Le curará el dolor de espalda.", "claim"),
    ("Resultados garantizados desde la primera sesión.", "claim"),
    ("Un tratamiento milagroso para la ELA.", "claim"),
    ("El dolor desaparece para siempre.", "claim"),
    ("Revierte la enfermedad autoinmune de raíz.", "claim"),
    ("Nunca más volverá a sufrir.", "claim"),
    ("Los estudios demuestran que funciona.", "unsourced_statistic"),
    ("El 80 por ciento de los pacientes mejora.", "unsourced_statistic"),
    ("Un método clínicamente probado.", "unsourced_statistic"),
    ("Lea nuestras historias de éxito.", "testimonial"),
    ("Lo que dicen nuestros pacientes.", "testimonial"),
    ("Compre ahora su kit de agujas.", "shop_link"),
    ("Únase a nuestro grupo de WhatsApp.", "community_invite"),
])
def test_spanish_claims_and_calls_are_flagged(text, code):
    assert [w.code for w in checks.check_text(text)] == [code]


@pytest.mark.parametrize("text", [
    "La acupuntura no cura la fibromialgia.",
    "No existe una cura para la ELA.",
    "No hay ninguna cura conocida.",
    "No podemos garantizar ningún resultado.",
    "Ningún tratamiento la cura.",
    "Los estudios muestran un beneficio pequeño (Deare 2013).",
    "Qué dice la investigación sobre la acupuntura",
    "Es un procurador del curso de punción seca.",
])
def test_spanish_negated_cited_and_plain_wording_stays_quiet(text):
    assert checks.check_text(text) == []
