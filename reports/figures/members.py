"""Members: the profile of the roll at the end of the period (DOMAIN §7: total, full/probationary, women,
minorities, age bands, education, occupation) and its changes during the period (admitted, transferred in and
out, died, removed).

Who was on a branch's roll on a day comes from the branch history (`Membership`), so a past period shows the
roll as it was: a stay covers the day when it started on or before it and had not ended by it; the member had
joined by then. Lost-contact members stay on the roll (they end no stay); death, removal and transfers end it.
A member is full on a day once confirmed (members recorded as full without a confirmation date count as full).
Age is reckoned on that day; education and occupation are the member's as recorded now."""

import datetime

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from branches.models import subtree_q
from members.models import Lifecycle, Member, Membership, MemberStatus
from members.rules import AGE_BANDS, HAN, Education, Occupation, Sex
from movements.models import Transfer, TransferDirection, TransferStatus
from partywork.dates import add_years

from ..tree import Level, key_expression
from . import Context, Table, add_into

PROFILE = [
    ("total", gettext_lazy("党员总数")),
    ("full", gettext_lazy("正式党员")),
    ("probationary", gettext_lazy("预备党员")),
    ("women", gettext_lazy("女党员")),
    ("minorities", gettext_lazy("少数民族党员")),
]
CHANGES = [
    ("admitted", gettext_lazy("新发展")),
    ("transferred_in", gettext_lazy("转入")),
    ("transferred_out", gettext_lazy("转出")),
    ("died", gettext_lazy("去世")),
    ("removed", gettext_lazy("出党")),
]
AGE_LABELS = [label for _low, _high, label in AGE_BANDS]


def _full(day: datetime.date, prefix: str = "member__") -> Q:
    return Q(**{f"{prefix}status": MemberStatus.FULL}) & (
        Q(**{f"{prefix}confirmed_on__isnull": True}) | Q(**{f"{prefix}confirmed_on__lte": day})
    )


def _age_band(index: int, day: datetime.date, prefix: str = "member__") -> Q:
    """Age on `day` within the band: age >= low <=> born on or before day - low years."""
    low, high, _label = AGE_BANDS[index]
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{prefix}birth_date__lte": add_years(day, -low)})
    if high is not None:
        condition &= Q(**{f"{prefix}birth_date__gt": add_years(day, -(high + 1))})
    return condition


def profile_conditions(day: datetime.date) -> dict[str, Q]:
    """Each profile figure as a condition on the stays covering `day`."""
    conditions = {
        "total": Q(),
        "full": _full(day),
        "probationary": ~_full(day),
        "women": Q(member__sex=Sex.FEMALE),
        "minorities": ~Q(member__ethnicity=HAN),
    }
    for index in range(len(AGE_BANDS)):
        conditions[f"age.{index}"] = _age_band(index, day)
    for value in Education.values:
        conditions[f"education.{value}"] = Q(member__education=value)
    for value in Occupation.values:
        conditions[f"occupation.{value}"] = Q(member__occupation=value)
    return conditions


def roll_on(day: datetime.date):
    """The stays covering `day`: one per member on a roll that day."""
    return Membership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day), started_on__lte=day, member__joined_on__lte=day
    )


def admitted(first: datetime.date, last: datetime.date):
    """Stays of members whose 入党日期 falls in [first, last], at the branch that admitted them (the stay covering
    that day). Members who joined outside the county and transferred in later have no such stay here."""
    return Membership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=F("member__joined_on")),
        member__joined_on__range=(first, last),
        started_on__lte=F("member__joined_on"),
    )


def _transfers_in(first, last, length):
    return (
        Transfer.objects.filter(
            status=TransferStatus.COMPLETED,
            direction__in=(TransferDirection.WITHIN, TransferDirection.IN),
            completed_on__range=(first, last),
        )
        .annotate(key=key_expression("to_branch", length), from_key=key_expression("from_branch", length))
        .filter(Q(from_branch__isnull=True) | ~Q(from_key=F("key")))
    )


def _transfers_out(first, last, length):
    letters = Q(direction=TransferDirection.OUT, issued_on__range=(first, last)) & ~Q(status=TransferStatus.CANCELLED)
    moves = Q(direction=TransferDirection.WITHIN, status=TransferStatus.COMPLETED, completed_on__range=(first, last))
    return (
        Transfer.objects.filter(letters | moves)
        .annotate(key=key_expression("from_branch", length), to_key=key_expression("to_branch", length))
        .filter(Q(to_branch__isnull=True) | ~Q(to_key=F("key")))
    )


def _left(state: str, first, last):
    return Member.objects.filter(lifecycle=state, lifecycle_changed_on__range=(first, last))


