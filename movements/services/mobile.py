"""Mobile members (流动党员, DOMAIN §5): the writes.

A member away for a while without transfer gets a MobileRecord (the township's ledger): departure, reason,
destination, employer, phone (encrypted), card number and issue date, a contact person (a full member of
the home branch), dues status. Each contact is recorded; the record's `last_contact_on` follows the latest.
Contacts are due at least quarterly; after 6 months without contact the member is lost (失联) and the
lifecycle changes to lost_contact with the reason. The parameters come from `movements.rules`."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.models import Organization, subtree_q
from members.models import Lifecycle, Member
from members.rules import phone_errors
from members.services import member_set_lifecycle

from .. import rules as mr
from ..models import MobileContact, MobileRecord
from ..selectors import contact_person_choices

LEDGER_FIELDS = (
    "left_on",
    "reason",
    "dest_province",
    "dest_city",
    "dest_unit",
    "employer",
    "card_number",
    "card_issued_on",
    "contact_person",
    "dues_status",
)
SYSTEM_USERNAME = "system-reminders"


def _ledger_errors(*, member: Member, data: dict, today: datetime.date) -> dict:
    errors: dict[str, list[str]] = {}
    for field, label in (("reason", _("外出原因")), ("dest_province", _("流入省份")), ("dest_city", _("流入城市"))):
        if not str(data.get(field) or "").strip():
            errors[field] = [_("请填写%(field)s") % {"field": label}]
    left_on = data.get("left_on")
    if left_on is None:
        errors["left_on"] = [_("请填写外出日期")]
    elif left_on > today:
        errors["left_on"] = [_("外出日期不能晚于今天")]
    card_on = data.get("card_issued_on")
    if card_on and card_on > today:
        errors["card_issued_on"] = [_("活动证发放日期不能晚于今天")]
    if data.get("card_number") and not card_on:
        errors["card_issued_on"] = [_("填写了活动证编号，请同时填写发放日期")]
    phone = data.get("phone") or ""
    if phone:
        problems = phone_errors(phone)
        if problems:
            errors["phone"] = problems
    contact = data.get("contact_person")
    if contact is None:
        errors["contact_person"] = [_("请指定党支部内的联系人")]
    elif not contact_person_choices(member=member).filter(pk=contact.pk).exists():
        errors["contact_person"] = [_("联系人须是本支部在册的正式党员（不能是本人）")]
    return errors


@transaction.atomic
def mobile_start(*, by, member: Member, phone: str = "", **data) -> MobileRecord:
    """Mark a member as away (流动党员) with the ledger fields of DOMAIN §5. Caller holds members.write on the
    member's branch."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.lifecycle != Lifecycle.ACTIVE:
        raise ValidationError({"member": [_("只有在册党员才能登记为流动党员")]})
    if MobileRecord.objects.filter(member=member, returned_on__isnull=True).exists():
        raise ValidationError({"member": [_("该党员已登记为流动党员，尚未返回")]})
    errors = _ledger_errors(member=member, data={**data, "phone": phone}, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    record = MobileRecord(member=member, **{f: data.get(f) for f in LEDGER_FIELDS if f in data})
    for field in ("dest_unit", "employer", "card_number", "dues_status"):
        setattr(record, field, (getattr(record, field) or "").strip())
    record.set_phone(phone)
    record.full_clean(exclude=["member", "contact_person"])
    try:
        with transaction.atomic():
            audited(record, by).save()
    except IntegrityError as error:
        raise ValidationError({"member": [_("该党员已登记为流动党员，尚未返回")]}) from error
    member.is_mobile = True
    audited(member, by).save(update_fields=["is_mobile", "updated_at"])
    return record


@transaction.atomic
def mobile_update(*, by, record: MobileRecord, phone: str | None = None, **data) -> MobileRecord:
    """Correct the ledger of an open record (new employer, new card). Caller holds members.write."""
    record = MobileRecord.objects.select_for_update().select_related("member").get(pk=record.pk)
    if record.returned_on:
        raise ValidationError(_("该党员已返回，登记不再修改"))
    merged = {f: getattr(record, f) for f in LEDGER_FIELDS}
    merged.update({f: v for f, v in data.items() if f in LEDGER_FIELDS})
    errors = _ledger_errors(member=record.member, data={**merged, "phone": phone or ""}, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    for field, value in merged.items():
        setattr(record, field, value)
    if phone is not None:
        record.set_phone(phone)
    record.full_clean(exclude=["member", "contact_person"])
    audited(record, by).save()
    return record


@transaction.atomic
def mobile_contact_record(*, by, record: MobileRecord, contacted_on: datetime.date, channel: str, notes: str = ""):
    """Record one contact with a mobile member and move `last_contact_on`. A member lost for lack of contact
    who is reached again is back on the active roll. Caller holds members.write on the member's branch."""
    record = MobileRecord.objects.select_for_update().select_related("member").get(pk=record.pk)
    errors = {}
    if record.returned_on:
        errors["contacted_on"] = [_("该党员已返回，无需再登记联系")]
    elif contacted_on > timezone.localdate():
        errors["contacted_on"] = [_("联系日期不能晚于今天")]
    elif contacted_on < record.left_on:
        errors["contacted_on"] = [_("联系日期不能早于外出日期")]
    if channel not in MobileContact.Channel.values:
        errors["channel"] = [_("请选择联系方式")]
    if errors:
        raise ValidationError(errors)
    contact = MobileContact(
        record=record, contacted_on=contacted_on, channel=channel, notes=notes.strip(), recorded_by=by
    )
    contact.full_clean(exclude=["record", "recorded_by"])
    contact.save()
    if record.last_contact_on is None or contacted_on > record.last_contact_on:
        record.last_contact_on = contacted_on
    if record.lost_contact_on is not None and contacted_on >= record.lost_contact_on:
        record.lost_contact_on = None
        if record.member.lifecycle == Lifecycle.LOST_CONTACT:
            member_set_lifecycle(
                by=by,
                member=record.member,
                state=Lifecycle.ACTIVE,
                on=contacted_on,
                reason=_("流动党员恢复联系（%(day)s）") % {"day": contacted_on.isoformat()},
            )
    audited(record, by).save()
    return contact


@transaction.atomic
def mobile_return(*, by, record: MobileRecord, returned_on: datetime.date) -> MobileRecord:
    """The member is back home: close the record and clear `is_mobile`. Caller holds members.write."""
    record = MobileRecord.objects.select_for_update().select_related("member").get(pk=record.pk)
    if record.returned_on:
        raise ValidationError({"returned_on": [_("已登记返回")]})
    if returned_on > timezone.localdate():
        raise ValidationError({"returned_on": [_("返回日期不能晚于今天")]})
    if returned_on < record.left_on:
        raise ValidationError({"returned_on": [_("返回日期不能早于外出日期")]})
    record.returned_on = returned_on
    audited(record, by).save()
    member = record.member
    member.is_mobile = False
    audited(member, by).save(update_fields=["is_mobile", "updated_at"])
    if member.lifecycle == Lifecycle.LOST_CONTACT and record.lost_contact_on is not None:
        member_set_lifecycle(
            by=by,
            member=member,
            state=Lifecycle.ACTIVE,
            on=returned_on,
            reason=_("流动党员返回（%(day)s）") % {"day": returned_on.isoformat()},
        )
    return record


def system_user():
    """The account the scheduled job records its changes as: it cannot log in and holds no role."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"full_name": _("系统（定时任务）"), "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def mobile_mark_lost_contact(*, by, today: datetime.date, org: Organization | None = None) -> list[MobileRecord]:
    """DOMAIN §5: members away and unreachable for 6 months are lost contact (失联): the record gets the date
    and the member's lifecycle changes to lost_contact with the reason. Run by the reminders job (all of the
    county) and by hand from the roll (`org`: caller holds members.write on it). Idempotent."""
    rules = mr.movement_rules()
    records = MobileRecord.objects.filter(
        returned_on__isnull=True, lost_contact_on__isnull=True, member__lifecycle=Lifecycle.ACTIVE
    ).select_related("member")
    if org is not None:
        records = records.filter(subtree_q(org, "member__branch"))
    marked = []
    for record in records.select_for_update(of=("self",)).order_by("pk"):
        if not mr.is_lost_contact(
            left_on=record.left_on,
            last_contact_on=record.last_contact_on,
            today=today,
            months=rules.lost_contact_months,
        ):
            continue
        reached = mr.last_reached(left_on=record.left_on, last_contact_on=record.last_contact_on)
        lost_on = mr.lost_contact_on(
            left_on=record.left_on, last_contact_on=record.last_contact_on, months=rules.lost_contact_months
        )
        record.lost_contact_on = lost_on
        audited(record, by).save(update_fields=["lost_contact_on"])
        member_set_lifecycle(
            by=by,
            member=record.member,
            state=Lifecycle.LOST_CONTACT,
            on=min(lost_on, today),
            reason=_("流动党员自%(day)s起连续%(n)s个月未取得联系")
            % {"day": reached.isoformat(), "n": rules.lost_contact_months},
        )
        marked.append(record)
    return marked
