from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin
from branches.rules import OrgKind
from branches.scoping import has_perm_on, orgs_for
from branches.selectors import org_ancestors
from branches.views import apply_validation_error
from members.models import Member
from partywork.dates import quarter_of
from partywork.jobs import job_start

from . import selectors, services
from .forms import (
    AppraisalForm,
    AttachmentForm,
    MeetingForm,
    RemoteSessionForm,
    RemoteSiteForm,
    ResolutionFormSet,
    YearForm,
    month_from,
    resolution_rows,
)
from .models import MeetingAttachment
from .rules import QUARTER_NAMES, MeetingKind

BRANCH_KINDS = (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)
TOWNSHIP_KINDS = (OrgKind.TOWNSHIP, OrgKind.COMMITTEE)


class ScopedMeetingMixin(LoginRequiredMixin):
    """Loads `self.meeting` from the URL through the user's scope for `permission`: outside it, 404."""

    permission = "meetings.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.meeting = selectors.meeting_get(user=request.user, pk=kwargs["meeting_pk"], permission=self.permission)
        except selectors.Meeting.DoesNotExist as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)


class MeetingIndexView(PermissionAnywhereMixin, TemplateView):
    """Where a user starts: the townships and branches in scope, with their meetings and compliance."""

    permission = "meetings.view"
    template_name = "meetings/meeting_index.html"

    def get_context_data(self, **kwargs):
        orgs = (
            orgs_for(self.request.user, "meetings.view")
            .filter(is_active=True, kind__in=(*TOWNSHIP_KINDS, *BRANCH_KINDS))
            .order_by("path")
        )
        return {**super().get_context_data(**kwargs), "orgs": orgs, "township_kinds": TOWNSHIP_KINDS}


class MeetingListView(OrgPermissionMixin, TemplateView):
    """A branch's (or party group's) meetings of one year."""

    permission = "meetings.view"
    template_name = "meetings/meeting_list.html"

    def get_context_data(self, **kwargs):
        if self.org.kind not in (*BRANCH_KINDS, OrgKind.GROUP):
            raise Http404
        today = timezone.localdate()
        year = YearForm.year_from(self.request, today.year)
        user = self.request.user
        groups = []
        if self.org.kind in BRANCH_KINDS:
            groups = orgs_for(user, "meetings.view").filter(
                path__startswith=self.org.path, kind=OrgKind.GROUP, is_active=True
            )
        return {
            **super().get_context_data(**kwargs),
            "meetings": selectors.org_meetings(user=user, org=self.org, year=year),
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "groups": groups,
            "can_write": has_perm_on(user, "meetings.write", self.org),
            "is_branch": self.org.kind in BRANCH_KINDS,
            "crumb_tail": _("会议记录"),
        }


class MeetingCreateView(OrgPermissionMixin, TemplateView):
    """Log a meeting with its attendance grid and resolutions in one submission."""

    permission = "meetings.write"
    template_name = "meetings/meeting_form.html"

    def _forms(self, data=None):
        if self.org.kind not in (*BRANCH_KINDS, OrgKind.GROUP):
            raise Http404
        branch = selectors.branch_of(self.org)
        attendees = selectors.should_attend(org=self.org)
        branch_members = Member.objects.active().filter(branch=branch).order_by("name_pinyin")
        initial = {
            "held_on": timezone.localdate(),
            "kinds": [MeetingKind.GROUP] if self.org.kind == OrgKind.GROUP else [],
        }
        form = MeetingForm(data, org=self.org, attendees=attendees, branch_members=branch_members, initial=initial)
        formset = ResolutionFormSet(data, prefix="res")
        return form, formset

    def get(self, request, *args, **kwargs):
        form, formset = self._forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form, formset = self._forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                meeting = services.meeting_create(
                    org=self.org,
                    by=request.user,
                    attendance=form.attendance(),
                    resolutions=resolution_rows(formset),
                    **form.meeting_data(),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                if meeting.is_late_entry:
                    messages.warning(request, _("已保存会议记录。该记录登记时间晚于会议日期，已标记为补录。"))
                else:
                    messages.success(request, _("已保存会议记录。"))
                return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset), status=200)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumb_tail": _("登记会议")}


