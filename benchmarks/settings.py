"""Settings for the served benchmark (serve.py): Pusselbit's own, DEBUG off, plus a bare view
behind the same middleware and a header with each request's query count, so that the figures
come from the served process itself."""

from pusselbit.settings import *  # noqa: F403
from pusselbit.settings import MIDDLEWARE

DEBUG = False
ROOT_URLCONF = "benchmarks.served"
# First, so that it counts the queries of every other middleware too (the session, the user).
MIDDLEWARE = ["benchmarks.served.QueryCountMiddleware", *MIDDLEWARE]
