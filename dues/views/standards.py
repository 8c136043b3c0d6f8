"""党费基数核定 for a whole branch, a member's change of income, and reliefs (减免) with their approval."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from branches.audit import history_entries
from branches.mixins import PermissionAnywhereMixin, ServiceFormMixin
from members.mixins import MemberPermissionMixin
from partywork.dates import month_start

from .. import selectors, services
from ..forms import MonthField, ReliefDecideForm, ReliefForm, StandardChangeForm, StandardYearForm
from ..mixins import BranchMixin, MemberInBranchMixin
from ..models import DuesRelief


class StandardYearView(BranchMixin, ServiceFormMixin, FormView):
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

    def call_service(self, form):
        rows = [services.StandardInput(m, c, b) for m, c, b in form.cleaned_rows()]
        return services.standards_set(org=self.org, year=self.kwargs["year"], rows=rows, by=self.request.user)

    def succeeded(self, form, count):
        messages.success(self.request, _("已核定 %(n)s 名党员的党费标准") % {"n": count})
        return redirect("dues:duesstandard_year", org_pk=self.org.pk, year=self.kwargs["year"])


class StandardChangeView(MemberInBranchMixin, ServiceFormMixin, FormView):
    permission = "dues.write"
    template_name = "dues/duesstandard_change.html"
    form_class = StandardChangeForm

    def get_initial(self):
        # The batch screen, the arrears page and the reminders link here with ?month= the first unassessed month.
        try:
            month = MonthField().clean(self.request.GET.get("month") or "")
        except ValidationError:
            month = month_start(timezone.localdate())
        return {"month": month}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standards = selectors.member_standards(member=self.member)
        context["standards"] = standards
        context["history"] = history_entries(standards[-1]) if standards else []
        return context

    def call_service(self, form):
        return services.standard_change(org=self.org, member=self.member, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, standard):
        messages.success(self.request, _("已登记收入变化，自该月起按新标准缴纳"))
        return redirect("dues:duesstandard_year", org_pk=self.org.pk, year=form.cleaned_data["month"].year)


class ReliefCreateView(MemberInBranchMixin, ServiceFormMixin, FormView):
    permission = "dues.write"
    template_name = "dues/duesrelief_form.html"
    form_class = ReliefForm

    def get_initial(self):
        today = timezone.localdate()
        return {"first_month": month_start(today), "last_month": datetime.date(today.year, 12, 1), "decided_on": today}

    def call_service(self, form):
        return services.relief_request(org=self.org, member=self.member, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, relief):
        messages.success(self.request, _("已登记支部的减免决定，待乡镇党委审批"))
        return redirect("dues:duesstandard_year", org_pk=self.org.pk, year=form.cleaned_data["first_month"].year)


class ReliefDecideView(PermissionAnywhereMixin, ServiceFormMixin, FormView):
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

    def call_service(self, form):
        return services.relief_decide(
            relief=self.get_relief(),
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            by=self.request.user,
        )

    def succeeded(self, form, relief):
        messages.success(self.request, _("已审批"))
        return redirect("dues:home")


class MemberStandardView(MemberPermissionMixin, View):
    """Where the admission, import and transfer-in flows send the user: the standard form of the member's branch
    from the first month the member owes there without a standard (未核定), or this month."""

    permission = "dues.write"

    def get(self, request, *args, **kwargs):
        first = selectors.first_unassessed_month(member=self.member, today=timezone.localdate())
        url = reverse("dues:duesstandard_change", kwargs={"org_pk": self.member.branch_id, "member_pk": self.member.pk})
        return redirect(f"{url}?month={first:%Y-%m}")
