from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, ServiceFormMixin, TopOrgRedirectView
from branches.models import Organization
from branches.rules import BRANCH_KINDS, MEMBER_HOLDING_KINDS, TOWNSHIP_KINDS, OrgKind
from branches.scoping import has_perm_on, scope_q
from branches.selectors import org_ancestors
from members.models import SENSITIVE_FIELDS, Member
from partywork.jobs import job_start
from partywork.localrules import local_rules

from . import rules, selectors, services
from .corrections import may_correct, step_correct, step_correction_deadline
from .exports import KIND
from .forms import ApplicantForm, CloseForm, ExceptionForm, StepCorrectForm, StepForm, TargetForm
from .models import Applicant, RuleSet, StepCorrection


class IndexView(TopOrgRedirectView):
    """The pipeline of the highest organisation in the user's scope."""

    permission = "recruitment.view"
    pattern_name = "recruitment:applicant_board"


class BoardView(OrgPermissionMixin, TemplateView):
    permission = "recruitment.view"
    template_name = "recruitment/applicant_board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, today = self.request.user, timezone.localdate()
        context.update(
            board=selectors.pipeline_board(user=user, org=self.org, today=today),
            today=today,
            can_create=self.org.kind in MEMBER_HOLDING_KINDS and has_perm_on(user, "recruitment.write", self.org),
            is_branch=self.org.kind in MEMBER_HOLDING_KINDS,
            show_targets=self.org.kind in (OrgKind.COUNTY, *TOWNSHIP_KINDS),
        )
        return context


class ApplicantCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "recruitment.write"
    template_name = "recruitment/applicant_form.html"
    form_class = ApplicantForm

    def get_org_queryset(self):
        return super().get_org_queryset().branches().active()

    def call_service(self, form):
        return services.applicant_create(by=self.request.user, branch=self.org, **form.cleaned_data)

    def succeeded(self, form, applicant):
        messages.success(self.request, _("已为%(name)s建立入党申请人档案。") % {"name": applicant.name})
        return redirect("recruitment:applicant_detail", applicant_pk=applicant.pk)


class ApplicantMixin(LoginRequiredMixin):
    """Loads `self.applicant` through the scoped selector for `permission`: outside the scope, 404."""

    permission = "recruitment.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.applicant = selectors.applicant_get(
                user=request.user, pk=kwargs["applicant_pk"], permission=self.permission
            )
        except Applicant.DoesNotExist as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        branch = self.applicant.branch
        context.update(
            applicant=self.applicant,
            org=branch,
            breadcrumbs=list(org_ancestors(org=branch)),
            status=selectors.file_status(
                self.applicant, today=timezone.localdate(), rulesets=list(RuleSet.objects.all())
            ),
        )
        return context


class ApplicantDetailView(ApplicantMixin, TemplateView):
    template_name = "recruitment/applicant_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, branch = self.request.user, self.applicant.branch
        status = context["status"]
        can_approve = has_perm_on(user, "recruitment.approve", branch)
        due = status.due
        context.update(
            exceptions=list(self.applicant.rule_exceptions.all()),
            can_write=has_perm_on(user, "recruitment.write", branch)
            and due is not None
            and (due.number not in rules.APPROVAL_STEPS or can_approve),
            can_close=has_perm_on(user, "recruitment.write", branch)
            and not self.applicant.closed_on
            and not self.applicant.member_id,
            awaiting_approval=due is not None and due.number in rules.APPROVAL_STEPS and not can_approve,
            can_approve=can_approve,
            repeat_step=self._repeatable(status),
            history=history_entries(self.applicant, hidden=SENSITIVE_FIELDS),
        )
        self._corrections(status.steps)
        return context

    def _corrections(self, steps) -> None:
        """Each step's corrections and whether this user may correct it (issue 10 item 15): two queries."""
        user, branch, today = self.request.user, self.applicant.branch, timezone.localdate()
        window = local_rules(on=today).correction_window_days
        by_step: dict[int, list] = {}
        for correction in StepCorrection.objects.filter(step__applicant=self.applicant).select_related("corrected_by"):
            by_step.setdefault(correction.step_id, []).append(correction)
        writes = has_perm_on(user, "recruitment.write", branch)
        for step in steps:
            step.correction_list = by_step.get(step.pk, [])
            step.correctable = writes and may_correct(user, step, branch=branch, today=today, window_days=window)

    def _repeatable(self, status):
        """A repeatable step (assessments) may be recorded again while it is the latest one."""
        if status.steps and rules.STEP[status.steps[-1].number].repeatable and status.due:
            number = max(s.number for s in status.steps)
            if rules.STEP[number].repeatable and status.due.number != number:
                return number
        return None


