"""The member's dues card (党员一本通) and the .xlsx registers, each export a background job."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from branches.scoping import has_perm_on
from partywork.jobs import job_start

from .. import selectors
from ..mixins import BranchMixin, MemberCardMixin


class MemberCardView(MemberCardMixin, TemplateView):
    """党员一本通, printable."""

    template_name = "dues/member_card.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member, year = self.member, self.get_year()
        context.update(
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
        job = job_start(
            user=request.user,
            kind="dues.member_card",
            organization=self.member.branch,
            params={"member_id": self.member.pk, "year": self.get_year()},
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
