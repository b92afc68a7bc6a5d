import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article, ArticlePublication
from tests.conftest import verified_login
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ARTICLE_LIST = reverse("admin:articles_article_changelist")


def run_action(client, action, articles, **form):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], **form}
    return client.post(ARTICLE_LIST, data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_publish_action_rule_failure_shows_error_and_changes_nothing(staff_client, draft):
    draft.medical_reviewer = None
    draft.save()

    response = run_action(staff_client, "publish", [draft])

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert messages_of(response) == [f"{draft} was not published: Add a medical reviewer."]
    assert not LogEntry.objects.exists()


def test_publish_action_clean_page_publishes_and_logs(staff_client, staff_user, draft):
    response = run_action(staff_client, "publish", [draft])

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert messages_of(response) == ["Published: 1 page(s)."]
    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert (entry.user, entry.change_message) == (staff_user, "Published")


def test_publish_action_with_warnings_asks_for_reason_first(staff_client, draft):
    draft.body = "A miracle for pain. Call 512-555-0100."
    draft.save()

    response = run_action(staff_client, "publish", [draft])

    html = response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert response.templates[0].name == "articles/admin_publish.html"
    assert 'data-code="claim"' in html
    assert 'data-code="phone"' in html
    assert 'name="override_reason"' in html


def test_publish_action_with_warnings_and_blank_reason_changes_nothing(staff_client, draft):
    draft.body = "A miracle for pain."
    draft.save()

    response = run_action(staff_client, "publish", [draft], apply="1", override_reason="   ")

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert "This field is required." in response.content.decode()
    assert not ArticlePublication.objects.exists()


def test_publish_action_with_warnings_and_reason_publishes_and_records_it(
    staff_client, staff_user, draft
):
    draft.body = "A miracle for pain."
    draft.save()
    clean = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)

    run_action(staff_client, "publish", [draft, clean], apply="1",
               override_reason="The word is quoted from a patient letter.")

    draft.refresh_from_db()
    clean.refresh_from_db()
    publication = draft.publications.get()
    assert (draft.status, clean.status) == (Article.Status.PUBLISHED, Article.Status.PUBLISHED)
    assert (publication.published_by, publication.overridden_codes, publication.override_reason) == (
        staff_user, ["claim"], "The word is quoted from a patient letter.")
    assert clean.publications.get().overridden_codes == []
    assert LogEntry.objects.get(object_id=str(draft.pk)).change_message == (
        "Published with editorial warnings overridden")


def test_send_to_review_and_archive_actions_change_status_and_log(staff_client, draft):
    published = ArticleFactory()

    run_action(staff_client, "send_to_review", [draft])
    run_action(staff_client, "archive", [published])

    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Article.Status.IN_REVIEW, Article.Status.ARCHIVED)
    assert sorted(LogEntry.objects.values_list("change_message", flat=True)) == [
        "Archived", "Sent to review"]


def test_change_page_shows_rule_failures_and_warnings(staff_client, draft):
    draft.medical_reviewer = None
    draft.body = "Create a photorealistic image of a clinic."
    draft.save()

    html = staff_client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()

    assert "Cannot be published yet:" in html
    assert "<li>Add a medical reviewer.</li>" in html
    assert 'data-code="image_prompt"' in html


def test_change_page_clean_page_says_ready(staff_client, draft):
    html = staff_client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()

    assert "Ready to publish" in html


def test_change_form_save_renders_body_through_the_service(staff_client, draft):
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = {
        "title": draft.title, "slug": draft.slug, "kind": draft.kind, "language": "en",
        "condition": draft.condition_id, "summary": draft.summary,
        "body": "## New section\n\n<script>x()</script>Plain *words*.",
        "evidence_level": draft.evidence_level,
        "evidence_explanation": draft.evidence_explanation, "safety_notes": "",
        "author": draft.author_id, "medical_reviewer": draft.medical_reviewer_id,
        "last_reviewed_on": draft.last_reviewed_on.isoformat(), "publish_at_0": "",
        "publish_at_1": "", "meta_description": "",
        **{f"{prefix}-{key}": value for prefix in ("faqs", "references", "publications")
           for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()},
    }

    response = staff_client.post(url, data)

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.body_html == "<h2>New section</h2>\n\n<p>Plain <em>words</em>.</p>"
    assert draft.history.first().history_user is not None