class MeetingDetailView(ScopedMeetingMixin, TemplateView):
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        can_write = has_perm_on(self.request.user, "meetings.write", self.meeting.organization)
        form = AttachmentForm() if can_write else None
        return {**super().get_context_data(**kwargs), **_detail_context(self.meeting, can_write, form)}


def _detail_context(meeting, can_write: bool, attachment_form) -> dict:
    org = meeting.group or meeting.organization
    return {
        "meeting": meeting,
        "org": org,
        "breadcrumbs": list(org_ancestors(org=org)),
        "kinds": [link.get_kind_display() for link in meeting.kinds.all()],
        "is_appraisal": any(link.kind == MeetingKind.APPRAISAL for link in meeting.kinds.all()),
        "can_write": can_write,
        "attachment_form": attachment_form,
        "history": history_entries(meeting),
        "rate": _rate(meeting),
        "crumb_tail": meeting.topic,
    }


def _rate(meeting):
    from .rules import attendance_rate

    return attendance_rate(present=meeting.present, should=meeting.should_attend)


class MeetingPrintView(ScopedMeetingMixin, TemplateView):
    """The record in the usual paper layout (会议记录), with signature lines."""

    template_name = "meetings/meeting_print.html"

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        rows = list(meeting.attendances.all())
        return {
            **super().get_context_data(**kwargs),
            "meeting": meeting,
            "kinds": "、".join(link.get_kind_display() for link in meeting.kinds.all()),
            "present_names": "、".join(a.member.name for a in rows if a.present),
            "absentees": [a for a in rows if not a.present and a.choice != "not_expected"],
            "rate": _rate(meeting),
        }


class AttachmentCreateView(ScopedMeetingMixin, View):
    permission = "meetings.write"

    def post(self, request, *args, **kwargs):
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.attachment_add(
                    meeting=self.meeting,
                    by=request.user,
                    upload=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("已上传附件。"))
                return redirect("meetings:meeting_detail", meeting_pk=self.meeting.pk)
        context = _detail_context(self.meeting, True, form)
        return render(request, "meetings/meeting_detail.html", context)


class AttachmentDownloadView(LoginRequiredMixin, View):
    def get(self, request, attachment_pk):
        attachment = (
            MeetingAttachment.objects.filter(meeting__in=selectors.meeting_list(user=request.user).values("pk"))
            .filter(pk=attachment_pk)
            .first()
        )
        if attachment is None:
            raise Http404
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=attachment.content_type == "application/pdf",
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )


class AppraisalView(ScopedMeetingMixin, TemplateView):
    """Grades of a democratic appraisal meeting, one row per member on its list."""

    permission = "meetings.write"
    template_name = "meetings/appraisal_form.html"

    def _form(self, data=None):
        if not any(link.kind == MeetingKind.APPRAISAL for link in self.meeting.kinds.all()):
            raise Http404
        members = [a.member for a in self.meeting.attendances.all() if a.choice != "not_expected"]
        grades = {g.member_id: g for g in self.meeting.grades.all()}
        return AppraisalForm(data, members=members, initial_grades=grades)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.appraisal_record(meeting=self.meeting, by=request.user, grades=form.grades())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("已保存民主评议结果。"))
                return redirect("meetings:meeting_detail", meeting_pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "meeting": self.meeting}


class LedgerExportView(OrgPermissionMixin, View):
    """Start the yearly meeting ledger (台账) export of a branch as a job."""

    permission = "meetings.view"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404
        year = YearForm.year_from(request, timezone.localdate().year)
        if "year" in request.POST:
            form = YearForm(request.POST)
            year = form.cleaned_data["year"] if form.is_valid() else year
        job = job_start(user=request.user, kind="meetings.ledger", organization=self.org, params={"year": year})
        return redirect("job_detail", job_pk=job.pk)


