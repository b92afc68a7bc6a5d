"""Editorial checks: pure functions that flag wording a health page should not carry.

Condition pages (articles/checks.py) and owner-written listing text (clinics/owners) both
run them, so they live here, below both. On articles they never block publishing on their own. Staff see the warnings and may publish anyway
only with a recorded reason (services.publish_article). The publishing rules, which do
block, live in services.publishing_problems().
"""

import re
from dataclasses import asdict, dataclass

EXCERPT_CHARS = 80


@dataclass(frozen=True)
class Warning:  # Named like django.core.checks.Warning, which also shadows the builtin.
    code: str
    message: str
    excerpt: str
    field: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _excerpt(text: str, match: re.Match) -> str:
    """The matched words with a little context, on one line."""
    start = max(0, match.start() - 25)
    end = min(len(text), match.end() + 25)
    snippet = " ".join(text[start:end].split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{snippet[:EXCERPT_CHARS]}{suffix}"


def _find(pattern: re.Pattern, text: str, *, code: str, message: str) -> list[Warning]:
    return [
        Warning(code=code, message=message, excerpt=_excerpt(text, match))
        for match in pattern.finditer(text or "")
    ]


# --- Cure and guarantee claims -------------------------------------------------------------

_CLAIM = re.compile(
    r"\b(?:miracle\s+cures?|cure[sd]?|curing|cure-all|guarantee[sd]?|guaranteeing|miracles?|miraculous"
    r"|stunning\s+relief|never\s+suffer\s+again|100\s*%\s+effective"
    r"|heal(?:s|ed|ing)?\s+(?:\w+\s+){0,3}(?:permanently|for\s+good|forever)"
    r"|(?:gone|pain-free|free\s+of\s+pain)\s+(?:for\s+good|forever)"
    r"|revers(?:e|es|ed|ing)\s+(?:your\s+|the\s+)?(?:\w+\s+){0,2}(?:disease|condition|illness)"
    # Spanish: "cura la fibromialgia", "curación garantizada", "milagroso", "para siempre".
    r"|cur(?:a|as|an|ar|ará|arán|aría|ó|aron|ación|aciones|ativ[oa]s?)"
    r"|garantiz(?:a|as|an|ar|ado|ada|ados|adas|amos)|garantías?|milagr(?:o|os|osa|osas|oso|osos)"
    r"|alivio\s+(?:asombroso|increíble|milagroso)|nunca\s+más\s+(?:volverá\s+a\s+)?sufrir\w*"
    r"|100\s*%\s+(?:eficaz|efectiv[oa])"
    r"|(?:sana|sanan|sanar|sanará)\s+(?:\w+\s+){0,3}(?:para\s+siempre|definitivamente"
    r"|permanentemente)"
    r"|(?:desaparece|desaparecerá|se\s+va)\s+(?:\w+\s+){0,2}para\s+siempre"
    r"|(?:revierte|revierten|revertir|revertirá|revierta)\s+(?:su\s+|la\s+|el\s+)?(?:\w+\s+){0,2}"
    r"(?:enfermedad|afección|trastorno))\b",
    re.IGNORECASE,
)
# "There is no cure", "acupuncture is not a cure", "cannot be guaranteed": honest wording.
# Spanish too: "no cura", "no existe una cura", "sin garantía", "ningún tratamiento lo cura".
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|nobody|nothing|cannot|without|nor|(?:can|isn|aren|doesn|don|won)['’]t"
    r"|ni|nunca|jamás|sin|nada|nadie|ningún|ninguna|ninguno|tampoco)\b"
    r"(?:\W+\w+){0,2}\W+$",
    re.IGNORECASE,
)


def find_claims(text: str) -> list[Warning]:
    """Cure, guarantee and miracle language, unless it is plainly negated."""
    text = text or ""
    return [
        Warning(
            code="claim",
            message="Cure, guarantee or miracle claim: health pages may not promise outcomes.",
            excerpt=_excerpt(text, match),
        )
        for match in _CLAIM.finditer(text)
        if not _NEGATION_BEFORE.search(text[max(0, match.start() - 40):match.start()])
    ]


# --- Calls to action: phone numbers and shop links -----------------------------------------

_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w/-])"
    r"|(?<![\w/])\+\d{1,3}(?:[\s.-]?\d{2,4}){3,5}(?!\w)"
)


def find_phone_numbers(text: str) -> list[Warning]:
    return _find(
        _PHONE, text, code="phone",
        message="Phone number in the text: contact details belong in the listing's contact fields, not in written text.",
    )