def compute(level: Level, ctx: Context) -> dict:
    """Profile and changes for every row of `level` ("rows", by row key) and for the dashboard's organisation
    ("total"): seven queries whatever the number of rows."""
    day, first = ctx.as_of, ctx.period.start
    rows: dict[str, dict] = {row.key: _empty() for row in level.rows}
    if not ctx.started:
        return {"rows": rows, "total": _empty()}
    conditions = profile_conditions(day)
    aggregates = {name.replace(".", "__"): Count("pk", filter=cond) for name, cond in conditions.items()}
    under = subtree_q(level.org, "organization")
    for found in (
        roll_on(day)
        .filter(under)
        .annotate(key=key_expression("organization", level.length))
        .order_by()
        .values("key")
        .annotate(**aggregates)
    ):
        target = rows.get(level.key_of(found["key"]))
        if target is not None:
            _put_profile(target, found)
    changes = {
        "admitted": admitted(first, day).filter(under).annotate(key=key_expression("organization", level.length)),
        "died": _left(Lifecycle.DECEASED, first, day)
        .filter(subtree_q(level.org, "branch"))
        .annotate(key=key_expression("branch", level.length)),
        "removed": _left(Lifecycle.REMOVED, first, day)
        .filter(subtree_q(level.org, "branch"))
        .annotate(key=key_expression("branch", level.length)),
        # A transfer between two rows counts in each of them.
        "transferred_in": _transfers_in(first, day, level.length).filter(subtree_q(level.org, "to_branch")),
        "transferred_out": _transfers_out(first, day, level.length).filter(subtree_q(level.org, "from_branch")),
    }
    for name, queryset in changes.items():
        for key, n in queryset.order_by().values("key").annotate(n=Count("pk")).values_list("key", "n"):
            target = rows.get(level.key_of(key))
            if target is not None:
                target["changes"][name] += n
    total = _empty()
    for figures in rows.values():
        add_into(total, figures)
    # The organisation itself counts only the transfers that crossed its own edge.
    if len(rows) > 1 or level.length != len(level.org.path):
        length = len(level.org.path)
        total["changes"]["transferred_in"] = (
            _transfers_in(first, day, length).filter(subtree_q(level.org, "to_branch")).count()
        )
        total["changes"]["transferred_out"] = (
            _transfers_out(first, day, length).filter(subtree_q(level.org, "from_branch")).count()
        )
    return {"rows": rows, "total": total}


def _empty() -> dict:
    return {
        **{name: 0 for name, _label in PROFILE},
        "age": [0] * len(AGE_BANDS),
        "education": dict.fromkeys(Education.values, 0),
        "occupation": dict.fromkeys(Occupation.values, 0),
        "changes": {name: 0 for name, _label in CHANGES},
    }


def _put_profile(target: dict, found: dict) -> None:
    for name, _label in PROFILE:
        target[name] += found[name]
    for index in range(len(AGE_BANDS)):
        target["age"][index] += found[f"age__{index}"]
    for value in Education.values:
        target["education"][value] += found[f"education__{value}"]
    for value in Occupation.values:
        target["occupation"][value] += found[f"occupation__{value}"]


# ---------------------------------------------------------------- the records behind each figure

MEMBER_HEADERS = [
    gettext_lazy("所在党支部"),
    gettext_lazy("姓名"),
    gettext_lazy("性别"),
    gettext_lazy("民族"),
    gettext_lazy("出生日期"),
    gettext_lazy("党员类别"),
    gettext_lazy("入党日期"),
    gettext_lazy("学历"),
    gettext_lazy("职业"),
]


def _member_row(member: Member, branch, day: datetime.date) -> list:
    full = member.status == MemberStatus.FULL and (member.confirmed_on is None or member.confirmed_on <= day)
    return [
        branch.name,
        member.name,
        member.get_sex_display(),
        member.ethnicity,
        member.birth_date,
        str(MemberStatus.FULL.label if full else MemberStatus.PROBATIONARY.label),
        member.joined_on,
        member.get_education_display(),
        member.get_occupation_display(),
    ]


def profile_rows(ctx: Context, org, name: str) -> Table:
    """The members behind a profile figure of `org` (a row of a dashboard, or the dashboard's organisation)."""
    day = ctx.as_of
    condition = profile_conditions(day)[name]
    stays = (
        roll_on(day)
        .filter(subtree_q(org, "organization"))
        .filter(condition)
        .select_related("member", "organization")
        .order_by("organization__path", "member__name_pinyin", "member_id")
    )
    rows = [_member_row(stay.member, stay.organization, day) for stay in stays] if ctx.started else []
    return Table(MEMBER_HEADERS, rows)


def change_rows(ctx: Context, org, name: str) -> Table:
    first, day = ctx.period.start, ctx.as_of
    if not ctx.started:
        return Table(MEMBER_HEADERS, [])
    if name == "admitted":
        stays = (
            admitted(first, day)
            .filter(subtree_q(org, "organization"))
            .select_related("member", "organization")
            .order_by("organization__path", "member__joined_on", "member_id")
        )
        return Table(MEMBER_HEADERS, [_member_row(s.member, s.organization, day) for s in stays])
    if name in ("died", "removed"):
        state = Lifecycle.DECEASED if name == "died" else Lifecycle.REMOVED
        members = (
            _left(state, first, day)
            .filter(subtree_q(org, "branch"))
            .select_related("branch")
            .order_by("branch__path", "lifecycle_changed_on", "pk")
        )
        headers = [*MEMBER_HEADERS, _("日期"), _("原因")]
        return Table(
            headers,
            [[*_member_row(m, m.branch, day), m.lifecycle_changed_on, m.lifecycle_reason] for m in members],
        )
    length = len(org.path)
    if name == "transferred_in":
        transfers = _transfers_in(first, day, length).filter(subtree_q(org, "to_branch"))
    else:
        transfers = _transfers_out(first, day, length).filter(subtree_q(org, "from_branch"))
    transfers = transfers.select_related("member", "from_branch", "to_branch").order_by("issued_on", "pk")
    headers = [_("姓名"), _("转接类型"), _("转出党组织"), _("转入党组织"), _("开具日期"), _("接收日期"), _("状态")]
    return Table(
        headers,
        [
            [
                t.member.name,
                t.get_direction_display(),
                t.from_branch.name if t.from_branch else t.external_org,
                t.to_branch.name if t.to_branch else t.external_org,
                t.issued_on,
                t.completed_on,
                t.get_status_display(),
            ]
            for t in transfers
        ],
    )
