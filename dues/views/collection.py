"""Collecting dues (a branch's month on one page, or one member's several months), the ledger, reversals."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from branches.mixins import PermissionAnywhereMixin, ServiceFormMixin
from branches.scoping import has_perm_on
from partywork.dates import add_months, month_end, month_start

from .. import selectors, services
from ..forms import BatchForm, CollectForm, MonthField, ReverseForm, period_from
from ..mixins import BranchMixin, MemberInBranchMixin
from ..models import DuesEntry


class BatchView(BranchMixin, ServiceFormMixin, FormView):
    """The month's collection for the whole branch: one GET, one POST."""

    permission = "dues.write"
    template_name = "dues/duesentry_batch.html"

    def dispatch(self, request, *args, **kwargs):
        if not (2000 <= kwargs["year"] <= 2100 and 1 <= kwargs["month"] <= 12):
            raise Http404
        self.month = datetime.date(kwargs["year"], kwargs["month"], 1)
        return super().dispatch(request, *args, **kwargs)

    def get_rows(self):
        if not hasattr(self, "_rows"):
            self._rows = selectors.batch_rows(org=self.org, month=self.month)
        return self._rows

    def get_form(self, form_class=None):
        return BatchForm(**self.get_form_kwargs(), rows=self.get_rows())

    def get_initial(self):
        return {"paid_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.get_rows()
        context.update(
            month=self.month,
            previous=add_months(self.month, -1),
            next=add_months(self.month, 1),
            lines=context["form"].rows(),
            paid_count=sum(1 for r in rows if r.paid_entry),
            owed_count=sum(1 for r in rows if r.obligation.owed),
            unassessed_count=sum(1 for r in rows if r.unassessed),
        )
        return context

    def call_service(self, form):
        return services.dues_collect_batch(
            org=self.org,
            month=self.month,
            payments=form.payments(),
            paid_on=form.cleaned_data["paid_on"],
            by=self.request.user,
        )

    def succeeded(self, form, receipts):
        messages.success(self.request, _("已登记 %(n)s 名党员的党费，收据已编号") % {"n": len(receipts)})
        return redirect("dues:duesentry_batch", org_pk=self.org.pk, year=self.month.year, month=self.month.month)


class CollectView(MemberInBranchMixin, ServiceFormMixin, FormView):
    """One member paying several months at once: arrears (older than 6 months with a reason) or advance."""

    permission = "dues.write"
    template_name = "dues/duesentry_collect.html"
    form_class = CollectForm

    def get_initial(self):
        today = timezone.localdate()
        first = MonthField().clean(self.request.GET["month"]) if self._month_given() else month_start(today)
        return {"first_month": first, "count": 1, "paid_on": today}

    def _month_given(self) -> bool:
        # The arrears page links here with ?month=YYYY-MM; anything else falls back to this month.
        try:
            MonthField().clean(self.request.GET.get("month") or "")
        except ValidationError:
            return False
        return True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["paid_until"] = selectors.dues_paid_until(self.member)
        return context

    def call_service(self, form):
        data = form.cleaned_data
        months = [add_months(data["first_month"], i) for i in range(data["count"])]
        amount = data["amount_per_month"]
        return services.dues_collect(
            org=self.org,
            member=self.member,
            months=months,
            paid_on=data["paid_on"],
            by=self.request.user,
            amounts=dict.fromkeys(months, amount) if amount is not None else None,
            late_reason=data["late_reason"],
            extra=data["extra"],
        )

    def succeeded(self, form, receipt):
        messages.success(
            self.request,
            _("已登记，收据号 %(code)s，金额 %(total)s 元") % {"code": receipt.code, "total": receipt.total},
        )
        if receipt.to_centre:
            messages.warning(self.request, _("本次自愿多交 1000 元以上，按党费规定第十一条全额上缴中央"))
        return redirect("dues:member_card", member_pk=self.member.pk)


class LedgerView(BranchMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/duesentry_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first, last, form = period_from(self.request, timezone.localdate())
        context.update(
            form=form,
            first=first,
            last=last,
            entries=list(selectors.ledger_entries(org=self.org, first=first, last=month_end(last))[:1000]),
            can_write=has_perm_on(self.request.user, "dues.write", self.org),
        )
        return context


class EntryReverseView(PermissionAnywhereMixin, ServiceFormMixin, FormView):
    permission = "dues.write"
    template_name = "dues/duesentry_reverse.html"
    form_class = ReverseForm

    def get_entry(self):
        if not hasattr(self, "_entry"):
            try:
                self._entry = selectors.entry_get(
                    user=self.request.user, pk=self.kwargs["entry_pk"], permission="dues.write"
                )
            except DuesEntry.DoesNotExist as error:
                raise Http404 from error
        return self._entry

    def get(self, request, *args, **kwargs):
        self.get_entry()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entry"] = self.get_entry()
        return context

    def call_service(self, form):
        return services.dues_reverse(entry=self.get_entry(), reason=form.cleaned_data["reason"], by=self.request.user)

    def succeeded(self, form, reversal):
        messages.success(self.request, _("已冲正，该月可重新登记"))
        return redirect("dues:duesentry_list", org_pk=self.get_entry().organization_id)
