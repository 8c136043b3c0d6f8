"""Production settings refuse to start without their configuration, and pass Django's deploy checks."""

import base64
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

# Real random keys, as CI's deploy check uses (.ci/run).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "partywork.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "partywork.example.gov.cn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FIELD_ENCRYPTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
}


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_variable_is_named():
    for missing in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "FIELD_ENCRYPTION_KEY"):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        result = _manage("check", env=env)
        assert result.returncode != 0
        assert missing in result.stderr


def test_deploy_check_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


SECRET, FIELD = "SECRET_KEY", "FIELD_ENCRYPTION_KEY"
BAD_KEYS = [
    pytest.param(SECRET, settings.DEVELOPMENT_SECRET_KEY, "partywork.E001", "开发用的公开值", id="secret-dev"),
    pytest.param(SECRET, "django-insecure-" + "k" * 50, "partywork.E001", "开发用的公开值", id="secret-insecure"),
    pytest.param(SECRET, "short-secret", "partywork.E001", "太短或太简单", id="secret-short"),
    pytest.param(SECRET, "ab" * 40, "partywork.E001", "太短或太简单", id="secret-few-characters"),
    pytest.param(FIELD, settings.DEVELOPMENT_FIELD_ENCRYPTION_KEY, "partywork.E002", "开发用的公开值", id="field-dev"),
    pytest.param(FIELD, "not base64 at all!", "partywork.E002", "不是有效的 base64", id="field-not-base64"),
    pytest.param(FIELD, _b64(secrets.token_bytes(16)), "partywork.E002", "16 字节", id="field-16"),
    pytest.param(FIELD, _b64(b"\0" * 32), "partywork.E002", "不是随机生成", id="field-zeros"),
]


@pytest.mark.parametrize(("name", "value", "check_id", "reason"), BAD_KEYS)
def test_production_refuses_a_development_or_malformed_key(name, value, check_id, reason):
    """Issue 15, finding 5: production settings with a public or malformed key fail the system check."""
    result = _manage("check", env={**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert check_id in result.stderr and reason in result.stderr and name in result.stderr


def test_the_wsgi_entry_point_refuses_a_development_key():
    """gunicorn runs no system checks: loading the WSGI application stops on a development key."""
    code = "import partywork.wsgi"
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env = {**clean, **PRODUCTION_ENV, "FIELD_ENCRYPTION_KEY": settings.DEVELOPMENT_FIELD_ENCRYPTION_KEY}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr
    good = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
