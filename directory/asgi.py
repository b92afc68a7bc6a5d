"""
ASGI config for directory project.

It exposes the ASGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/asgi/
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'directory.settings')

application = get_asgi_application()

# As in wsgi.py: serving processes build the gazetteer before their first request.
from clinics.geocoding import load_gazetteer  # noqa: E402

load_gazetteer()
