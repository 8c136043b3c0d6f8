from branches.scoping import permissions_of

from .plugins import navigation as nav_registry


def navigation(request):
    """The top menu: the entries the apps registered (partywork.plugins.navigation), and the set of
    permissions the user holds anywhere, so each entry shows only what the user's roles allow."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_perms": frozenset(), "nav_entries": []}
    return {"nav_perms": permissions_of(user), "nav_entries": nav_registry.tree()}
