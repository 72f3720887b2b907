"""Pusselbit's settings, all read from the environment.

Defaults suit the embedded single-machine use (`make run`): SQLite under var/, a secret key
generated once and kept under var/, mail printed to the console. Production sets
PUSSELBIT_PRODUCTION=1, which makes SECRET_KEY and ALLOWED_HOSTS required.
"""

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent

# Every secret may instead come from a file named by NAME_FILE, as container runtimes and
# orchestrators hand secrets over (/run/secrets/…), so none has to sit in the environment. Read
# into the environment before anything else, so libraries that read it themselves (boto3's
# keys, for instance) see the value too.
SECRETS_FROM_FILES = (
    "SECRET_KEY",
    "DATABASE_URL",
    "EMAIL_HOST_PASSWORD",
    "REDIS_URL",
    "RQ_REDIS_URL",
    "SENTRY_DSN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "PUSSELBIT_ATTACHMENTS_STORAGE_OPTIONS",
)


def _secrets_from_files() -> None:
    for name in SECRETS_FROM_FILES:
        path = os.environ.get(f"{name}_FILE")
        if not path:
            continue
        if os.environ.get(name):
            raise ImproperlyConfigured(f"Both {name} and {name}_FILE are set: keep one.")
        try:
            # A file written by hand ends with a newline that is no part of the secret.
            os.environ[name] = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as error:
            message = f"{name}_FILE: cannot read {path} ({error.strerror})."
            raise ImproperlyConfigured(message) from None


