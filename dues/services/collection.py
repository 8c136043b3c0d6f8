"""Collection of dues: one member paying one or more months, a branch's month in one go, and reversals."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.models import Organization
from members.models import Member
from partywork.dates import month_start

from .. import rules
from ..models import DuesEntry, DuesReceipt, PaidMonth
from ..obligations import Ledger
from .books import RECEIPT_SERIES, check_open, lock_books, next_number


def _ym(month: datetime.date) -> str:
    return month.strftime("%Y-%m")


@dataclass
class PaymentInput:
    member: Member
    months: list[datetime.date]
    amounts: dict  # month -> Decimal, or {} for the standard of each month
    late_reason: str = ""  # the branch's reason for paying a month older than the usual 6 months
    extra: Decimal | None = None  # a voluntary extra beyond the dues (Dues Rules art. 11)


def _check_payment(ledger: Ledger, org: Organization, payment: PaymentInput, paid_on: datetime.date) -> list:
    """(month, amount, standard) for each month, or a ValidationError naming the member and the rule."""
    member = payment.member
    if not payment.months and payment.extra is None:
        raise ValidationError({"months": [_("请选择缴纳的月份，或填写自愿多交党费的金额")]})
    if payment.extra is not None:
        try:
            payment.extra = rules.clean_amount(payment.extra, field="extra")
        except ValidationError as error:
            raise ValidationError({"extra": [_("自愿多交党费：%(e)s") % {"e": m} for m in error.messages]}) from error
        if ledger.obligation(member, month_start(paid_on)).org_id != org.pk:
            raise ValidationError(
                {"extra": [_("%(name)s 缴纳当月不在本支部，自愿多交的党费请交给其所在支部") % {"name": member.name}]}
            )
    if len(set(payment.months)) != len(payment.months):
        raise ValidationError({"months": [_("同一月份不能重复缴纳")]})
    lines = []
    for month in sorted(payment.months):
        label = _ym(month)
        rules.check_payment_window(month, paid_on=paid_on, late_reason=payment.late_reason)
        if month_start(member.joined_on) > month:
            raise ValidationError(
                {"months": [_("%(m)s 早于%(name)s的入党月份，不需缴纳党费") % {"m": label, "name": member.name}]}
            )
        obligation = ledger.obligation(member, month)
        if obligation.org_id is None:
            raise ValidationError(
                {"months": [_("%(name)s %(m)s 不在本支部，不需向本支部缴纳") % {"name": member.name, "m": label}]}
            )
        if obligation.org_id != org.pk:
            raise ValidationError(
                {"months": [_("%(name)s %(m)s 的党费应向当时所在支部缴纳") % {"name": member.name, "m": label}]}
            )
        if ledger.is_paid(member, month):
            raise ValidationError(
                {"months": [_("%(name)s %(m)s 的党费已缴纳，不能重复登记") % {"name": member.name, "m": label}]}
            )
        given = payment.amounts.get(month)
        if given is None:
            if obligation.amount is None:
                raise ValidationError(
                    {
                        "amount": [
                            _("%(name)s %(m)s 尚未核定党费标准，请先核定或填写金额") % {"name": member.name, "m": label}
                        ]
                    }
                )
            given = obligation.amount
        try:
            amount = rules.clean_amount(given)
        except ValidationError as error:
            raise ValidationError({"amount": [f"{member.name} {label}：{m}" for m in error.messages]}) from error
        lines.append((month, amount, obligation.amount))
    return lines


def _book(*, org: Organization, payments: list[PaymentInput], paid_on: datetime.date, by) -> list[DuesReceipt]:
    """Book checked payments under the branch's books lock: receipts with gap-free numbers, one ledger entry per
    month (and one for a voluntary extra), and the paid-month allocation that refuses a double payment. Long
    because these writes must happen in one lock and one transaction, in this order."""
    today = timezone.localdate()
    if paid_on > today:
        raise ValidationError({"paid_on": [_("缴纳日期不能晚于今天")]})
    for payment in payments:
        payment.late_reason = payment.late_reason.strip()
        if len(payment.late_reason) > 300:
            raise ValidationError({"late_reason": [_("超期补缴原因最多 300 字")]})
        if payment.late_reason and not any(rules.is_late(m, paid_on=paid_on) for m in payment.months):
            # A reason is kept only where the rule asks for one, so the register never shows a stray reason.
            payment.late_reason = ""
    lock_books(org)
    check_open(org, paid_on)
    # The books lock serialises bookings of one branch: what is read below includes what another clerk of the
    # branch committed meanwhile. The unique allocation is the last word (another branch after a transfer).
    ledger = Ledger([p.member.pk for p in payments])
    checked = [(payment, _check_payment(ledger, org, payment, paid_on)) for payment in payments]
    if not checked:
        raise ValidationError(_("没有勾选任何缴纳记录"))
    first_number = next_number(org=org, year=paid_on.year, series=RECEIPT_SERIES, count=len(checked))
    receipts = DuesReceipt.objects.bulk_create(
        [
            DuesReceipt(
                organization=org,
                year=paid_on.year,
                number=first_number + index,
                member=payment.member,
                paid_on=paid_on,
                total=sum((amount for _m, amount, _s in lines), payment.extra or Decimal("0.00")),
                # Dues Rules art. 11: only the voluntary extra counts, never the regular dues on the receipt.
                to_centre=rules.is_centre_payment(payment.extra),
                late_reason=payment.late_reason,
                collector=by,
            )
            for index, (payment, lines) in enumerate(checked)
        ]
    )
    rows = []
    for receipt, (payment, lines) in zip(receipts, checked, strict=True):
        for month, amount, standard in lines:
            rows.append(
                DuesEntry(
                    organization=org,
                    member=payment.member,
                    kind=DuesEntry.Kind.PAYMENT,
                    month=month,
                    amount=amount,
                    standard=standard,
                    booked_on=paid_on,
                    receipt=receipt,
                    created_by=by,
                )
            )
        if payment.extra is not None:
            rows.append(
                DuesEntry(
                    organization=org,
                    member=payment.member,
                    kind=DuesEntry.Kind.EXTRA,
                    month=month_start(paid_on),
                    amount=payment.extra,
                    booked_on=paid_on,
                    receipt=receipt,
                    created_by=by,
                )
            )
    entries = [e for e in DuesEntry.objects.bulk_create(rows) if e.kind == DuesEntry.Kind.PAYMENT]
    try:
        with transaction.atomic():
            PaidMonth.objects.bulk_create([PaidMonth(member_id=e.member_id, month=e.month, entry=e) for e in entries])
    except IntegrityError as error:
        raise ValidationError({"months": [_("该月党费已由他人同时登记，本次未保存，请刷新后核对")]}) from error
    return receipts


@transaction.atomic
def dues_collect(
    *,
    org: Organization,
    member: Member,
    months: list,
    paid_on: datetime.date,
    by,
    amounts=None,
    late_reason="",
    extra=None,
) -> DuesReceipt:
    """Record one member paying one or more months on one numbered receipt: up to 6 months ahead, and back
    months within 6 months, or older with the branch's recorded `late_reason` (Dues Rules art. 12); a voluntary
    `extra` beyond the dues is its own entry, for the Centre at 1000 yuan or more (art. 11). Caller holds
    dues.write on `org`."""
    payment = PaymentInput(member, list(months), amounts or {}, late_reason or "", extra)
    return _book(org=org, payments=[payment], paid_on=paid_on, by=by)[0]


@transaction.atomic
def dues_collect_batch(*, org: Organization, month: datetime.date, payments: list, paid_on: datetime.date, by) -> list:
    """Record the month's dues for the ticked members of a branch, each (member, amount) on its own receipt,
    all or nothing. Caller holds dues.write on `org`."""
    month = month_start(month)
    if rules.is_late(month, paid_on=paid_on):
        raise ValidationError(
            _(
                "%(m)s 已超过一般补缴期限（补缴一般不超过 6 个月），不能在本页批量登记；"
                "请在欠缴名单中点该党员的月份，逐人登记并写明超期补缴原因"
            )
            % {"m": _ym(month)}
        )
    return _book(
        org=org,
        payments=[PaymentInput(member, [month], {month: amount}) for member, amount in payments],
        paid_on=paid_on,
        by=by,
    )


@transaction.atomic
def dues_reverse(*, entry: DuesEntry, reason: str, by, on: datetime.date | None = None) -> DuesEntry:
    """Correct a payment by a reversal entry booked in the current period; the month may then be paid again.
    A reversal cannot be reversed, and nothing is reversed twice. Caller holds dues.write on the branch."""
    on = on or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写冲正原因")]})
    if entry.kind == DuesEntry.Kind.REVERSAL:
        raise ValidationError(_("冲正分录不能再冲正"))
    lock_books(entry.organization)
    if DuesEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("该笔已冲正，不能重复冲正"))
    check_open(entry.organization, on, field="reason")
    try:
        with transaction.atomic():
            reversal = DuesEntry.objects.create(
                organization=entry.organization,
                member=entry.member,
                kind=DuesEntry.Kind.REVERSAL,
                month=entry.month,
                amount=entry.amount,
                standard=entry.standard,
                booked_on=on,
                reverses=entry,
                reason=reason.strip(),
                created_by=by,
            )
    except IntegrityError as error:
        raise ValidationError(_("该笔已冲正，不能重复冲正")) from error
    PaidMonth.objects.filter(entry=entry).delete()
    return reversal
