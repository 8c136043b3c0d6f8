from .models import Notification


def notification_list(*, user, unread_only: bool = False):
    """The user's own reminders: nobody sees anyone else's."""
    qs = Notification.objects.filter(recipient=user).select_related("organization")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def home_card_context(request) -> dict:
    """The workbench card: the five newest unread reminders and how many are unread."""
    unread = notification_list(user=request.user, unread_only=True)
    return {"unread_count": unread.count(), "unread": list(unread[:5])}
