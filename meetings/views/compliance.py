"""Compliance with the minimum meeting frequencies: a branch's year, a township's quarter."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from branches.mixins import OrgPermissionMixin
from branches.rules import BRANCH_KINDS, TOWNSHIP_KINDS, OrgKind
from partywork.dates import quarter_of

from .. import selectors
from ..forms import YearForm
from ..rules import QUARTER_NAMES, combine, lapse


class BranchComplianceView(OrgPermissionMixin, TemplateView):
    """A branch's year as a calendar grid: months × kinds, coloured by status."""

    permission = "meetings.view"
    template_name = "meetings/compliance_branch.html"

    def get_context_data(self, **kwargs):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404
        today = timezone.localdate()
        year = YearForm.year_from(self.request, today.year)
        rows = selectors.branch_year_grid(branch=self.org, year=year, today=today)
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "months": list(range(1, 13)),
            "rows": rows,
            "crumb_tail": _("组织生活落实情况"),
        }


class TownshipComplianceView(OrgPermissionMixin, TemplateView):
    """A township's quarter: branches × kinds, red/amber/green with the reason in words."""

    permission = "meetings.view"
    template_name = "meetings/compliance_township.html"

    def get_quarter(self, year: int, today) -> int:
        """The quarter of ?quarter= (this quarter in the current year, the fourth in past years)."""
        try:
            quarter = int(self.request.GET.get("quarter", ""))
        except ValueError:
            quarter = quarter_of(today) if year == today.year else 4
        return min(max(quarter, 1), 4)

    def get_context_data(self, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        today = timezone.localdate()
        year = YearForm.year_from(self.request, today.year)
        quarter = self.get_quarter(year, today)
        rule_list, rows = selectors.township_quarter_table(
            user=self.request.user, township=self.org, year=year, quarter=quarter, today=today
        )
        committee_lecture = township_life = None
        if self.org.kind in TOWNSHIP_KINDS:
            links = selectors.township_links(township=self.org, year=year)
            rule, result = selectors.committee_secretary_lectures(
                township=self.org, year=year, today=today, links=links
            )
            committee_lecture = {"rule": rule, "cell": combine([result])}
            township_life = selectors.township_life(township=self.org, year=year, today=today, links=links)
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "quarter": quarter,
            "quarter_name": QUARTER_NAMES[quarter],
            "quarters": [(q, QUARTER_NAMES[q]) for q in range(1, 5)],
            "kind_labels": [r.label for r in rule_list],
            "rule_list": rule_list,
            "committee_lecture": committee_lecture,
            "township_life": township_life,
            "rows": rows,
            "crumb_tail": _("组织生活落实情况"),
        }


class LapseListView(OrgPermissionMixin, TemplateView):
    """Members of a branch or township who have not taken part in organisational life for three or more
    consecutive ended months without good reason (Constitution art. 9: six months is a lapse case)."""

    permission = "meetings.view"
    template_name = "meetings/lapse_list.html"

    def get_context_data(self, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "rows": selectors.attendance_lapses(user=self.request.user, org=self.org, today=today),
            "last_month": lapse.last_ended_month(today),
            "crumb_tail": _("未参加组织生活预警"),
        }
