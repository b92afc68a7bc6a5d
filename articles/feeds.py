from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Article


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = "Integrative Care Directory: condition pages and guides"
    subtitle = "Medically reviewed pages on acupuncture and dry needling, newest first."
    link = reverse_lazy("articles:article-list")
    feed_url = reverse_lazy("feed")

    def items(self):
        return (
            Article.objects.published().originals()
            .select_related("author")
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
