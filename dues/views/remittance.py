"""上缴党费: hand a period's dues to the level above, and the reconciliation that shows it to the fen."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from branches.mixins import OrgPermissionMixin, ServiceFormMixin
from partywork.dates import add_months, month_start

from .. import rules, selectors, services
from ..forms import RemitForm, period_from, quarter_start
from ..selectors import parent_of


class RemitView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "dues.remit"
    template_name = "dues/duesremittance_form.html"
    form_class = RemitForm

    def get_initial(self):
        # Only an ended period can be closed: by default the months since the last remittance up to last month.
        last = rules.last_ended_month(timezone.localdate())
        first = quarter_start(last)
        closed = services.closed_until(self.org)
        if closed and closed >= first:
            first = add_months(month_start(closed), 1)
        return {"first_month": min(first, last), "last_month": last}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            parent=parent_of(self.org),
            on_hand=services.on_hand(self.org, until=today),
            closed_until=services.closed_until(self.org),
            remittances=list(selectors.remittance_list(org=self.org)[:20]),
        )
        return context

    def call_service(self, form):
        return services.dues_remit(org=self.org, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, remittance):
        messages.success(
            self.request,
            _("已上缴 %(amount)s 元，上缴编号 %(code)s；该期间已结账")
            % {"amount": remittance.amount, "code": remittance.code},
        )
        url = reverse("dues:reconciliation", kwargs={"org_pk": self.org.pk})
        return redirect(f"{url}?first={remittance.first_month:%Y-%m}&last={remittance.last_month:%Y-%m}")


class ReconciliationView(OrgPermissionMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/reconciliation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first, last, form = period_from(self.request, timezone.localdate())
        context.update(form=form, rec=selectors.reconciliation(org=self.org, first=first, last=last))
        return context
