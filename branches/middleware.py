from django.utils.cache import add_never_cache_headers


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
