"""Heart-to-heart talks (谈心谈话): a branch's coverage of the year with each member's last talk, a township's
coverage per branch, recording a talk, and one talk with its topic (branch committee and above only)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from branches.mixins import OrgPermissionMixin, ServiceFormMixin
from branches.rules import BRANCH_KINDS, OrgKind
from branches.scoping import has_perm_on
from branches.selectors import org_ancestors

from .. import rules, selectors, services
from ..forms import TalkForm
from .training import YearMixin


class BranchTalksView(YearMixin, OrgPermissionMixin, TemplateView):
    permission = "learning.view"
    template_name = "learning/talks_branch.html"

    def get(self, request, *args, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        if self.org.kind not in BRANCH_KINDS:
            return redirect("learning:talks_township", org_pk=self.org.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = self.year()
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            **self.year_context(year),
            **selectors.branch_talks(user=user, branch=self.org, year=year),
            "due_listed": rules.talks_due_listed(year=year, today=timezone.localdate()),
            "can_read_notes": has_perm_on(user, "learning.talk_notes", self.org),
            "can_write": has_perm_on(user, "learning.write", self.org)
            and has_perm_on(user, "learning.talk_notes", self.org),
            "crumb_tail": _("谈心谈话"),
        }


class TownshipTalksView(YearMixin, OrgPermissionMixin, TemplateView):
    permission = "learning.view"
    template_name = "learning/talks_township.html"

    def get(self, request, *args, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        if self.org.kind in BRANCH_KINDS:
            return redirect("learning:talks_branch", org_pk=self.org.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = self.year()
        return {
            **super().get_context_data(**kwargs),
            **self.year_context(year),
            "figures": selectors.township_talks(user=self.request.user, township=self.org, year=year),
            "crumb_tail": _("谈心谈话"),
        }


class TalkCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    """Record a talk with a member of the branch; the writer must be one who may read the topic."""

    permission = "learning.write"
    template_name = "learning/talk_form.html"

    def get_org_queryset(self):
        return super().get_org_queryset().filter(pk__in=selectors.orgs_with_talk_notes(self.request.user))

    def get_initial(self):
        user = self.request.user
        return {"held_on": timezone.localdate(), "talker": user.full_name or user.username}

    def get_form(self, form_class=None):
        if self.org.kind not in BRANCH_KINDS:
            raise Http404
        members = selectors.talk_members(user=self.request.user, branch=self.org)
        return TalkForm(members=members, **self.get_form_kwargs())

    def call_service(self, form):
        return services.talk_create(branch=self.org, by=self.request.user, **form.cleaned_data)

    def succeeded(self, form, talk):
        messages.success(self.request, _("已登记与%(name)s的谈心谈话。") % {"name": talk.member.name})
        return redirect("learning:talks_branch", org_pk=self.org.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumb_tail": _("登记谈心谈话")}


class TalkDetailView(LoginRequiredMixin, TemplateView):
    """One talk with its topic: 404 for anyone without learning.talk_notes on the branch (a reviewer, another
    branch)."""

    template_name = "learning/talk_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.talk = selectors.talk_get(user=request.user, pk=kwargs["talk_pk"])
        if self.talk is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "org": self.talk.branch,
            "breadcrumbs": list(org_ancestors(org=self.talk.branch)),
            "talk": self.talk,
            "crumb_tail": _("谈心谈话"),
        }
