from django.shortcuts import render


def page_not_found(request, exception):
    """The site's own 404 page, so a bad link still shows navigation and help."""
    return render(request, "404.html", status=404)
