"""Views of mobile members (流动党员). Thin: scope -> form -> service -> redirect."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin, ServiceFormMixin, TopOrgRedirectView
from branches.scoping import has_perm_on
from branches.selectors import org_ancestors
from members.mixins import MemberPermissionMixin

from .. import rules as mr
from .. import selectors
from ..forms import MobileContactForm, MobileRecordForm, MobileReturnForm, MobileUpdateForm
from ..models import MobileRecord
from ..services import mobile


class MobileEntryView(TopOrgRedirectView):
    """/members/mobile/: the mobile-member roll of the user's widest organisation."""

    permission = "members.view"
    pattern_name = "movements:mobile_roll"


class MobileRollView(OrgPermissionMixin, TemplateView):
    permission = "members.view"
    template_name = "movements/mobile_roll.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        flag = self.request.GET.get("flag", "")
        rules = mr.movement_rules(on=today)
        roll = partial(selectors.mobile_roll, user=self.request.user, org=self.org, today=today, rules=rules)
        everyone = roll()
        rows = roll(flag=flag) if flag else everyone
        context.update(
            rows=rows,
            flag=flag,
            today=today,
            total=len(everyone),
            overdue_count=sum(1 for r in everyone if r.contact_overdue and not r.is_lost),
            lost_due_count=sum(1 for r in everyone if r.lost_due),
            lost_count=sum(1 for r in everyone if r.is_lost),
            card_count=sum(1 for r in everyone if r.record.card_number),
            contact_months=rules.contact_months,
            lost_months=rules.lost_contact_months,
            can_write=has_perm_on(self.request.user, "members.write", self.org),
        )
        return context


class MobileLostContactView(OrgPermissionMixin, View):
    """By hand from the roll: apply the 6-month lost-contact rule to the members under the organisation."""

    permission = "members.write"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        marked = mobile.mobile_mark_lost_contact(by=request.user, today=timezone.localdate(), org=self.org)
        if marked:
            messages.warning(
                request,
                _("已将 %(n)s 名超过规定期限未联系的流动党员标记为失联：%(names)s")
                % {"n": len(marked), "names": "、".join(r.member.name for r in marked)},
            )
        else:
            messages.info(request, _("没有需要标记为失联的流动党员。"))
        return redirect("movements:mobile_roll", org_pk=self.org.pk)


class MobileStartView(MemberPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "movements/mobile_form.html"
    form_class = MobileRecordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contacts": selectors.contact_person_choices(member=self.member)}

    def get_initial(self):
        return {"left_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "record": None}

    def call_service(self, form):
        return mobile.mobile_start(by=self.request.user, member=self.member, **form.cleaned_data)

    def succeeded(self, form, record):
        messages.success(self.request, _("已将 %(name)s 登记为流动党员。") % {"name": self.member.name})
        return redirect("movements:mobile_detail", mobile_pk=record.pk)


class _MobileMixin(PermissionAnywhereMixin):
    """Loads the mobile record from the URL through the user's scope (404 outside it)."""

    permission = "members.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.record = selectors.mobile_get(user=request.user, pk=kwargs["mobile_pk"])
        except MobileRecord.DoesNotExist as error:
            raise Http404 from error
        self.can_write = has_perm_on(request.user, "members.write", self.record.member.branch)
        return super().dispatch(request, *args, **kwargs)

    def record_context(self, *, contact_form=None, return_form=None):
        record = self.record
        today = timezone.localdate()
        return {
            "record": record,
            "row": selectors.roll_row(record, today=today, rules=mr.movement_rules()),
            "member": record.member,
            "org": record.member.branch,
            "breadcrumbs": list(org_ancestors(org=record.member.branch)),
            "contacts": selectors.mobile_contacts(record=record),
            "contact_form": contact_form or MobileContactForm(initial={"contacted_on": today}),
            "return_form": return_form or MobileReturnForm(initial={"returned_on": today}),
            "can_write": self.can_write and record.returned_on is None,
            "history": history_entries(record),
        }


class _MobileActionView(_MobileMixin, ServiceFormMixin, FormView):
    """An action posted from the record's page by someone who may write: done, back to the page with
    `success_message`; refused, the page again with the form's errors."""

    http_method_names = ["post"]
    template_name = "movements/mobile_detail.html"
    form_context_name: str
    success_message: str

    def post(self, request, *args, **kwargs):
        if not self.can_write:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.record_context(**{self.form_context_name: form}))

    def succeeded(self, form, result):
        messages.success(self.request, self.success_message)
        return redirect("movements:mobile_detail", mobile_pk=self.record.pk)


class MobileDetailView(_MobileMixin, TemplateView):
    template_name = "movements/mobile_detail.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.record_context()}


class MobileContactView(_MobileActionView):
    form_class = MobileContactForm
    form_context_name = "contact_form"
    success_message = gettext_lazy("已登记联系。")

    def call_service(self, form):
        return mobile.mobile_contact_record(by=self.request.user, record=self.record, **form.cleaned_data)


class MobileReturnView(_MobileActionView):
    form_class = MobileReturnForm
    form_context_name = "return_form"
    success_message = gettext_lazy("已登记返回。")

    def call_service(self, form):
        return mobile.mobile_return(
            by=self.request.user, record=self.record, returned_on=form.cleaned_data["returned_on"]
        )


class MobileUpdateView(_MobileMixin, ServiceFormMixin, FormView):
    """Correct the ledger of a member still away (new employer, new card, another contact person)."""

    template_name = "movements/mobile_form.html"
    form_class = MobileUpdateForm

    def get_form_kwargs(self):
        if not self.can_write or self.record.returned_on:
            raise PermissionDenied
        return {**super().get_form_kwargs(), "contacts": selectors.contact_person_choices(member=self.record.member)}

    def get_initial(self):
        return {field: getattr(self.record, field) for field in mobile.LEDGER_FIELDS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.record.member,
            record=self.record,
            org=self.record.member.branch,
            breadcrumbs=list(org_ancestors(org=self.record.member.branch)),
        )
        return context

    def call_service(self, form):
        data = dict(form.cleaned_data)
        phone = data.pop("phone") or None
        return mobile.mobile_update(by=self.request.user, record=self.record, phone=phone, **data)

    def succeeded(self, form, record):
        messages.success(self.request, _("已保存。"))
        return redirect("movements:mobile_detail", mobile_pk=self.record.pk)
