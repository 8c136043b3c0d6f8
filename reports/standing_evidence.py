"""The reports app's figures of a branch's year as evidence of its yearly assessment (standing/evidence.py):
organisational life, dues, recruitment and data quality, each linked to the records behind it."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from .dashboard import compute_figures
from .figures import dues as dues_area
from .figures import meetings as meetings_area
from .periods import YEAR, Period


def _percent(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def evidence(*, user, branch, year: int, today: datetime.date) -> list[dict]:
    period = Period(YEAR, year)
    _level, figures = compute_figures(user=user, org=branch, period=period, today=today)
    query = f"?period={period.key}"

    def link(key, value):
        return reverse("reports:figure_rows", kwargs={"org_pk": branch.pk, "figure": key}) + query if value else ""

    m, d = figures["meetings"]["total"], figures["dues"]["total"]
    r, q = figures["recruitment"]["total"], figures["quality"]["total"]
    target = r["target_members"]
    return [
        {"key": "meetings.share", "label": _("三会一课完成率（已开/应开）"),
         "value": f"{_percent(meetings_area.share(m))}（{m['held']}/{m['required']}）",
         "url": link("meetings.all", m["required"]), "tone": ""},
        {"key": "meetings.overdue", "label": _("逾期未开的会议"), "value": str(m["overdue"]),
         "url": link("meetings.overdue", m["overdue"]), "tone": "danger" if m["overdue"] else ""},
        {"key": "dues.rate", "label": _("党费收缴率"), "value": _percent(dues_area.rate(d)),
         "url": link("dues.collected", d["collected"]), "tone": ""},
        {"key": "dues.arrears_escalation", "label": _("连续欠缴6个月以上"), "value": str(d["arrears_escalation"]),
         "url": link("dues.arrears_escalation", d["arrears_escalation"]),
         "tone": "danger" if d["arrears_escalation"] else ""},
        {"key": "recruitment.admitted_year", "label": _("发展党员（完成/计划）"),
         "value": str(r["admitted_year"]) if target is None else f"{r['admitted_year']}/{target}",
         "url": link("recruitment.admitted_year", r["admitted_year"]), "tone": ""},
        {"key": "recruitment.overdue", "label": _("发展党员下一步逾期"), "value": str(r["overdue"]),
         "url": link("recruitment.overdue", r["overdue"]), "tone": "danger" if r["overdue"] else ""},
        {"key": "quality.vacancy", "label": _("书记空缺"), "value": str(q["vacancy"]),
         "url": link("quality.vacancy", q["vacancy"]), "tone": "danger" if q["vacancy"] else ""},
        {"key": "quality.missing", "label": _("党员信息不全"), "value": str(q["missing"]),
         "url": link("quality.missing", q["missing"]), "tone": "warning" if q["missing"] else ""},
    ]  # fmt: skip
