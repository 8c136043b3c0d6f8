"""Reads of the member roll, always starting from the user's scope."""

from django.db.models import Q

from .models import Member


def member_list(*, user, permission: str = "members.view"):
    """Members in the user's scope with what a roster row shows, joined in one query."""
    return Member.objects.visible_to(user, permission).select_related("branch", "group")


def member_get(*, user, pk: int, permission: str = "members.view") -> Member:
    return member_list(user=user, permission=permission).get(pk=pk)


def member_search(queryset, text: str):
    """Name, pinyin or pinyin initials: typing `zs` finds 张三."""
    text = (text or "").strip().lower()
    if not text:
        return queryset
    return queryset.filter(Q(name__contains=text) | Q(name_initials__startswith=text) | Q(name_pinyin__startswith=text))