class BranchComplianceView(OrgPermissionMixin, TemplateView):
    """A branch's year as a calendar grid: months × kinds, coloured by status."""

    permission = "meetings.view"
    template_name = "meetings/compliance_branch.html"

    def get_context_data(self, **kwargs):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404
        today = timezone.localdate()
        year = YearForm.year_from(self.request, today.year)
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "months": list(range(1, 13)),
            "rows": selectors.branch_year_grid(branch=self.org, year=year, today=today),
            "crumb_tail": _("组织生活落实情况"),
        }


class TownshipComplianceView(OrgPermissionMixin, TemplateView):
    """A township's quarter: branches × kinds, red/amber/green with the reason in words."""

    permission = "meetings.view"
    template_name = "meetings/compliance_township.html"

    def get_context_data(self, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        today = timezone.localdate()
        year = YearForm.year_from(self.request, today.year)
        try:
            quarter = int(self.request.GET.get("quarter", ""))
        except ValueError:
            quarter = quarter_of(today) if year == today.year else 4
        quarter = min(max(quarter, 1), 4)
        rule_list, rows = selectors.township_quarter_table(
            user=self.request.user, township=self.org, year=year, quarter=quarter, today=today
        )
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "quarter": quarter,
            "quarter_name": QUARTER_NAMES[quarter],
            "quarters": [(q, QUARTER_NAMES[q]) for q in range(1, 5)],
            "kind_labels": [r.label for r in rule_list],
            "rows": rows,
            "crumb_tail": _("组织生活落实情况"),
        }


class RemoteSiteListView(OrgPermissionMixin, TemplateView):
    """A township's remote-education sites with one month's figures against the local minimums."""

    permission = "meetings.view"
    template_name = "meetings/remote_site_list.html"

    def get_context_data(self, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        month = month_from(self.request, timezone.localdate())
        standard = selectors.standard_for_year(month.year)
        return {
            **super().get_context_data(**kwargs),
            "month": month,
            "figures": selectors.remote_month_figures(user=self.request.user, org=self.org, month=month),
            "standard": standard,
            "can_write": has_perm_on(self.request.user, "meetings.write", self.org)
            and selectors.township_of(self.org) is not None,
            "crumb_tail": _("远程教育"),
        }


class RemoteSiteCreateView(OrgPermissionMixin, TemplateView):
    permission = "meetings.write"
    template_name = "meetings/remote_site_form.html"

    def _form(self, data=None):
        if self.org.kind == OrgKind.GROUP or selectors.township_of(self.org) is None:
            raise Http404
        branches = orgs_for(self.request.user, "meetings.write").filter(
            path__startswith=self.org.path, kind__in=BRANCH_KINDS, is_active=True
        )
        return RemoteSiteForm(data, branches=branches)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.remote_site_create(
                    township=selectors.township_of(self.org), by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("已新建播放点。"))
                return redirect("meetings:remote_site_list", org_pk=self.org.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumb_tail": _("新建播放点")}


class RemoteSessionCreateView(LoginRequiredMixin, TemplateView):
    """Log a viewing session of a site and see the site's sessions of the month."""

    template_name = "meetings/remote_session_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.site = selectors.remote_site_list(user=request.user).filter(pk=kwargs["site_pk"]).first()
        if self.site is None:
            raise Http404
        self.can_write = has_perm_on(request.user, "meetings.write", self.site.branch)
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        members = Member.objects.active().filter(branch=self.site.branch).order_by("name_pinyin")
        return RemoteSessionForm(data, members=members, initial={"held_on": timezone.localdate()})

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, *args, **kwargs):
        if not self.can_write:
            raise Http404
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.remote_session_create(
                    site=self.site,
                    by=request.user,
                    held_on=data["held_on"],
                    minutes=data["minutes"],
                    content=data["content"],
                    viewers=list(data["viewers"]),
                    other_viewers=data["other_viewers"] or 0,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("已登记播放记录。"))
                return redirect("meetings:remote_session_create", site_pk=self.site.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        month = month_from(self.request, timezone.localdate())
        return {
            **super().get_context_data(**kwargs),
            "site": self.site,
            "org": self.site.township,
            "month": month,
            "sessions": selectors.remote_sessions(site=self.site, month=month),
            "can_write": self.can_write,
            "crumb_tail": self.site.name,
        }
