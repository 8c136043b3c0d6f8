import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin
from branches.scoping import has_perm_on
from branches.views import apply_validation_error
from members.models import Member
from partywork.dates import add_months, month_end, month_start
from partywork.jobs import job_start

from . import selectors, services
from .forms import (
    BatchForm,
    CollectForm,
    PeriodForm,
    ReliefDecideForm,
    ReliefForm,
    RemitForm,
    ReverseForm,
    StandardChangeForm,
    StandardYearForm,
    quarter_start,
)
from .models import DuesEntry, DuesRelief
from .selectors import parent_of


class DuesHomeView(PermissionAnywhereMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/dues_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["orgs"] = selectors.dues_org_list(user=self.request.user)
        context["pending"] = list(selectors.pending_reliefs(user=self.request.user)[:50])
        return context


class BranchMixin(OrgPermissionMixin):
    """Pages about members' dues need an organisation that holds members."""

    def get_org_queryset(self):
        return super().get_org_queryset().filter(kind__in=selectors.MEMBER_HOLDING_KINDS)


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
        )
        return context


class StandardYearView(BranchMixin, FormView):
    """党费基数核定: the whole branch on one page, one submission."""

    permission = "dues.write"
    template_name = "dues/duesstandard_year.html"
    form_class = StandardYearForm

    def dispatch(self, request, *args, **kwargs):
        if not 2000 <= kwargs["year"] <= 2100:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_rows(self):
        if not hasattr(self, "_rows"):
            self._rows = selectors.standard_rows(org=self.org, year=self.kwargs["year"])
        return self._rows

    def get_form_kwargs(self):
        rows = self.get_rows()
        initial_rows = {r.member.pk: (r.standard.category, r.standard.base) for r in rows if r.standard}
        return {**super().get_form_kwargs(), "members": [r.member for r in rows], "initial_rows": initial_rows}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = {r.member.pk: r for r in self.get_rows()}
        context["year"] = self.kwargs["year"]
        context["lines"] = [(rows[m.pk], cat, base) for m, cat, base in context["form"].rows()]
        return context

    def form_valid(self, form):
        rows = [services.StandardInput(m, c, b) for m, c, b in form.cleaned_rows()]
        try:
            count = services.standards_set(org=self.org, year=self.kwargs["year"], rows=rows, by=self.request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已核定 %(n)s 名党员的党费标准") % {"n": count})
        return redirect("dues:duesstandard_year", org_pk=self.org.pk, year=self.kwargs["year"])


class MemberInOrgMixin(BranchMixin):
    """A member who has belonged to the branch in the URL (a transferred member's old months stay payable)."""

    def get_member(self):
        if not hasattr(self, "_member"):
            try:
                self._member = (
                    selectors.members_of_branch(self.org, datetime.date(1900, 1, 1), datetime.date(2999, 12, 31))
                    .select_related("branch")
                    .get(pk=self.kwargs["member_pk"])
                )
            except Member.DoesNotExist as error:
                raise Http404 from error
        return self._member

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.get_member()
        return context


class StandardChangeView(MemberInOrgMixin, FormView):
    permission = "dues.write"
    template_name = "dues/duesstandard_change.html"
    form_class = StandardChangeForm

    def get_initial(self):
        self.get_member()
        return {"month": month_start(timezone.localdate())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standards = selectors.member_standards(member=self.get_member())
        context["standards"] = standards
        context["history"] = history_entries(standards[-1]) if standards else []
        return context

    def form_valid(self, form):
        try:
            services.standard_change(org=self.org, member=self.get_member(), by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已登记收入变化，自该月起按新标准缴纳"))
        return redirect("dues:duesstandard_year", org_pk=self.org.pk, year=form.cleaned_data["month"].year)


class ReliefCreateView(MemberInOrgMixin, FormView):
    permission = "dues.write"
    template_name = "dues/duesrelief_form.html"
    form_class = ReliefForm

    def get_initial(self):
        self.get_member()
        today = timezone.localdate()
        return {"first_month": month_start(today), "last_month": datetime.date(today.year, 12, 1), "decided_on": today}

    def form_valid(self, form):
        try:
            services.relief_request(org=self.org, member=self.get_member(), by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已登记支部的减免决定，待乡镇党委审批"))
        return redirect("dues:duesstandard_year", org_pk=self.org.pk, year=form.cleaned_data["first_month"].year)


class ReliefDecideView(PermissionAnywhereMixin, FormView):
    permission = "dues.approve"
    template_name = "dues/duesrelief_decide.html"
    form_class = ReliefDecideForm

    def get_relief(self):
        try:
            return selectors.relief_get(user=self.request.user, pk=self.kwargs["relief_pk"], permission="dues.approve")
        except DuesRelief.DoesNotExist as error:
            raise Http404 from error

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["relief"] = self.get_relief()
        context["history"] = history_entries(context["relief"])
        return context

    def form_valid(self, form):
        relief = self.get_relief()
        try:
            services.relief_decide(
                relief=relief,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已审批"))
        return redirect("dues:home")


class BatchView(BranchMixin, FormView):
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
        )
        return context

    def form_valid(self, form):
        payments = form.payments()
        try:
            receipts = services.dues_collect_batch(
                org=self.org,
                month=self.month,
                payments=payments,
                paid_on=form.cleaned_data["paid_on"],
                by=self.request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已登记 %(n)s 名党员的党费，收据已编号") % {"n": len(receipts)})
        return redirect("dues:duesentry_batch", org_pk=self.org.pk, year=self.month.year, month=self.month.month)


class CollectView(MemberInOrgMixin, FormView):
    """One member paying several months at once (arrears or advance, at most 6 months either way)."""

    permission = "dues.write"
    template_name = "dues/duesentry_collect.html"
    form_class = CollectForm

    def get_initial(self):
        self.get_member()
        today = timezone.localdate()
        return {"first_month": month_start(today), "count": 1, "paid_on": today}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["paid_until"] = selectors.dues_paid_until(self.get_member())
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        months = [add_months(data["first_month"], i) for i in range(data["count"])]
        amount = data["amount_per_month"]
        try:
            receipt = services.dues_collect(
                org=self.org,
                member=self.get_member(),
                months=months,
                paid_on=data["paid_on"],
                by=self.request.user,
                amounts=dict.fromkeys(months, amount) if amount is not None else None,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("已登记，收据号 %(code)s，金额 %(total)s 元") % {"code": receipt.code, "total": receipt.total},
        )
        if receipt.to_centre:
            messages.warning(self.request, _("单笔缴纳 1000 元以上，按规定全额上缴中央"))
        return redirect("dues:member_card", member_pk=self.get_member().pk)


class LedgerView(BranchMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/duesentry_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first, last, form = _period(self.request)
        context.update(
            form=form,
            first=first,
            last=last,
            entries=list(selectors.ledger_entries(org=self.org, first=first, last=month_end(last))[:1000]),
            can_write=has_perm_on(self.request.user, "dues.write", self.org),
        )
        return context


def _period(request):
    """The period from ?first=YYYY-MM&last=YYYY-MM, the current quarter by default."""
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    first, last = quarter_start(today), add_months(quarter_start(today), 2)
    if form.is_bound and form.is_valid():
        first = form.cleaned_data["first"] or first
        last = form.cleaned_data["last"] or last
    if last < first:
        last = first
    if not form.is_bound:
        form = PeriodForm(initial={"first": first, "last": last})
    return first, last, form


class EntryReverseView(PermissionAnywhereMixin, FormView):
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

    def form_valid(self, form):
        entry = self.get_entry()
        try:
            services.dues_reverse(entry=entry, reason=form.cleaned_data["reason"], by=self.request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已冲正，该月可重新登记"))
        return redirect("dues:duesentry_list", org_pk=entry.organization_id)


class ArrearsView(OrgPermissionMixin, TemplateView):
    permission = "dues.view"
    template_name = "dues/arrears_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = selectors.arrears_list(org=self.org, today=today)
        context.update(
            today=today,
            escalations=[r for r in rows if r.level == "escalation"],
            warnings=[r for r in rows if r.level == "warning"],
            others=[r for r in rows if not r.level],
        )
        return context


class RemitView(OrgPermissionMixin, FormView):
    permission = "dues.remit"
    template_name = "dues/duesremittance_form.html"
    form_class = RemitForm

    def get_initial(self):
        first = quarter_start(timezone.localdate())
        closed = services.closed_until(self.org)
        if closed and closed >= first:
            first = add_months(month_start(closed), 1)
        return {"first_month": first, "last_month": add_months(quarter_start(timezone.localdate()), 2)}

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

    def form_valid(self, form):
        try:
            remittance = services.dues_remit(org=self.org, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
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
        first, last, form = _period(self.request)
        context.update(form=form, rec=selectors.reconciliation(org=self.org, first=first, last=last))
        return context


class MemberCardMixin(PermissionAnywhereMixin):
    permission = "dues.view"

    def get_member(self):
        if not hasattr(self, "_member"):
            try:
                self._member = selectors.dues_member_get(user=self.request.user, pk=self.kwargs["member_pk"])
            except Member.DoesNotExist as error:
                raise Http404 from error
        return self._member

    def get_year(self):
        try:
            year = int(self.request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            year = timezone.localdate().year
        return min(max(year, 2000), 2100)


class MemberCardView(MemberCardMixin, TemplateView):
    """党员一本通, printable."""

    template_name = "dues/member_card.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member, year = self.get_member(), self.get_year()
        context.update(
            member=member,
            year=year,
            years=selectors.card_years(member=member, today=timezone.localdate()),
            rows=selectors.member_card(member=member, year=year),
            paid_until=selectors.dues_paid_until(member),
            can_write=has_perm_on(self.request.user, "dues.write", member.branch),
        )
        return context


class MemberCardExportView(MemberCardMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        member = self.get_member()
        job = job_start(
            user=request.user,
            kind="dues.member_card",
            organization=member.branch,
            params={"member_id": member.pk, "year": self.get_year()},
        )
        return redirect("job_detail", job_pk=job.pk)


class RegisterExportView(BranchMixin, TemplateView):
    """收缴登记表 of one month as .xlsx (a job)."""

    permission = "dues.view"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not (1 <= kwargs["month"] <= 12 and 2000 <= kwargs["year"] <= 2100):
            raise Http404
        job = job_start(
            user=request.user,
            kind="dues.register",
            organization=self.org,
            params={"org_id": self.org.pk, "year": kwargs["year"], "month": kwargs["month"]},
        )
        return redirect("job_detail", job_pk=job.pk)


class PublicationExportView(BranchMixin, TemplateView):
    """The yearly publication sheet (公示) as .xlsx (a job)."""

    permission = "dues.view"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not 2000 <= kwargs["year"] <= 2100:
            raise Http404
        job = job_start(
            user=request.user,
            kind="dues.publication",
            organization=self.org,
            params={"org_id": self.org.pk, "year": kwargs["year"]},
        )
        return redirect("job_detail", job_pk=job.pk)
