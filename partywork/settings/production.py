"""Production: every secret and address must come from the environment, or the process refuses to start."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_list

DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [env("ALLOWED_HOSTS", required=True)]
env("DATABASE_URL", required=True)
REDIS_URL = env("REDIS_URL", required=True)
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", required=True)
# Development or malformed keys are refused by a system check (partywork/checks.py): `manage.py check`,
# `migrate` and the WSGI/ASGI entry points (partywork/wsgi.py) stop with the reason.
PARTYWORK_REFUSE_WEAK_KEYS = True

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
