"""Transfers of organisational relationship (组织关系转接, DOMAIN §5): the writes.

- Within the county: the sending branch starts (members.write on the member's branch), the receiving branch
  accepts (members.write on the target) through `member_move`, or the sender cancels.
- Out of the county: a numbered introduction letter; the member leaves the roster (transferred_out); the
  return slip is recorded later.
- Into the county: the receiving branch registers the member with the incoming letter's number.

Letter numbers: `<county>组转〔<year>〕第<serial>号`, serial per county and per year of issue, from 1, without
gaps: the next serial is taken under a row lock on the county, and letters are never deleted (a cancelled
letter keeps its number)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from branches.audit import audited
from branches.models import Organization, subtree_q
from branches.rules import MEMBER_HOLDING_KINDS
from branches.scoping import has_perm_on
from members import crypto
from members.models import Lifecycle, Member, Membership, MemberStatus, SensitiveAccess
from members.rules import age_on, normalize_id_number
from members.services import member_create, member_move, member_set_lifecycle, member_update, sensitive_access_log

from .. import rules as mr
from ..models import Transfer, TransferDirection, TransferStatus
from ..selectors import county_of, transfer_target_branches

PENDING_MESSAGE = gettext_lazy("该党员已有一项待办的组织关系转接，请先办结或撤回")


def _check_date(field: str, on: datetime.date, today: datetime.date) -> None:
    if on > today:
        raise ValidationError({field: [_("日期不能晚于今天")]})


def _save(transfer: Transfer, by) -> Transfer:
    transfer.full_clean(exclude=["member", "started_by", "completed_by", "from_branch", "to_branch"])
    try:
        with transaction.atomic():
            audited(transfer, by).save()
    except IntegrityError as error:
        if "letter" in str(error).lower():
            raise ValidationError({"letter_number": [_("该介绍信编号已登记过")]}) from error
        raise ValidationError({"member": [PENDING_MESSAGE]}) from error
    return transfer


def _check_active(member: Member) -> None:
    if member.lifecycle != Lifecycle.ACTIVE:
        raise ValidationError(
            {
                "member": [
                    _("只有在册党员才能办理组织关系转接（当前状态：%(state)s）")
                    % {"state": member.get_lifecycle_display()}
                ]
            }
        )


@transaction.atomic
def transfer_start(
    *, by, member: Member, to_branch: Organization, reason: str, issued_on: datetime.date, notes: str = ""
) -> Transfer:
    """Start a transfer within the county (DOMAIN §5). Caller holds members.write on the member's branch; the
    receiving branch accepts it later."""
    today = timezone.localdate()
    member = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
    _check_active(member)
    _check_date("issued_on", issued_on, today)
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写转接原因")]})
    if not transfer_target_branches(member=member).filter(pk=to_branch.pk).exists():
        raise ValidationError({"to_branch": [_("转入党支部须是本县另一个有效的党支部")]})
    if Transfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        raise ValidationError({"member": [PENDING_MESSAGE]})
    rules = mr.movement_rules()
    transfer = Transfer(
        member=member,
        direction=TransferDirection.WITHIN,
        from_branch=member.branch,
        to_branch=to_branch,
        reason=reason.strip(),
        issued_on=issued_on,
        valid_until=mr.letter_valid_until(issued_on, days=rules.validity_days_same_city),
        started_by=by,
        notes=notes,
    )
    return _save(transfer, by)


@transaction.atomic
def transfer_accept(*, by, transfer: Transfer, on: datetime.date) -> Transfer:
    """The receiving branch accepts a transfer within the county: the member moves, the old membership ends
    and the new one starts on `on`. Caller holds members.write on the receiving branch."""
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("member", "from_branch", "to_branch")
        .get(pk=transfer.pk)
    )
    if transfer.direction != TransferDirection.WITHIN or transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("该转接已办结或已撤回，不能再接收"))
    if not has_perm_on(by, "members.write", transfer.to_branch):
        raise ValidationError(_("只有转入党支部才能接收"))
    _check_date("on", on, timezone.localdate())
    if on < transfer.issued_on:
        raise ValidationError({"on": [_("接收日期不能早于转出日期")]})
    if transfer.member.branch_id != transfer.from_branch_id or transfer.member.lifecycle != Lifecycle.ACTIVE:
        raise ValidationError(_("该党员的组织关系已发生变化，请转出党支部撤回后重新办理"))
    member_move(
        by=by,
        member=transfer.member,
        to_branch=transfer.to_branch,
        on=on,
        reason=_("县内转接：%(from)s → %(to)s") % {"from": transfer.from_branch.name, "to": transfer.to_branch.name},
    )
    transfer.status = TransferStatus.COMPLETED
    transfer.completed_on = on
    transfer.completed_by = by
    return _save(transfer, by)


@transaction.atomic
def transfer_cancel(*, by, transfer: Transfer, reason: str) -> Transfer:
    """The sending branch withdraws a pending transfer within the county. Caller holds members.write on it."""
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related("from_branch").get(pk=transfer.pk)
    if transfer.direction != TransferDirection.WITHIN or transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("只有待接收的县内转接可以撤回"))
    if not has_perm_on(by, "members.write", transfer.from_branch):
        raise ValidationError(_("只有转出党支部才能撤回"))
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写撤回原因")]})
    transfer.status = TransferStatus.CANCELLED
    transfer.notes = "\n".join(filter(None, [transfer.notes, _("撤回：%(reason)s") % {"reason": reason.strip()}]))
    return _save(transfer, by)


def _next_letter_number(*, county: Organization, year: int) -> str:
    # The county row is locked, so two clerks issuing at once get consecutive serials; letters are never
    # deleted, so counting them gives the next serial without gaps.
    Organization.objects.select_for_update().filter(pk=county.pk).first()
    issued = Transfer.objects.filter(
        subtree_q(county, "from_branch"), direction=TransferDirection.OUT, issued_on__year=year
    ).count()
    return mr.letter_number(prefix=mr.county_prefix(county.short_name or county.name), year=year, serial=issued + 1)


@transaction.atomic
def transfer_issue_letter(
    *,
    by,
    member: Member,
    external_org: str,
    reason: str,
    issued_on: datetime.date,
    dues_paid_until: datetime.date,
    valid_until: datetime.date,
    notes: str = "",
) -> Transfer:
    """Issue a numbered introduction letter out of the county (DOMAIN §5): the member leaves the roster
    (transferred_out) and the letter waits for its return slip. Caller holds members.write on the branch."""
    today = timezone.localdate()
    member = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
    _check_active(member)
    _check_date("issued_on", issued_on, today)
    errors = {}
    if not external_org.strip():
        errors["external_org"] = [_("请填写转往的党组织")]
    if not reason.strip():
        errors["reason"] = [_("请填写转接原因")]
    problems = mr.validity_errors(issued_on, valid_until, max_months=mr.movement_rules().validity_max_months)
    if problems:
        errors["valid_until"] = problems
    dues_month = dues_paid_until.replace(day=1)
    problems = mr.dues_advance_errors(dues_paid_until=dues_month, on=issued_on)
    if problems:
        errors["dues_paid_until"] = problems
    if errors:
        raise ValidationError(errors)
    if Transfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        raise ValidationError({"member": [PENDING_MESSAGE]})
    county = county_of(member.branch)
    transfer = Transfer(
        member=member,
        direction=TransferDirection.OUT,
        from_branch=member.branch,
        external_org=external_org.strip(),
        letter_number=_next_letter_number(county=county, year=issued_on.year),
        reason=reason.strip(),
        issued_on=issued_on,
        valid_until=valid_until,
        dues_paid_until=dues_month,
        started_by=by,
        notes=notes,
    )
    _save(transfer, by)
    member_set_lifecycle(
        by=by,
        member=member,
        state=Lifecycle.TRANSFERRED_OUT,
        on=issued_on,
        reason=_("开具组织关系介绍信 %(number)s，转往%(org)s")
        % {"number": transfer.letter_number, "org": transfer.external_org},
    )
    return transfer


@transaction.atomic
def transfer_void_letter(*, by, transfer: Transfer, on: datetime.date, reason: str) -> Transfer:
    """Void an outgoing letter that was never used (the member did not leave, or the letter expired unused):
    the letter keeps its number, marked cancelled, and the member is back on the roll of the sending branch
    from `on`. Caller holds members.write on the sending branch."""
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related("from_branch").get(pk=transfer.pk)
    if transfer.direction != TransferDirection.OUT or transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("只有待回执的转出介绍信可以作废"))
    if not has_perm_on(by, "members.write", transfer.from_branch):
        raise ValidationError(_("只有转出党支部才能作废介绍信"))
    errors = {}
    if not reason.strip():
        errors["reason"] = [_("请填写作废原因")]
    if on > timezone.localdate():
        errors["on"] = [_("日期不能晚于今天")]
    elif on < transfer.issued_on:
        errors["on"] = [_("恢复日期不能早于介绍信开具日期")]
    if errors:
        raise ValidationError(errors)
    member = Member.objects.select_for_update().get(pk=transfer.member_id)
    if member.lifecycle != Lifecycle.TRANSFERRED_OUT or member.branch_id != transfer.from_branch_id:
        raise ValidationError(_("该党员的状态已发生变化，不能作废介绍信"))
    transfer.status = TransferStatus.CANCELLED
    transfer.notes = "\n".join(filter(None, [transfer.notes, _("作废：%(reason)s") % {"reason": reason.strip()}]))
    _save(transfer, by)
    text = _("介绍信 %(number)s 作废，恢复组织关系") % {"number": transfer.letter_number}
    member_set_lifecycle(by=by, member=member, state=Lifecycle.ACTIVE, on=on, reason=text)
    Membership.objects.create(member=member, organization=transfer.from_branch, started_on=on, start_reason=text[:100])
    return transfer


@transaction.atomic
def transfer_record_return_slip(
    *, by, transfer: Transfer, received_on: datetime.date, accepted_on: datetime.date
) -> Transfer:
    """Record the return slip of an outgoing letter: the receiving organisation took the member on
    `accepted_on`; the slip came back on `received_on`. Caller holds members.write on the sending branch."""
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related("from_branch").get(pk=transfer.pk)
    if transfer.direction != TransferDirection.OUT or transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("只有待回执的转出介绍信可以登记回执"))
    if not has_perm_on(by, "members.write", transfer.from_branch):
        raise ValidationError(_("只有转出党支部才能登记回执"))
    today = timezone.localdate()
    errors = {}
    if received_on > today:
        errors["received_on"] = [_("回执收到日期不能晚于今天")]
    if accepted_on > received_on:
        errors["accepted_on"] = [_("接收日期不能晚于回执收到日期")]
    if accepted_on < transfer.issued_on:
        errors["accepted_on"] = [_("接收日期不能早于介绍信开具日期")]
    if errors:
        raise ValidationError(errors)
    transfer.status = TransferStatus.COMPLETED
    transfer.completed_on = accepted_on
    transfer.completed_by = by
    transfer.return_slip_received_on = received_on
    return _save(transfer, by)


@transaction.atomic
def transfer_register_in(
    *,
    by,
    branch: Organization,
    letter_number: str,
    letter_date: datetime.date,
    external_org: str,
    received_on: datetime.date,
    reason: str = "",
    **member_data,
) -> Transfer:
    """Register a member arriving from outside the county with their introduction letter (DOMAIN §5): a new
    member on the roll of `branch` (or, for someone who once transferred out, their old file back on the roll)
    and a completed incoming transfer. Caller holds members.write on branch."""
    today = timezone.localdate()
    errors = {}
    letter_number = letter_number.strip()
    if not letter_number:
        errors["letter_number"] = [_("请填写介绍信编号")]
    elif Transfer.objects.filter(direction=TransferDirection.IN, letter_number=letter_number).exists():
        errors["letter_number"] = [_("该介绍信编号已登记过")]
    if not external_org.strip():
        errors["external_org"] = [_("请填写转出的党组织")]
    if letter_date > today:
        errors["letter_date"] = [_("介绍信日期不能晚于今天")]
    if received_on > today:
        errors["received_on"] = [_("接收日期不能晚于今天")]
    elif received_on < letter_date:
        errors["received_on"] = [_("接收日期不能早于介绍信日期")]
    if errors:
        raise ValidationError(errors)
    start_reason = _("持介绍信 %(number)s 从%(org)s转入") % {"number": letter_number, "org": external_org.strip()}
    returning = Member.objects.filter(
        id_number_hash=crypto.blind_index(normalize_id_number(member_data.get("id_number") or "")),
        lifecycle=Lifecycle.TRANSFERRED_OUT,
    ).first()
    if returning is not None:
        # Someone who once left the county comes back: the same file, a new stay, history kept.
        if branch.kind not in MEMBER_HOLDING_KINDS:
            raise ValidationError({"branch": [_("党员只能编入党支部或党总支")]})
        member = member_update(by=by, member=returning, **member_data)
        member = member_move(by=by, member=member, to_branch=branch, on=received_on, reason=start_reason[:100])
        member_set_lifecycle(by=by, member=member, state=Lifecycle.ACTIVE, on=received_on, reason=start_reason)
    else:
        member = member_create(by=by, branch=branch, start_reason=start_reason[:100], **member_data)
        # In our county the member's stay starts the day the branch received them, not the day they joined.
        Membership.objects.filter(member=member, ended_on__isnull=True).update(started_on=received_on)
    transfer = Transfer(
        member=member,
        direction=TransferDirection.IN,
        status=TransferStatus.COMPLETED,
        to_branch=branch,
        external_org=external_org.strip(),
        letter_number=letter_number,
        reason=reason.strip() or _("从县外转入"),
        issued_on=letter_date,
        started_by=by,
        completed_on=received_on,
        completed_by=by,
    )
    return _save(transfer, by)


def transfer_letter_context(*, by, transfer: Transfer) -> dict:
    """What the printed letter shows, with the full ID number; logs the print as an export of sensitive data
    (DOMAIN §8). Caller holds members.view_sensitive on the sending branch."""
    if transfer.direction != TransferDirection.OUT:
        raise ValidationError(_("只有转出本县的介绍信可以打印"))
    member = transfer.member
    sensitive_access_log(
        by=by,
        member=member,
        organization=transfer.from_branch,
        action=SensitiveAccess.Action.EXPORT,
        fields=("id_number",),
        reason=_("打印组织关系介绍信 %(number)s") % {"number": transfer.letter_number},
    )
    county = county_of(transfer.from_branch)
    township = Organization.objects.filter(path=transfer.from_branch.path[: transfer.from_branch.steplen * 2]).first()
    return {
        "member": member,
        "id_number": member.id_number,
        "age": age_on(member.birth_date, transfer.issued_on),
        "full_member": member.status == MemberStatus.FULL,
        "from_name": " ".join(o.name for o in (township, transfer.from_branch) if o is not None and o.depth > 1),
        "county": county,
        "validity_days": (transfer.valid_until - transfer.issued_on).days + 1 if transfer.valid_until else 0,
    }
