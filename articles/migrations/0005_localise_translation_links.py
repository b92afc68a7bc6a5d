"""Re-render the translations' stored bodies, so their links to the site's own pages point
at those pages in the translation's language (articles/markup.py: localise_links)."""

from django.db import migrations


def localise_links(apps, schema_editor):
    from articles.markup import render_markdown

    article_model = apps.get_model("articles", "Article")
    for article in article_model.objects.exclude(language="en").only("body", "language"):
        article_model.objects.filter(pk=article.pk).update(
            body_html=render_markdown(article.body, article.language))


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_translations")]

    operations = [migrations.RunPython(localise_links, migrations.RunPython.noop)]