class StepCreateView(ApplicantMixin, ServiceFormMixin, FormView):
    permission = "recruitment.write"
    template_name = "recruitment/step_form.html"

    def get_number(self) -> int:
        status = selectors.file_status(self.applicant, today=timezone.localdate(), rulesets=list(RuleSet.objects.all()))
        if status.due is None:
            raise Http404
        raw = self.request.POST.get("number") or self.request.GET.get("number")
        try:
            number = int(raw) if raw else status.due.number
        except ValueError as error:
            raise Http404 from error
        if number not in rules.STEP:
            raise Http404
        if number in rules.APPROVAL_STEPS and not has_perm_on(
            self.request.user, "recruitment.approve", self.applicant.branch
        ):
            raise PermissionDenied
        return number

    def get_form(self, form_class=None):
        self.number = self.get_number()
        people = selectors.people_choices(user=self.request.user, applicant=self.applicant, number=self.number)
        return StepForm(number=self.number, branch=self.applicant.branch, people=people, **self.get_form_kwargs())

    def call_service(self, form):
        data = dict(form.cleaned_data)
        return services.step_record(by=self.request.user, applicant=self.applicant, number=self.number, **data)

    def succeeded(self, form, step):
        messages.success(self.request, _("已登记%(step)s。") % {"step": step.title})
        if step.notice_workdays_note:
            messages.warning(self.request, step.notice_workdays_note)
        if step.number == rules.ADMISSION_APPROVAL:
            messages.success(self.request, _("已将%(name)s编入党员名册（预备党员）。") % {"name": self.applicant.name})
            member_id = type(self.applicant).objects.values_list("member_id", flat=True).get(pk=self.applicant.pk)
            messages.info(
                self.request,
                format_html(
                    _('预备党员从入党当月起交纳党费：<a href="{}">核定党费标准</a>'),
                    reverse("dues:member_standard", kwargs={"member_pk": member_id}),
                ),
            )
        return redirect("recruitment:applicant_detail", applicant_pk=self.applicant.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(number=self.number, step_title=rules.step_name(self.number))
        return context


class StepCorrectView(ApplicantMixin, ServiceFormMixin, FormView):
    """Correct a recorded step with a reason (issue 10 item 15): its recorder or the township, within the
    county's correction window; the service decides, the page says beforehand."""

    permission = "recruitment.write"
    template_name = "recruitment/step_correct.html"

    def get_step(self):
        if not hasattr(self, "step"):
            self.step = get_object_or_404(self.applicant.steps.select_related("recorded_by"), pk=self.kwargs["step_pk"])
        return self.step

    def get_initial(self):
        step = self.get_step()
        fields = ("on", "participants", "document", "notes", *StepForm.STEP_FIELDS)
        initial = {f: getattr(step, f) for f in fields if f != "people"}
        initial["people"] = [p.pk for p in step.people.all()]
        return initial

    def get_form(self, form_class=None):
        step = self.get_step()
        people = selectors.people_choices(user=self.request.user, applicant=self.applicant, number=step.number)
        # The people named on the step stay offered, with those the user may name now.
        people = (
            Member.objects.filter(Q(pk__in=people.values("pk")) | Q(pk__in=step.people.values("pk")))
            .select_related("branch")
            .order_by("branch__path", "name_pinyin", "pk")
        )
        return StepCorrectForm(
            number=step.number, branch=self.applicant.branch, people=people, **self.get_form_kwargs()
        )

    def call_service(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        people = data.pop("people") if "people" in form.fields else None
        return step_correct(by=self.request.user, step=self.get_step(), reason=reason, people=people, **data)

    def succeeded(self, form, step):
        messages.success(self.request, _("已更正%(step)s，原值和更正原因已记入变更记录。") % {"step": step.title})
        return redirect("recruitment:applicant_detail", applicant_pk=self.applicant.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        step, user, today = self.get_step(), self.request.user, timezone.localdate()
        window = local_rules(on=today).correction_window_days
        context.update(
            step=step,
            deadline=step_correction_deadline(step, today=today),
            allowed=may_correct(user, step, branch=self.applicant.branch, today=today, window_days=window),
        )
        return context


class StepFileView(LoginRequiredMixin, View):
    """The scanned document of a step, for those who may see the file."""

    def get(self, request, applicant_pk, step_pk):
        try:
            step = selectors.step_get(user=request.user, applicant_pk=applicant_pk, pk=step_pk)
        except selectors.Step.DoesNotExist as error:
            raise Http404 from error
        if not step.document_file:
            raise Http404
        return FileResponse(step.document_file.open("rb"), as_attachment=True)


class ApplicantCloseView(ApplicantMixin, ServiceFormMixin, FormView):
    permission = "recruitment.write"
    template_name = "recruitment/applicant_close.html"
    form_class = CloseForm

    def call_service(self, form):
        return services.applicant_close(by=self.request.user, applicant=self.applicant, **form.cleaned_data)

    def succeeded(self, form, applicant):
        messages.success(self.request, _("已终止该档案。"))
        return redirect("recruitment:applicant_detail", applicant_pk=self.applicant.pk)


class ExceptionCreateView(ApplicantMixin, ServiceFormMixin, FormView):
    permission = "recruitment.approve"
    template_name = "recruitment/exception_form.html"
    form_class = ExceptionForm

    def call_service(self, form):
        return services.exception_record(by=self.request.user, applicant=self.applicant, **form.cleaned_data)

    def succeeded(self, form, exception):
        messages.success(self.request, _("已登记规则例外。"))
        return redirect("recruitment:applicant_detail", applicant_pk=self.applicant.pk)


class LedgerExportView(OrgPermissionMixin, View):
    permission = "recruitment.view"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job = job_start(user=request.user, kind=KIND, organization=self.org)
        return redirect("job_detail", job_pk=job.pk)


class TargetListView(OrgPermissionMixin, TemplateView):
    permission = "recruitment.view"
    template_name = "recruitment/target_list.html"

    def get_year(self) -> int:
        try:
            return int(self.request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            return timezone.localdate().year

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        user = self.request.user
        orgs = list(selectors.target_list(user=user, org=self.org, year=year))
        for org in orgs:
            permission = services.target_setter_permission(org)
            org.can_set = permission is not None and has_perm_on(user, permission, org)
        context.update(year=year, orgs=orgs)
        return context


class TargetSetView(OrgPermissionMixin, ServiceFormMixin, FormView):
    """The county sets a township's yearly target, the township a branch's."""

    template_name = "recruitment/target_form.html"
    form_class = TargetForm

    def get_org_queryset(self):
        user = self.request.user
        return Organization.objects.filter(
            (scope_q(user, "rules.manage", field="") & Q(kind__in=TOWNSHIP_KINDS))
            | (scope_q(user, "recruitment.approve", field="") & Q(kind__in=BRANCH_KINDS))
        )

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def call_service(self, form):
        return services.target_set(by=self.request.user, organization=self.org, **form.cleaned_data)

    def succeeded(self, form, target):
        messages.success(self.request, _("已保存年度计划。"))
        above = org_ancestors(org=self.org).last()
        url = reverse("recruitment:target_list", kwargs={"org_pk": above.pk if above else self.org.pk})
        return redirect(f"{url}?year={form.cleaned_data['year']}")
