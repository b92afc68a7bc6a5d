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

# The offline geocoder's gazetteer is built here, as each worker starts, not inside the first
# search a worker serves: on a busy host that first search ran past gunicorn's timeout and
# the worker was killed mid-request (a 500, found by bench/fuzz.py).
from clinics import geocoding  # noqa: E402

geocoding.warm_up()
