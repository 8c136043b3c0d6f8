"""Views of the standing app. Thin: scope -> form -> service -> redirect."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, ServiceFormMixin, TopOrgRedirectView
from branches.rules import BRANCH_KINDS
from branches.scoping import has_perm_on
from branches.selectors import org_ancestors
from members.models import Lifecycle, Member, MemberStatus

from . import rules, selectors, services
from .evidence import gather
from .forms import (
    ApproveForm,
    AssessmentForm,
    CloseForm,
    ConfirmForm,
    ElectionForm,
    MilestoneAddForm,
    MilestoneDoneForm,
    MilestoneFormSet,
    ProgressForm,
    RectificationForm,
    ReturnForm,
    SeatFormSet,
)
from .models import WeaknessCriterion


class IndexView(TopOrgRedirectView):
    """/standing/: the overview of the user's widest organisation."""

    permission = "org.view"
    pattern_name = "standing:overview"


class OverviewView(OrgPermissionMixin, TemplateView):
    """A township's (or the county's) branches with their terms and vacancies; a branch's own page."""

    template_name = "standing/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = selectors.branch_standings(user=self.request.user, org=self.org, today=today)
        is_branch = self.org.kind in BRANCH_KINDS
        context.update(
            today=today,
            rows=rows,
            is_branch=is_branch,
            ending_count=sum(1 for r in rows if r.term_ending),
            unrecorded_count=sum(1 for r in rows if r.term is None),
            flagged_count=sum(1 for r in rows if r.vacancy_flagged),
        )
        if is_branch:
            context.update(
                own=rows[0] if rows else None,
                terms=list(selectors.branch_terms(branch=self.org)),
                can_record=has_perm_on(self.request.user, "members.write", self.org),
            )
        return context


class ElectionRecordView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "standing/election_form.html"
    form_class = ElectionForm

    def get(self, request, *args, **kwargs):
        self._check_branch()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._check_branch()
        form = self.get_form()
        self.seats = self._formset()
        if form.is_valid() and self.seats.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def _check_branch(self):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404

    def _formset(self):
        candidates = Member.objects.visible_to(self.request.user, self.permission).filter(
            branch=self.org, lifecycle=Lifecycle.ACTIVE, status=MemberStatus.FULL
        )
        data = self.request.POST if self.request.method == "POST" else None
        return SeatFormSet(data, prefix="seats", form_kwargs={"candidates": candidates.order_by("name_pinyin")})

    def get_initial(self):
        full = Member.objects.filter(branch=self.org, lifecycle=Lifecycle.ACTIVE, status=MemberStatus.FULL).count()
        return {"voters_expected": full}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seats"] = getattr(self, "seats", None) or self._formset()
        return context

    def call_service(self, form):
        seats = [f.seat for f in self.seats if f.seat]
        return services.election_record(by=self.request.user, branch=self.org, seats=seats, **form.cleaned_data)

    def succeeded(self, form, result):
        messages.success(self.request, _("已登记换届选举结果，请报乡镇党委批准"))
        return redirect("standing:term_detail", term_pk=result.pk)


class TermMixin(LoginRequiredMixin):
    permission = "org.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.term = selectors.term_get(user=request.user, pk=kwargs["term_pk"], permission=self.permission)
        self.org = self.term.branch
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(term=self.term, org=self.org, breadcrumbs=list(org_ancestors(org=self.org)))
        return context


class TermDetailView(TermMixin, TemplateView):
    template_name = "standing/term_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_approve = self.term.status == "pending" and has_perm_on(self.request.user, "standing.manage", self.org)
        context.update(
            seats=list(self.term.seats.select_related("member").order_by("pk")),
            can_approve=can_approve,
            approve_form=kwargs.get("approve_form")
            or (ApproveForm(initial={"approved_on": timezone.localdate()}) if can_approve else None),
            history=history_entries(self.term),
        )
        return context


class TermApproveView(TermMixin, ServiceFormMixin, FormView):
    permission = "standing.manage"
    form_class = ApproveForm
    http_method_names = ["post"]

    def form_invalid(self, form):
        view = TermDetailView()
        view.setup(self.request, term_pk=self.term.pk)
        view.term, view.org = self.term, self.org
        return view.render_to_response(view.get_context_data(approve_form=form))

    def call_service(self, form):
        return services.election_approve(by=self.request.user, term=self.term, **form.cleaned_data)

    def succeeded(self, form, result):
        messages.success(self.request, _("已批准选举结果，新一届支部委员会已接任"))
        return redirect("standing:term_detail", term_pk=result.pk)


def _year(request, today) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return rules.latest_assessable_year(today)


