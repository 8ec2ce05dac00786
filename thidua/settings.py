"""The one settings module. Only this file reads the environment.

Variables (all optional for local use):
  DATABASE_URL      sqlite:///var/thidua.sqlite3 by default; postgres://user:pass@host:5432/name for deployments
  DATABASE_REPLICA_URL  a PostgreSQL streaming replica for reads that may lag (default: none)
  SECRET_KEY        required (unless DEBUG is on)
  DEBUG             "1"/"true" for development only; off unless set (`make run` and the tests set it)
  ALLOWED_HOSTS     comma-separated host names
  CSRF_TRUSTED_ORIGINS  comma-separated origins (https://thidua.example.vn)
  EMAIL_URL-like settings: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
  SITE_URL          the site's address for links in e-mails (https://thidua.example.vn)
  DEMO_PASSWORD     password of the demo accounts (default thidua-demo)
  TASKS_INLINE      "1" runs long tasks at once in the caller's process instead of queueing them for a worker (tests)
  TASK_LEASE_SECONDS, TASK_PULSE_SECONDS, TASK_REAP_SECONDS, TASK_MAX_ATTEMPTS, TASK_UPLOAD_MAX_AGE_HOURS
                    the workers' leases, retries and upload sweep (see docs/decisions/0005-task-queue.md)
  ROLLUP_EXPORTS_MAX_AGE_DAYS  days the national roll-up's older files are kept (default 30; the last run's stay)
  IMPORT_UPLOAD_DIR where uploads wait for confirmation (default var/imports; shared storage with several hosts)
  SECURE_SSL        "1" behind HTTPS: secure cookies, HSTS, redirect
  MEDIA_ROOT, IMPORT_UPLOAD_DIR  uploaded files (default var/media, var/imports)
  ATTACHMENTS_DIR   where attached files live on disk (default var/attachments; see STORAGES["attachments"] below for
                    an S3-compatible store)
  ATTACHMENT_MAX_MB the largest attachment accepted, in MB (default 20)
  SESSION_IDLE_MINUTES  a session left idle this long ends (default 30)
  SESSION_MAX_HOURS     a session ends this long after the login, whatever the activity (default 12)
  REDIS_URL         redis://host:6379/0: the cache, and the sessions' cache (default: none, sessions in the database)
  CACHE_KEY_PREFIX  prefix of this site's keys in Redis (default thidua; one Redis for several sites)
  SESSION_STORE     "db", "cached_db" (default with REDIS_URL) or "cache"
  S3_BUCKET         uploaded files and attachments in this S3-compatible bucket instead of the local disk, with
                    S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_ADDRESSING_STYLE ("path")
  PG_JIT, PG_WORK_MEM, PG_RANDOM_PAGE_COST  PostgreSQL planner settings for each connection ("off", "32MB", "1.1";
                    default: the server's own; docs/deployment.md and decision 0040)
  HEALTH_TASK_MAX_WAIT_SECONDS  /health/ fails when a task has waited this long for a worker (default 900)
  HEALTH_DISK_MIN_MB    /health/ fails when a data folder's disk has less free space (default 500)
  METRICS_ALLOWED_IPS   addresses/networks that may read /metrics directly, not through the proxy (default 127.0.0.1,::1)
  METRICS_TOKEN         a secret that also opens /metrics: "Authorization: Bearer <token>" (default: none)
  LOG_LEVEL         the level of the console log (default WARNING; the request and task lines are INFO)
  LOG_FORMAT        "json" (default when DEBUG is off: one JSON object per line) or "text"
  LOG_REQUESTS      "1" writes one line per request (default: on when DEBUG is off)
  BARE_VIEW         "1" serves /do-kiem/phien/, a logged-in view that only loads the session: the floor of the
                    benchmarks and of `make loadtest` (default: on with DEBUG)
  PROMETHEUS_MULTIPROC_DIR  an empty folder shared by the gunicorn workers so /metrics adds up all of them
"""

