"""The project's settings, with the environment a test run needs filled in.

Nothing is overridden here: the test run gets the same settings module as production, with
debug off, and only supplies the variables that production must set itself.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from directory.settings import *  # noqa: E402, F403
