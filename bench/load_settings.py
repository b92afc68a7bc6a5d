"""Settings for bench/load.py's gunicorn, task worker and set-up: the production settings
(directory/settings.py, driven by the same environment variables) with bench/urls.py as the
URLs, which are the site's plus the bare view the benchmark takes as its baseline."""

from directory.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
