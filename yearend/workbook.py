"""The year-end workbook (党内统计年报 .xlsx): the check sheet first, then one table a sheet, each with the
organisation and the statistics day in its title line, frozen headers, A4 landscape print set-up; written by
`partywork.xlsx` (write-only, numbers as numbers, user text never a formula)."""

from django.utils.translation import gettext as _

from partywork.xlsx import Sheet, write_workbook

from .checks import Check, yearend_checks
from .tables import YearEnd, YearTable


def _title(ye: YearEnd, what: str) -> str:
    return _("%(org)s %(year)d年度党内统计 · %(what)s（统计日：%(day)s）") % {
        "org": ye.org.name,
        "year": ye.year,
        "what": what,
        "day": ye.day.isoformat(),
    }


def check_sheet(ye: YearEnd, checks: list[Check]) -> Sheet:
    passed = sum(c.passed for c in checks)
    rows = [
        [n, c.table, c.name, c.org, c.expected, c.actual, c.difference, _("通过") if c.passed else _("不通过")]
        for n, c in enumerate(checks, start=1)
    ]
    footer = [[_("合计"), _("共%(n)d项，通过%(ok)d项，不通过%(bad)d项") % {
        "n": len(checks), "ok": passed, "bad": len(checks) - passed}]]  # fmt: skip
    return Sheet(
        title=_("校验"),
        title_line=_title(ye, _("表间校验")),
        headers=[_("序号"), _("表"), _("校验项目"), _("组织"), _("应为"), _("实为"), _("差额"), _("结果")],
        rows=rows,
        widths=[6, 12, 36, 22, 12, 12, 10, 8],
        footer=footer,
        landscape=True,
    )


def table_sheet(ye: YearEnd, table: YearTable) -> Sheet:
    headers = [str(h) for h in table.headers]
    widths = [20] * table.label_columns + [11] * (len(headers) - table.label_columns)
    footer = [table.total] if table.total else []
    if table.note:
        footer.append([_("说明：%(note)s") % {"note": table.note}])
    return Sheet(
        title=table.title,
        title_line=_title(ye, table.title),
        headers=headers,
        rows=table.rows,
        widths=widths,
        footer=footer,
        landscape=True,
    )


def workbook_bytes(ye: YearEnd) -> tuple[bytes, list[Check]]:
    """The workbook of `ye` and its checks (the caller reports the failed ones)."""
    checks = yearend_checks(ye)
    sheets = [check_sheet(ye, checks), *[table_sheet(ye, table) for table in ye.tables]]
    return write_workbook(sheets), checks


def filename(ye: YearEnd) -> str:
    return _("%(org)s%(year)d年度党内统计.xlsx") % {"org": ye.org.display_name, "year": ye.year}
