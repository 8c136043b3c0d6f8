"""Meetings of an organisation: the index, a year's list, logging a meeting with its attendance and
resolutions, the record (on screen and printable), its attachments, and the yearly ledger export."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin, ServiceFormMixin
from branches.rules import BRANCH_KINDS, TOWNSHIP_KINDS, OrgKind
from branches.scoping import has_perm_on, orgs_for
from branches.selectors import org_ancestors
from members.models import Member
from partywork.jobs import job_start

from .. import selectors, services
from ..forms import AttachmentForm, MeetingForm, ResolutionFormSet, YearForm, resolution_rows
from ..mixins import ScopedMeetingMixin
from ..models import MeetingAttachment
from ..rules import MeetingKind, attendance_rate


class MeetingIndexView(PermissionAnywhereMixin, TemplateView):
    """Where a user starts: the townships and branches in scope, with their meetings and compliance."""

    permission = "meetings.view"
    template_name = "meetings/meeting_index.html"

    def get_context_data(self, **kwargs):
        orgs = (
            orgs_for(self.request.user, "meetings.view")
            .active()
            .filter(kind__in=(*TOWNSHIP_KINDS, *BRANCH_KINDS))
            .order_by("path")
        )
        return {**super().get_context_data(**kwargs), "orgs": orgs, "township_kinds": TOWNSHIP_KINDS}


class MeetingListView(OrgPermissionMixin, TemplateView):
    """A branch's (or party group's) meetings of one year."""

    permission = "meetings.view"
    template_name = "meetings/meeting_list.html"

    def get_context_data(self, **kwargs):
        if self.org.kind not in (*BRANCH_KINDS, OrgKind.GROUP, *TOWNSHIP_KINDS):
            raise Http404
        today = timezone.localdate()
        year = YearForm.year_from(self.request, today.year)
        user = self.request.user
        groups = []
        if self.org.kind in BRANCH_KINDS:
            groups = orgs_for(user, "meetings.view").subtree(self.org).groups().active()
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


class MeetingCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    """Log a meeting with its attendance grid and resolutions in one submission."""

    permission = "meetings.write"
    template_name = "meetings/meeting_form.html"

    def get_initial(self):
        return {
            "held_on": timezone.localdate(),
            "kinds": [MeetingKind.GROUP] if self.org.kind == OrgKind.GROUP else [],
        }

    def get_form(self, form_class=None):
        if self.org.kind not in (*BRANCH_KINDS, OrgKind.GROUP, *TOWNSHIP_KINDS):
            raise Http404
        branch = selectors.branch_of(self.org)
        attendees = selectors.should_attend(org=self.org)
        if self.org.kind in TOWNSHIP_KINDS:
            # The township committee's own meeting: its committee members attend, host and record it.
            branch_members = attendees
        else:
            branch_members = Member.objects.active().filter(branch=branch).order_by("name_pinyin")
        return MeetingForm(
            org=self.org,
            attendees=attendees,
            branch_members=branch_members,
            lecturers=branch_members if self.org.kind in TOWNSHIP_KINDS else selectors.lecturer_choices(branch=branch),
            **self.get_form_kwargs(),
        )

    def get_formset(self):
        if not hasattr(self, "_formset"):
            self._formset = ResolutionFormSet(
                self.request.POST if self.request.method == "POST" else None, prefix="res"
            )
        return self._formset

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and self.get_formset().is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def call_service(self, form):
        return services.meeting_create(
            org=self.org,
            by=self.request.user,
            attendance=form.attendance(),
            resolutions=resolution_rows(self.get_formset()),
            **form.meeting_data(),
        )

    def succeeded(self, form, meeting):
        if meeting.is_late_entry:
            messages.warning(self.request, _("已保存会议记录。该记录登记时间晚于会议日期，已标记为补录。"))
        else:
            messages.success(self.request, _("已保存会议记录。"))
        return redirect("meetings:meeting_detail", meeting_pk=meeting.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "formset": self.get_formset(), "crumb_tail": _("登记会议")}


def _detail_context(meeting, can_write: bool, attachment_form) -> dict:
    org = meeting.group or meeting.organization
    return {
        "meeting": meeting,
        "org": org,
        "breadcrumbs": list(org_ancestors(org=org)),
        "kinds": [link.get_kind_display() for link in meeting.kinds.all()],
        "is_appraisal": any(link.kind == MeetingKind.APPRAISAL for link in meeting.kinds.all()),
        "can_write": can_write,
        "can_correct": can_write,
        "attachment_form": attachment_form,
        "history": sorted(
            [*history_entries(meeting), *selectors.attendance_corrections(meeting=meeting)],
            key=lambda entry: entry.when,
            reverse=True,
        ),
        "rate": _rate(meeting),
        "crumb_tail": meeting.topic,
    }


def _rate(meeting):
    return attendance_rate(present=meeting.present, should=meeting.should_attend)


class MeetingDetailView(ScopedMeetingMixin, TemplateView):
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        can_write = has_perm_on(self.request.user, "meetings.write", self.meeting.organization)
        form = AttachmentForm() if can_write else None
        return {**super().get_context_data(**kwargs), **_detail_context(self.meeting, can_write, form)}


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


class AttachmentCreateView(ScopedMeetingMixin, ServiceFormMixin, View):
    """Upload from the record's page; a refused file shows that page again with the form's errors."""

    permission = "meetings.write"

    def post(self, request, *args, **kwargs):
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_invalid(self, form):
        return render(self.request, "meetings/meeting_detail.html", _detail_context(self.meeting, True, form))

    def call_service(self, form):
        data = form.cleaned_data
        return services.attachment_add(
            meeting=self.meeting, by=self.request.user, upload=data["file"], kind=data["kind"]
        )

    def succeeded(self, form, attachment):
        messages.success(self.request, _("已上传附件。"))
        return redirect("meetings:meeting_detail", meeting_pk=self.meeting.pk)


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
