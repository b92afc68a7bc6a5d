from django.urls import path

from . import views

app_name = "articles"

# The feed is at /articles/feed/, and /es/articles/feed/ for the Spanish pages
# (directory/urls.py, name "feed"); "feed" is a reserved slug (see models.RESERVED_SLUGS).
urlpatterns = [
    path("conditions/", views.ConditionListView.as_view(), name="condition-list"),
    path("conditions/<slug:slug>/", views.ArticleDetailView.as_view(), name="condition-detail"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
