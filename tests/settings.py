"""The project's settings, with the environment a test run needs filled in.

Nothing is overridden here: the test run gets the same settings module as production, with
debug off, and only supplies the variables that production must set itself. One choice is
the tests' own: tasks run immediately, inside the request, so a test sees the emails a
request causes in mail.outbox; tests/directory/test_tasks.py runs the same tasks through the
database queue and its worker, and through Redis.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_TASKS", "immediate")

from directory.settings import *  # noqa: E402, F403
