"""Production refuses development or malformed keys (issue 15, finding 5).

The development values of SECRET_KEY and FIELD_ENCRYPTION_KEY are in the repository, so a deployment that
runs with them has public keys: anyone could forge sessions or decrypt ID numbers. The check is an Error,
so `manage.py check`, `migrate` and the WSGI/ASGI entry points stop with the reason named."""

import base64
import binascii

from django.conf import settings
from django.core import checks

TAG = "partywork_keys"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5
FIELD_KEY_BYTES = 32
# 32 random bytes nearly always hold 20 or more distinct values; fewer than 8 means a made-up key.
FIELD_KEY_MIN_UNIQUE_BYTES = 8
_HINT = "在环境变量中设置随机生成的密钥 (set a random key in the environment)"


def secret_key_problem(value: str) -> str | None:
    """Why SECRET_KEY must not be used in production, or None when it may."""
    if value == settings.DEVELOPMENT_SECRET_KEY or value.startswith(("django-insecure", "dev-insecure")):
        return "SECRET_KEY 是开发用的公开值 (SECRET_KEY is the development value, which is public)"
    if len(value) < SECRET_KEY_MIN_LENGTH or len(set(value)) < SECRET_KEY_MIN_UNIQUE:
        return (
            f"SECRET_KEY 太短或太简单：至少 {SECRET_KEY_MIN_LENGTH} 个字符、{SECRET_KEY_MIN_UNIQUE} 种以上字符 "
            f"(SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters with at least "
            f"{SECRET_KEY_MIN_UNIQUE} different ones)"
        )
    return None


def field_key_problem(value: str) -> str | None:
    """Why FIELD_ENCRYPTION_KEY must not be used in production, or None when it may."""
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        return (
            "FIELD_ENCRYPTION_KEY 不是有效的 base64 (FIELD_ENCRYPTION_KEY is not valid base64; "
            "make one with: head -c 32 /dev/urandom | base64)"
        )
    if raw == base64.b64decode(settings.DEVELOPMENT_FIELD_ENCRYPTION_KEY):
        return "FIELD_ENCRYPTION_KEY 是开发用的公开值 (FIELD_ENCRYPTION_KEY is the development value, which is public)"
    if len(raw) != FIELD_KEY_BYTES:
        return (
            f"FIELD_ENCRYPTION_KEY 解码后是 {len(raw)} 字节，应为 {FIELD_KEY_BYTES} 字节 "
            f"(FIELD_ENCRYPTION_KEY decodes to {len(raw)} bytes, it must be {FIELD_KEY_BYTES}; "
            "make one with: head -c 32 /dev/urandom | base64)"
        )
    if len(set(raw)) < FIELD_KEY_MIN_UNIQUE_BYTES:
        return "FIELD_ENCRYPTION_KEY 不是随机生成的 (FIELD_ENCRYPTION_KEY is not random bytes)"
    return None


@checks.register(TAG)
def check_keys(app_configs=None, **kwargs):
    if not getattr(settings, "PARTYWORK_REFUSE_WEAK_KEYS", False):
        return []
    errors = []
    for problem, check_id in (
        (secret_key_problem(settings.SECRET_KEY or ""), "partywork.E001"),
        (field_key_problem(settings.FIELD_ENCRYPTION_KEY or ""), "partywork.E002"),
    ):
        if problem:
            errors.append(checks.Error(problem, hint=_HINT, id=check_id))
    if not getattr(settings, "PARTYWORK_REQUIRE_SECOND_FACTOR", True):
        errors.append(
            checks.Error(
                "PARTYWORK_REQUIRE_SECOND_FACTOR 已关闭：县乡两级账号必须使用两步验证 "
                "(the second factor for county and township roles is off; only the demo may turn it off)",
                id="partywork.E003",
            )
        )
    return errors


def refuse_weak_keys() -> None:
    """For the WSGI/ASGI entry points, which do not run system checks: stop before serving a request."""
    from django.core.exceptions import ImproperlyConfigured

    errors = check_keys()
    if errors:
        raise ImproperlyConfigured("; ".join(error.msg for error in errors))
