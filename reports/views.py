"""Dashboards (county, township, branch overview), the records behind each figure, and the exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from branches.mixins import OrgPermissionMixin, TopOrgRedirectView
from branches.rules import OrgKind
from standing.selectors import standing_summary

from . import periods, services
from .actions import dashboard_actions
from .dashboard import dashboard
from .drill import AREA_LABELS, drill_for
from .figures import Context
from .forms import RollupForm
from .tree import PERMISSION

ROWS_PER_PAGE = 200


class ReportsOrgMixin(OrgPermissionMixin):
    """An organisation (not a party group) in the user's reports.view scope, and the period from `?period=`."""

    permission = PERMISSION

    def get_org_queryset(self):
        return super().get_org_queryset().filter(is_active=True).exclude(kind=OrgKind.GROUP)

    def dispatch(self, request, *args, **kwargs):
        self.today = timezone.localdate()
        self.period = periods.parse(request.GET.get("period"), self.today)
        return super().dispatch(request, *args, **kwargs)


class IndexView(TopOrgRedirectView):
    """The dashboard of the highest organisation in the user's scope."""

    permission = PERMISSION
    pattern_name = "reports:dashboard"


def board_context(*, user, org, period, today) -> dict:
    """What the dashboard template shows (also embedded in the workbench)."""
    board = dashboard(user=user, org=org, period=period, today=today)
    return {
        "board": board,
        "period": period,
        "period_choices": periods.choices(period, today),
        "rollup_form": RollupForm(initial={"year": period.year, "month": period.start.month}),
        "can_rollup": not board.level.is_branch,
        "dashboard_actions": [] if board.level.is_branch else dashboard_actions.entries(),
    }


class DashboardView(ReportsOrgMixin, TemplateView):
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(board_context(user=self.request.user, org=self.org, period=self.period, today=self.today))
        context["standing"] = standing_summary(user=self.request.user, org=self.org, today=self.today)
        context["crumb_tail"] = _("统计分析")
        return context


class FigureRowsView(ReportsOrgMixin, TemplateView):
    """The records behind one figure of one organisation; POST downloads them all as .xlsx (a job)."""

    template_name = "reports/figure_rows.html"

    def dispatch(self, request, *args, **kwargs):
        self.drill = drill_for(kwargs.get("figure", ""))
        if self.drill is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ctx = Context(user=self.request.user, period=self.period, today=self.today)
        table = self.drill.build(ctx, self.org)
        page = Paginator(table.rows, ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        total = None
        if table.amount_column is not None:
            total = sum((row[table.amount_column] or 0 for row in table.rows), 0)
        context.update(
            drill=self.drill,
            area_label=AREA_LABELS.get(self.drill.area, ""),
            headers=[str(h) for h in table.headers],
            page=page,
            count=len(table.rows),
            total=total,
            period=self.period,
            period_choices=periods.choices(self.period, self.today),
            crumb_tail=self.drill.label,
        )
        return context

    def post(self, request, *args, **kwargs):
        job = services.figure_export_start(
            user=request.user, org=self.org, figure=self.drill.key, period=self.period, today=self.today
        )
        return redirect("job_detail", job_pk=job.pk)


class RollupExportView(ReportsOrgMixin, View):
    """Start a roll-up workbook of the organisation (one sheet per branch and a summary)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RollupForm(request.POST)
        back = redirect("reports:dashboard", org_pk=self.org.pk)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return back
        data = form.cleaned_data
        try:
            job = services.rollup_start(
                user=request.user,
                org=self.org,
                what=data["what"],
                year=data["year"],
                month=data.get("month") or 1,
                today=self.today,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return back
        return redirect("job_detail", job_pk=job.pk)


class SummaryRefreshView(ReportsOrgMixin, View):
    """Recompute the stored figures of a dashboard read from the summary table (the county)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.summary_refresh_start(user=request.user, org=self.org, period=self.period)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已开始更新统计，完成后刷新本页即可看到最新数字。"))
        url = reverse("reports:dashboard", kwargs={"org_pk": self.org.pk})
        return redirect(f"{url}?period={self.period.key}")