_SHOP = re.compile(
    r"(?:https?://|www\.)\S*?(?<=[/.?=&_-])(?:shop|store|buy|cart|checkout|order|products?"
    r"|deals?|coupons?)(?=[/.?=&_#-]|s?\b)\S*"
    r"|\b(?:shop|buy|order)\s+(?:now|today|online|here)\b|\badd\s+to\s+(?:cart|basket)\b"
    r"|\bstock\s+up\b|\bbook\s+now\b"
    r"|\b(?:compre|cómprelo|cómprela|cómprelos|compra|pida|reserve)\s+(?:ya|ahora|hoy|aquí"
    r"|en\s+línea)\b|\bagregar\s+al\s+carrito\b|\bvisite\s+nuestra\s+tienda\b"
    # Marketplaces and shop platforms, whatever the path says.
    r"|(?:https?://|www\.)?[\w.-]*\b(?:amazon|etsy|ebay|aliexpress)\.[a-z.]{2,6}\S*"
    r"|(?:https?://)?[\w-]+\.myshopify\.com\S*"
    # Calls to action that sell.
    r"|\bclick\s+(?:here|the\s+link|below)\s+to\s+(?:buy|order|purchase|shop|get\s+yours)\b"
    r"|\bvisit\s+our\s+(?:online\s+)?(?:store|shop)\b"
    r"|\b(?:buy|order)\s+(?:yours|your\s+kit|it|them)\s+(?:now|today|here)\b"
    r"|\buse\s+(?:the\s+)?(?:code|coupon)\s+\w+"
    r"|\b\d{1,2}\s?%\s+off\b",
    re.IGNORECASE,
)


def find_shop_links(text: str) -> list[Warning]:
    return _find(
        _SHOP, text, code="shop_link",
        message="Shop link or sales call to action: the site carries no advertising or selling.",
    )


# --- Invitations to outside groups and chats ----------------------------------------------

_COMMUNITY = re.compile(
    r"\bjoin\s+(?:our|the|my)\s+(?:free\s+|private\s+)?(?:whatsapp|telegram|facebook|discord"
    r"|signal|viber)(?:\s+(?:group|community|channel|chat))?\b"
    r"|\b(?:whatsapp|telegram)\s+(?:group|community|channel)\b"
    r"|\b(?:grupo|canal|comunidad|chat)\s+(?:privado\s+|gratuito\s+)?de\s+(?:whatsapp|telegram"
    r"|facebook|discord|signal|viber)\b"
    r"|\bchat\.whatsapp\.com\S*|\bwa\.me/\S*|\bt\.me/\S*",
    re.IGNORECASE,
)


def find_community_invites(text: str) -> list[Warning]:
    return _find(
        _COMMUNITY, text, code="community_invite",
        message="Invitation to an outside chat or group: keep readers on checked information.",
    )


# --- Testimonials ---------------------------------------------------------------------------

_TESTIMONIAL = re.compile(
    r"\bsuccess\s+stor(?:y|ies)\b|\btestimonials?\b"
    r"|\bwhat\s+our\s+(?:patients|clients|customers)\s+(?:say|are\s+saying)\b"
    r"|\b(?:read|hear)\s+(?:from\s+)?(?:our\s+)?(?:happy|satisfied)\s+(?:patients|clients)\b"
    r"|\bhistorias?\s+de\s+éxito\b|\btestimonios?\b"
    r"|\blo\s+que\s+dicen\s+nuestros\s+(?:pacientes|clientes)\b"
    r"|★{3,}",
    re.IGNORECASE,
)


def find_testimonials(text: str) -> list[Warning]:
    return [
        Warning(code="testimonial",
                message="Testimonial or success story: one person's account is not evidence.",
                excerpt=_excerpt(text or "", match))
        for match in _TESTIMONIAL.finditer(text or "")
        if not _NEGATION_BEFORE.search((text or "")[max(0, match.start() - 40):match.start()])
    ]


# --- Leftover image-generation prompts -----------------------------------------------------

_IMAGE_PROMPT = re.compile(
    r"\b(?:create|generate|make|draw|render|imagine)\s+(?:me\s+)?(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:image|picture|photo|photograph|illustration|render(?:ing)?)\b"
    r"|\b(?:photo-?realistic|hyper-?realistic|ultra-?detailed|hyper-?detailed|highly\s+detailed"
    r"|ultra-?realistic|octane\s+render|unreal\s+engine|trending\s+on\s+artstation"
    r"|midjourney|dall-?e|stable\s+diffusion|cinematic\s+lighting)\b"
    r"|\b(?:4|8|16)k\b"
    r"|(?<!\w)--(?:ar|v|q|s|style|stylize|chaos|no|seed)\s+\S+",
    re.IGNORECASE,
)


def find_image_prompts(text: str) -> list[Warning]:
    return _find(
        _IMAGE_PROMPT, text, code="image_prompt",
        message="Looks like an image-generation prompt pasted into the text.",
    )


