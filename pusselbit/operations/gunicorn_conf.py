"""gunicorn's settings for `pusselbit serve` (gunicorn reads this module as its config file).

gunicorn because it is the WSGI server most operators of Python sites know, maintained, with a
pre-fork model that needs nothing beyond the standard library; Pusselbit's pages are
synchronous Django views, so an ASGI server would add nothing. Each value can be changed
from the environment (the README's Drift section lists them)."""

import multiprocessing
import os

bind = os.environ.get("PUSSELBIT_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# gunicorn's own rule of thumb, capped: a process holds the app (and, with the similar-search
# extra, the embedding model), so memory bounds the count before the cores do.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
# Threads let a process serve other pages while one waits on the database or the mail server.
worker_class = "gthread"
threads = int(os.environ.get("PUSSELBIT_THREADS", "4"))
# A county report's PDF takes seconds; a request still running after this is a fault.
timeout = int(os.environ.get("PUSSELBIT_REQUEST_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A process is replaced after this many requests (staggered), so a slow leak in a native
# library (the PDF renderer's) never grows without bound.
max_requests = 1000
max_requests_jitter = 100
# Requests are logged by the application, one JSON line each with the request id
# (pusselbit.operations.logs); gunicorn's own lines go to standard error as well.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The addresses of the reverse proxies whose X-Forwarded-* headers are trusted.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Heartbeat files in memory, not on a disk that may stall (gunicorn's advice for containers).
# Only gunicorn's own workers write there, and a file per worker of no secret.
SHARED_MEMORY = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
wsgi_app = "pusselbit.wsgi:application"