def test_admin_index_shows_articles_in_review_queue(staff_client):
    ArticleFactory.create_batch(2, status=Article.Status.IN_REVIEW)
    ArticleFactory()

    html = staff_client.get(reverse("admin:index")).content.decode()

    assert "Articles in review" in html
    assert '<td class="queue-count" data-queue="articles-in-review">2</td>' in html


def test_moderator_group_can_review_and_correct_pages():
    codenames = set(
        Group.objects.get(name="Moderator")
        .permissions.filter(content_type__app_label="articles")
        .values_list("codename", flat=True)
    )

    assert codenames == {
        "view_article", "change_article", "view_faqitem", "change_faqitem",
        "view_reference", "change_reference", "view_author", "change_author",
        "view_articlepublication",
    }


def test_moderator_can_open_article_changelist_and_change_page(client, moderator):
    article = ArticleFactory(author=AuthorFactory())
    verified_login(client, moderator)

    changelist = client.get(ARTICLE_LIST)
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))

    assert (changelist.status_code, change.status_code, history.status_code) == (200, 200, 200)


def change_form_data(article, **changes) -> dict:
    """The change form as the admin would post it back, references and FAQ included."""
    data = {
        "title": article.title, "slug": article.slug, "kind": article.kind,
        "language": article.language, "translation_of": article.translation_of_id or "",
        "condition": article.condition_id or "", "summary": article.summary,
        "body": article.body, "evidence_level": article.evidence_level,
        "evidence_explanation": article.evidence_explanation,
        "safety_notes": article.safety_notes, "author": article.author_id,
        "medical_reviewer": article.medical_reviewer_id or "",
        "last_reviewed_on": article.last_reviewed_on.isoformat(),
        "publish_at_0": "", "publish_at_1": "", "meta_description": article.meta_description,
        "publications-TOTAL_FORMS": "0", "publications-INITIAL_FORMS": "0",
    }
    for prefix, rows, fields in (
        ("references", article.references.all(), ["position", "citation", "doi", "pmid", "url"]),
        ("faqs", article.faqs.all(), ["position", "question", "answer"]),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-article"] = article.pk
            for field in fields:
                data[f"{prefix}-{i}-{field}"] = getattr(row, field)
    data.update(changes)
    return data


@pytest.fixture
def live_with_faq():
    from tests.factories import FAQItemFactory

    article = ArticleFactory()
    FAQItemFactory(article=article, position=1)
    return article


def test_clean_edit_of_a_live_page_saves(staff_client, live_with_faq):
    url = reverse("admin:articles_article_change", args=[live_with_faq.pk])

    response = staff_client.post(url, change_form_data(
        live_with_faq, summary="A shorter, calmer summary."))

    assert response.status_code == 302
    live_with_faq.refresh_from_db()
    assert live_with_faq.summary == "A shorter, calmer summary."


@pytest.mark.parametrize("changes", [
    {"body": "Acupuncture is a miracle cure for fibromyalgia."},
    {"faqs-0-answer": "Yes: it is guaranteed to cure you."},
    {"medical_reviewer": ""},
    {"references-0-DELETE": "on"},
], ids=["claim-in-body", "claim-in-faq", "no-reviewer", "last-reference-deleted"])
def test_an_edit_that_would_not_pass_publishing_is_refused_on_a_live_page(
        staff_client, live_with_faq, changes):
    url = reverse("admin:articles_article_change", args=[live_with_faq.pk])
    body, answer = live_with_faq.body, live_with_faq.faqs.get().answer

    response = staff_client.post(url, change_form_data(live_with_faq, **changes))

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    live_with_faq.refresh_from_db()
    assert (live_with_faq.body, live_with_faq.faqs.get().answer) == (body, answer)
    assert live_with_faq.medical_reviewer_id is not None
    assert live_with_faq.references.count() == 1


def test_the_same_edits_are_allowed_on_a_draft(staff_client, draft):
    url = reverse("admin:articles_article_change", args=[draft.pk])

    response = staff_client.post(url, change_form_data(
        draft, body="Acupuncture is a miracle cure for fibromyalgia."))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert "miracle" in draft.body
