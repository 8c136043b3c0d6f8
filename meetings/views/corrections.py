"""Correcting a saved meeting record or its attendance grid (issue 10 item 15): by its recorder or the township,
with a reason, inside the county's correction window; the history keeps what was there before."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from branches.mixins import ServiceFormMixin
from members.models import Member

from .. import selectors, services
from ..forms import AttendanceCorrectionForm, MeetingCorrectionForm
from ..mixins import ScopedMeetingMixin


class _CorrectionView(ScopedMeetingMixin, ServiceFormMixin, FormView):
    permission = "meetings.write"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "meeting": self.meeting,
            "org": self.meeting.group or self.meeting.organization,
            "crumb_tail": _("更正"),
        }

    def succeeded(self, form, result):
        messages.success(self.request, _("已更正，原值和更正原因已记入变更记录。"))
        return redirect("meetings:meeting_detail", meeting_pk=self.meeting.pk)


class MeetingCorrectView(_CorrectionView):
    template_name = "meetings/meeting_correct.html"

    def get_form(self, form_class=None):
        branch = self.meeting.organization
        return MeetingCorrectionForm(
            branch_members=Member.objects.active().filter(branch=branch).order_by("name_pinyin"),
            lecturers=selectors.lecturer_choices(branch=branch),
            **self.get_form_kwargs(),
        )

    def get_initial(self):
        return {key: getattr(self.meeting, key) for key in services.CORRECTABLE_FIELDS}

    def call_service(self, form):
        return services.meeting_correct(
            meeting=self.meeting, by=self.request.user, reason=form.cleaned_data["reason"], **form.changes()
        )


class AttendanceCorrectView(_CorrectionView):
    template_name = "meetings/attendance_correct.html"

    def get_form(self, form_class=None):
        return AttendanceCorrectionForm(rows=self.meeting.attendances.all(), **self.get_form_kwargs())

    def call_service(self, form):
        return services.attendance_correct(
            meeting=self.meeting, by=self.request.user, reason=form.cleaned_data["reason"], attendance=form.attendance()
        )