class AssessmentListView(OrgPermissionMixin, TemplateView):
    """The branches under an organisation with their grade of a year, and the count per grade."""

    template_name = "standing/assessment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = _year(self.request, today)
        rows = selectors.assessment_rows(user=self.request.user, org=self.org, year=year)
        scale = selectors.grade_scale(year=year)
        user = self.request.user
        context.update(
            year=year,
            years=list(range(rules.latest_assessable_year(today), rules.latest_assessable_year(today) - 5, -1)),
            rows=rows,
            counts=selectors.grade_counts(rows, scale),
            can_propose=has_perm_on(user, "standing.manage", self.org) and not rules.assessable(year=year, today=today),
            not_assessed=sum(1 for r in rows if r.assessment is None),
        )
        return context


class AssessmentProposeView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "standing.manage"
    template_name = "standing/assessment_form.html"
    form_class = AssessmentForm

    def dispatch(self, request, *args, **kwargs):
        self.year = kwargs["year"]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404
        kwargs = super().get_form_kwargs()
        kwargs["scale"] = selectors.grade_scale(year=self.year)
        return kwargs

    def get_initial(self):
        existing = self.org.assessments.filter(year=self.year).first()
        initial = {"assessed_on": timezone.localdate()}
        if existing is not None:
            initial.update(grade=existing.grade_id, remarks=existing.remarks)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            year=self.year,
            refused=rules.assessable(year=self.year, today=today),
            evidence=gather(user=self.request.user, branch=self.org, year=self.year, today=today),
            existing=self.org.assessments.filter(year=self.year).first(),
        )
        return context

    def call_service(self, form):
        return services.assessment_propose(by=self.request.user, branch=self.org, year=self.year, **form.cleaned_data)

    def succeeded(self, form, result):
        messages.success(
            self.request,
            _("已评定%(branch)s %(year)d年度等次，待县委组织部确认") % {"branch": self.org.name, "year": self.year},
        )
        return redirect("standing:assessment_detail", assessment_pk=result.pk)


class AssessmentMixin(LoginRequiredMixin):
    permission = "org.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.assessment = selectors.assessment_get(
            user=request.user, pk=kwargs["assessment_pk"], permission=self.permission
        )
        self.org = self.assessment.branch
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(assessment=self.assessment, org=self.org, breadcrumbs=list(org_ancestors(org=self.org)))
        return context


class AssessmentDetailView(AssessmentMixin, TemplateView):
    template_name = "standing/assessment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        can_decide = self.assessment.status == "proposed" and has_perm_on(user, "standing.confirm", self.org)
        context.update(
            can_decide=can_decide,
            can_propose=self.assessment.status != "confirmed" and has_perm_on(user, "standing.manage", self.org),
            confirm_form=kwargs.get("confirm_form") or ConfirmForm(initial={"confirmed_on": timezone.localdate()}),
            return_form=kwargs.get("return_form") or ReturnForm(),
            history=history_entries(self.assessment),
        )
        return context


class _AssessmentDecisionView(AssessmentMixin, ServiceFormMixin, FormView):
    permission = "standing.confirm"
    http_method_names = ["post"]
    form_key = ""

    def form_invalid(self, form):
        view = AssessmentDetailView()
        view.setup(self.request, assessment_pk=self.assessment.pk)
        view.assessment, view.org = self.assessment, self.org
        return view.render_to_response(view.get_context_data(**{self.form_key: form}))

    def succeeded(self, form, result):
        return redirect("standing:assessment_detail", assessment_pk=result.pk)


class AssessmentConfirmView(_AssessmentDecisionView):
    form_class = ConfirmForm
    form_key = "confirm_form"

    def call_service(self, form):
        result = services.assessment_confirm(by=self.request.user, assessment=self.assessment, **form.cleaned_data)
        messages.success(self.request, _("已确认等次"))
        return result


class AssessmentReturnView(_AssessmentDecisionView):
    form_class = ReturnForm
    form_key = "return_form"

    def call_service(self, form):
        result = services.assessment_return(by=self.request.user, assessment=self.assessment, **form.cleaned_data)
        messages.info(self.request, _("已退回乡镇党委重新评定"))
        return result


class RectificationListView(OrgPermissionMixin, TemplateView):
    """The weak and lax branches under an organisation: open ones first, overdue milestones flagged."""

    template_name = "standing/rectification_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = list(selectors.rectification_list(user=self.request.user, org=self.org, today=today))
        context.update(
            today=today,
            rows=rows,
            open_count=sum(1 for r in rows if r.status == "open"),
            can_manage=has_perm_on(self.request.user, "standing.manage", self.org),
        )
        return context


