"""Start the year-end files from a dashboard; the job page shows the progress and offers the download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View

from branches.mixins import OrgPermissionMixin
from branches.rules import OrgKind
from reports.tree import PERMISSION

from . import services
from .forms import YearendForm


class YearendExportView(OrgPermissionMixin, View):
    """POST: queue the year-end workbook or summary draft of the organisation (reports.view on it)."""

    permission = PERMISSION
    http_method_names = ["post"]

    def get_org_queryset(self):
        return super().get_org_queryset().filter(is_active=True).exclude(kind=OrgKind.GROUP)

    def post(self, request, *args, **kwargs):
        form = YearendForm(request.POST)
        back = redirect("reports:dashboard", org_pk=self.org.pk)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return back
        try:
            job = services.yearend_start(
                user=request.user,
                org=self.org,
                year=form.cleaned_data["year"],
                what=form.cleaned_data["what"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return back
        return redirect("job_detail", job_pk=job.pk)
