"""Writes of the dues ledger. Every function is atomic, validates with rules.py and refuses bad input with a
ValidationError in Chinese before anything is written."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.models import Organization
from members.models import Member
from partywork.dates import month_end, month_start

from . import rules, selectors
from .models import (
    DuesCounter,
    DuesEntry,
    DuesReceipt,
    DuesRelief,
    DuesRemittance,
    DuesStandard,
    PaidMonth,
)
from .obligations import Ledger, params_versions
from .selectors import parent_of

RECEIPT_SERIES = "receipt"
REMITTANCE_SERIES = "remittance"
BOOKS_SERIES = "books"


def _ym(month: datetime.date) -> str:
    return month.strftime("%Y-%m")


def _next_number(*, org: Organization, year: int, series: str, count: int = 1) -> int:
    """The first of `count` consecutive numbers of a series, under a row lock: numbers have no gaps (a
    rolled-back write gives its numbers back) and no doubles."""
    DuesCounter.objects.get_or_create(organization=org, year=year, series=series)
    counter = DuesCounter.objects.select_for_update().get(organization=org, year=year, series=series)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def _lock_books(org: Organization) -> None:
    """Serialise every write to `org`'s books (payments, reversals, remittances) on one row lock, so a period
    cannot close between the check and the write."""
    DuesCounter.objects.get_or_create(organization=org, year=0, series=BOOKS_SERIES)
    DuesCounter.objects.select_for_update().filter(organization=org, year=0, series=BOOKS_SERIES).first()


def closed_until(org: Organization) -> datetime.date | None:
    """The last day of the last period `org` has remitted: nothing may be booked on or before it."""
    last = DuesRemittance.objects.filter(from_org=org).order_by("-last_month").values_list("last_month", flat=True)
    last = last.first()
    return month_end(last) if last else None


def _check_open(org: Organization, day: datetime.date, field: str = "paid_on") -> None:
    end = closed_until(org)
    if end is not None and day <= end:
        raise ValidationError(
            {
                field: [
                    _("%(day)s 所在期间已上缴结账（结至 %(end)s），不能再记入；更正请记入当前期间")
                    % {"day": day.isoformat(), "end": end.isoformat()}
                ]
            }
        )


# ---- standards ---------------------------------------------------------------------------------------------


@dataclass
class StandardInput:
    member: Member
    category: str
    base: Decimal | None


def _standard_amount(category: str, base, year: int, versions) -> tuple[Decimal, int]:
    params = rules.params_for_year(versions, year)
    if category not in rules.Category.values:
        raise ValidationError({"category": [_("党员类别无效")]})
    if category in rules.BASE_CATEGORIES and base is None:
        raise ValidationError({"base": [_("“%(c)s”须申报缴费基数") % {"c": rules.Category(category).label}]})
    if category not in rules.BASE_CATEGORIES:
        base = None
    return rules.monthly_amount(category, base, params), params.year_from


@transaction.atomic
def standards_set(*, org: Organization, year: int, rows: list[StandardInput], by) -> int:
    """Set the yearly standard (党费基数核定) of the listed members of `org` in one go; each keeps its category,
    base and the parameters year used. All or nothing. Caller holds dues.write on `org`."""
    versions = params_versions()
    errors = {}
    prepared = []
    for row in rows:
        try:
            if row.base is not None and row.base < 0:
                raise ValidationError({"base": [_("缴费基数不能为负数")]})
            if row.base is not None and row.base != rules.money(row.base):
                raise ValidationError({"base": [_("缴费基数最多保留两位小数")]})
            amount, params_year = _standard_amount(row.category, row.base, year, versions)
        except ValidationError as error:
            errors[row.member.pk] = error
            continue
        base = row.base if row.category in rules.BASE_CATEGORIES else None
        prepared.append((row, base, amount, params_year))
    if errors:
        messages = [
            f"{row.member.name}：{'；'.join(errors[row.member.pk].messages)}" for row in rows if row.member.pk in errors
        ]
        raise ValidationError(messages)
    january = datetime.date(year, 1, 1)
    existing = {
        s.member_id: s for s in DuesStandard.objects.filter(member__in=[r.member for r in rows], valid_from=january)
    }
    for row, base, amount, params_year in prepared:
        standard = existing.get(row.member.pk) or DuesStandard(member=row.member, valid_from=january)
        unchanged = standard.pk and (standard.category, standard.base, standard.amount) == (row.category, base, amount)
        if unchanged:
            continue
        standard.organization = org
        standard.category, standard.base, standard.amount = row.category, base, amount
        standard.parameters_year = params_year
        standard.reason = _("%(year)s 年度核定") % {"year": year}
        standard.set_by = by
        audited(standard, by)
        standard.full_clean()
        standard.save()
    return len(prepared)


@transaction.atomic
def standard_change(*, org: Organization, member: Member, month: datetime.date, category: str, base, reason: str, by):
    """Record a change of income (or category) that applies from `month` (Dues Rules). Caller holds dues.write."""
    month = month_start(month)
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写变更原因")]})
    if base is not None and (base < 0 or base != rules.money(base)):
        raise ValidationError({"base": [_("缴费基数须为不小于零、最多两位小数的金额")]})
    amount, params_year = _standard_amount(category, base, month.year, params_versions())
    standard = DuesStandard.objects.filter(member=member, valid_from=month).first() or DuesStandard(
        member=member, valid_from=month
    )
    standard.organization = org
    standard.category = category
    standard.base = base if category in rules.BASE_CATEGORIES else None
    standard.amount, standard.parameters_year = amount, params_year
    standard.reason, standard.set_by = reason.strip(), by
    audited(standard, by)
    standard.full_clean()
    standard.save()
    return standard


@transaction.atomic
def relief_request(*, org, member, kind, first_month, last_month, amount, reason, decided_on, by) -> DuesRelief:
    """Record the branch's decision on a hardship reduction or waiver; it counts once the township approves.
    Caller holds dues.write on `org`."""
    errors = {}
    if not reason.strip():
        errors["reason"] = [_("请填写减免理由")]
    first_month, last_month = month_start(first_month), month_start(last_month)
    if last_month < first_month:
        errors["last_month"] = [_("截止月份不能早于起始月份")]
    if kind == DuesRelief.Kind.WAIVER:
        amount = Decimal("0.00")
    else:
        try:
            amount = rules.clean_amount(amount if amount is not None else "0")
        except ValidationError as error:
            errors["amount"] = error.message_dict["amount"]
    if errors:
        raise ValidationError(errors)
    relief = DuesRelief(
        member=member,
        organization=org,
        kind=kind,
        first_month=first_month,
        last_month=last_month,
        amount=amount,
        reason=reason.strip(),
        decided_on=decided_on,
        requested_by=by,
    )
    audited(relief, by)
    relief.full_clean()
    relief.save()
    return relief


@transaction.atomic
def relief_decide(*, relief: DuesRelief, approve: bool, note: str, by) -> DuesRelief:
    """The level above approves or rejects a relief once. Caller holds dues.approve over the branch."""
    relief = DuesRelief.objects.select_for_update().get(pk=relief.pk)
    if relief.status != DuesRelief.Status.PENDING:
        raise ValidationError(_("该减免申请已审批，不能重复审批"))
    if relief.requested_by_id == by.pk:
        raise ValidationError(_("减免须由上级审批，申请人不能自己审批"))
    relief.status = DuesRelief.Status.APPROVED if approve else DuesRelief.Status.REJECTED
    relief.approved_by, relief.approved_at, relief.approval_note = by, timezone.now(), note.strip()
    audited(relief, by).save()
    return relief


# ---- collection --------------------------------------------------------------------------------------------


@dataclass
class PaymentInput:
    member: Member
    months: list[datetime.date]
    amounts: dict  # month -> Decimal, or {} for the standard of each month


def _check_payment(ledger: Ledger, org: Organization, payment: PaymentInput, paid_on: datetime.date) -> list:
    """(month, amount, standard) for each month, or a ValidationError naming the member and the rule."""
    member = payment.member
    if not payment.months:
        raise ValidationError({"months": [_("请选择缴纳的月份")]})
    if len(set(payment.months)) != len(payment.months):
        raise ValidationError({"months": [_("同一月份不能重复缴纳")]})
    lines = []
    for month in sorted(payment.months):
        label = _ym(month)
        rules.check_payment_window(month, paid_on=paid_on)
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
    today = timezone.localdate()
    if paid_on > today:
        raise ValidationError({"paid_on": [_("缴纳日期不能晚于今天")]})
    _lock_books(org)
    _check_open(org, paid_on)
    # The books lock serialises bookings of one branch: what is read below includes what another clerk of the
    # branch committed meanwhile. The unique allocation is the last word (another branch after a transfer).
    ledger = Ledger([p.member.pk for p in payments])
    checked = [(payment, _check_payment(ledger, org, payment, paid_on)) for payment in payments]
    if not checked:
        raise ValidationError(_("没有勾选任何缴纳记录"))
    first_number = _next_number(org=org, year=paid_on.year, series=RECEIPT_SERIES, count=len(checked))
    receipts = DuesReceipt.objects.bulk_create(
        [
            DuesReceipt(
                organization=org,
                year=paid_on.year,
                number=first_number + index,
                member=payment.member,
                paid_on=paid_on,
                total=sum((amount for _m, amount, _s in lines), Decimal("0.00")),
                to_centre=rules.is_centre_payment(sum((amount for _m, amount, _s in lines), Decimal("0.00"))),
                collector=by,
            )
            for index, (payment, lines) in enumerate(checked)
        ]
    )
    entries = DuesEntry.objects.bulk_create(
        [
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
            for receipt, (payment, lines) in zip(receipts, checked, strict=True)
            for month, amount, standard in lines
        ]
    )
    try:
        with transaction.atomic():
            PaidMonth.objects.bulk_create([PaidMonth(member_id=e.member_id, month=e.month, entry=e) for e in entries])
    except IntegrityError as error:
        raise ValidationError({"months": [_("该月党费已由他人同时登记，本次未保存，请刷新后核对")]}) from error
    return receipts


@transaction.atomic
def dues_collect(
    *, org: Organization, member: Member, months: list, paid_on: datetime.date, by, amounts=None
) -> DuesReceipt:
    """Record one member paying one or more months (arrears or advance, at most 6 months either way) on one
    numbered receipt. Caller holds dues.write on `org`."""
    return _book(org=org, payments=[PaymentInput(member, list(months), amounts or {})], paid_on=paid_on, by=by)[0]


@transaction.atomic
def dues_collect_batch(*, org: Organization, month: datetime.date, payments: list, paid_on: datetime.date, by) -> list:
    """Record the month's dues for the ticked members of a branch, each (member, amount) on its own receipt,
    all or nothing. Caller holds dues.write on `org`."""
    month = month_start(month)
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
    if entry.kind != DuesEntry.Kind.PAYMENT:
        raise ValidationError(_("冲正分录不能再冲正"))
    _lock_books(entry.organization)
    if DuesEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("该笔已冲正，不能重复冲正"))
    _check_open(entry.organization, on, field="reason")
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


# ---- remittance --------------------------------------------------------------------------------------------


def on_hand(org: Organization, *, until: datetime.date) -> Decimal:
    """collected − reversed + received − remitted for `org` up to `until` (a remittance counts at the end of the
    period it covers, money received at the date it was handed over)."""
    parts = selectors.balance_parts(org, first=None, last=until)
    return parts["collected"] - parts["reversed"] + parts["received"] - parts["remitted"]


@transaction.atomic
def dues_remit(
    *,
    org: Organization,
    first_month: datetime.date,
    last_month: datetime.date,
    by,
    note: str = "",
    on: datetime.date | None = None,
) -> DuesRemittance:
    """Hand the dues on hand for a period to the level above under a numbered receipt; the period is then closed
    for `org`. Caller holds dues.remit on `org`."""
    today = on or timezone.localdate()
    if today > timezone.localdate():
        raise ValidationError({"first_month": [_("上缴日期不能晚于今天")]})
    first_month, last_month = month_start(first_month), month_start(last_month)
    if last_month < first_month:
        raise ValidationError({"last_month": [_("截止月份不能早于起始月份")]})
    if first_month > today:
        raise ValidationError({"first_month": [_("不能上缴尚未开始的期间")]})
    parent = parent_of(org)
    if parent is None:
        raise ValidationError(_("县委组织部没有上级组织可上缴"))
    # Lock the books (the sender's, then the receiver's) first: nothing is booked into the period while it
    # closes, and two remittances of one organisation never interleave.
    _lock_books(org)
    _lock_books(parent)
    number = _next_number(org=org, year=last_month.year, series=REMITTANCE_SERIES)
    closed = closed_until(org)
    if closed is not None and first_month <= closed:
        raise ValidationError(
            {"first_month": [_("该期间与已上缴的期间重叠（已结至 %(d)s）") % {"d": closed.isoformat()}]}
        )
    period_end = min(month_end(last_month), today)
    amount = on_hand(org, until=period_end)
    if amount <= 0:
        raise ValidationError(_("该期间没有可上缴的党费（结存 %(a)s 元）") % {"a": amount})
    _check_open(parent, today, field="first_month")
    remittance = DuesRemittance(
        from_org=org,
        to_org=parent,
        year=last_month.year,
        number=number,
        first_month=first_month,
        last_month=last_month,
        amount=amount,
        handed_on=today,
        note=note.strip(),
        created_by=by,
    )
    remittance.full_clean()
    remittance.save()
    return remittance


def member_in_branch_q(org: Organization, first: datetime.date, last: datetime.date) -> Q:
    """Members with a stay in `org` overlapping [first, last]."""
    return Q(
        memberships__organization=org,
        memberships__started_on__lte=last,
    ) & (Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gte=first))