class RectificationOpenView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "standing.manage"
    template_name = "standing/rectification_form.html"
    form_class = RectificationForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["branches"] = self.get_org_queryset().subtree(self.org).branches().active().order_by("path")
        kwargs["criteria"] = WeaknessCriterion.objects.filter(is_active=True).order_by("order", "pk")
        return kwargs

    def get_initial(self):
        initial = {"listed_on": timezone.localdate()}
        if self.org.kind in BRANCH_KINDS:
            initial["branch"] = self.org.pk
        return initial

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self.milestones = MilestoneFormSet(request.POST, prefix="milestones")
        if form.is_valid() and self.milestones.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["milestones"] = getattr(self, "milestones", None) or MilestoneFormSet(prefix="milestones")
        return context

    def call_service(self, form):
        milestones = [
            (f.cleaned_data["title"], f.cleaned_data["due_on"]) for f in self.milestones if f.cleaned_data.get("title")
        ]
        return services.rectification_open(by=self.request.user, milestones=milestones, **form.cleaned_data)

    def succeeded(self, form, result):
        messages.success(self.request, _("已将%(branch)s列入软弱涣散党组织整顿") % {"branch": result.branch.name})
        return redirect("standing:rectification_detail", rectification_pk=result.pk)


class RectificationMixin(LoginRequiredMixin):
    permission = "org.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.rectification = selectors.rectification_get(
            user=request.user, pk=kwargs["rectification_pk"], permission=self.permission
        )
        self.org = self.rectification.branch
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(rectification=self.rectification, org=self.org, breadcrumbs=list(org_ancestors(org=self.org)))
        return context


class RectificationDetailView(RectificationMixin, TemplateView):
    template_name = "standing/rectification_detail.html"

    def get_context_data(self, **kwargs):
        from partywork.dates import quarter_of

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        r = self.rectification
        can_manage = r.status == "open" and has_perm_on(self.request.user, "standing.manage", self.org)
        milestones = list(r.milestones.all())
        for m in milestones:
            m.overdue = rules.milestone_overdue(due_on=m.due_on, done_on=m.done_on, today=today)
        context.update(
            today=today,
            milestones=milestones,
            notes=list(r.progress_notes.select_related("recorded_by").order_by("-year", "-quarter")),
            can_manage=can_manage,
            history=history_entries(r),
        )
        if can_manage:
            context.update(
                progress_form=kwargs.get("progress_form")
                or ProgressForm(initial={"year": today.year, "quarter": quarter_of(today)}),
                milestone_form=kwargs.get("milestone_form") or MilestoneAddForm(),
                done_form=MilestoneDoneForm(initial={"done_on": today}),
                close_form=kwargs.get("close_form") or CloseForm(initial={"closed_on": today}),
                done_errors=kwargs.get("done_errors"),
            )
        return context


class _RectificationActionView(RectificationMixin, ServiceFormMixin, FormView):
    permission = "standing.manage"
    http_method_names = ["post"]
    form_key = ""
    message = ""

    def form_invalid(self, form):
        view = RectificationDetailView()
        view.setup(self.request, rectification_pk=self.rectification.pk)
        view.rectification, view.org = self.rectification, self.org
        return view.render_to_response(view.get_context_data(**{self.form_key: form}))

    def succeeded(self, form, result):
        messages.success(self.request, self.message)
        return redirect("standing:rectification_detail", rectification_pk=self.rectification.pk)


class ProgressRecordView(_RectificationActionView):
    form_class = ProgressForm
    form_key = "progress_form"
    message = gettext_lazy("已记录本季度整顿进展")

    def call_service(self, form):
        return services.progress_record(by=self.request.user, rectification=self.rectification, **form.cleaned_data)


class MilestoneAddView(_RectificationActionView):
    form_class = MilestoneAddForm
    form_key = "milestone_form"
    message = gettext_lazy("已添加整顿任务")

    def call_service(self, form):
        return services.milestone_add(by=self.request.user, rectification=self.rectification, **form.cleaned_data)


class RectificationCloseView(_RectificationActionView):
    form_class = CloseForm
    form_key = "close_form"
    message = gettext_lazy("已验收销号")

    def call_service(self, form):
        return services.rectification_close(by=self.request.user, rectification=self.rectification, **form.cleaned_data)


class MilestoneDoneView(LoginRequiredMixin, ServiceFormMixin, FormView):
    form_class = MilestoneDoneForm
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.milestone = selectors.milestone_get(
            user=request.user, pk=kwargs["milestone_pk"], permission="standing.manage"
        )
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        view = RectificationDetailView()
        rectification = selectors.rectification_get(user=self.request.user, pk=self.milestone.rectification_id)
        view.setup(self.request, rectification_pk=rectification.pk)
        view.rectification, view.org = rectification, rectification.branch
        errors = [e for errors in form.errors.values() for e in errors]
        return view.render_to_response(view.get_context_data(done_errors={self.milestone.pk: errors}))

    def call_service(self, form):
        return services.milestone_done(by=self.request.user, milestone=self.milestone, **form.cleaned_data)

    def succeeded(self, form, result):
        messages.success(self.request, _("已记录整顿任务完成"))
        return redirect("standing:rectification_detail", rectification_pk=self.milestone.rectification_id)
