from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView

from .jobs import job_list, kind_label
from .models import Job


class JobDetailView(LoginRequiredMixin, DetailView):
    """The job page; with htmx it polls its own progress fragment until the file is ready."""

    pk_url_kwarg = "job_pk"
    context_object_name = "job"

    def get_queryset(self):
        return job_list(user=self.request.user)

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["partywork/fragments/_job_status.html"]
        return ["partywork/job_detail.html"]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "label": kind_label(self.object.kind)}


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request, job_pk):
        job = get_object_or_404(job_list(user=request.user), pk=job_pk)
        if job.status != Job.Status.DONE or not job.result:
            raise Http404
        return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