# --- Statistics and "studies show" without a citation --------------------------------------

_STATISTIC = re.compile(
    r"\d+(?:[.,]\d+)?\s?(?:%|per\s?cent\b)"
    r"|\b(?:studies|research|science|evidence|trials)\s+(?:(?:has|have)\s+(?:been\s+)?)?"
    r"(?:shows?|shown|proves?|proven|proved|confirms?|confirmed|demonstrates?|demonstrated"
    r"|suggests?|suggested|indicates?|indicated|finds|found)\b"
    r"|\b(?:numerous|many|countless|several|multiple|recent|new)\s+(?:clinical\s+)?"
    r"(?:studies|trials|research\s+papers)\s+(?:have\s+|has\s+)?"
    r"(?:shown|show|proven|prove|found|find|confirmed|confirm|demonstrated|suggest|suggested)\b"
    r"|\b(?:scientists|researchers|doctors|experts)\s+(?:have\s+)?(?:found|discovered|proven|agree)\b"
    r"|\bclinically\s+proven\b"
    r"|\b(?:a|an|one|the)\s+(?:(?:19|20)\d{2}\s+)?(?:meta-analysis|study|review|trial|survey)"
    r"\s+(?:showed|shows|found|finds|proved|proves|demonstrated|demonstrates)\b"
    # Spanish: "20 por ciento", "los estudios demuestran", "científicamente probado".
    r"|\d+(?:[.,]\d+)?\s?por\s+ciento\b"
    r"|\b(?:estudios|ensayos|investigaciones|investigación|ciencia|evidencia)\s+(?:(?:ha|han)\s+)?"
    r"(?:demuestra|demuestran|demostrado|muestra|muestran|mostrado|prueba|prueban|probado"
    r"|confirma|confirman|confirmado|indica|indican|sugiere|sugieren|encontrado|encontró)\b"
    r"|\b(?:científicamente|clínicamente)\s+(?:probad|demostrad|comprobad)[oa]s?\b",
    re.IGNORECASE,
)
# A paragraph cites a source if it has "(Vickers 2018)", "(Deare 2013; Zhang 2019)", "[1]",
# a DOI, a PubMed ID or a link.
_CITATION = re.compile(
    r"[(\[][^()\[\]]*?\b[A-Z][\w'’\-]+[^()\[\]]*?\b(?:19|20)\d{2}[a-z]?\b[^()\[\]]*?[)\]]"
    r"|\[\d+(?:\s*[,\-–]\s*\d+)*\]"
    r"|\b10\.\d{4,9}/\S+"
    r"|\bPMID:?\s*\d+"
    r"|https?://\S+",
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text or "") if p.strip()]


def cites_a_source(paragraph: str) -> bool:
    return bool(_CITATION.search(paragraph))


# "What the research shows" announces a section; it claims nothing by itself.
# So does "what large trials show".
_SIGNPOST_BEFORE = re.compile(r"\b(?:what|lo\s+que)\s+(?:the\s+|la\s+|los\s+)?(?:[a-z-]+\s+)?$",
                              re.IGNORECASE)


def find_unsourced_statistics(text: str) -> list[Warning]:
    """Percentages and "studies show" sentences in a paragraph that cites nothing."""
    return [
        Warning(
            code="unsourced_statistic",
            message="Statistic or research claim with no citation in the same paragraph.",
            excerpt=_excerpt(paragraph, match),
        )
        for paragraph in paragraphs(text)
        if not cites_a_source(paragraph)
        for match in _STATISTIC.finditer(paragraph)
        if not _is_signpost_or_denial(paragraph, match)
    ]


def _is_signpost_or_denial(paragraph: str, match: re.Match) -> bool:
    """"What the research shows" and "no research shows" claim nothing; numbers always count."""
    if any(ch.isdigit() for ch in match.group()):
        return False
    before = paragraph[max(0, match.start() - 40):match.start()]
    return bool(_SIGNPOST_BEFORE.search(before) or _NEGATION_BEFORE.search(before))


TEXT_CHECKS = (
    find_claims,
    find_phone_numbers,
    find_shop_links,
    find_community_invites,
    find_testimonials,
    find_image_prompts,
    find_unsourced_statistics,
)
CODES = ("claim", "phone", "shop_link", "community_invite", "testimonial", "image_prompt",
         "unsourced_statistic")


def check_text(text: str, *, field: str = "") -> list[Warning]:
    """Every warning for one piece of text, labelled with where it came from."""
    return [
        Warning(code=w.code, message=w.message, excerpt=w.excerpt, field=field)
        for check in TEXT_CHECKS
        for w in check(text)
    ]
