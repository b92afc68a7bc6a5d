from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        # Imported here, once the models are loaded.
        from directory import demo

        from .demo import load_demo_articles

        demo.register(load_demo_articles)
