"""党务公开: what a branch published and when (dues, development of members, finances), visible to the
township and the county."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from branches.mixins import OrgPermissionMixin, ServiceFormMixin
from branches.rules import BRANCH_KINDS, OrgKind
from branches.scoping import has_perm_on

from .. import selectors, services
from ..forms import PublicationForm
from .training import YearMixin


class PublicationListView(YearMixin, OrgPermissionMixin, TemplateView):
    permission = "learning.view"
    template_name = "learning/publication_list.html"

    def get(self, request, *args, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = self.year()
        is_branch = self.org.kind in BRANCH_KINDS
        return {
            **super().get_context_data(**kwargs),
            **self.year_context(year),
            **selectors.publications(user=self.request.user, org=self.org, year=year),
            "is_branch": is_branch,
            "can_write": is_branch and has_perm_on(self.request.user, "learning.write", self.org),
            "crumb_tail": _("党务公开"),
        }


class PublicationCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "learning.write"
    template_name = "learning/publication_form.html"
    form_class = PublicationForm

    def get_initial(self):
        return {"published_on": timezone.localdate()}

    def get_form(self, form_class=None):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404
        return super().get_form(form_class)

    def call_service(self, form):
        return services.publication_create(branch=self.org, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, publication):
        messages.success(self.request, _("已登记党务公开。"))
        return redirect("learning:publication_list", org_pk=self.org.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumb_tail": _("登记党务公开")}