import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", default=False)
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError(
            "SECRET_KEY must be set when DEBUG is off (for development, set DEBUG=1 as make run does)"
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "treebeard",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_prometheus",
    "thidua.core",
    "thidua.documents",
    "thidua.orgs",
    "thidua.notices",
    "thidua.plans",
    "thidua.enterprises",
    "thidua.union_fund",
    "thidua.congresses",
    "thidua.activities",
    "thidua.registrations",
    "thidua.reports",
    "thidua.councils",
    "thidua.rewards",
    "thidua.eligibility",
    "thidua.proposals",
    "thidua.certificates",
    "thidua.clusters",
    "thidua.exemplars",
    "thidua.principle",
    "thidua.api",
    "thidua.home",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # first: counts and times every request
    "thidua.core.middleware.RequestLogMiddleware",  # one JSON line per request (thidua.core.logs)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thidua.core.middleware.SessionTimeoutMiddleware",
    "thidua.core.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "thidua.core.middleware.ReplicaReadsMiddleware",  # before DatabaseBusyMiddleware (thidua.core.db_router)
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    "thidua.core.middleware.DatabaseBusyMiddleware",  # last: it calls the view itself, to run it again if busy
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "thidua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}


def postgres_options(environ) -> str:
    """The planner settings a deployment asks for, as libpq's ``options`` of each connection (``-c jit=off ...``):
    PG_JIT ("on"/"off"), PG_WORK_MEM ("32MB"), PG_RANDOM_PAGE_COST ("1.1" on SSD). Unset: the server's own."""
    checks = {"jit": ("PG_JIT", r"on|off"), "work_mem": ("PG_WORK_MEM", r"[0-9]+(kB|MB|GB)?"),
              "random_page_cost": ("PG_RANDOM_PAGE_COST", r"[0-9]+(\.[0-9]+)?")}  # fmt: skip
    options = []
    for name, (variable, pattern) in checks.items():
        value = environ.get(variable, "").strip()
        if not value:
            continue
        if not re.fullmatch(pattern, value):
            raise ImproperlyConfigured(f"{variable}={value!r}: expected {pattern}")
        options.append(f"-c {name}={value}")
    return " ".join(options)


PG_OPTIONS = postgres_options(
    {
        "PG_JIT": os.environ.get("PG_JIT", ""),
        "PG_WORK_MEM": os.environ.get("PG_WORK_MEM", ""),
        "PG_RANDOM_PAGE_COST": os.environ.get("PG_RANDOM_PAGE_COST", ""),
    }
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets workers write while pages read. IMMEDIATE: a transaction takes SQLite's one write lock when it begins,
    # so concurrent writers queue there (up to the timeout) instead of failing with "database is locked" midway;
    # thidua.core.middleware.DatabaseBusyMiddleware retries what still fails.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PG_OPTIONS:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = PG_OPTIONS

# A streaming replica for the reads that may lag (thidua.core.db_router; docs/deployment.md says which pages).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = (
        True  # a replica restarted meanwhile is noticed at the next request
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    if PG_OPTIONS:
        DATABASES["replica"]["OPTIONS"]["options"] = PG_OPTIONS
DATABASE_ROUTERS = ["thidua.core.db_router.ReplicaRouter"]
# A user who saved something reads from the primary for this long (they see what they saved at once).
REPLICA_STICKY_SECONDS = 15
# A replica that failed to answer is left alone for this long (reads go to the primary meanwhile).
REPLICA_RETRY_SECONDS = 30
# The pages whose GET may read from the replica: roll-ups, dashboards, exports, statistics (docs/deployment.md).
READ_REPLICA_VIEWS = [
    "home:dashboard",
    "report_rollup:form-list",
    "report_rollup:rollup",
    "report_rollup:rollup-xlsx",
    "report_rollup:rollup-document",
    "report_rollup:completeness",
    "report_rollup:late",
    "emulation_tools:rollup",
    "emulation_tools:rollup-export",
    "congresses:progress",
    "congresses:unit-export",
    "union_fund:report-export",
    "union_fund:ledger-export",
    "orgs:person-export",
    "orgs:unit-export",
    "registrations:catalog-export",
    "emulation:registration-export",
    "works:topic-export",
    "works:work-export",
    "initiatives:initiative-export",
    "enterprises:enterprise-export",
    "activities:activity-export",
    "api-v1:registration-rollup",
    "api-v1:report-rollup",
    "api-v1:congress-progress",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Failed logins: five tries per user name and address, then a 15-minute lock.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "thidua" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]
# Numbers are grouped where shown with |intcomma; raw numbers (ids in forms and links) must stay plain.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "thidua" / "static"]
# Attachments (thidua.core.attachments) are read and written only through STORAGES["attachments"] and served only by
# the scoped view, never under a public URL (base_url None). On disk by default; on an S3-compatible store with
# S3_BUCKET (below).
ATTACHMENTS_DIR = Path(os.environ.get("ATTACHMENTS_DIR") or VAR_DIR / "attachments")
ATTACHMENT_MAX_BYTES = int(float(os.environ.get("ATTACHMENT_MAX_MB", "20")) * 1024 * 1024)
# With S3_BUCKET set, uploaded files (the default storage under media/, attachments under attachments/) go to that
# S3-compatible store through django-storages, private, read through signed addresses or the scoped view: any number
# of web processes and workers on any hosts see the same files.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
_s3_options = {
    "bucket_name": S3_BUCKET,
    "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
    "region_name": os.environ.get("S3_REGION") or None,
    "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
    "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
    "addressing_style": os.environ.get("S3_ADDRESSING_STYLE")
    or None,  # "path" for MinIO and most local stores
    "default_acl": "private",
    "querystring_auth": True,
    "file_overwrite": False,
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not S3_BUCKET
    else {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3_options, "location": "media"}},
    "attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(ATTACHMENTS_DIR), "base_url": None},
    }
    if not S3_BUCKET
    else {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3_options, "location": "attachments"}},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
