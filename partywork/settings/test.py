"""Test settings: the database from DATABASE_URL (SQLite when unset), fast hashing, eager tasks."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REQUIRE_POSTGRES = env_bool("REQUIRE_POSTGRES", False)
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests serve static files through the finders; there is no collectstatic output to look for.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
# The suite runs under a frozen clock (tests/conftest.py), possibly years away from the browser's real one:
# cookies must not carry an expiry that Chromium would find already past. The session still ends after 30 idle
# minutes on the server (SESSION_COOKIE_AGE); only the cookies lose their expiry date.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_AGE = None
# Django empties every table with TRUNCATE between transactional tests; the dues ledger refuses TRUNCATE
# unless the session allows it (dues/migrations/0008_dues_ledger_no_truncate.py). Only the test settings do.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c partywork.ledger_truncate=allowed"  # noqa: F405
