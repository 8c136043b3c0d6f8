import io
import sys

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template import loader
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from branches.selectors import user_roles

from .home import render_context as home_cards
from .jobs import job_file, job_list, job_retry, kind_label
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
        response = FileResponse(io.BytesIO(job_file(job=job)), as_attachment=True, filename=job.result_name)
        response["Cache-Control"] = "no-store"
        return response


class JobRetryView(LoginRequiredMixin, View):
    """Send a failed or interrupted job again (the owner's own jobs only)."""

    def post(self, request, job_pk):
        job = get_object_or_404(job_list(user=request.user), pk=job_pk)
        if job_retry(job=job):
            messages.info(request, _("已重新提交任务。"))
        return redirect("job_detail", job_pk=job.pk)


OUTAGES = (DatabaseError, KombuError, RedisError, ConnectionError)


def server_error(request):
    """handler500: a database or broker outage answers 503 in Chinese (retry later), anything else 500; the
    templates stand alone, so the page renders while the database is down."""
    error = sys.exc_info()[1]
    outage = isinstance(error, OUTAGES)
    template = loader.get_template("503.html" if outage else "500.html")
    response = HttpResponse(template.render(), status=503 if outage else 500)
    if outage:
        response["Retry-After"] = "60"
    return response
