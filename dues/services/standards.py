"""The yearly standard of each member (党费基数核定), changes of income, and reliefs (减免) with their approval."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.models import Organization
from members.models import Member
from partywork.dates import month_start

from .. import rules
from ..models import DuesRelief, DuesStandard
from ..obligations import params_versions


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
