"""gunicorn's settings for production (`make serve`, the Procfile), from the environment.

    PORT / GUNICORN_BIND   where to listen (default 0.0.0.0:$PORT, PORT 8000)
    WEB_CONCURRENCY        worker processes (default 2 per core + 1)
    GUNICORN_THREADS       threads per worker (default 1)
    GUNICORN_TIMEOUT       seconds before a silent worker is killed and replaced (default 30)
    GUNICORN_MAX_REQUESTS  recycle a worker after this many requests (default 2000; 0: never)
    FORWARDED_ALLOW_IPS    proxies whose X-Forwarded-* headers gunicorn trusts (default
                           127.0.0.1; see also DJANGO_TRUSTED_PROXY_COUNT)
"""

import os

bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A request line or header past these sizes is refused before Django sees it.
limit_request_line = 8190
limit_request_fields = 100

# Access log on stdout in the same key=value shape as the application's log lines.
accesslog = "-"
access_log_format = ('time=%(t)s level=INFO logger=gunicorn.access ip=%(h)s method=%(m)s '
                     'path="%(U)s" query="%(q)s" status=%(s)s bytes=%(B)s ms=%(M)s')
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn's own messages (worker boots, timeouts) in the application's key=value shape.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "keyvalue": {"format": "time=%(asctime)s level=%(levelname)s logger=%(name)s "
                               "process=%(process)d msg=%(message)r"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "keyvalue",
                  "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "access",
                   "stream": "ext://sys.stdout"},
    },
    "root": {"handlers": ["error"], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
