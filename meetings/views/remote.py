"""Remote education (远程教育): a township's viewing sites with their month's figures, and their sessions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from branches.mixins import OrgPermissionMixin, ServiceFormMixin
from branches.rules import OrgKind
from branches.scoping import has_perm_on, orgs_for
from members.models import Member

from .. import selectors, services
from ..forms import RemoteSessionForm, RemoteSiteForm, month_from


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


class RemoteSiteCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "meetings.write"
    template_name = "meetings/remote_site_form.html"

    def get_form(self, form_class=None):
        if self.org.kind == OrgKind.GROUP or selectors.township_of(self.org) is None:
            raise Http404
        branches = orgs_for(self.request.user, "meetings.write").subtree(self.org).branches().active()
        return RemoteSiteForm(branches=branches, **self.get_form_kwargs())

    def call_service(self, form):
        township = selectors.township_of(self.org)
        return services.remote_site_create(township=township, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, site):
        messages.success(self.request, _("已新建播放点。"))
        return redirect("meetings:remote_site_list", org_pk=self.org.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumb_tail": _("新建播放点")}


class RemoteSessionCreateView(LoginRequiredMixin, ServiceFormMixin, FormView):
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

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def get_form(self, form_class=None):
        members = Member.objects.active().filter(branch=self.site.branch).order_by("name_pinyin")
        return RemoteSessionForm(members=members, **self.get_form_kwargs())

    def post(self, request, *args, **kwargs):
        if not self.can_write:
            raise Http404
        return super().post(request, *args, **kwargs)

    def call_service(self, form):
        data = form.cleaned_data
        return services.remote_session_create(
            site=self.site,
            by=self.request.user,
            held_on=data["held_on"],
            minutes=data["minutes"],
            content=data["content"],
            viewers=list(data["viewers"]),
            other_viewers=data["other_viewers"] or 0,
        )

    def succeeded(self, form, session):
        messages.success(self.request, _("已登记播放记录。"))
        return redirect("meetings:remote_session_create", site_pk=self.site.pk)

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
