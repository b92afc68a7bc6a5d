"""The site's URLs plus a bare view: the benchmark's baseline for what any request costs."""

from django.http import HttpResponse
from django.urls import path

from directory.urls import handler404  # noqa: F401
from directory.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
