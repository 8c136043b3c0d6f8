"""Views of transfers (组织关系转接). Thin: scope -> form -> service -> redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from branches.audit import history_entries
from branches.mixins import OrgPermissionMixin, PermissionAnywhereMixin, ServiceFormMixin, TopOrgRedirectView
from branches.rules import MEMBER_HOLDING_KINDS
from branches.scoping import has_perm_on
from branches.selectors import org_ancestors
from members.mixins import MemberPermissionMixin
from members.models import Member
from partywork.dates import add_months, month_start

from .. import rules as mr
from .. import selectors
from ..forms import (
    LetterIssueForm,
    LetterVoidForm,
    RegisterInForm,
    ReturnSlipForm,
    TransferAcceptForm,
    TransferCancelForm,
    TransferStartForm,
)
from ..models import Transfer, TransferStatus
from ..services import transfers

# --- Transfers ---------------------------------------------------------------------------------------


class TransferEntryView(TopOrgRedirectView):
    """/members/transfers/: the transfer list of the user's widest organisation."""

    permission = "members.view"
    pattern_name = "movements:transfer_list"


class TransferListView(OrgPermissionMixin, TemplateView):
    """Pending transfers in and out of the organisation (all of them), then the latest finished ones."""

    permission = "members.view"
    template_name = "movements/transfer_list.html"
    DONE_SHOWN = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = selectors.transfer_list_for_org(user=self.request.user, org=self.org, today=today)
        show = self.request.GET.get("show", "")
        pending = list(rows.filter(status=TransferStatus.PENDING))
        incoming = [t for t in pending if t.to_branch_id and t.to_branch.path.startswith(self.org.path)]
        outgoing = [t for t in pending if t not in incoming]
        done = list(rows.exclude(status=TransferStatus.PENDING)[: self.DONE_SHOWN])
        if show == "expired":
            incoming = [t for t in incoming if t.is_expired]
            outgoing = [t for t in outgoing if t.is_expired]
            done = []
        context.update(
            incoming=incoming,
            outgoing=outgoing,
            done=done,
            show=show,
            expired_count=sum(1 for t in pending if t.is_expired),
            done_shown=self.DONE_SHOWN,
            can_register_in=self.org.kind in MEMBER_HOLDING_KINDS
            and self.org.is_active
            and has_perm_on(self.request.user, "members.write", self.org),
            today=today,
        )
        return context


class TransferStartView(MemberPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "movements/transfer_start.html"
    form_class = TransferStartForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "targets": selectors.transfer_target_branches(member=self.member)}

    def get_initial(self):
        return {"issued_on": timezone.localdate()}

    def call_service(self, form):
        return transfers.transfer_start(by=self.request.user, member=self.member, **form.cleaned_data)

    def succeeded(self, form, transfer):
        messages.success(self.request, _("已发起转接，等待转入党支部接收。"))
        return redirect("movements:transfer_detail", transfer_pk=transfer.pk)


class LetterIssueView(MemberPermissionMixin, ServiceFormMixin, FormView):
    permission = "members.write"
    template_name = "movements/transfer_letter_form.html"
    form_class = LetterIssueForm

    def get_initial(self):
        today = timezone.localdate()
        return {"issued_on": today, "dues_paid_until": add_months(month_start(today), -1)}

    def call_service(self, form):
        data = dict(form.cleaned_data)
        same_city = data.pop("same_city")
        if not data.get("valid_until"):
            rules = mr.movement_rules()
            days = mr.default_validity_days(
                same_city=same_city,
                same_city_days=rules.validity_days_same_city,
                outside_days=rules.validity_days_outside,
            )
            data["valid_until"] = mr.letter_valid_until(data["issued_on"], days=days)
        return transfers.transfer_issue_letter(by=self.request.user, member=self.member, **data)

    def succeeded(self, form, transfer):
        messages.success(
            self.request,
            _("已开具介绍信 %(number)s，%(name)s 已转出本县。")
            % {"number": transfer.letter_number, "name": self.member.name},
        )
        return redirect("movements:transfer_detail", transfer_pk=transfer.pk)


class _TransferMixin(PermissionAnywhereMixin):
    """Loads the transfer from the URL: visible to the sending and the receiving side only (404 otherwise)."""

    permission = "members.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.transfer = selectors.transfer_get(user=request.user, pk=kwargs["transfer_pk"])
        except Transfer.DoesNotExist as error:
            raise Http404 from error
        self.allowed = selectors.transfer_permissions(user=request.user, transfer=self.transfer)
        return super().dispatch(request, *args, **kwargs)

    def transfer_context(self, **extra):
        transfer = self.transfer
        # Breadcrumbs on the side the user belongs to (the receiving side may not see the sender's tree).
        sides = [o for o in (transfer.from_branch, transfer.to_branch) if o is not None]
        side = next((o for o in sides if has_perm_on(self.request.user, "members.view", o)), sides[0])
        return {
            "transfer": transfer,
            "org": side,
            "breadcrumbs": list(org_ancestors(org=side)),
            "member_visible": Member.objects.visible_to(self.request.user).filter(pk=transfer.member_id).exists(),
            **self.allowed,
            **extra,
        }

    def detail_context(self, **forms):
        """The transfer's page with its three action forms; `forms` replaces the one that was sent back."""
        today = timezone.localdate()
        blank = {
            "accept_form": TransferAcceptForm(initial={"on": today}),
            "cancel_form": TransferCancelForm(),
            "void_form": LetterVoidForm(initial={"on": today}),
        }
        return self.transfer_context(**{**blank, **forms}, history=history_entries(self.transfer))


