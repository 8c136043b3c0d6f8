"""The roster: list, the member's file, create/edit/state changes, posts, import, export and data quality.
Transfers and mobile members are the movements app's (movements/views/)."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, ServiceFormMixin, TopOrgRedirectView
from branches.models import subtree_q
from branches.rules import MEMBER_HOLDING_KINDS, OrgKind
from branches.scoping import has_perm_on, orgs_for, scope_q
from branches.selectors import org_ancestors

from . import panels
from .discipline import disciplinary_measure_record
from .exports import roster_export_start
from .filters import MemberFilter
from .forms import (
    DisciplinaryMeasureForm,
    ImportUploadForm,
    LifecycleForm,
    MemberForm,
    PostEndForm,
    PostForm,
    RevealForm,
)
from .imports import PENDING_HOURS, check_rows, import_commit, import_upload, unseal
from .mixins import MemberPermissionMixin
from .models import SENSITIVE_FIELDS, MemberImport, MemberPost
from .posts import post_add, post_end
from .quality import quality_report
from .selectors import member_list, member_measures
from .services import member_create, member_reveal, member_set_lifecycle, member_update
from .workbook import template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RosterEntryView(TopOrgRedirectView):
    """/members/: the roster of the highest organisation the user may see."""

    permission = "members.view"
    pattern_name = "members:member_list"


class RosterListView(OrgPermissionMixin, ListView):
    permission = "members.view"
    template_name = "members/member_list.html"
    context_object_name = "members"
    paginate_by = 50

    def get_queryset(self):
        queryset = member_list(user=self.request.user)
        if self.org.kind == OrgKind.GROUP:
            queryset = queryset.filter(group=self.org)
        else:
            queryset = queryset.filter(subtree_q(self.org, "branch"))
        self.filterset = MemberFilter(self.request.GET, queryset=queryset, org=self.org)
        return self.filterset.qs.order_by("branch__path", "name_pinyin", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        user = self.request.user
        context.update(
            filter=self.filterset,
            querystring=query.urlencode(),
            can_write=has_perm_on(user, "members.write", self.org),
            can_create=has_perm_on(user, "members.write", self.org) and self.org.kind in MEMBER_HOLDING_KINDS,
        )
        return context


class MemberDetailView(MemberPermissionMixin, TemplateView):
    template_name = "members/member_detail.html"

    def rendered_panels(self, member) -> list[dict]:
        """Each registered panel rendered with its context as `panel` (members/panels.py)."""
        rendered = []
        for panel in panels.render_context(self.request, member):
            html = render_to_string(panel["template"], {"panel": panel}, request=self.request)
            rendered.append({"key": panel["key"], "title": panel["title"], "html": html})
        return rendered

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member, user = self.member, self.request.user
        context.update(
            posts=list(member.posts.select_related("organization").order_by("-started_on", "-pk")),
            memberships=list(member.memberships.select_related("organization")),
            events=list(member.lifecycle_events.select_related("recorded_by")),
            panels=self.rendered_panels(member),
            history=history_entries(member, hidden=SENSITIVE_FIELDS),
            can_write=has_perm_on(user, "members.write", member.branch),
            can_reveal=has_perm_on(user, "members.view_sensitive", member.branch),
            can_discipline=has_perm_on(user, "members.discipline", member.branch),
            measures=member_measures(member, on=timezone.localdate()),
            post_form=PostForm(member=member),
            post_end_form=PostEndForm(initial={"ended_on": timezone.localdate()}),
        )
        return context


class MemberCreateView(OrgPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "members/member_form.html"
    form_class = MemberForm

    def get_org_queryset(self):
        return super().get_org_queryset().branches().active()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "branch": self.org}

    def call_service(self, form):
        return member_create(by=self.request.user, branch=self.org, **form.service_data())

    def succeeded(self, form, member):
        messages.success(self.request, _("已为%(name)s建档。") % {"name": member.name})
        return redirect("members:member_detail", member_pk=member.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("新增党员"), "member": None}


class MemberUpdateView(MemberPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "members/member_form.html"
    form_class = MemberForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "branch": self.member.branch, "member": self.member}

    def get_initial(self):
        fields = ("name", "sex", "ethnicity", "birth_date", "education", "occupation", "work_unit", "address")
        initial = {f: getattr(self.member, f) for f in fields}
        initial.update(
            status=self.member.status,
            joined_on=self.member.joined_on,
            confirmed_on=self.member.confirmed_on,
            group=self.member.group_id,
        )
        return initial

    def call_service(self, form):
        return member_update(by=self.request.user, member=self.member, **form.service_data())

    def succeeded(self, form, member):
        messages.success(self.request, _("已保存。"))
        return redirect("members:member_detail", member_pk=self.member.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("编辑党员信息")}


class MemberLifecycleView(MemberPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "members/member_lifecycle.html"
    form_class = LifecycleForm

    def get_initial(self):
        return {"on": timezone.localdate()}

    def call_service(self, form):
        return member_set_lifecycle(by=self.request.user, member=self.member, **form.cleaned_data)

    def succeeded(self, form, member):
        messages.success(self.request, _("已登记状态变更。"))
        return redirect("members:member_detail", member_pk=self.member.pk)


class MemberRevealView(MemberPermissionMixin, ServiceFormMixin, FormView):
    """Show the full ID and phone numbers once, after a reason is given; the access is logged."""

    permission = "members.view_sensitive"
    template_name = "members/member_reveal.html"
    form_class = RevealForm

    def call_service(self, form):
        return member_reveal(by=self.request.user, member=self.member, reason=form.cleaned_data["reason"])

    def succeeded(self, form, revealed):
        response = self.render_to_response(self.get_context_data(form=form, revealed=revealed))
        response["Cache-Control"] = "no-store"
        return response

    def get_context_data(self, **kwargs):
        kwargs.setdefault("revealed", None)
        return super().get_context_data(**kwargs)


class PostCreateView(MemberPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "members/post_form.html"
    form_class = PostForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "member": self.member}

    def call_service(self, form):
        return post_add(by=self.request.user, member=self.member, **form.cleaned_data)

    def succeeded(self, form, post):
        messages.success(self.request, _("已登记任职。"))
        return redirect("members:member_detail", member_pk=self.member.pk)


class DisciplinaryMeasureCreateView(MemberPermissionMixin, ServiceFormMixin, FormView):
    """The township records a disciplinary measure on the member file (scoped: 404 outside its townships)."""

    permission = "members.discipline"
    template_name = "members/discipline_form.html"
    form_class = DisciplinaryMeasureForm

    def call_service(self, form):
        return disciplinary_measure_record(by=self.request.user, member=self.member, **form.cleaned_data)

    def succeeded(self, form, measure):
        messages.success(self.request, _("已登记党纪处分：%(measure)s。") % {"measure": measure})
        return redirect("members:member_detail", member_pk=self.member.pk)


class PostEndView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "members/post_end.html"
    form_class = PostEndForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        posts = MemberPost.objects.filter(scope_q(request.user, "members.write", field="member__branch"))
        self.post_record = get_object_or_404(posts.select_related("member", "organization"), pk=kwargs["post_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"ended_on": timezone.localdate()}

    def call_service(self, form):
        return post_end(by=self.request.user, post=self.post_record, **form.cleaned_data)

    def succeeded(self, form, post):
        messages.success(self.request, _("已登记离任。"))
        return redirect("members:member_detail", member_pk=self.post_record.member_id)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "record": self.post_record}


class ImportTemplateView(OrgPermissionMixin, View):
    permission = "members.view"

    def get(self, request, org_pk):
        response = HttpResponse(template_bytes(org=self.org), content_type=XLSX)
        response["Content-Disposition"] = (
            "attachment; filename*=UTF-8''%E5%85%9A%E5%91%98%E8%8A%B1%E5%90%8D%E5%86%8C%E6%A8%A1%E6%9D%BF.xlsx"
        )
        return response


class ImportUploadView(OrgPermissionMixin, FormView):
    permission = "members.write"
    template_name = "members/import_upload.html"
    form_class = ImportUploadForm

    def form_valid(self, form):
        try:
            pending = import_upload(
                by=self.request.user, org=self.org, filename=form.cleaned_data["file"].name, content=form.content
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        return redirect("members:import_preview", import_pk=pending.pk)


class ImportPreviewView(LoginRequiredMixin, TemplateView):
    """Every row with its status and every bad cell with its reason; the commit writes all rows or none."""

    template_name = "members/import_preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        pending = MemberImport.objects.filter(
            owner=request.user,
            committed_at__isnull=True,
            created_at__gte=timezone.now() - datetime.timedelta(hours=PENDING_HOURS),
            organization__in=orgs_for(request.user, "members.write"),
        ).select_related("organization")
        self.pending = get_object_or_404(pending, pk=kwargs["import_pk"])
        self.org = self.pending.organization
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = kwargs.get("result") or check_rows(unseal(self.pending.content), org=self.org)
        context.update(
            pending=self.pending,
            org=self.org,
            breadcrumbs=list(org_ancestors(org=self.org)),
            result=result,
            headers=[header for header, _value, _problem in result.rows[0].cells] if result.rows else [],
            commit_errors=kwargs.get("commit_errors", []),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            result = import_commit(unseal(self.pending.content), org=self.org, by=request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(commit_errors=error.messages))
        self.pending.committed_at = timezone.now()
        self.pending.content = b""
        self.pending.created_count, self.pending.updated_count = result.created, result.updated
        self.pending.save(update_fields=["committed_at", "content", "created_count", "updated_count"])
        messages.success(
            request,
            _("导入完成：新增 %(created)d 人，更新 %(updated)d 人，无变化 %(unchanged)d 人。")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
        if result.created:  # new members owe dues from joining: their standards are set on the dues page
            messages.info(
                request,
                format_html(
                    _('新增党员尚未核定党费标准：<a href="{}">核定党费标准</a>'),
                    reverse("dues:organization_dues", kwargs={"org_pk": self.org.pk}),
                ),
            )
        return redirect("members:member_list", org_pk=self.org.pk)


class ExportView(OrgPermissionMixin, TemplateView):
    permission = "members.view"
    template_name = "members/member_export.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "full": has_perm_on(self.request.user, "members.view_sensitive", self.org),
        }

    def post(self, request, org_pk):
        job = roster_export_start(user=request.user, org=self.org)
        return redirect("job_detail", job_pk=job.pk)


class QualityView(OrgPermissionMixin, TemplateView):
    permission = "members.view"
    template_name = "members/member_quality.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(quality_report(org=self.org, today=timezone.localdate()))
        return context
