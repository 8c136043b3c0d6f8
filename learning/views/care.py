"""Care (关怀帮扶): a branch's and a township's yearly list of visits to members in hardship, the elderly and
the sick (七一 and 春节 visits, routine care), with the money given; recording a visit."""

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
from ..forms import CareVisitForm
from .training import YearMixin


class CareListView(YearMixin, OrgPermissionMixin, TemplateView):
    """The year's visits under a branch, a township or the county, by occasion, with the money given."""

    permission = "learning.view"
    template_name = "learning/care_list.html"

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
            **selectors.care_summary(user=self.request.user, org=self.org, year=year),
            "is_branch": is_branch,
            "can_write": is_branch and has_perm_on(self.request.user, "learning.write", self.org),
            "crumb_tail": _("关怀帮扶"),
        }


class CareVisitCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "learning.write"
    template_name = "learning/care_form.html"

    def get_initial(self):
        return {"visited_on": timezone.localdate()}

    def get_form(self, form_class=None):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404
        members = selectors.talk_members(user=self.request.user, branch=self.org)
        return CareVisitForm(members=members, **self.get_form_kwargs())

    def call_service(self, form):
        return services.care_visit_create(branch=self.org, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, visit):
        messages.success(self.request, _("已登记对%(name)s的走访慰问。") % {"name": visit.member.name})
        return redirect("learning:care_list", org_pk=self.org.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumb_tail": _("登记走访慰问")}
