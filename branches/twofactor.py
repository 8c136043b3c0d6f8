"""Two-factor login (issue 15, finding 8): a TOTP authenticator (django-otp's TOTPDevice) with one-time
recovery codes (its StaticDevice).

Required for every role on the county or a township (they reach many branches' personal data) and for the
admin site; optional for branch roles, and once someone has enrolled it is asked of them at every login.
Whether a session needs the second factor is decided once, when the password is accepted, and kept in the
session, so ordinary requests cost no query; the session counts as verified once django-otp's login()
has put the device in it."""

import base64

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import audited
from .rules import TOWNSHIP_KINDS, OrgKind
from .scoping import clear_scope_cache, held_roles

NEEDS_KEY = "pw_second_factor"
RECOVERY_CODES = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def required_for(user) -> bool:
    """County and township roles must use a second factor (unless a development setting turns it off)."""
    if not settings.PARTYWORK_REQUIRE_SECOND_FACTOR:
        return False
    return any(role.org_kind in (OrgKind.COUNTY, *TOWNSHIP_KINDS) for role in held_roles(user))


def enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_factor(user) -> bool:
    return required_for(user) or enrolled(user)


def remember_need(request, user) -> None:
    """On login (user_logged_in): note in the session whether this user must pass the second factor."""
    if request is not None and hasattr(request, "session"):
        request.session[NEEDS_KEY] = needs_second_factor(user)
        # The caller's user object may live on (a test persona): do not leave it a cached scope.
        clear_scope_cache(user)


def is_verified(request) -> bool:
    return DEVICE_ID_SESSION_KEY in request.session


def verify(request, token: str):
    """Check an authenticator code or a recovery code (a recovery code is used up) and mark the session
    verified. Returns the device, or raises a ValidationError in Chinese."""
    token = (token or "").strip().replace(" ", "")
    device = match_token(request.user, token) if token else None
    if device is None:
        raise ValidationError(_("验证码不正确或已使用，请重新输入。"), code="invalid")
    otp_login(request, device)
    return device


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed), created on first call, reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app expects it typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as an SVG QR code in a data: URI (an <img>, so no inline script or style)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


@transaction.atomic
def enrol_confirm(*, request, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator being set up with a code from it: it replaces any earlier one, new
    recovery codes replace the old, the session is verified, and the user's history records it. Returns the
    recovery codes, shown once."""
    user = request.user
    token = (token or "").strip().replace(" ", "")
    if device.user_id != user.pk or device.confirmed or not token or not device.verify_token(token):
        raise ValidationError({"token": [_("验证码不正确，请核对手机上显示的 6 位数字后重新输入。")]})
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    codes = recovery_codes_create(user)
    otp_login(request, device)
    request.session[NEEDS_KEY] = True
    audited(user, user, reason=_("启用两步验证（身份验证器），生成新的恢复码")).save()
    return codes


def recovery_codes_create(user) -> list[str]:
    """Fresh one-time recovery codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