class _TransferActionView(_TransferMixin, ServiceFormMixin, FormView):
    """An action posted from the transfer's page by the side `allowed_key` names: done, back to the page
    with `success_message` (which may name the member); refused, the page again with the form's errors."""

    http_method_names = ["post"]
    template_name = "movements/transfer_detail.html"
    allowed_key: str
    form_context_name: str
    success_message: str

    def post(self, request, *args, **kwargs):
        if not self.allowed[self.allowed_key]:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.detail_context(**{self.form_context_name: form}))

    def succeeded(self, form, transfer):
        messages.success(self.request, self.success_message % {"name": self.transfer.member.name})
        return redirect("movements:transfer_detail", transfer_pk=self.transfer.pk)


class TransferDetailView(_TransferMixin, TemplateView):
    template_name = "movements/transfer_detail.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.detail_context()}


class TransferAcceptView(_TransferActionView):
    allowed_key = "can_accept"
    form_class = TransferAcceptForm
    form_context_name = "accept_form"
    success_message = gettext_lazy("已接收 %(name)s 的组织关系。")

    def call_service(self, form):
        return transfers.transfer_accept(by=self.request.user, transfer=self.transfer, on=form.cleaned_data["on"])


class TransferCancelView(_TransferActionView):
    allowed_key = "can_cancel"
    form_class = TransferCancelForm
    form_context_name = "cancel_form"
    success_message = gettext_lazy("已撤回转接。")

    def call_service(self, form):
        return transfers.transfer_cancel(
            by=self.request.user, transfer=self.transfer, reason=form.cleaned_data["reason"]
        )


class LetterVoidView(_TransferActionView):
    """The sending branch voids an unused letter: the member is back on its roll."""

    allowed_key = "can_void"
    form_class = LetterVoidForm
    form_context_name = "void_form"
    success_message = gettext_lazy("介绍信已作废，%(name)s 已恢复在册。")

    def call_service(self, form):
        return transfers.transfer_void_letter(by=self.request.user, transfer=self.transfer, **form.cleaned_data)


class ReturnSlipView(_TransferMixin, ServiceFormMixin, FormView):
    template_name = "movements/transfer_return_slip.html"
    form_class = ReturnSlipForm

    def get(self, request, *args, **kwargs):
        if not self.allowed["can_return_slip"]:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.allowed["can_return_slip"]:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.transfer_context()}

    def call_service(self, form):
        return transfers.transfer_record_return_slip(by=self.request.user, transfer=self.transfer, **form.cleaned_data)

    def succeeded(self, form, transfer):
        messages.success(self.request, _("已登记回执，转接办结。"))
        return redirect("movements:transfer_detail", transfer_pk=self.transfer.pk)


class LetterPrintView(_TransferMixin, TemplateView):
    """The printable letter: stub, letter and return slip. Shows the full ID number, so printing is logged."""

    template_name = "movements/transfer_letter_print.html"

    def get_context_data(self, **kwargs):
        if not self.allowed["can_print"]:
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        try:
            letter = transfers.transfer_letter_context(by=self.request.user, transfer=self.transfer)
        except ValidationError as error:
            raise Http404 from error
        context.update(self.transfer_context(**letter))
        return context


class RegisterInView(OrgPermissionMixin, ServiceFormMixin, FormView):
    """Register a member arriving from outside the county with the incoming letter."""

    permission = "members.write"
    template_name = "movements/transfer_register_in.html"
    form_class = RegisterInForm

    def get_form(self, form_class=None):
        if self.org.kind not in MEMBER_HOLDING_KINDS or not self.org.is_active:
            raise Http404
        return super().get_form(form_class)

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def call_service(self, form):
        data = form.cleaned_data
        member_data = {f: data[f] for f in RegisterInForm.MEMBER_FIELDS}
        return transfers.transfer_register_in(
            by=self.request.user,
            branch=self.org,
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            external_org=data["external_org"],
            received_on=data["received_on"],
            reason=data["reason"],
            **member_data,
        )

    def succeeded(self, form, transfer):
        messages.success(self.request, _("已登记转入党员 %(name)s。") % {"name": transfer.member.name})
        # Dues: a member from outside owes dues from arriving, with no standard yet (dues' own standard form).
        messages.info(
            self.request,
            format_html(
                _('党费标准尚未核定：<a href="{}">核定党费标准</a>'),
                reverse("dues:member_standard", kwargs={"member_pk": transfer.member_id}),
            ),
        )
        return redirect("movements:transfer_detail", transfer_pk=transfer.pk)
