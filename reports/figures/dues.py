"""Party dues: what the dues app's `dues.figures` says for each organisation (owed, collected and the rate on the
basis of the month the dues are for, members without a standard, members in arrears by ended months,
remittances received, money on hand), rolled up to the dashboard's rows.

Member figures add up over the branches of a row. Money on hand adds up over every organisation of the row
(its branches, and the township itself). Remittances received are the row's organisation's own: a township's
row shows what its branches handed to it; the county's total what the townships handed to the county."""

from decimal import Decimal

from django.utils.translation import gettext_lazy

from branches.models import Organization
from branches.rules import OrgKind
from branches.scoping import orgs_for
from dues import figures as dues_figures

from ..tree import PERMISSION, Level
from . import Context, Table

ZERO = Decimal("0.00")
MEMBER_FIGURES = ("owed", "collected", "members_owing", "unassessed", "arrears_warning", "arrears_escalation")


def _empty() -> dict:
    return {
        "owed": ZERO,
        "collected": ZERO,
        "members_owing": 0,
        "unassessed": 0,
        "arrears_warning": 0,
        "arrears_escalation": 0,
        "received": ZERO,
        "on_hand": ZERO,
    }


def rate(figures: dict) -> float | None:
    if not figures["owed"]:
        return None
    return round(float(figures["collected"] * 100 / figures["owed"]), 1)


def _orgs(ctx: Context, org) -> list[Organization]:
    """Every organisation under `org` that may keep dues (not party groups), inside the user's scope."""
    return list(
        orgs_for(ctx.user, PERMISSION).subtree(org).active().exclude(kind=OrgKind.GROUP).only("pk", "path", "kind")
    )


def compute(level: Level, ctx: Context) -> dict:
    """Per row and in total, and the collection trend of the period's year (for the chart)."""
    orgs = _orgs(ctx, level.org)
    year = ctx.period.year
    found = dues_figures.dues_figures(
        org_ids=[o.pk for o in orgs],
        first=ctx.period.start,
        last=ctx.period.end,
        today=ctx.today,
        trend=(ctx.period.start.replace(month=1, day=1), ctx.period.start.replace(month=12, day=31)),
    )
    rows = {row.key: _empty() for row in level.rows}
    total = _empty()
    for org in orgs:
        figures = found.rows[org.pk]
        target = rows.get(level.key_of(org.path))
        for bucket in filter(None, (target, total)):
            for name in MEMBER_FIGURES:
                bucket[name] += getattr(figures, name)
            bucket["on_hand"] += figures.on_hand
    for row in level.rows:
        rows[row.key]["received"] = found.rows[row.org.pk].received if row.org.pk in found.rows else ZERO
    total["received"] = found.rows[level.org.pk].received if level.org.pk in found.rows else ZERO
    months = {}
    for (_org_id, month), (owed, collected) in found.trend.items():
        money = months.setdefault(month.month, [ZERO, ZERO])
        money[0] += owed
        money[1] += collected
    trend = []
    for number in range(1, 13):
        owed, collected = months.get(number, (ZERO, ZERO))
        trend.append(
            {
                "month": number,
                "owed": owed,
                "collected": collected,
                "rate": rate({"owed": owed, "collected": collected}),
            }
        )
    return {"rows": rows, "total": total, "trend": trend, "year": year}


MEMBER_HEADERS = [
    gettext_lazy("所在党支部"),
    gettext_lazy("姓名"),
    gettext_lazy("应缴月数"),
    gettext_lazy("应缴金额"),
    gettext_lazy("已缴金额"),
    gettext_lazy("未缴月份"),
    gettext_lazy("未核定月份"),
    gettext_lazy("连续未缴（已结束月份）"),
]
AMOUNT_COLUMNS = {"owed": 3, "collected": 4}


def _months(months) -> str:
    return "、".join(f"{m:%Y-%m}" for m in months)


def rows(ctx: Context, org, name: str) -> Table:
    """The records behind a dues figure of `org`: the members (with their months) behind the member figures,
    the remittances behind `received`, the organisations' balances behind `on_hand`."""
    orgs = _orgs(ctx, org)
    if name == "received":
        remittances = dues_figures.remittances_received(org_ids=[org.pk], first=ctx.period.start, last=ctx.period.end)
        headers = [
            gettext_lazy("上缴组织"),
            gettext_lazy("编号"),
            gettext_lazy("起始月份"),
            gettext_lazy("截止月份"),
            gettext_lazy("上缴日期"),
            gettext_lazy("金额"),
        ]
        found = [
            [r.from_org.name, r.code, f"{r.first_month:%Y-%m}", f"{r.last_month:%Y-%m}", r.handed_on, r.amount]
            for r in remittances
        ]
        return Table(headers, found, amount_column=5)
    if name == "on_hand":
        figures = dues_figures.dues_figures(
            org_ids=[o.pk for o in orgs], first=ctx.period.start, last=ctx.period.end, today=ctx.today
        )
        names = dict(Organization.objects.filter(pk__in=[o.pk for o in orgs]).values_list("pk", "name"))
        found = [
            [names[o.pk], figures.rows[o.pk].on_hand]
            for o in sorted(orgs, key=lambda o: o.path)
            if figures.rows[o.pk].on_hand
        ]
        return Table([gettext_lazy("组织"), gettext_lazy("结存")], found, amount_column=1)
    names = dict(Organization.objects.filter(pk__in=[o.pk for o in orgs]).values_list("pk", "name"))
    found = []
    for row in dues_figures.member_dues(
        branch_ids=[o.pk for o in orgs], first=ctx.period.start, last=ctx.period.end, today=ctx.today
    ):
        if not _behind(row, name):
            continue
        found.append(
            [
                names.get(row.org_id, ""),
                row.member.name,
                len(row.owed_months),
                row.owed,
                row.collected,
                _months(row.unpaid_months),
                _months(row.unassessed_months),
                row.run,
            ]
        )
    return Table(MEMBER_HEADERS, found, amount_column=AMOUNT_COLUMNS.get(name))


def _behind(row, name: str) -> bool:
    if name in ("owed", "collected", "members_owing"):
        return bool(row.owed_months)
    if name == "unassessed":
        return bool(row.unassessed_months)
    if name == "arrears_warning":
        return row.run >= dues_figures.rules.ARREARS_WARNING_MONTHS
    if name == "arrears_escalation":
        return row.run >= dues_figures.rules.ARREARS_ESCALATION_MONTHS
    return False
