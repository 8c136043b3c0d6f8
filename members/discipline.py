"""Writes of disciplinary measures (党纪处分) on the member file. Callers hold members.discipline on the
member's branch (the township and the county); the service re-checks it and the rules of members/rules.py."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.scoping import has_perm_on

from .models import DisciplinaryMeasure, Lifecycle, Member
from .rules import DisciplineKind, measure_errors
from .services import member_set_lifecycle

PERMISSION = "members.discipline"


@transaction.atomic
def disciplinary_measure_record(
    *,
    by,
    member: Member,
    kind: str,
    decided_on: datetime.date,
    decided_by: str,
    reason: str,
    term_months: int | None = None,
    document: str = "",
) -> DisciplinaryMeasure:
    """Record a measure decided on `member` (Constitution art. 39, Discipline Regulations art. 8), audited. An
    expulsion (开除党籍) also takes the member off the roll from the decision date. Caller holds
    members.discipline on the member's branch (re-checked here)."""
    if not has_perm_on(by, PERMISSION, member.branch):
        raise PermissionDenied(_("党纪处分由乡镇党委或县委组织部登记"))
    errors = measure_errors(kind=kind, decided_on=decided_on, term_months=term_months, today=timezone.localdate())
    if not (decided_by or "").strip():
        errors.setdefault("decided_by", []).append(_("请填写作出处分决定的党组织或纪委"))
    if not (reason or "").strip():
        errors.setdefault("reason", []).append(_("请填写处分事由"))
    if member.joined_on and decided_on and decided_on < member.joined_on:
        errors.setdefault("decided_on", []).append(
            _("处分决定日期不能早于入党日期（%(joined)s）") % {"joined": member.joined_on.isoformat()}
        )
    if errors:
        raise ValidationError(errors)
    measure = DisciplinaryMeasure(
        member=member,
        kind=kind,
        decided_on=decided_on,
        term_months=term_months if kind == DisciplineKind.PROBATION else None,
        decided_by=decided_by.strip(),
        document=(document or "").strip(),
        reason=reason.strip(),
        recorded_by=by,
    )
    measure.full_clean()
    audited(measure, by, reason=str(DisciplineKind(kind).label)).save()
    if kind == DisciplineKind.EXPULSION and member.lifecycle != Lifecycle.REMOVED:
        member_set_lifecycle(
            by=by,
            member=member,
            state=Lifecycle.REMOVED,
            on=decided_on,
            reason=(_("开除党籍：%(by)s %(doc)s") % {"by": measure.decided_by, "doc": measure.document}).strip()[:200],
        )
    return measure
