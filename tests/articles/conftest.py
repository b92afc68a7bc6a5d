import pytest

from articles.models import Article
from tests.factories import ArticleFactory


@pytest.fixture
def draft():
    """A draft condition page that passes every publishing rule and editorial check."""
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None)


@pytest.fixture
def demo_articles(db):
    from articles.demo import load_demo_articles

    return load_demo_articles()
