from branches.models import subtree_q

from .digest import digest_groups
from .models import Digest, Notification


def digest_list(*, user, unread_only: bool = False):
    """The user's own digests: nobody sees anyone else's."""
    qs = Digest.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def digest_items(*, digest: Digest) -> list:
    """A digest's items grouped by organisation and kind (two queries)."""
    items = Notification.objects.filter(digest=digest).select_related("organization").order_by("pk")
    return digest_groups(items)


def home_card_context(request) -> dict:
    """The workbench card: the newest unread digests and how many are unread."""
    unread = digest_list(user=request.user, unread_only=True)
    return {"unread_count": unread.count(), "unread": list(unread[:5])}


def reminder_log(*, org, kind: str = ""):
    """What was sent about the organisations in `org`'s subtree, to whom and when (newest first). Caller
    loaded `org` through the scope (OrgPermissionMixin); one query per page."""
    qs = (
        Notification.objects.filter(subtree_q(org))
        .select_related("recipient", "organization", "digest")
        .order_by("-created_at", "-pk")
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs
