"""Training and study (学习培训): where a user starts, a branch's and a township's hours of the year against
the minimums, recording a session with its attendance, and one session."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin, ServiceFormMixin
from branches.rules import BRANCH_KINDS, TOWNSHIP_KINDS, OrgKind
from branches.scoping import has_perm_on, orgs_for
from branches.selectors import org_ancestors

from .. import rules, selectors, services
from ..forms import SessionForm, YearForm


class LearningIndexView(PermissionAnywhereMixin, TemplateView):
    """The townships and branches in scope, each with its pages."""

    permission = "learning.view"
    template_name = "learning/index.html"

    def get_context_data(self, **kwargs):
        orgs = (
            orgs_for(self.request.user, self.permission)
            .active()
            .filter(kind__in=(*TOWNSHIP_KINDS, *BRANCH_KINDS))
            .order_by("path")
        )
        return {**super().get_context_data(**kwargs), "orgs": orgs, "township_kinds": TOWNSHIP_KINDS}


class YearMixin:
    def year(self) -> int:
        return YearForm.year_from(self.request, timezone.localdate().year)

    def year_context(self, year: int) -> dict:
        return {"year": year, "previous_year": year - 1, "next_year": year + 1}


class BranchHoursView(YearMixin, OrgPermissionMixin, TemplateView):
    """A branch's members with their hours of the year against the minimum for their role (DOMAIN §2)."""

    permission = "learning.view"
    template_name = "learning/hours_branch.html"

    def get(self, request, *args, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        if self.org.kind not in BRANCH_KINDS:
            return redirect("learning:hours_township", org_pk=self.org.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = self.year()
        user = self.request.user
        standings = selectors.hours_standings(members=selectors.branch_members(user=user, branch=self.org), year=year)
        return {
            **super().get_context_data(**kwargs),
            **self.year_context(year),
            "standings": standings,
            "met": sum(1 for s in standings if s.met),
            "sessions": selectors.branch_sessions(branch=self.org, year=year),
            "member_min": rules.MEMBER_MIN_HOURS,
            "committee_min": rules.COMMITTEE_MIN_HOURS,
            "can_write": has_perm_on(user, "learning.write", self.org),
            "crumb_tail": _("学习培训"),
        }


class TownshipHoursView(YearMixin, OrgPermissionMixin, TemplateView):
    """A township's branches: members, how many met the minimum, the average; and every member below it."""

    permission = "learning.view"
    template_name = "learning/hours_township.html"

    def get(self, request, *args, **kwargs):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        if self.org.kind in BRANCH_KINDS:
            return redirect("learning:hours_branch", org_pk=self.org.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = self.year()
        figures, short = selectors.township_hours(user=self.request.user, township=self.org, year=year)
        return {
            **super().get_context_data(**kwargs),
            **self.year_context(year),
            "figures": figures,
            "short": short,
            "member_min": rules.MEMBER_MIN_HOURS,
            "committee_min": rules.COMMITTEE_MIN_HOURS,
            "can_write": has_perm_on(self.request.user, "learning.write", self.org),
            "crumb_tail": _("学习培训"),
        }


class SessionCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    """Record a session organised by a branch, a township or the county, ticking who attended."""

    permission = "learning.write"
    template_name = "learning/session_form.html"

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def get_form(self, form_class=None):
        if self.org.kind == OrgKind.GROUP:
            raise Http404
        members = selectors.attendable_members(user=self.request.user, org=self.org)
        return SessionForm(members=members, show_branch=self.org.kind not in BRANCH_KINDS, **self.get_form_kwargs())

    def call_service(self, form):
        data = form.cleaned_data
        outside = services.parse_outside_attendees(data["outside_attendees"], today=timezone.localdate())
        return services.session_create(
            org=self.org,
            by=self.request.user,
            kind=data["kind"],
            held_on=data["held_on"],
            hours=data["hours"],
            content=data["content"],
            members=list(data["members"]),
            outside=outside,
        )

    def succeeded(self, form, session):
        messages.success(
            self.request,
            _("已登记培训，%(n)d 人各计 %(h)s 学时。") % {"n": session.attendance.count(), "h": session.hours},
        )
        if self.org.kind in BRANCH_KINDS:
            return redirect("learning:hours_branch", org_pk=self.org.pk)
        return redirect("learning:session_detail", session_pk=session.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "crumb_tail": _("登记培训")}


class SessionDetailView(LoginRequiredMixin, TemplateView):
    """One session and who attended: only for users whose scope holds the organiser (404 otherwise)."""

    template_name = "learning/session_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.session = selectors.session_get(user=request.user, pk=kwargs["session_pk"])
        if self.session is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        org = self.session.organization
        return {
            **super().get_context_data(**kwargs),
            "org": org,
            "breadcrumbs": list(org_ancestors(org=org)),
            "session": self.session,
            "attendees": selectors.session_attendees(session=self.session),
            "crumb_tail": self.session.content,
        }
