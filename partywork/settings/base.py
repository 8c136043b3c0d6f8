"""Settings shared by every environment. Values that differ come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value in (None, ""):
        if required:
            raise ImproperlyConfigured(f"环境变量 {name} 未设置 (required environment variable {name} is not set)")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The development values below are public (they are in this file): production refuses them
# (partywork/checks.py), so a deployment that forgot to set its own keys does not start.
DEVELOPMENT_SECRET_KEY = "dev-insecure-only-for-local-use-never-in-production"
DEVELOPMENT_FIELD_ENCRYPTION_KEY = "ZGV2LW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE="
SECRET_KEY = env("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "partywork.apps.PartyWorkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "partywork",
    "branches",
    "members",
    "movements",
    "meetings",
    "dues",
    "recruitment",
    "learning",
    "standing",
    "reports",
    "yearend",
    "notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "branches.middleware.NoStoreForUsersMiddleware",
    "branches.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must be last: it turns lockouts raised by the backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "partywork.urls"
WSGI_APPLICATION = "partywork.wsgi.application"
ASGI_APPLICATION = "partywork.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partywork.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that does not answer fails the request within seconds (a Chinese 503 page), not a minute.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "branches.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out accounts before a password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The admin site's permissions: from the county administrator role, never a superuser flag.
    "branches.backends.CountyAdminRoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "partywork.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session lives 30 minutes and every request renews it.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): scripts, styles, fonts and images from this site only, no inline
# script or style attribute (templates use static/js and static/css), no eval, no plug-ins, no framing.
# Bootstrap's CSS draws its icons (select arrows, close buttons) as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Lockout after 5 failures per account for 30 minutes, kept in the database (django-axes).
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Per account only: township offices reach the county intranet through one NAT address, and locking by
# address would lock a whole township out after five typos by anyone in it.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
# Every failure is also logged (AccessFailureLog) so the throttle per client address can count them:
# 20 failures in 10 minutes from one address, across accounts, refuse that address's logins until the
# oldest falls out of the window (branches/throttle.py). Higher than the account's limit, for shared NATs.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "branches.throttle.client_address"
PARTYWORK_LOGIN_ADDRESS_LIMIT = 20
PARTYWORK_LOGIN_ADDRESS_WINDOW = timedelta(minutes=10)
# Reverse proxies whose X-Forwarded-For is believed (the README's nginx runs on the same host).
PARTYWORK_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# Two-factor login (branches/twofactor.py, django-otp): required for county and township roles and for
# the admin site, optional for branch roles. Only the embedded demo (settings/local.py) may turn the
# requirement off; production refuses that (partywork/checks.py).
PARTYWORK_REQUIRE_SECOND_FACTOR = True
OTP_TOTP_ISSUER = "PartyWork"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Export files and uploads are readable by the service's own user only (they are also sealed, jobs.py).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "partywork@localhost")

# Celery: jobs are idempotent, so a message is acknowledged only after the task ran, and a task whose
# worker died is redelivered rather than lost.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND")
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# The key that encrypts ID and phone numbers at rest. Never stored in the database.
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", DEVELOPMENT_FIELD_ENCRYPTION_KEY)
# Production sets this: the key checks (partywork/checks.py) then refuse development or malformed keys.
PARTYWORK_REFUSE_WEAK_KEYS = False

from celery.schedules import crontab  # noqa: E402

# Synced into django-celery-beat's tables when beat starts. The reminder jobs' entries are not here: they are
# rows of django-celery-beat shipped by notices/defaults.py, which an administrator changes in 系统管理.
CELERY_BEAT_SCHEDULE = {
    # The county dashboard's stored figures (reports/summaries.py), fresh every morning.
    "nightly-report-summaries": {"task": "reports.tasks.summaries_refresh_task", "schedule": crontab(hour=2, minute=0)},
    # Roster uploads never committed are deleted after their day, whether or not anyone uploads again.
    "hourly-import-purge": {"task": "members.tasks.imports_purge_task", "schedule": crontab(minute=15)},
    # Jobs whose worker died are found by their stale heartbeat and retried once (partywork/jobs.py).
    "job-watchdog": {"task": "partywork.tasks.jobs_watchdog_task", "schedule": crontab()},
    # Export files may hold personal data: deleted 24 hours after they were made.
    "hourly-job-file-purge": {"task": "partywork.tasks.jobs_purge_task", "schedule": crontab(minute=45)},
}
