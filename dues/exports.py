"""Workbooks of the dues ledger, built in jobs: the member's card, the branch's monthly collection register
(收缴登记表, with a signature column) and the yearly publication sheet (公示). Each runner re-checks the scope:
it runs later, in a worker."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from branches.models import Organization
from branches.scoping import has_perm_on
from members.models import Member
from partywork.xlsx import Sheet, write_workbook

from . import selectors
from .models import DuesEntry
from .obligations import Ledger
from .rules import month_range

ZERO = Decimal("0.00")


def _org(job) -> Organization:
    org = Organization.objects.filter(pk=job.params.get("org_id")).first()
    if org is None or not has_perm_on(job.user, "dues.view", org):
        raise ValidationError(_("无权导出该组织的党费数据"))
    return org


def _text(value) -> str:
    return "" if value is None else str(value)


def run_member_card(job, progress) -> tuple[str, bytes]:
    member = (
        Member.objects.visible_to(job.user, "dues.view")
        .select_related("branch")
        .filter(pk=job.params.get("member_id"))
        .first()
    )
    if member is None:
        raise ValidationError(_("无权导出该党员的党费记录"))
    year = int(job.params["year"])
    rows = selectors.member_card(member=member, year=year)
    paid_until = selectors.dues_paid_until(member)
    body = [
        [
            row.month.strftime("%Y-%m"),
            row.obligation.amount if row.obligation.org_id else None,
            row.entry.amount if row.entry else None,
            row.entry.booked_on if row.entry else None,
            row.entry.receipt.code if row.entry else "",
            _text(row.entry.created_by) if row.entry else "",
        ]
        for row in rows
    ]
    total = sum((row.entry.amount for row in rows if row.entry), ZERO)
    content = write_workbook(
        [
            Sheet(
                title=_("党员一本通"),
                title_line=_("%(name)s（%(branch)s）%(year)s 年党费缴纳记录，党费交至：%(until)s")
                % {
                    "name": member.name,
                    "branch": member.branch.name,
                    "year": year,
                    "until": paid_until.strftime("%Y-%m") if paid_until else "—",
                },
                headers=[_("月份"), _("应缴"), _("实缴"), _("缴纳日期"), _("收据号"), _("收缴人")],
                rows=body,
                widths=[10, 10, 10, 12, 12, 14],
                footer=[[_("合计"), None, total]],
            )
        ],
        progress=progress,
    )
    return f"党员一本通-{member.name}-{year}.xlsx", content


REGISTER_HEADERS = [
    _("序号"),
    _("姓名"),
    _("类别"),
    _("月收入基数"),
    _("应缴"),
    _("实缴"),
    _("缴纳日期"),
    _("收据号"),
    _("收缴人"),
    _("本人签字"),
]
REGISTER_WIDTHS = [6, 10, 12, 12, 10, 10, 12, 12, 10, 14]


def register_sheet(org: Organization, month: datetime.date, *, title: str = "") -> Sheet:
    """The branch's monthly collection register (收缴登记表) for `month`: one row per member who owes it, with a
    signature column and the month's totals (also used, one sheet per branch, by the roll-up exports)."""
    rows = selectors.batch_rows(org=org, month=month)
    body = []
    for index, row in enumerate(rows, start=1):
        standard = row.obligation.standard
        entry = row.paid_entry
        body.append(
            [
                index,
                row.member.name,
                standard.get_category_display() if standard else (_("未核定") if row.unassessed else ""),
                standard.base if standard else None,
                row.obligation.amount,
                entry.amount if entry else None,
                entry.booked_on if entry else None,
                entry.receipt.code if entry else "",
                _text(entry.created_by) if entry else "",
                "",
            ]
        )
    total = sum((row.paid_entry.amount for row in rows if row.paid_entry), ZERO)
    owed = sum((row.obligation.amount or ZERO for row in rows if row.obligation.owed), ZERO)
    return Sheet(
        title=title or _("收缴登记表"),
        title_line=_("%(org)s %(m)s 党费收缴登记表") % {"org": org.name, "m": month.strftime("%Y年%m月")},
        headers=REGISTER_HEADERS,
        rows=body,
        widths=REGISTER_WIDTHS,
        footer=[[_("合计"), None, None, None, owed, total]],
    )


def run_register(job, progress) -> tuple[str, bytes]:
    org = _org(job)
    month = datetime.date(int(job.params["year"]), int(job.params["month"]), 1)
    content = write_workbook([register_sheet(org, month)], progress=progress)
    return f"党费收缴登记表-{org.name}-{month:%Y-%m}.xlsx", content


def publication_sheet(org: Organization, year: int, *, title: str = "") -> Sheet:
    """The yearly publication: each member's monthly standard, owed, paid and unpaid months for the year; the
    declared income base is not published (also used, one sheet per branch, by the roll-up exports)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 1)
    members = list(selectors.members_of_branch(org, first, datetime.date(year, 12, 31)))
    ledger = Ledger([m.pk for m in members], until=last)
    paid_amounts = {
        (e["member_id"], e["month"]): e["amount"]
        for e in DuesEntry.objects.filter(pk__in=list(ledger.paid.values()), month__year=year).values(
            "member_id", "month", "amount"
        )
    }
    body = []
    grand_owed = grand_paid = ZERO
    for index, member in enumerate(members, start=1):
        owed = paid = ZERO
        unpaid = 0
        standard = None
        for month in month_range(first, last):
            obligation = ledger.obligation(member, month)
            if obligation.org_id == org.pk and obligation.amount is None and standard is None:
                standard = _("未核定")  # owed without a standard: shown, never left out (DOMAIN §3)
            if obligation.org_id != org.pk or not obligation.owed:
                continue
            standard = obligation.amount
            owed += obligation.amount
            amount = paid_amounts.get((member.pk, month))
            if amount is None:
                unpaid += 1
            else:
                paid += amount
        grand_owed += owed
        grand_paid += paid
        body.append([index, member.name, standard, owed, paid, unpaid])
    rec = selectors.reconciliation(org=org, first=first, last=last)
    return Sheet(
        title=title or _("党费收缴公示"),
        title_line=_("%(org)s %(year)s 年度党费收缴情况公示") % {"org": org.name, "year": year},
        headers=[_("序号"), _("姓名"), _("月缴标准"), _("全年应缴"), _("全年实缴"), _("未缴月数")],
        rows=body,
        widths=[6, 12, 10, 12, 12, 10],
        footer=[
            [_("合计"), None, None, grand_owed, grand_paid],
            [_("全年上缴上级"), None, None, None, rec.remitted],
            [_("冲正"), None, None, None, rec.reversed],
        ],
    )


def run_publication(job, progress) -> tuple[str, bytes]:
    """The yearly publication sheet of one branch (see `publication_sheet`)."""
    org = _org(job)
    year = int(job.params["year"])
    content = write_workbook([publication_sheet(org, year)], progress=progress)
    return f"党费收缴公示-{org.name}-{year}.xlsx", content
