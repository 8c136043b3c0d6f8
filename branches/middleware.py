from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from . import twofactor


class NoStoreForUsersMiddleware:
    """Every response to a signed-in user is `Cache-Control: no-store` (issue 15, finding 8): pages and
    downloads carry members' personal data, and a shared office computer's browser or a proxy must not
    keep a copy. Static files never get here (WhiteNoise answers them first) and stay cacheable; the login
    page holds no personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # A view that already said no-store (members' reveal) keeps its own header.
        if user is not None and user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


class SecondFactorMiddleware:
    """A signed-in user who must pass the second factor (branches/twofactor.py) reaches nothing but the
    second-factor pages and logout until they have: to the code page when they have an authenticator, to
    setting one up when they have not."""

    ALLOWED = ("otp_verify", "otp_setup", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if twofactor.NEEDS_KEY not in request.session:
            # A session from before second factors existed: decide now, once.
            twofactor.remember_need(request, user)
        if request.session[twofactor.NEEDS_KEY] and not twofactor.is_verified(request):
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in self.ALLOWED:
                target = "otp_verify" if twofactor.enrolled(user) else "otp_setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
