"""Where the dues pages start: the organisations in the user's scope, one organisation's dues, arrears."""

from django.utils import timezone
from django.views.generic import TemplateView

from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin
from branches.scoping import has_perm_on
from partywork.dates import add_months, month_end, month_start

from .. import selectors, services
from ..forms import quarter_start


class DuesHomeView(PermissionAnywhereMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/dues_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["orgs"] = selectors.dues_org_list(user=self.request.user)
        context["pending"] = list(selectors.pending_reliefs(user=self.request.user)[:50])
        return context


class OrgDuesView(OrgPermissionMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/organization_dues.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        user = self.request.user
        first = quarter_start(today)
        context.update(
            today=today,
            this_month=month_start(today),
            holds_members=selectors.holds_members(self.org),
            can_write=has_perm_on(user, "dues.write", self.org),
            can_remit=has_perm_on(user, "dues.remit", self.org) and self.org.depth > 1,
            rec=selectors.reconciliation(org=self.org, first=first, last=month_end(add_months(first, 2))),
            remittances=list(selectors.remittance_list(org=self.org)[:20]),
            closed_until=services.closed_until(self.org),
            unassessed=selectors.unassessed_list(org=self.org, today=today)[:100],
        )
        return context


class ArrearsView(OrgPermissionMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/arrears_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = selectors.arrears_list(org=self.org, today=today)
        context.update(
            today=today,
            can_write=has_perm_on(self.request.user, "dues.write", self.org),
            escalations=[r for r in rows if r.level == "escalation"],
            warnings=[r for r in rows if r.level == "warning"],
            others=[r for r in rows if not r.level],
        )
        return context
