"""A URL whose view fails, for the Sentry test (tests/directory/test_serving.py)."""

from django.urls import path


def broken(request):
    return 1 / 0


urlpatterns = [path("broken/", broken)]
