"""Reads of the member roll, always starting from the user's scope."""

from django.db.models import Count, Q

from branches.models import subtree_q

from .models import DisciplinaryMeasure, Member
from .rules import DisciplineKind


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


def suspended_member_ids(member_ids, *, on) -> set[int]:
    """Of `member_ids`, those under a measure that suspends their rights (留党察看, Constitution art. 40) on
    `on`. One query; callers pass members they already loaded through their scope."""
    measures = DisciplinaryMeasure.objects.filter(member_id__in=list(member_ids)).suspending_rights_on(on)
    return {m.member_id for m in measures if m.suspends_rights_on(on)}


def under_rights_suspension(member: Member, *, on) -> bool:
    """Whether `member` is under 留党察看 on `on` (no right to vote, elect, be elected or sponsor). One query."""
    return bool(suspended_member_ids([member.pk], on=on))


def disciplinary_measure_list(*, user, permission: str = "members.view"):
    """Disciplinary measures of the members in the user's scope, with member and branch joined."""
    return DisciplinaryMeasure.objects.visible_to(user, permission).select_related("member__branch", "recorded_by")


def member_measures(member: Member, *, on) -> list[DisciplinaryMeasure]:
    """The member's disciplinary measures, newest first, each marked `in_force` (留党察看 suspending rights on
    `on`). One query; the caller loaded `member` through its scope."""
    measures = list(member.disciplinary_measures.select_related("recorded_by"))
    for measure in measures:
        measure.in_force = measure.suspends_rights_on(on)
    return measures


def disciplinary_measure_counts(*, user, org, year: int) -> dict[str, int]:
    """Measures decided in `year` on members of `org`'s subtree the user may see, by kind (for the year-end
    statistics; DOMAIN §7). One query once the scope is known; kinds without a measure count 0."""
    rows = (
        disciplinary_measure_list(user=user)
        .filter(subtree_q(org, "member__branch"), decided_on__year=year)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(DisciplineKind.values, 0)
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts
