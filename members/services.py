"""Writes to the member roll. Callers hold members.write on the member's branch (views check it through
the scope; services re-check what the data itself must satisfy)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.models import Organization
from branches.rules import MEMBER_HOLDING_KINDS, OrgKind
from partywork.dates import add_years

from . import crypto
from .models import Lifecycle, LifecycleEvent, Member, Membership, MemberStatus, SensitiveAccess
from .rules import id_disagreements, id_number_errors, normalize_id_number, phone_errors

# The identity of a person (members and applicants alike).
IDENTITY_FIELDS = (
    "name",
    "sex",
    "ethnicity",
    "birth_date",
    "id_number",
    "phone",
    "education",
    "occupation",
    "work_unit",
    "address",
)
# Party standing, without the party group (set separately, within the branch).
STANDING_FIELDS = ("status", "joined_on", "confirmed_on")
# Fields a member record is written from (forms, the import, recruitment on admission).
MEMBER_FIELDS = (*IDENTITY_FIELDS, *STANDING_FIELDS, "group")
ADULT_AGE = 18


def not_addable_here() -> str:
    """The refusal for an ID number already on file (issue 15, finding 8). The person may be on a roll
    outside the user's scope, so it says neither where nor that a file exists: only that this person cannot
    be added here and whom to ask."""
    return _("此人无法在此登记。如需登记或转入，请联系所在乡镇党委或县委组织部核实办理。")


def identity_errors(data: dict, *, today: datetime.date) -> tuple[dict, str]:
    """The identity rules shared by members and applicants (DOMAIN §8): a valid GB 11643 ID number that
    agrees with birth date and sex, and a well-formed phone. Returns ({field: [reasons]}, the normalised ID,
    or "" when it is missing or invalid), so callers add their own duplicate checks on a valid ID."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(str(message))

    id_number = normalize_id_number(data.get("id_number") or "")
    if not id_number:
        add("id_number", _("请填写身份证号码"))
    else:
        for problem in id_number_errors(id_number, today=today):
            add("id_number", problem)
        if "id_number" not in errors:
            for problem in id_disagreements(id_number, birth_date=data.get("birth_date"), sex=data.get("sex")):
                add("birth_date" if "出生" in problem else "sex", problem)
    if data.get("phone"):
        for problem in phone_errors(data["phone"]):
            add("phone", problem)
    return errors, ("" if "id_number" in errors or not id_number else id_number)


def member_errors(data: dict, *, branch: Organization, today: datetime.date, instance: Member | None = None) -> dict:
    """Every rule a member record must satisfy, as {field: [reasons in Chinese]}; {} when all is well.
    Used by forms, the Excel import (row by row, before anything is written) and the services."""
    errors, valid_id = identity_errors(data, today=today)

    def add(field, message):
        errors.setdefault(field, []).append(str(message))

    if branch.kind not in MEMBER_HOLDING_KINDS:
        add("branch", _("党员只能编入党支部或党总支"))
    if valid_id:
        existing = Member.objects.filter(id_number_hash=crypto.blind_index(valid_id))
        if instance is not None:
            existing = existing.exclude(pk=instance.pk)
        if existing.exists():
            add("id_number", not_addable_here())
    birth, joined, confirmed = data.get("birth_date"), data.get("joined_on"), data.get("confirmed_on")
    if birth and birth >= today:
        add("birth_date", _("出生日期须早于今天"))
    if joined:
        if joined > today:
            add("joined_on", _("入党日期不能晚于今天"))
        if birth and joined < add_years(birth, ADULT_AGE):
            # Recruitment Rules art. 5: an applicant must be 18 or older.
            add("joined_on", _("入党时须年满18周岁"))
    status = data.get("status")
    if status == MemberStatus.FULL and not confirmed:
        add("confirmed_on", _("正式党员须填写转正日期"))
    if status == MemberStatus.PROBATIONARY and confirmed:
        add("confirmed_on", _("预备党员不应有转正日期"))
    if confirmed and joined:
        if confirmed > today:
            add("confirmed_on", _("转正日期不能晚于今天"))
        # Recruitment Rules art. 31: probation lasts one year from the admitting vote.
        if confirmed < add_years(joined, 1):
            add("confirmed_on", _("预备期为一年，转正日期不能早于入党日期满一年"))
    group = data.get("group")
    in_branch = group is not None and group.path.startswith(branch.path) and group.depth == branch.depth + 1
    if group is not None and (group.kind != OrgKind.GROUP or not in_branch):
        add("group", _("党小组须属于本支部"))
    return errors


def _apply(member: Member, data: dict) -> None:
    for field in MEMBER_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "name":
            member.set_name(value)
        elif field == "id_number":
            member.set_id_number(value)
        elif field == "phone":
            member.set_phone(value or "")
        else:
            setattr(member, field, value)


@transaction.atomic
def member_create(*, by, branch: Organization, start_reason: str = "", **data) -> Member:
    """Put a new member on the roll of `branch`, opening their first membership. Caller holds members.write."""
    today = timezone.localdate()
    errors = member_errors(data, branch=branch, today=today)
    if errors:
        raise ValidationError(errors)
    member = Member(branch=branch)
    _apply(member, data)
    audited(member, by)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:
        # Two clerks registering the same person at once: the unique hash decides.
        raise ValidationError({"id_number": [not_addable_here()]}) from error
    Membership.objects.create(
        member=member,
        organization=branch,
        started_on=data.get("joined_on") or today,
        start_reason=start_reason or _("建档"),
    )
    return member


@transaction.atomic
def member_update(*, by, member: Member, **data) -> Member:
    """Correct a member's record. The branch changes only through a transfer."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    current = {f: getattr(member, f) for f in MEMBER_FIELDS if f not in ("id_number", "phone")}
    current["id_number"] = member.id_number
    merged = {**current, **data}
    errors = member_errors(merged, branch=member.branch, today=timezone.localdate(), instance=member)
    if errors:
        raise ValidationError(errors)
    _apply(member, data)
    audited(member, by).save()
    return member


@transaction.atomic
def member_set_lifecycle(*, by, member: Member, state: str, on: datetime.date, reason: str) -> Member:
    """Record a change of state (deceased, removed, lost contact, back to active) with its date and reason."""
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写原因")]})
    if on > timezone.localdate():
        raise ValidationError({"on": [_("日期不能晚于今天")]})
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.lifecycle == state:
        raise ValidationError({"state": [_("党员已是该状态")]})
    if state not in Lifecycle.values:
        raise ValidationError({"state": [_("无效的状态")]})
    member.lifecycle = state
    member.lifecycle_changed_on = on
    member.lifecycle_reason = reason
    audited(member, by).save()
    LifecycleEvent.objects.create(member=member, state=state, on=on, reason=reason, recorded_by=by)
    if state in (Lifecycle.DECEASED, Lifecycle.REMOVED, Lifecycle.TRANSFERRED_OUT):
        Membership.objects.filter(member=member, ended_on__isnull=True).update(
            ended_on=on, end_reason=Lifecycle(state).label
        )
    return member


@transaction.atomic
def member_move(*, by, member: Member, to_branch: Organization, on: datetime.date, reason: str) -> Member:
    """Move a member to another branch of the county, closing one membership and opening the next. Used by
    the transfer services; the caller has checked both sides."""
    if to_branch.kind not in MEMBER_HOLDING_KINDS:
        raise ValidationError({"to_branch": [_("党员只能编入党支部或党总支")]})
    member = Member.objects.select_for_update().get(pk=member.pk)
    Membership.objects.filter(member=member, ended_on__isnull=True).update(ended_on=on, end_reason=reason)
    Membership.objects.create(member=member, organization=to_branch, started_on=on, start_reason=reason)
    member.branch = to_branch
    member.group = None
    audited(member, by).save()
    return member


def sensitive_access_log(
    *,
    by,
    action: str,
    reason: str,
    member: Member | None = None,
    organization: Organization | None = None,
    fields: tuple[str, ...] = ("id_number", "phone"),
) -> SensitiveAccess:
    """Log that `by` saw (action VIEW) or exported (EXPORT) the clear `fields` of one member, or of everyone
    under `organization` (DOMAIN §8): every path to a full ID or phone number goes through here. The
    organisation defaults to the member's branch. Callers hold members.view_sensitive there."""
    return SensitiveAccess.objects.create(
        user=by,
        member=member,
        organization=organization or (member.branch if member is not None else None),
        action=action,
        fields=",".join(fields),
        reason=reason,
    )


def member_reveal(*, by, member: Member, reason: str) -> dict:
    """Return the clear ID and phone numbers for someone whose role needs them, and log who, when and why.
    Caller holds members.view_sensitive on the member's branch."""
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写查看事由")]})
    sensitive_access_log(by=by, member=member, action=SensitiveAccess.Action.VIEW, reason=reason)
    return {"id_number": member.id_number, "phone": member.phone}
