from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from branches.mixins import OrgPermissionMixin, TopOrgRedirectView

from .schedule import job_label
from .selectors import digest_items, digest_list, reminder_log
from .services import digest_mark_read


class DigestListView(LoginRequiredMixin, ListView):
    template_name = "notices/digest_list.html"
    context_object_name = "digests"
    paginate_by = 30

    def get_queryset(self):
        return digest_list(user=self.request.user, unread_only=self.request.GET.get("unread") == "1")


class DigestDetailView(LoginRequiredMixin, DetailView):
    """One digest: its items by organisation and kind, each with the link to the page that clears it."""

    template_name = "notices/digest_detail.html"
    context_object_name = "digest"
    pk_url_kwarg = "digest_pk"

    def get_queryset(self):
        return digest_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = digest_items(digest=self.object)
        context["job_label"] = job_label(self.object.job)
        return context


class DigestReadView(LoginRequiredMixin, View):
    def post(self, request, digest_pk):
        digest = get_object_or_404(digest_list(user=request.user), pk=digest_pk)
        digest_mark_read(user=request.user, digest_id=digest.pk)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "notices:notification_list"
        return redirect(target)


class ReminderLogEntryView(TopOrgRedirectView):
    """提醒记录: the log of the highest organisation the user may see."""

    permission = "org.view"
    pattern_name = "notices:reminder_log"


class ReminderLogView(OrgPermissionMixin, ListView):
    """The reminder log of an organisation and everything under it: what was sent to whom and when."""

    permission = "org.view"
    template_name = "notices/reminder_log.html"
    context_object_name = "items"
    paginate_by = 50

    def get_queryset(self):
        return reminder_log(org=self.org, kind=self.request.GET.get("kind", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumb_tail"] = _("提醒记录")
        return context
