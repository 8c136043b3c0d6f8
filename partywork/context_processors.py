from branches.scoping import permissions_of


def navigation(request):
    """The set of permissions the user holds anywhere, so the menu shows only what their roles allow."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_perms": frozenset()}
    return {"nav_perms": permissions_of(user)}
