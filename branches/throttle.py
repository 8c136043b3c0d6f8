"""Login throttle per client address (issue 15, finding 7), on top of django-axes' lockout per account.

django-axes locks an account after 5 failures, whoever tries; it cannot give an address a limit of its own
(AXES_LOCKOUT_PARAMETERS combines username and address under one failure limit, and 5 failures from the
one NAT address a township office shares would lock the whole township out). So the address gets its own,
higher limit over a short window, counted from axes' failure log (AccessFailureLog): someone trying many
accounts from one address is stopped after PARTYWORK_LOGIN_ADDRESS_LIMIT failures in
PARTYWORK_LOGIN_ADDRESS_WINDOW, before any password is checked."""

from axes.helpers import get_client_ip_address
from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the address a trusted reverse proxy put last in
    X-Forwarded-For (nginx's $proxy_add_x_forwarded_for). Axes uses this too (AXES_CLIENT_IP_CALLABLE), so
    its records and this throttle count the same address. A client that connects directly cannot choose
    its address by sending the header: it is read only when the connection comes from a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR")
    if remote in settings.PARTYWORK_TRUSTED_PROXIES:
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if forwarded:
            return forwarded[-1]
    return remote


def address_failures(address: str | None) -> int:
    """Failed logins from `address` within the window, across all accounts."""
    if not address:
        return 0
    since = timezone.now() - settings.PARTYWORK_LOGIN_ADDRESS_WINDOW
    return AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since).count()


def address_throttled(request) -> bool:
    """True when the request's address has reached the limit of failed logins in the window."""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return address_failures(address) >= settings.PARTYWORK_LOGIN_ADDRESS_LIMIT
