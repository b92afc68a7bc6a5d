"""
WSGI config for directory project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'directory.settings')

application = get_wsgi_application()

# Only serving processes import this module (each gunicorn worker, before it accepts a
# connection; runserver), so the gazetteer is built here and no visitor's search waits for
# it, while management commands and test runs skip the cost.
from clinics.geocoding import load_gazetteer  # noqa: E402

load_gazetteer()