IMPORT_UPLOAD_DIR = Path(os.environ.get("IMPORT_UPLOAD_DIR") or VAR_DIR / "imports")  # both kept by `backup`
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files are capped while they stream in (the spreadsheet kit's handler drops a file past the cap).
UPLOAD_MAX_BYTES = 50 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "thidua.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")  # links in e-mails (https://thidua.example.vn)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "thidua-demo")

# Long work (thidua.core.tasks): queued in the database, run by `manage.py run_worker` processes; with TASKS_INLINE
# it runs at once in the caller's process (tests).
TASKS_INLINE = env_bool("TASKS_INLINE", False)
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# A worker renews a running task's lease every TASK_PULSE_SECONDS; a lease not renewed for TASK_LEASE_SECONDS means
# the worker died, which every worker checks every TASK_REAP_SECONDS. Leftover uploads go after TASK_UPLOAD_MAX_AGE_HOURS.
TASK_PULSE_SECONDS = float(os.environ.get("TASK_PULSE_SECONDS", "2"))
TASK_LEASE_SECONDS = float(os.environ.get("TASK_LEASE_SECONDS", "30"))
TASK_REAP_SECONDS = float(os.environ.get("TASK_REAP_SECONDS", "30"))
TASK_UPLOAD_MAX_AGE_HOURS = float(os.environ.get("TASK_UPLOAD_MAX_AGE_HOURS", "24"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))
# Files of the national roll-up's runs (var/exports/rollup) go after this many days, those of each form and unit's
# last finished run excepted (swept with the workers' housekeeping).
ROLLUP_EXPORTS_MAX_AGE_DAYS = float(os.environ.get("ROLLUP_EXPORTS_MAX_AGE_DAYS", "30"))
IMPORT_UPLOAD_DIR = os.environ.get("IMPORT_UPLOAD_DIR") or VAR_DIR / "imports"

# Web processes keep no state of their own. Sessions live in the database (any process reads them); with REDIS_URL
# the cache is Redis and sessions are read from it and written through to the database (cached_db: a Redis restart
# logs nobody out). SESSION_STORE chooses otherwise: "db", "cache" (Redis only) or "cached_db".
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "thidua"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_STORE = os.environ.get("SESSION_STORE") or ("cached_db" if REDIS_URL else "db")
SESSION_ENGINE = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}[SESSION_STORE]
SESSION_COOKIE_HTTPONLY = True
BARE_VIEW = env_bool("BARE_VIEW", DEBUG)  # thidua.core.views.bare, the floor of bench/ and `make loadtest`
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_MAX_HOURS", "12")) * 3600)  # absolute, from the login
SESSION_IDLE_TIMEOUT = int(float(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60)  # thidua.core.middleware

# Content-Security-Policy (django-csp): scripts and styles only from our own (vendored) static files, no inline
# script and no handler attributes anywhere. Inline style *attributes* stay allowed (widths of progress bars);
# <style> elements do not (htmx's indicator styles are off, see base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("SECURE_SSL", not DEBUG):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Monitoring (thidua.core.monitoring): /health/ for load balancers and monitors (no login, states only), /metrics for
# Prometheus, answered to METRICS_ALLOWED_IPS reaching the process directly or to "Authorization: Bearer METRICS_TOKEN".
HEALTH_TASK_MAX_WAIT_SECONDS = int(os.environ.get("HEALTH_TASK_MAX_WAIT_SECONDS", "900"))
HEALTH_DISK_MIN_MB = int(os.environ.get("HEALTH_DISK_MIN_MB", "500"))
HEALTH_STORAGES = ["default", "attachments"]
HEALTH_CHECK_CACHE = bool(REDIS_URL)  # the cache is a shared service only then
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
PROMETHEUS_MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")  # read by prometheus_client as well
# Monitors may call these over plain HTTP on the host itself.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^metrics$"]

# Logs go to the console (journald under systemd): one JSON object per line, one line per request
# (thidua.requests) and per task (thidua.tasks) with the user id and unit, never personal data (thidua.core.logs).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOG_REQUESTS = env_bool("LOG_REQUESTS", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "thidua.core.logs.ContextFilter"},
        "personal_data": {"()": "thidua.core.logs.PersonalDataFilter"},
    },
    "formatters": {
        "json": {"()": "thidua.core.logs.JsonFormatter"},
        "text": {
            "()": "thidua.core.logs.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["context", "personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "thidua.requests": {"level": "INFO" if LOG_REQUESTS else "WARNING"},
        "thidua.tasks": {"level": "INFO"},
    },
}
