"""Condition pages follow the NHS content standard: each shows when it was last reviewed and
when the next review is due (12 months later by default); a page past that date goes to a
staff queue and says it is being re-checked; each page says who publishes the site."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def local(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute),
                                     tzinfo=ZoneInfo(settings.TIME_ZONE))


def test_save_sets_next_review_twelve_months_after_the_last(draft):
    draft.last_reviewed_on, draft.next_review_on = datetime.date(2026, 3, 3), None

    services.save_article(article=draft)

    assert draft.next_review_on == datetime.date(2027, 3, 3)


def test_next_review_after_29_february_falls_on_28_february():
    assert services.twelve_months_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


def test_new_review_date_moves_the_next_review_on(draft):
    draft.last_reviewed_on, draft.next_review_on = datetime.date(2025, 1, 10), None
    services.save_article(article=draft)

    draft.last_reviewed_on = datetime.date(2026, 1, 12)
    services.save_article(article=draft)

    assert Article.objects.get().next_review_on == datetime.date(2027, 1, 12)


def test_chosen_next_review_date_is_kept(draft):
    draft.last_reviewed_on = datetime.date(2026, 1, 12)
    draft.next_review_on = datetime.date(2026, 7, 1)

    services.save_article(article=draft)

    assert Article.objects.get().next_review_on == datetime.date(2026, 7, 1)


def test_next_review_before_the_last_is_refused(draft):
    draft.last_reviewed_on = datetime.date(2026, 1, 12)
    draft.next_review_on = datetime.date(2025, 12, 1)

    with pytest.raises(ValidationError) as error:
        services.save_article(article=draft)

    assert "next_review_on" in error.value.message_dict


def test_page_shows_last_and_next_review_dates(client):
    page = ArticleFactory(last_reviewed_on=datetime.date(2026, 3, 3),
                          next_review_on=datetime.date(2099, 3, 3))

    html = client.get(page.get_absolute_url()).content.decode()

    assert 'Last reviewed <time datetime="2026-03-03">3 March 2026</time>.' in html
    assert 'Next review due <time datetime="2099-03-03">3 March 2099</time>.' in html
    assert "We are re-checking this page." not in html


def test_overdue_page_says_it_is_being_rechecked(client):
    today = datetime.date(2026, 6, 30)
    page = ArticleFactory(last_reviewed_on=datetime.date(2025, 6, 30), next_review_on=today,
                          publish_at=local(datetime.date(2026, 1, 1), 9))

    with time_machine.travel(local(today - datetime.timedelta(days=1), 23, 30), tick=False):
        before = client.get(page.get_absolute_url()).content.decode()
        queued_before = list(Article.objects.due_for_review())
    with time_machine.travel(local(today, 0, 30), tick=False):
        after = client.get(page.get_absolute_url()).content.decode()
        queued_after = list(Article.objects.due_for_review())

    assert "We are re-checking this page." not in before
    assert "We are re-checking this page." in after
    assert (queued_before, queued_after) == ([], [page])


def test_due_pages_are_counted_on_the_admin_index_and_listed(staff_client):
    due = ArticleFactory(title="Overdue page", next_review_on=datetime.date(2020, 1, 1),
                         last_reviewed_on=datetime.date(2019, 1, 1))
    ArticleFactory(title="Fresh page")
    ArticleFactory(title="Overdue draft", status="draft", next_review_on=datetime.date(2020, 1, 1),
                   last_reviewed_on=datetime.date(2019, 1, 1))

    index = staff_client.get(reverse("admin:index")).content.decode()
    queue = staff_client.get(reverse("admin:articles_article_changelist") + "?review=due")

    assert '<td class="queue-count" data-queue="pages-due-for-review">1</td>' in index
    assert [row.pk for row in queue.context["cl"].result_list] == [due.pk]


def test_owner_does_not_see_the_review_queue(listing):
    owner = Client()
    owner.force_login(listing.owner)

    response = owner.get(reverse("admin:articles_article_changelist") + "?review=due")

    assert response.status_code == 302


def test_page_discloses_who_publishes_it_and_that_listings_are_free(client):
    page = ArticleFactory()

    html = client.get(page.get_absolute_url()).content.decode()

    assert "The Integrative Care Directory publishes this site" in html
    assert "no clinic or practitioner pays to be listed or to be placed higher" in html


def test_demo_has_a_page_overdue_for_review_and_the_rest_dated(demo_articles):
    published = Article.objects.published()

    assert [page.slug for page in Article.objects.due_for_review()] == ["hashimotos-thyroiditis"]
    assert published.filter(next_review_on__isnull=True).count() == 0
