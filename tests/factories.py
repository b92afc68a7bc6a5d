"""factory_boy factories for the directory. Vocabularies come from the seed migration."""

import datetime

import factory
from django.utils import timezone

from clinics.models import (
    Clinic,
    ClinicMembership,
    Condition,
    Credential,
    CredentialCheck,
    Location,
    Practitioner,
    PractitionerCondition,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic

    name = factory.Sequence(lambda n: f"Test Clinic {n}")
    slug = factory.Sequence(lambda n: f"test-clinic-{n}")
    status = Clinic.Status.PUBLISHED
    phone = "512-555-0100"
    email = factory.Sequence(lambda n: f"clinic{n}@example.org")


class LocationFactory(factory.django.DjangoModelFactory):
    """Defaults to ZIP 78704 in Austin, TX, with its gazetteer centroid."""

    class Meta:
        model = Location
        skip_postgeneration_save = True

    clinic = factory.SubFactory(ClinicFactory)
    street = "100 Congress Ave"
    city = "Austin"
    state = "TX"
    zip_code = "78704"
    lat = 30.2428
    lng = -97.7658
    geocode_source = "offline"

    @factory.post_generation
    def point(self, create, extracted, **kwargs):
        # Keep the search columns derived from whatever lat/lng the test chose.
        self.set_point(self.lat, self.lng)
        if create:
            self.save(update_fields=["lat", "lng", "lat_band", "x", "y", "z"])


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Practitioner {n}")
    slug = factory.Sequence(lambda n: f"practitioner-{n}")
    post_nominals = "L.Ac."
    accepting_new_patients = True

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if not create:
            return
        self.locations.set(extracted if extracted is not None else [LocationFactory()])


class CredentialFactory(factory.django.DjangoModelFactory):
    """A verified California L.Ac. licence that expires in a year."""

    class Meta:
        model = Credential
        skip_postgeneration_save = True

    practitioner = factory.SubFactory(PractitionerFactory)
    kind = Credential.Kind.LAC
    jurisdiction = "TX"
    number = factory.Sequence(lambda n: f"AC{n:05d}")
    issuer = "Texas Medical Board, Acupuncture Board"
    status = Credential.Status.VERIFIED
    method = Credential.Method.BOARD_WEBSITE
    source = "https://example.org/board-lookup"
    verified_at = factory.LazyFunction(timezone.now)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))

    @factory.post_generation
    def checks(self, create, extracted, **kwargs):
        """A stamped credential has the check behind its stamp, as after the services or the
        data migration; checks=False leaves the history empty."""
        if not create or extracted is False or self.verified_at is None:
            return
        outcome = {Credential.Status.VERIFIED: CredentialCheck.Outcome.CURRENT,
                   Credential.Status.EXPIRED: CredentialCheck.Outcome.LAPSED,
                   Credential.Status.REJECTED: CredentialCheck.Outcome.REJECTED}.get(self.status)
        if outcome is not None:
            CredentialCheck.objects.create(
                credential=self, checked_by=self.verified_by, checked_at=self.verified_at,
                method=self.method, source=self.source, outcome=outcome,
                expires_on=self.expires_on, next_check_due=self.next_check_due)


def vetted_practitioner(**kwargs) -> Practitioner:
    """A practitioner with a verified licence at a published clinic."""
    credential = CredentialFactory(practitioner=PractitionerFactory(**kwargs))
    return credential.practitioner


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicMembership

    user = factory.SubFactory(UserFactory)
    clinic = factory.SubFactory(ClinicFactory)
    role = ClinicMembership.Role.OWNER


def treats(practitioner: Practitioner, *slugs: str, note: str = "") -> None:
    for slug in slugs:
        PractitionerCondition.objects.create(
            practitioner=practitioner, condition=Condition.objects.get(slug=slug), note=note
        )


# --- Editorial pages (articles app) ---------------------------------------------------------
# Models are named by string and imported inside functions, so this block only appends.


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "articles.Author"

    name = factory.Sequence(lambda n: f"Author {n}")
    credentials = "MD, rheumatologist"
    bio = "A fictional reviewer for tests."


def _rendered_body(article) -> str:
    from articles.markup import render_markdown

    return render_markdown(article.body, article.language)


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published condition page about fibromyalgia that passes every rule and check."""

    class Meta:
        model = "articles.Article"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Condition page {n}")
    slug = factory.Sequence(lambda n: f"condition-page-{n}")
    language = "en"
    kind = "condition"
    condition = factory.LazyFunction(lambda: Condition.objects.get(slug="fibromyalgia"))
    summary = "A calm summary of what the research says."
    body = "## What it is\n\nA plain paragraph about the condition (Deare 2013)."
    body_html = factory.LazyAttribute(_rendered_body)
    evidence_level = "moderate"
    evidence_explanation = "Two reviews found a modest short-term benefit (Deare 2013)."
    safety_notes = "Soreness and bruising are common and mild."
    author = factory.SubFactory(AuthorFactory)
    medical_reviewer = factory.SubFactory(AuthorFactory, credentials="DO, neurologist")
    status = "published"
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    last_reviewed_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )
    next_review_on = factory.LazyAttribute(
        lambda page: page.last_reviewed_on and page.last_reviewed_on.replace(
            year=page.last_reviewed_on.year + 1, day=min(page.last_reviewed_on.day, 28)))
    meta_description = "What the evidence says, in plain words."

    @factory.post_generation
    def references(self, create, extracted, **kwargs):
        """One DOI reference unless a list of Reference field dicts is given."""
        if not create:
            return
        from articles.models import Reference

        for position, data in enumerate(extracted if extracted is not None else [{
            "citation": "Deare JC, et al. Acupuncture for treating fibromyalgia. 2013.",
            "doi": "10.1002/14651858.CD007070.pub2",
        }], start=1):
            Reference.objects.create(article=self, position=position, **data)


class FAQItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "articles.FAQItem"

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n)
    question = "Does it hurt?"
    answer = "Most people feel a brief prick and then a dull ache."


# --- Clinic owners (claims, patient enquiries, reports) --------------------------------------


class ClinicClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "owners.ClinicClaim"

    clinic = factory.SubFactory(ClinicFactory)
    user = factory.SubFactory(UserFactory)
    role = ClinicMembership.Role.OWNER
    work_email = factory.LazyAttribute(lambda claim: claim.user.email)
    callback_phone = "512-555-0199"
    note = "I run the front desk."


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "owners.ContactRequest"

    clinic = factory.SubFactory(ClinicFactory)
    name = factory.Sequence(lambda n: f"Patient {n}")
    email = factory.Sequence(lambda n: f"patient{n}@example.net")
    preferred_contact = "email"
    message = "Do you have appointments on Saturdays?"
    consent = True
    ip_hash = "test"


class ListingReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "owners.ListingReport"

    clinic = factory.SubFactory(ClinicFactory)
    reason = "wrong_phone"
    details = "The number rings a pizza place."
