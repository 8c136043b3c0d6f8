"""Correcting a recorded step (issue 10 item 15). Who may, until when and with what reason is the project's
one rule (`partywork.corrections.check_correction`: the recorder, or the township with `records.correct`,
within the county's `LocalRules.correction_window_days`, always with a reason). The corrected step must still
satisfy every rule of DOMAIN §4 against the steps before it, and must not break a later step that held
before. The step's history keeps the original values and who changed them; a `StepCorrection` lists each
changed field with its value before and after."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.scoping import has_perm_on
from members.models import Member
from partywork.corrections import check_correction, correction_deadline
from partywork.localrules import local_rules

from . import rules
from .models import Applicant, Step, StepCorrection
from .services import (
    _STEP_EXTRA,
    RULE_FIELDS,
    _new_fact,
    _notice_note,
    _people_in_scope,
    activist_course,
    entered_calendars,
    params_for,
    voting_members,
)

TEXT_FIELDS = ("participants", "document", "notes")
# Values the member file was built from (entry date; confirmation or cancellation): once the person is on
# the roll these are not corrected here.
MEMBER_FIELDS = {
    rules.ADMISSION_VOTE: ("on",),
    rules.CONFIRMATION_VOTE: ("on", "outcome", "extension_months"),
    rules.CONFIRMATION_APPROVAL: ("on",),
}


def recorded_on(step: Step) -> datetime.date:
    return timezone.localdate(step.recorded_at)


def step_correction_deadline(step: Step, *, today: datetime.date) -> datetime.date:
    """The last day the step may be corrected under the local rules in force today."""
    window = local_rules(on=today).correction_window_days
    return correction_deadline(recorded_on=recorded_on(step), window_days=window)


def may_correct(user, step: Step, *, branch, today: datetime.date, window_days: int) -> bool:
    """Whether to offer the correction (the service decides again): the recorder or the township, in time."""
    if step.number in rules.APPROVAL_STEPS and not has_perm_on(user, "recruitment.approve", branch):
        return False
    allowed = step.recorded_by_id == user.pk or has_perm_on(user, "records.correct", branch)
    return allowed and today <= correction_deadline(recorded_on=recorded_on(step), window_days=window_days)


def _fact(step: Step, overrides: dict | None = None, people=None) -> rules.StepFact:
    values = {f: getattr(step, f) for f in _STEP_EXTRA}
    on = step.on
    if overrides:
        on = overrides.get("on", on)
        values.update({k: v for k, v in overrides.items() if k in _STEP_EXTRA})
    return _new_fact(step.number, on, list(step.people.all()) if people is None else people, values)


def _replay(applicant: Applicant, steps: list[Step], *, today, corrected: Step, fact: rules.StepFact, votes) -> dict:
    """Every rule each step breaks when the file is checked in the order of the procedure, with `corrected`
    replaced by `fact`: {(step pk, rule): (step, violation)}."""
    found, before = {}, []
    for step in steps:
        current = fact if step.pk == corrected.pk else _fact(step)
        violations = rules.check_step(
            before,
            current,
            params=params_for(current.on),
            birth_date=applicant.birth_date,
            branch_id=applicant.branch_id,
            today=today,
            voting_members=votes if step.pk == corrected.pk else None,
            calendar=entered_calendars(current.notice_from, current.notice_to),
            # A listing step moved to another day needs an activist course before its new day.
            activist_course=activist_course(applicant, current)
            if step.pk == corrected.pk and current.on != step.on
            else None,
        )
        for violation in violations:
            found.setdefault((step.pk, violation.rule), (step, violation))
        before.append(current)
    return found


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return "、".join(sorted(str(v) for v in value)) or "—"
    return str(value)


@transaction.atomic
def step_correct(*, by, step: Step, reason: str, people=None, document_file=None, **values) -> Step:
    """Correct a recorded step with a reason (issue 10 item 15). Caller holds recruitment.write on the
    applicant's branch; who may and until when is re-checked here (check_correction)."""
    applicant = Applicant.objects.select_for_update().select_related("branch").get(pk=step.applicant_id)
    step = Step.objects.select_related("recorded_by").prefetch_related("people__branch").get(pk=step.pk)
    today = timezone.localdate()
    if step.number in rules.APPROVAL_STEPS and not has_perm_on(by, "recruitment.approve", applicant.branch):
        raise PermissionDenied(_("审批由乡镇党委登记，也由乡镇党委更正"))
    check_correction(
        recorded_on=recorded_on(step),
        today=today,
        window_days=local_rules(on=today).correction_window_days,
        is_recorder=step.recorded_by_id == by.pk,
        may_correct_below=has_perm_on(by, "records.correct", applicant.branch),
        reason=reason,
    )
    fields = [f for f in ("on", *TEXT_FIELDS, *_STEP_EXTRA) if f in values]
    new = {f: values[f] for f in fields}
    for f in TEXT_FIELDS:
        if f in new:
            new[f] = new[f] or ""
    if "outcome" in new:
        new["outcome"] = new["outcome"] or ""
    changes = [
        {"field": f, "label": str(Step._meta.get_field(f).verbose_name), "old": _show(old), "new": _show(new[f])}
        for f in fields
        if (old := getattr(step, f)) != new[f]
    ]
    old_people = list(step.people.all())
    new_people = old_people
    if people is not None:
        new_people = list(Member.objects.select_related("branch").filter(pk__in=[p.pk for p in people]))
        if {p.pk for p in new_people} != {p.pk for p in old_people}:
            _people_in_scope(by, new_people)
            changes.append(
                {
                    "field": "people",
                    "label": str(Step._meta.get_field("people").verbose_name),
                    "old": _show([p.name for p in old_people]),
                    "new": _show([p.name for p in new_people]),
                }
            )
    if document_file:
        changes.append(
            {
                "field": "document_file",
                "label": str(Step._meta.get_field("document_file").verbose_name),
                "old": _show(step.document_file.name),
                "new": _show(getattr(document_file, "name", "")),
            }
        )
    if not changes:
        raise ValidationError(_("所填内容与原记录相同，没有需要更正的内容；如无需更正，请返回档案页"))
    frozen = [c["field"] for c in changes if c["field"] in MEMBER_FIELDS.get(step.number, ())]
    if applicant.member_id and frozen:
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "%(step)s已据以建立或变更党员档案（入党日期、转正），不能在此更正%(fields)s；"
                        "如确有错误，请报县委组织部在党员档案和发展档案中一并更正"
                    )
                    % {"step": step.title, "fields": "、".join(c["label"] for c in changes if c["field"] in frozen)}
                ]
            }
        )
    fact = _fact(step, new, new_people)
    steps = list(applicant.steps.prefetch_related("people__branch").order_by("number", "on", "pk"))
    vote_changed = any(
        c["field"] in ("should_attend", "present", "yes_votes", "no_votes", "abstentions") for c in changes
    )
    votes = voting_members(applicant.branch) if step.number in rules.VOTE_STEPS and vote_changed else None
    common = {"today": today, "corrected": step, "votes": votes}
    before = _replay(applicant, steps, fact=_fact(step), **{**common, "votes": None})
    after = _replay(applicant, steps, fact=fact, **common)
    granted = {e.rule: e for e in applicant.rule_exceptions.all()}
    blocking, used = {}, []
    for (pk, rule), (broken, violation) in after.items():
        if violation.waivable and rule in granted:
            if pk == step.pk:
                used.append(granted[rule])
            continue
        if pk != step.pk and (pk, rule) in before:
            continue  # broken before this correction, not by it
        field = RULE_FIELDS.get(rule, "__all__") if pk == step.pk else "__all__"
        message = (
            str(violation)
            if pk == step.pk
            else _("更正后%(step)s不再符合规则：%(why)s")
            % {
                "step": broken.title,
                "why": violation,
            }
        )
        blocking.setdefault(field, []).append(message)
    if blocking:
        raise ValidationError(blocking)
    for f in fields:
        setattr(step, f, new[f])
    if document_file:
        step.document_file = document_file
    step.notice_workdays_note = _notice_note(
        {"notice_from": step.notice_from, "notice_to": step.notice_to},
        entered_calendars(step.notice_from, step.notice_to),
    )
    step.full_clean(exclude=["document_file"])
    audited(step, by, reason=_("更正：%(why)s") % {"why": reason.strip()}).save()
    if people is not None:
        step.people.set(new_people)
    if used:
        step.exceptions.add(*used)
    StepCorrection.objects.create(step=step, reason=reason.strip()[:300], changes=changes, corrected_by=by)
    return step