_secrets_from_files()
VAR_DIR = Path(os.environ.get("PUSSELBIT_VAR_DIR", BASE_DIR.parent / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("PUSSELBIT_PRODUCTION")
DEBUG = env_bool("DEBUG")


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when PUSSELBIT_PRODUCTION=1.")
    # Local use: one key per checkout, so sessions survive a restart of `make run`.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

if PRODUCTION and not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when PUSSELBIT_PRODUCTION=1.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "pusselbit.accounts.admin_site.PusselbitAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    # Two-step verification for local accounts: an authenticator app (TOTP) and single-use
    # recovery codes (static). Pusselbit's own pages set them up (accounts.views.two_factor);
    # django-otp's admin pages are not offered: accounts.admin unregisters them, so these
    # come before it. The admin would show the secrets, and region administrators every region's.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pusselbit.core",
    "pusselbit.organisations",
    "pusselbit.accounts",
    "pusselbit.agreements",
    "pusselbit.attachments",
    "pusselbit.notifications",
    "pusselbit.initiatives",
    "pusselbit.funds",
    "pusselbit.plans",
    "pusselbit.assignments",
    "pusselbit.documents",
    "pusselbit.reporting",
    "pusselbit.proposals",
    "pusselbit.start",
    "pusselbit.opendata",
    "pusselbit.public",
    "pusselbit.learning",
    "pusselbit.api",
    "pusselbit.demo",
    "pusselbit.operations",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Single sign-on (accounts.sso): allauth's social accounts for the two protocols only; the
    # password sign-in stays Django's own (accounts.urls).
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    # After our apps, so core/templates/django/forms/ overrides Django's form templates.
    "django.forms",
]

MIDDLEWARE = [
    # First: it times and logs the whole request, redirects and refusals included.
    "pusselbit.operations.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pusselbit.core.middleware.LanguageMiddleware",
    "pusselbit.core.middleware.SiteOriginMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pusselbit.accounts.middleware.PrivateToSignedInMiddleware",
    "pusselbit.accounts.middleware.RolesPerRequestMiddleware",
    "pusselbit.accounts.middleware.RegionScopeMiddleware",
    # After the region scope: it reads the user's roles and their regions' sign-in policy.
    "pusselbit.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pusselbit.accounts.middleware.SingleSignOutMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused for lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pusselbit.urls"
WSGI_APPLICATION = "pusselbit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pusselbit.accounts.context_processors.navigation",
                "pusselbit.notifications.context_processors.unread",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

_DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'pusselbit.sqlite3'}"
# A PostgreSQL connection costs a few milliseconds to open: keep it for a minute across requests
# (checked before reuse, so a restarted server is reconnected to, not an error). A SQLite file
# is opened in microseconds, so there each request opens its own, as before.
_KEEP_CONNECTIONS = "0" if _DATABASE_URL.startswith("sqlite") else "60"
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", _KEEP_CONNECTIONS)),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The worker and the web server write to the same file: wait for a lock rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
# Several web processes share one Redis when REDIS_URL is set: the cache (allauth's rate limits
# count across processes, not per process) and the sessions, read from Redis and written
# through to the database, so a restarted or emptied Redis signs nobody out. Without it, the
# single-machine defaults: each process's own memory and sessions in the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pusselbit",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Signs in whoever single sign-on vouched for (accounts.sso).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start:start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "static/"
# collectstatic target for production; locally WhiteNoise serves from the apps (below).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (VAR_DIR / "static" if PRODUCTION else None)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Files attached to initiatives, meetings and reports (pusselbit.attachments), and the
    # files Pusselbit makes and keeps: compiled county reports (reports/…) and published
    # assignment documents (documents/…). On the file system under the var directory by
    # default, outside anything served: every download passes a view that asks whether the
    # user may see it. An installation points it at object storage with
    # PUSSELBIT_ATTACHMENTS_STORAGE (e.g. storages.backends.s3.S3Storage, from
    # django-storages) and the backend's options as JSON (see the README), which every web
    # process and worker then shares.
    "attachments": {
        "BACKEND": os.environ.get(
            "PUSSELBIT_ATTACHMENTS_STORAGE", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("PUSSELBIT_ATTACHMENTS_STORAGE_OPTIONS", "null"))
        or {"location": os.environ.get("PUSSELBIT_ATTACHMENTS_DIR") or VAR_DIR / "attachments"},
    },
}
# The largest file that may be attached, in megabytes. A reverse proxy in front should allow
# request bodies a little larger than this, and refuse larger ones before they reach Django.
ATTACHMENT_MAX_BYTES = int(os.environ.get("PUSSELBIT_ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
# Serve straight from the apps' static folders, so `make run` needs no collectstatic step;
# production runs collectstatic and may turn this off.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds to wait on the mail server; Django's default waits for ever on one that never answers.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Pusselbit <noreply@pusselbit.localhost>")

# Transport security: production is served over HTTPS only. Browsers are told so for a year
# (HSTS) and a plain-HTTP request is redirected. A reverse proxy that ends TLS tells the scheme
# the browser used in X-Forwarded-Proto and the browser's address in X-Forwarded-For; a browser
# could send those headers too, so they count only where PUSSELBIT_BEHIND_PROXY says a proxy
# sets them (behind such a proxy without it, every request would be redirected forever).
BEHIND_PROXY = env_bool("PUSSELBIT_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PRODUCTION
# A load balancer asks for the health endpoints over plain HTTP on the private network; a
# redirect to HTTPS would count as an answer without checking anything.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if PRODUCTION else 0
# Covers only the names under Pusselbit's own host name; the preload flag merely consents to the
# browsers' preload list (nobody submits the domain). Off where such names still serve HTTP.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = env_bool(
    "PUSSELBIT_HSTS_INCLUDE_SUBDOMAINS", True
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Links in a page name only our own pages to the next site, never an initiative's address.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins to one account, or
# from one address, within the cool-off, that account and that address are refused — the right
# password too — until the cool-off has passed since the last failure. A successful sign-in or
# a new password clears the account's failures (pusselbit.accounts.lockout).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("PUSSELBIT_SIGNIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PUSSELBIT_SIGNIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "pusselbit.accounts.lockout.SignInAttempts"
AXES_LOCKOUT_CALLABLE = "pusselbit.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "pusselbit.accounts.lockout.client_address"
# Axes' admin pages exist only in English; `pusselbit axes_reset_username NAME` unlocks at once.
AXES_ENABLE_ADMIN = False
# Failures are kept for the cool-off only; successful sign-ins are not logged by address.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# A wrong code at the second step of signing in counts as a failed sign-in too
# (accounts.views.sign_in); the code typed is never kept with the failure.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]

# Two-step verification (django-otp). The issuer names Pusselbit in the authenticator app.
# django-otp's own back-off after wrong codes stays on (1, 2, 4 … seconds per device), beside
# the sign-in lockout above, which counts the wrong codes as failed sign-ins.
OTP_TOTP_ISSUER = os.environ.get("PUSSELBIT_OTP_ISSUER", "Pusselbit")
# How long the code may wait after the right password before the password is asked again.
TWO_FACTOR_PENDING_SECONDS = 5 * 60

# Single sign-on (django-allauth, see accounts.sso). Each region's identity providers are rows
# (accounts.IdentityProvider), handed to allauth by the adapter. allauth does social sign-in
# only: passwords, their reset and lockout stay with Django and django-axes.
SOCIALACCOUNT_ONLY = True
ACCOUNT_EMAIL_VERIFICATION = SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "pusselbit.accounts.sso.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "pusselbit.accounts.sso.SocialAccountAdapter"
# A first sign-in creates an account without roles (the region gives them), or is linked to
# the region's existing account by an e-mail address the provider vouches for.
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# Two regions' directories may both know a person's address: each makes its own account.
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
SOCIALACCOUNT_STORE_TOKENS = False
# The sign-in page offers local accounts (a password) unless the installation turns them off
# and leaves only its regions' organisation logins.
# Similar initiatives and search by meaning (pusselbit.core.embeddings): on when the optional
# model package is installed; PUSSELBIT_SIMILAR_SEARCH=0 turns it off (search by words only).
SIMILAR_SEARCH = env_bool("PUSSELBIT_SIMILAR_SEARCH", True)
# How often a web process asks whether the stored meanings changed (initiatives.search.similar):
# a new or changed initiative is compared with the others within this many seconds.
PUSSELBIT_SIMILAR_RECHECK_SECONDS = float(os.environ.get("PUSSELBIT_SIMILAR_RECHECK_SECONDS", "2"))

LOCAL_ACCOUNTS = env_bool("PUSSELBIT_LOCAL_ACCOUNTS", True)
# The providers' addresses (OpenID configuration, SAML metadata) are read by the server: in
# production only https:// ones (the embedded default and the tests run providers on loopback).
SSO_REQUIRE_HTTPS = env_bool("PUSSELBIT_SSO_REQUIRE_HTTPS", PRODUCTION)

# No inline script or style anywhere, so the strictest policy holds.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# Logs go to standard error, where the process manager or the container runtime collects them:
# as JSON lines for a log system (PUSSELBIT_LOG_FORMAT=json, the default in production; one per
# request from pusselbit.operations.logs, with its request id on every line of the request), or
# as text for a person at a terminal.
LOG_FORMAT = os.environ.get("PUSSELBIT_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "pusselbit.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING").upper()},
    "loggers": {
        # The request lines are wanted whatever the level of the rest.
        "pusselbit.requests": {
            "level": os.environ.get("PUSSELBIT_REQUEST_LOG_LEVEL", "INFO").upper()
        },
        # Django's own line per failed request would repeat ours without the request id's use.
        "django.request": {"level": "ERROR"},
    },
}

# Errors to a Sentry-compatible server (pusselbit.operations.errors: ids only, no addresses,
# form data or cookies); off without SENTRY_DSN.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    # Imported only when errors are reported: the SDK patches Django as it starts.
    from pusselbit.operations import errors as _errors

    _errors.init(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# How long the link of an invitation to a role (accounts.RoleInvitation) stays valid, in days;
# sending the invitation again gives a new link for as long again.
ROLE_INVITATION_DAYS = int(os.environ.get("ROLE_INVITATION_DAYS", "14"))

# Where people report accessibility problems (the accessibility statement names it).
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get(
    "ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@pusselbit.localhost"
)

# The contact point the open-data catalogue gives for every region's datasets (DCAT-AP-SE asks
# for an e-mail address): where questions about the published data go.
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "oppnadata@pusselbit.localhost")

# The address of the site, for links in e-mail sent where there is no request to take the address
# from (commands, the task worker); mail queued by a page links to the address that page was
# served on (core.middleware.site_url). By default the local server's port (`make run PORT=…`).
SITE_URL = os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"

# Django's task framework (the django-tasks backport): tasks wait in the database for the worker
# (`pusselbit db_worker`; `make run` starts one beside the web server), so a long compile does not
# hold a page. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them at once
# in the request instead, for an installation without a worker (and the tests).
# E-mail goes out through a task after the commit (core.mail); a scheduler runs
# `pusselbit send_queued_mail` every few minutes to send what is due if a task was lost, and the
# retries when the backend cannot defer tasks (the immediate one).
# When /health/ready stops answering ready (pusselbit.operations.health): more due tasks waiting
# than this, or the oldest waiting longer, means the workers do not keep up or have stopped.
PUSSELBIT_READY_LIMITS = {
    "tasks_waiting": int(os.environ.get("PUSSELBIT_READY_MAX_TASKS_WAITING", "1000")),
    "task_age_seconds": int(os.environ.get("PUSSELBIT_READY_MAX_TASK_AGE_SECONDS", "600")),
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
# Several workers on several machines: TASKS_BACKEND=django_tasks_rq.RQBackend keeps the queue in
# Redis (RQ_REDIS_URL, by default REDIS_URL), where workers (`pusselbit rqworker
# --with-scheduler`) take tasks without polling the database. Every task gets retries
# (operations.queues): a worker killed mid-task leaves its job abandoned, which RQ runs again
# only if it has retries left; the tasks are idempotent, so the second run finishes the first's
# work. The worker looks for abandoned jobs every RQ_MAINTENANCE_SECONDS (RQ's own default is ten
# minutes) once a job's heartbeat has lapsed (a minute).
if TASKS_BACKEND == "django_tasks_rq.RQBackend":
    RQ_REDIS_URL = os.environ.get("RQ_REDIS_URL") or REDIS_URL
    if not RQ_REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=django_tasks_rq.RQBackend needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # A compilation of a large county takes minutes; RQ stops a job after its timeout.
    RQ_QUEUES = {"default": {"URL": RQ_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
    RQ = {
        "JOB_CLASS": "django_tasks_rq.backend.Job",
        "QUEUE_CLASS": "pusselbit.operations.queues.RetryingQueue",
        "WORKER_CLASS": "pusselbit.operations.queues.Worker",
    }
    # django-rq's dashboard in the admin would show and requeue every region's jobs to any
    # staff user, region administrators included: the platform operator reads the queues
    # with `pusselbit rqstats` and /health/ready instead.
    RQ_SHOW_ADMIN_LINK = False
    RQ_TASK_RETRIES = int(os.environ.get("RQ_TASK_RETRIES", "3"))
    RQ_MAINTENANCE_SECONDS = int(os.environ.get("RQ_MAINTENANCE_SECONDS", "60"))
