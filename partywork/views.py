from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView, TemplateView

from branches.selectors import user_roles

from .home import render_context as home_cards
from .jobs import job_list, kind_label
from .models import Job


class WorkbenchView(LoginRequiredMixin, TemplateView):
    """The workbench (home page): the user's roles, then the cards the apps contribute (partywork/home.py)."""

    template_name = "partywork/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = user_roles(user=self.request.user)
        context["cards"] = home_cards(self.request)
        return context


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
