from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("conditions/", views.ConditionListView.as_view(), name="condition-list"),
    path("conditions/<slug:slug>/", views.ArticleDetailView.as_view(), name="condition-detail"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    # Before the slug pattern; "feed" is a reserved slug (see models.RESERVED_SLUGS).
    path("articles/feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
