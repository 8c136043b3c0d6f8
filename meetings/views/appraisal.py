"""Democratic appraisal (民主评议党员): the grades of the members on an appraisal meeting's list."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from branches.mixins import ServiceFormMixin

from .. import services
from ..forms import AppraisalForm
from ..mixins import ScopedMeetingMixin
from ..rules import MeetingKind


class AppraisalView(ScopedMeetingMixin, ServiceFormMixin, FormView):
    """Grades of a democratic appraisal meeting, one row per member on its list."""

    permission = "meetings.write"
    template_name = "meetings/appraisal_form.html"

    def get_form(self, form_class=None):
        if not any(link.kind == MeetingKind.APPRAISAL for link in self.meeting.kinds.all()):
            raise Http404
        members = [a.member for a in self.meeting.attendances.all() if a.choice != "not_expected"]
        grades = {g.member_id: g for g in self.meeting.grades.all()}
        return AppraisalForm(members=members, initial_grades=grades, **self.get_form_kwargs())

    def call_service(self, form):
        return services.appraisal_record(meeting=self.meeting, by=self.request.user, grades=form.grades())

    def succeeded(self, form, grades):
        messages.success(self.request, _("已保存民主评议结果。"))
        return redirect("meetings:meeting_detail", meeting_pk=self.meeting.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "meeting": self.meeting}
