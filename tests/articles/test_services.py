import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article, ArticlePublication
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


def remove_reviewer(article):
    article.medical_reviewer = None


def remove_last_reviewed(article):
    article.last_reviewed_on = None


def remove_references(article):
    article.references.all().delete()


def remove_summary(article):
    article.summary = "   "


def remove_evidence_level(article):
    article.evidence_level = ""


def remove_evidence_explanation(article):
    article.evidence_explanation = ""


def make_author_review_own_page(article):
    article.medical_reviewer = article.author


@pytest.mark.parametrize(
    ("break_rule", "problem"),
    [
        (remove_reviewer, "Add a medical reviewer."),
        (remove_last_reviewed, "Add the date of the last medical review."),
        (remove_references, "Add at least one reference."),
        (remove_summary, "Write a summary."),
        (remove_evidence_level, "Choose an evidence level."),
        (remove_evidence_explanation, "Explain the evidence level in a paragraph."),
        (make_author_review_own_page, "The medical reviewer must be someone other than the author."),
    ],
    ids=lambda value: getattr(value, "__name__", "problem"),
)
def test_publish_article_missing_piece_blocks_and_changes_nothing(draft, break_rule, problem):
    break_rule(draft)

    with pytest.raises(ValidationError) as raised:
        services.publish_article(article=draft, by=UserFactory())

    assert raised.value.messages == [problem]
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert ArticlePublication.objects.count() == 0


def test_publish_article_complete_page_goes_live_and_is_recorded(draft):
    editor = UserFactory()

    publication = services.publish_article(article=draft, by=editor)

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.publish_at <= timezone.now()
    assert list(Article.objects.published()) == [draft]
    assert (publication.published_by, publication.overridden_codes, publication.override_reason) == (
        editor, [], "")
    assert draft.history.first().history_change_reason == f"Published by {editor}"


def test_publish_article_guide_needs_no_evidence_level():
    guide = ArticleFactory(
        kind=Article.Kind.GUIDE, condition=None, evidence_level="", evidence_explanation="",
        status=Article.Status.DRAFT,
    )

    services.publish_article(article=guide, by=UserFactory())

    assert guide.status == Article.Status.PUBLISHED


def test_publish_article_with_warnings_and_no_reason_refuses(draft):
    draft.body = "Acupuncture is a miracle for pain."

    with pytest.raises(services.UnresolvedWarnings) as raised:
        services.publish_article(article=draft, by=UserFactory(), override_reason="  ")

    assert [w.code for w in raised.value.warnings] == ["claim"]
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert ArticlePublication.objects.count() == 0


def test_publish_article_with_warnings_and_reason_records_override(draft):
    editor = UserFactory()
    draft.body = "Call 512-555-0100 to ask about a miracle."
    services.save_article(article=draft)

    publication = services.publish_article(
        article=draft, by=editor, override_reason="Quoting a misleading advert to rebut it."
    )

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert publication.overridden_codes == ["claim", "phone"]
    assert publication.override_reason == "Quoting a misleading advert to rebut it."
    assert publication.published_by == editor
    assert publication.overridden_warnings[0]["field"] == "body"


def test_publish_article_already_published_refuses():
    article = ArticleFactory()

    with pytest.raises(ValidationError):
        services.publish_article(article=article, by=UserFactory())

    assert ArticlePublication.objects.count() == 0


def test_publish_article_future_publish_at_schedules_the_page(draft):
    later = timezone.now() + datetime.timedelta(days=2)

    services.publish_article(article=draft, by=UserFactory(), publish_at=later)

    assert (draft.status, draft.publish_at, draft.is_scheduled) == (
        Article.Status.PUBLISHED, later, True)
    assert list(Article.objects.published()) == []


def test_published_queryset_scheduled_page_appears_once_publish_at_passes():
    page = ArticleFactory(publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == []

    Article.objects.filter(pk=page.pk).update(
        publish_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert list(Article.objects.published()) == [page]


def test_submit_for_review_draft_moves_to_review(draft):
    services.submit_for_review(article=draft, by=UserFactory())

    draft.refresh_from_db()
    assert list(Article.objects.in_review()) == [draft]


def test_submit_for_review_published_page_refuses():
    article = ArticleFactory()

    with pytest.raises(ValidationError):
        services.submit_for_review(article=article, by=UserFactory())

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_archive_article_published_page_leaves_public_site():
    article = ArticleFactory()

    services.archive_article(article=article, by=UserFactory())

    assert (article.status, list(Article.objects.published())) == (Article.Status.ARCHIVED, [])


def test_save_article_renders_and_sanitises_body(draft):
    draft.body = "## Heading\n\n<script>alert(1)</script>Some *text*."

    services.save_article(article=draft)

    draft.refresh_from_db()
    assert draft.body_html == "<h2>Heading</h2>\n\n<p>Some <em>text</em>.</p>"


def test_save_article_condition_page_without_condition_is_invalid(draft):
    draft.condition = None

    with pytest.raises(ValidationError) as raised:
        services.save_article(article=draft)

    assert "condition" in raised.value.message_dict


def test_save_article_future_review_date_is_invalid(draft):
    draft.last_reviewed_on = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as raised:
        services.save_article(article=draft)

    assert "last_reviewed_on" in raised.value.message_dict


def test_save_article_reserved_slug_is_invalid(draft):
    draft.slug = "feed"

    with pytest.raises(ValidationError) as raised:
        services.save_article(article=draft)

    assert "slug" in raised.value.message_dict


def test_author_str_includes_credentials():
    assert str(AuthorFactory(name="Ada Lim", credentials="MD")) == "Ada Lim, MD"


# --- Edits to a live page --------------------------------------------------------------------


def test_editing_a_live_page_to_add_a_cure_claim_is_refused():
    live = ArticleFactory()
    live.body += "\n\nAcupuncture cures fibromyalgia for good."

    with pytest.raises(ValidationError) as raised:
        services.save_article(article=live)

    assert "send the page back to review" in " ".join(raised.value.messages)
    live.refresh_from_db()
    assert "cures" not in live.body


def test_editing_a_live_page_cannot_break_a_publishing_rule():
    live = ArticleFactory()
    live.medical_reviewer = None

    with pytest.raises(ValidationError, match="Add a medical reviewer"):
        services.save_article(article=live)


def test_a_clean_edit_to_a_live_page_saves():
    live = ArticleFactory()
    live.summary = "A calmer summary of what the research says."

    services.save_article(article=live)

    live.refresh_from_db()
    assert live.summary == "A calmer summary of what the research says."


def test_warnings_accepted_at_publication_do_not_block_later_edits(staff_user):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None,
                           summary="Call 512-555-0100 to book a first visit.")
    services.publish_article(article=draft, by=staff_user,
                             override_reason="The clinic asked for its booking line.")
    assert ArticlePublication.objects.get(article=draft).overridden_codes == ["phone"]
    draft.safety_notes = "Soreness is common and passes within a day."

    services.save_article(article=draft)

    draft.refresh_from_db()
    assert draft.safety_notes.startswith("Soreness is common")


def test_an_faq_edit_to_a_live_page_is_checked_too():
    live = ArticleFactory()

    with pytest.raises(ValidationError, match="live"):
        services.check_published_edit(
            live, faqs=[("Will it work?", "It is a guaranteed cure for everyone.")])
    services.check_published_edit(live, faqs=[("Will it work?", "Some people feel better.")])


def test_drafts_are_saved_with_warnings_for_the_publish_step_to_weigh():
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    draft.body += "\n\nA miracle cure."

    services.save_article(article=draft)

    draft.refresh_from_db()
    assert "miracle" in draft.body
