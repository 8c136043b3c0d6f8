"""Writes of training and study. Callers hold learning.write on the organisation (views check it through the
scope); services re-check the data and audit every row they write."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from branches.audit import audited
from branches.models import Organization
from branches.rules import BRANCH_KINDS, OrgKind
from dues.rules import money
from meetings.models import RemoteSession
from members import crypto
from members.models import Member
from members.rules import id_number_errors, normalize_id_number

from . import rules
from .models import CareVisit, Publication, Talk, TrainingAttendance, TrainingSession
from .rules import TrainingKind


def parse_outside_attendees(text: str, *, today: datetime.date) -> list[tuple[str, str]]:
    """Activist-course attendees who are not members yet, one a line as "姓名 身份证号码"; returns
    [(name, normalised ID number)] or raises a ValidationError naming the line to fix."""
    people, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            errors.append(_("第%(n)d行：请按“姓名 身份证号码”填写，每行一人。") % {"n": number})
            continue
        name, id_number = parts[0], normalize_id_number(parts[1])
        problems = id_number_errors(id_number, today=today)
        if problems:
            errors.append(_("第%(n)d行（%(name)s）：%(why)s。") % {"n": number, "name": name, "why": problems[0]})
            continue
        people.append((name[:50], id_number))
    if errors:
        raise ValidationError({"outside_attendees": errors})
    return people


@transaction.atomic
def session_create(
    *,
    org: Organization,
    by,
    kind: str,
    held_on: datetime.date,
    hours: Decimal,
    content: str,
    members: list[Member],
    outside: list[tuple[str, str]] = (),
    today: datetime.date | None = None,
) -> TrainingSession:
    """Record a training session organised by `org` with who attended. Members come from branches under
    `org`; people who are not members may attend only an activist course. A member's viewing already logged
    at a remote-education site on that day is not entered a second time."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if org.kind == OrgKind.GROUP:
        errors["__all__"] = [_("培训由党支部及以上党组织登记，请在所属党支部登记。")]
    if held_on > today:
        errors["held_on"] = [_("培训日期不能晚于今天；培训结束后再登记。")]
    if hour_errors := rules.session_hours_errors(hours):
        errors["hours"] = hour_errors
    if not content.strip():
        errors["content"] = [_("请填写培训内容。")]
    outside_of_org = [m.name for m in members if not m.branch.path.startswith(org.path)]
    if outside_of_org:
        errors["members"] = [
            _("%(names)s 不是%(org)s的党员，不能列入参训人员。") % {"names": "、".join(outside_of_org), "org": org.name}
        ]
    if outside and kind != TrainingKind.ACTIVIST:
        errors["outside_attendees"] = [_("非党员人员只能参加入党积极分子培训班；其他培训请只勾选党员。")]
    if not members and not outside:
        errors["members"] = [_("请至少勾选一名参训人员。")]
    if kind == TrainingKind.REMOTE and members:
        watched = sorted(
            RemoteSession.viewers.through.objects.filter(
                member__in=members, remotesession__held_on=held_on
            ).values_list("member__name", flat=True)
        )
        if watched:
            errors["members"] = [
                _("%(names)s 当天已在远程教育播放点登记收看，学时已自动计入，请勿重复登记。")
                % {"names": "、".join(dict.fromkeys(watched))}
            ]
    if errors:
        raise ValidationError(errors)
    session = TrainingSession(
        organization=org, kind=kind, held_on=held_on, hours=rules.hours(hours), content=content.strip(), entered_by=by
    )
    session.full_clean(exclude=["entered_by"])
    audited(session, by).save()
    rows = [
        TrainingAttendance(session=session, member=m, person_name=m.name, id_number_hash=m.id_number_hash)
        for m in dict.fromkeys(members)
    ]
    member_keys = {row.id_number_hash for row in rows}
    for name, id_number in outside:
        key = crypto.blind_index(id_number)
        if key not in member_keys:
            member_keys.add(key)
            rows.append(TrainingAttendance(session=session, person_name=name, id_number_hash=key))
    bulk_create_with_history(rows, TrainingAttendance, default_user=by)
    return session


@transaction.atomic
def talk_create(
    *,
    branch: Organization,
    by,
    member: Member,
    talker: str,
    held_on: datetime.date,
    topic: str,
    today: datetime.date | None = None,
) -> Talk:
    """Record a heart-to-heart talk with a member of `branch`. Caller holds learning.write and
    learning.talk_notes on the branch (whoever writes the topic may read it)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if branch.kind not in BRANCH_KINDS:
        errors["__all__"] = [_("谈心谈话按党支部登记，请在谈话对象所在的党支部登记。")]
    if member.branch_id != branch.pk:
        errors["member"] = [_("%(name)s 不是%(branch)s的党员。") % {"name": member.name, "branch": branch.name}]
    if held_on > today:
        errors["held_on"] = [_("谈话日期不能晚于今天；谈话后再登记。")]
    if not talker.strip():
        errors["talker"] = [_("请填写谈话人的姓名及职务。")]
    topic = " ".join(topic.split())
    if not topic:
        errors["topic"] = [_("请简要填写谈话主要内容。")]
    elif len(topic) > rules.TALK_TOPIC_MAX:
        limits = {"max": rules.TALK_TOPIC_MAX, "n": len(topic)}
        errors["topic"] = [_("谈话主要内容请简要填写，不超过 %(max)d 字（现 %(n)d 字）。") % limits]
    if errors:
        raise ValidationError(errors)
    talk = Talk(branch=branch, member=member, talker=talker.strip(), held_on=held_on, topic=topic, entered_by=by)
    talk.full_clean(exclude=["entered_by"])
    audited(talk, by).save()
    return talk


@transaction.atomic
def care_visit_create(
    *,
    branch: Organization,
    by,
    member: Member,
    reason: str,
    occasion: str,
    visited_on: datetime.date,
    visitors: str,
    support: str,
    amount: Decimal | None = None,
    today: datetime.date | None = None,
) -> CareVisit:
    """Record a care visit to a member of `branch`, with the money given if any (Decimal, to the fen).
    Caller holds learning.write on the branch."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if branch.kind not in BRANCH_KINDS:
        errors["__all__"] = [_("走访慰问按党支部登记，请在慰问对象所在的党支部登记。")]
    if member.branch_id != branch.pk:
        errors["member"] = [_("%(name)s 不是%(branch)s的党员。") % {"name": member.name, "branch": branch.name}]
    if visited_on > today:
        errors["visited_on"] = [_("走访日期不能晚于今天；走访后再登记。")]
    if not visitors.strip():
        errors["visitors"] = [_("请填写走访人的姓名及职务。")]
    if not support.strip():
        errors["support"] = [_("请填写帮扶内容，如慰问品、协调解决的问题。")]
    if isinstance(amount, float):
        raise TypeError("care_visit_create never takes a float amount")
    if amount is not None:
        if amount <= 0:
            errors["amount"] = [_("慰问金须大于零；没有发放慰问金请留空。")]
        elif amount > rules.CARE_AMOUNT_MAX:
            errors["amount"] = [_("慰问金超过 %(max)s 元，请核对金额。") % {"max": rules.CARE_AMOUNT_MAX}]
        else:
            amount = money(amount)
    if errors:
        raise ValidationError(errors)
    visit = CareVisit(
        branch=branch,
        member=member,
        reason=reason,
        occasion=occasion,
        visited_on=visited_on,
        visitors=visitors.strip(),
        support=support.strip(),
        amount=amount,
        entered_by=by,
    )
    visit.full_clean(exclude=["entered_by"])
    audited(visit, by).save()
    return visit


@transaction.atomic
def publication_create(
    *,
    branch: Organization,
    by,
    kind: str,
    channel: str,
    published_on: datetime.date,
    period: str,
    summary: str,
    today: datetime.date | None = None,
) -> Publication:
    """Record what a branch published (党务公开) and when. Caller holds learning.write on the branch."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if branch.kind not in BRANCH_KINDS:
        errors["__all__"] = [_("党务公开按党支部登记，请在公开的党支部登记。")]
    if published_on > today:
        errors["published_on"] = [_("公开日期不能晚于今天；公开后再登记。")]
    if not period.strip():
        errors["period"] = [_("请填写公开内容所属的期间，如“2026年第二季度”。")]
    if not summary.strip():
        errors["summary"] = [_("请简要填写公开的内容。")]
    if errors:
        raise ValidationError(errors)
    publication = Publication(
        branch=branch,
        kind=kind,
        channel=channel,
        published_on=published_on,
        period=period.strip(),
        summary=summary.strip(),
        entered_by=by,
    )
    publication.full_clean(exclude=["entered_by"])
    audited(publication, by).save()
    return publication
