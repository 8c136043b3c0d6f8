"""Workbooks of the reports app, built in jobs (partywork/jobs.py) and written by partywork/xlsx.py:

- the records behind any figure of a dashboard (`reports.figure_rows`);
- roll-ups of a township or the county (`reports.rollup`): the meeting ledger, the monthly dues register, the
  yearly dues publication and the recruitment ledger, one sheet per branch (each app's own per-branch rows)
  and a summary sheet first.

Runners re-check the scope: they run later, in a worker, for the user who asked."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from branches.scoping import has_perm_on, orgs_for
from dues.exports import publication_sheet, register_sheet
from meetings import exports as meeting_exports
from partywork.xlsx import Sheet, write_workbook
from recruitment import exports as recruitment_exports

from . import periods
from .drill import drill_for
from .figures import Context
from .tree import PERMISSION

FIGURE_KIND = "reports.figure_rows"
ROLLUP_KIND = "reports.rollup"
ROLLUPS = {
    "meeting_ledger": (gettext_lazy("会议台账"), "meetings.view"),
    "dues_register": (gettext_lazy("党费收缴登记表"), "dues.view"),
    "dues_publication": (gettext_lazy("党费收缴公示表"), "dues.view"),
    "recruitment_ledger": (gettext_lazy("发展党员台账"), "recruitment.view"),
}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _checked_org(job, permission: str):
    org = job.organization
    if org is None or not has_perm_on(job.user, permission, org):
        raise ValidationError(_("您已无权查看该组织的数据。"))
    return org


def _today(job) -> datetime.date:
    """The day the page was read when the job was asked for, so the file shows what the page showed."""
    return datetime.date.fromisoformat(job.params["today"])


def run_figure_rows(job, progress) -> tuple[str, bytes]:
    """The records behind one figure of one organisation for one period."""
    org = _checked_org(job, PERMISSION)
    drill = drill_for(job.params.get("figure", ""))
    if drill is None:
        raise ValidationError(_("没有这项统计数字。"))
    today = _today(job)
    period = periods.parse(job.params.get("period"), today)
    table = drill.build(Context(user=job.user, period=period, today=today), org)
    progress(0)
    footer = []
    if table.amount_column is not None:
        total = sum((row[table.amount_column] or 0 for row in table.rows), Decimal("0"))
        footer = [[_("合计"), *[None] * (table.amount_column - 1), total]]
    else:
        footer = [[_("合计"), _("%(n)d条") % {"n": len(table.rows)}]]
    sheet = Sheet(
        title=drill.label,
        title_line=f"{org.name} {period.label} {drill.label}",
        headers=[str(h) for h in table.headers],
        rows=table.rows,
        widths=[16] * len(table.headers),
        footer=footer,
    )
    return f"{org.display_name}{period.label}{drill.label}.xlsx", write_workbook([sheet], progress=progress)


def branches_under(user, org, permission: str) -> list:
    """The active branches under `org` the user may see for `permission`, in tree order."""
    return list(orgs_for(user, permission).subtree(org).branches().active().order_by("path"))


def sheet_titles(branches) -> list[str]:
    """A distinct sheet title (≤31 characters, none of []:*?/\\) for each branch."""
    titles, seen = [], set()
    for branch in branches:
        base = _SHEET_FORBIDDEN.sub("", branch.display_name)[:28] or str(branch.pk)
        title, number = base, 2
        while title in seen:
            title = f"{base[:26]}-{number}"
            number += 1
        seen.add(title)
        titles.append(title)
    return titles


def _meeting_ledger(user, org, branches, titles, params):
    year = int(params["year"])
    summary = []
    sheets = []
    for branch, title in zip(branches, titles, strict=True):
        rows = list(meeting_exports.ledger_rows(user=user, branch=branch, year=year))
        should = sum(row[10] or 0 for row in rows)
        present = sum(row[11] or 0 for row in rows)
        summary.append([branch.name, len(rows), should, present])
        sheets.append(
            Sheet(
                title=title,
                title_line=f"{branch.name} {year}年度“三会一课”及组织生活会议台账",
                headers=meeting_exports.HEADERS,
                rows=rows,
                widths=[6, 12, 8, 8, 22, 12, 30, 14, 10, 10, 8, 8, 9, 40, 40, 6, 17],
            )
        )
    head = Sheet(
        title=_("汇总"),
        title_line=_("%(org)s %(year)d年度会议台账汇总") % {"org": org.name, "year": year},
        headers=[_("党支部"), _("会议次数"), _("应到人次"), _("实到人次")],
        rows=summary,
        widths=[24, 10, 10, 10],
        footer=[[_("合计"), sum(r[1] for r in summary), sum(r[2] for r in summary), sum(r[3] for r in summary)]],
    )
    return [head, *sheets], f"{org.display_name}{year}年会议台账汇总.xlsx"


def _dues_register(user, org, branches, titles, params):
    month = datetime.date(int(params["year"]), int(params["month"]), 1)
    sheets = [register_sheet(branch, month, title=title) for branch, title in zip(branches, titles, strict=True)]
    summary = []
    for branch, sheet in zip(branches, sheets, strict=True):
        owed, paid = sheet.footer[0][4], sheet.footer[0][5]
        summary.append([branch.name, len(sheet.rows), sum(1 for r in sheet.rows if r[5] is not None), owed, paid])
    zero = Decimal("0.00")
    head = Sheet(
        title=_("汇总"),
        title_line=_("%(org)s %(m)s 党费收缴汇总") % {"org": org.name, "m": month.strftime("%Y年%m月")},
        headers=[_("党支部"), _("应缴人数"), _("已缴人数"), _("应缴（元）"), _("实缴（元）")],
        rows=summary,
        widths=[24, 10, 10, 12, 12],
        footer=[
            [
                _("合计"),
                sum(r[1] for r in summary),
                sum(r[2] for r in summary),
                sum((r[3] for r in summary), zero),
                sum((r[4] for r in summary), zero),
            ]
        ],
    )
    return [head, *sheets], f"{org.display_name}党费收缴登记表{month:%Y-%m}.xlsx"


def _dues_publication(user, org, branches, titles, params):
    year = int(params["year"])
    sheets = [publication_sheet(branch, year, title=title) for branch, title in zip(branches, titles, strict=True)]
    zero = Decimal("0.00")
    summary = [
        [branch.name, len(sheet.rows), sheet.footer[0][3], sheet.footer[0][4], sheet.footer[1][4], sheet.footer[2][4]]
        for branch, sheet in zip(branches, sheets, strict=True)
    ]
    head = Sheet(
        title=_("汇总"),
        title_line=_("%(org)s %(year)d年度党费收缴情况汇总") % {"org": org.name, "year": year},
        headers=[_("党支部"), _("党员人数"), _("全年应缴"), _("全年实缴"), _("上缴上级"), _("冲正")],
        rows=summary,
        widths=[24, 10, 12, 12, 12, 10],
        footer=[[_("合计"), sum(r[1] for r in summary), *[sum((r[i] for r in summary), zero) for i in range(2, 6)]]],
    )
    return [head, *sheets], f"{org.display_name}{year}年度党费收缴公示汇总.xlsx"


def _recruitment_ledger(user, org, branches, titles, params):
    today = datetime.date.fromisoformat(params["today"])
    headers = recruitment_exports.ledger_headers()
    stage_column = headers.index(_("当前阶段"))
    sheets, summary = [], []
    for branch, title in zip(branches, titles, strict=True):
        rows = list(recruitment_exports.ledger_rows(user=user, org=branch, today=today))
        stages = {}
        for row in rows:
            stages[row[stage_column]] = stages.get(row[stage_column], 0) + 1
        summary.append([branch.name, len(rows), "；".join(f"{k}{v}" for k, v in stages.items())])
        sheets.append(
            Sheet(
                title=title,
                title_line=_("%(org)s 发展党员台账（%(day)s）") % {"org": branch.name, "day": today.isoformat()},
                headers=headers,
                rows=rows,
                widths=[6, 18, 10, 6, 8, 12, 10, 12, 14] + [12] * len(recruitment_exports.DATE_STEPS) + [16] * 7,
            )
        )
    head = Sheet(
        title=_("汇总"),
        title_line=_("%(org)s 发展党员台账汇总（%(day)s）") % {"org": org.name, "day": today.isoformat()},
        headers=[_("党支部"), _("档案数"), _("各阶段")],
        rows=summary,
        widths=[24, 10, 60],
        footer=[[_("合计"), sum(r[1] for r in summary)]],
    )
    return [head, *sheets], f"{org.display_name}发展党员台账汇总.xlsx"


BUILDERS = {
    "meeting_ledger": _meeting_ledger,
    "dues_register": _dues_register,
    "dues_publication": _dues_publication,
    "recruitment_ledger": _recruitment_ledger,
}


def run_rollup(job, progress) -> tuple[str, bytes]:
    """A roll-up workbook of a township or the county: the summary sheet, then one sheet per branch."""
    what = job.params.get("what", "")
    if what not in ROLLUPS:
        raise ValidationError(_("没有这种汇总表。"))
    permission = ROLLUPS[what][1]
    org = _checked_org(job, permission)
    branches = branches_under(job.user, org, permission)
    progress(0)
    sheets, filename = BUILDERS[what](job.user, org, branches, sheet_titles(branches), job.params)
    return filename, write_workbook(sheets, progress=progress)
