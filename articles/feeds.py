from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article


class LatestArticlesFeed(Feed):
    """The newest pages in the language of the feed's address: English at /articles/feed/,
    Spanish at /es/articles/feed/ (each page links its own language's feed)."""

    feed_type = Atom1Feed
    title = _("Integrative Care Directory: condition pages and guides")
    subtitle = _("Medically reviewed pages on acupuncture and dry needling, newest first.")
    link = reverse_lazy("articles:article-list")
    feed_url = reverse_lazy("feed")

    def items(self):
        return (
            Article.objects.readable_in(translation.get_language() or Article.Language.ENGLISH)
            .select_related("author", "translation_of")
            .order_by("-publish_at", "-pk")[:30]
        )

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_author_name(self, article):
        return article.author.name

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at
