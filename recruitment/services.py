"""Writes to recruitment files. Callers hold recruitment.write on the applicant's branch (exceptions and
targets: recruitment.approve); the services re-check what the data itself must satisfy, with rules.py."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from branches.audit import audited
from branches.models import Organization
from branches.rules import BRANCH_KINDS, MEMBER_HOLDING_KINDS, TOWNSHIP_KINDS
from branches.scoping import has_perm_on
from learning.selectors import completed_activist_course
from members import crypto
from members.models import Lifecycle, Member, MemberStatus
from members.selectors import suspended_member_ids
from members.services import (
    IDENTITY_FIELDS,
    identity_errors,
    member_create,
    member_set_lifecycle,
    member_update,
    not_addable_here,
)

from . import rules
from .models import Applicant, RuleException, RuleSet, Step, Target, WorkCalendarDay, WorkCalendarYear

# Which form field a broken rule belongs next to.
RULE_FIELDS = {
    "future": "on",
    "date_order": "on",
    "min_age": "on",
    "talk_deadline": "on",
    "activist_wait": "on",
    "activist_year": "on",
    "activist_course": "on",
    "assessment_interval": "on",
    "political_review": "on",
    "prereview_vote": "on",
    "approval_deadline": "on",
    "approval_special": "on",
    "probation": "on",
    "contacts": "people",
    "sponsors": "people",
    "sponsor_branch": "people",
    "training": "training_days",
    "notice": "notice_from",
    "vote": "should_attend",
    "extension": "extension_months",
}


def params_for(day: datetime.date, rulesets: list[RuleSet] | None = None) -> rules.Params:
    """The parameters in force on `day`: the rule set of the latest year not after it."""
    if rulesets is None:
        rulesets = list(RuleSet.objects.filter(applies_from__lte=day.year).order_by("-applies_from")[:1])
    for ruleset in sorted(rulesets, key=lambda r: -r.applies_from):
        if ruleset.applies_from <= day.year:
            return ruleset.as_params()
    return rules.Params()


def entered_calendars(first: datetime.date | None, last: datetime.date | None) -> dict[int, rules.EnteredYear]:
    """The holiday arrangements the county entered for the years from `first` to `last` (issue 10 item 14),
    by year. Two queries."""
    if first is None or last is None or last < first:
        return {}
    years = list(WorkCalendarYear.objects.filter(year__range=(first.year, last.year)))
    days = WorkCalendarDay.objects.filter(calendar__in=years).values_list("calendar__year", "day", "kind")
    by_year: dict[int, tuple[set, set]] = {y.year: (set(), set()) for y in years}
    for year, day, kind in days:
        by_year[year][0 if kind == WorkCalendarDay.Kind.HOLIDAY else 1].add(day)
    return {
        y.year: rules.EnteredYear(y.year, frozenset(by_year[y.year][0]), frozenset(by_year[y.year][1]), y.source)
        for y in years
    }


def applicant_errors(data: dict, *, branch: Organization, today: datetime.date) -> dict:
    """Identity rules of a new file, as for a member (DOMAIN §8), as {field: [reasons]}."""
    errors, valid_id = identity_errors(data, today=today)

    def add(field, message):
        errors.setdefault(field, []).append(str(message))

    if branch.kind not in MEMBER_HOLDING_KINDS:
        add("branch", _("入党申请人只能登记在党支部或党总支"))
    if valid_id:
        index = crypto.blind_index(valid_id)
        # The file may be outside the user's scope: say neither where nor that one exists (issue 15, finding 8).
        if (
            Applicant.objects.filter(id_number_hash=index).exists()
            or Member.objects.filter(id_number_hash=index).exists()
        ):
            add("id_number", not_addable_here())
    return errors


def _raise(violations: list[rules.Violation]) -> None:
    errors: dict[str, list[str]] = {}
    for violation in violations:
        errors.setdefault(RULE_FIELDS.get(violation.rule, "__all__"), []).append(str(violation))
    raise ValidationError(errors)


@transaction.atomic
def applicant_create(
    *, by, branch: Organization, applied_on: datetime.date, document: str = "", notes: str = "", **identity
) -> Applicant:
    """Open a file with its first step, the written application (step 1). Caller holds recruitment.write."""
    today = timezone.localdate()
    errors = applicant_errors(identity, branch=branch, today=today)
    if errors:
        raise ValidationError(errors)
    first = rules.StepFact(number=1, on=applied_on)
    violations = rules.check_step(
        [], first, params=params_for(applied_on), birth_date=identity["birth_date"], branch_id=branch.pk, today=today
    )
    if violations:
        errors = {}
        for violation in violations:
            errors.setdefault("applied_on", []).append(str(violation))
        raise ValidationError(errors)
    applicant = Applicant(branch=branch, created_by=by)
    for field in IDENTITY_FIELDS:
        value = identity.get(field)
        if field == "name":
            applicant.set_name(value)
        elif field == "id_number":
            applicant.set_id_number(value)
        elif field == "phone":
            applicant.set_phone(value or "")
        elif value is not None:
            setattr(applicant, field, value)
    audited(applicant, by)
    try:
        with transaction.atomic():
            applicant.save()
    except IntegrityError as error:
        raise ValidationError({"id_number": [not_addable_here()]}) from error
    step = Step(applicant=applicant, number=1, on=applied_on, document=document or _("入党申请书"), notes=notes)
    step.recorded_by = by
    audited(step, by)
    step.full_clean()
    step.save()
    return applicant


def _facts(steps) -> list[rules.StepFact]:
    return [step.as_fact() for step in steps]


def activist_course(applicant: Applicant, new: rules.StepFact) -> bool | None:
    """For the listing step (7): whether the person attended an activist course held before its day, as
    学习培训 recorded it (one query); None for the other steps, which do not need it."""
    if new.number != rules.LISTING_STEP:
        return None
    return completed_activist_course(applicant, before=new.on)


def voting_members(branch: Organization) -> int:
    """Members with a vote in the branch's general meeting: the full members on its roll (DOMAIN §2)."""
    return Member.objects.filter(branch=branch, status=MemberStatus.FULL, lifecycle=Lifecycle.ACTIVE).count()


@transaction.atomic
def step_record(
    *,
    by,
    applicant: Applicant,
    number: int,
    on: datetime.date,
    people=(),
    participants: str = "",
    document: str = "",
    document_file=None,
    notes: str = "",
    **extra,
) -> Step:
    """Record one step after checking it against every rule of DOMAIN §4 (a rule the township excepted for
    this applicant does not block). Admission (step 17) puts the person on the roll as probationary;
    confirmation (step 24) makes them full or, if cancelled, removes them. Caller holds recruitment.write;
    the approvals (17, 24) need recruitment.approve (re-checked here)."""
    applicant = Applicant.objects.select_for_update().select_related("branch").get(pk=applicant.pk)
    if applicant.closed_on:
        raise ValidationError(_("该档案已于 %(on)s 终止，不能再登记步骤") % {"on": applicant.closed_on.isoformat()})
    if number in rules.APPROVAL_STEPS and not has_perm_on(by, "recruitment.approve", applicant.branch):
        raise PermissionDenied(_("审批由乡镇党委登记"))
    existing = list(applicant.steps.order_by("on", "number", "pk"))
    people = list(Member.objects.select_related("branch").filter(pk__in=[p.pk for p in people]))
    _people_in_scope(by, people)
    params = params_for(on)
    calendar = entered_calendars(extra.get("notice_from"), extra.get("notice_to"))
    used = _check(applicant, existing, _new_fact(number, on, people, extra), params=params, calendar=calendar)
    outcome = extra.get("outcome", "")
    if outcome in (rules.Outcome.EXTEND, rules.Outcome.CANCEL) and not notes.strip():
        raise ValidationError({"notes": [_("延长预备期或取消预备党员资格须在备注中写明原因")]})
    step = Step(
        applicant=applicant,
        number=number,
        on=on,
        participants=participants,
        document=document,
        notes=notes,
        recorded_by=by,
        notice_workdays_note="；".join(
            rules.notice_warnings(extra.get("notice_from"), extra.get("notice_to"), calendar)
        )[:300],
        **{k: v for k, v in extra.items() if k in _STEP_EXTRA},
    )
    if document_file:
        step.document_file = document_file
    step.full_clean(exclude=["document_file"])
    audited(step, by).save()
    if people:
        step.people.set(people)
    if used:
        step.exceptions.set(used)
    if number == rules.ADMISSION_APPROVAL:
        _admit(by=by, applicant=applicant, vote=_last(existing, rules.ADMISSION_VOTE))
    elif number == rules.CONFIRMATION_APPROVAL:
        vote = _last(existing, rules.CONFIRMATION_VOTE)
        _conclude(by=by, applicant=applicant, vote=vote, approval=step, facts=_facts(existing), params=params)
    return step


def _notice_note(extra: dict, calendar) -> str:
    """The warning kept on a step whose notice was counted Monday to Friday (issue 10 item 14)."""
    return "；".join(rules.notice_warnings(extra.get("notice_from"), extra.get("notice_to"), calendar))[:300]


def _new_fact(number: int, on: datetime.date, people: list[Member], extra: dict) -> rules.StepFact:
    """The step being recorded as the rules see it, with the people named on it (whether each is under
    留党察看 on the step's day: one query)."""
    suspended = suspended_member_ids([p.pk for p in people], on=on) if people else set()
    return rules.StepFact(
        number=number,
        on=on,
        people=tuple(
            rules.PersonFact(
                p.name,
                p.status == MemberStatus.FULL,
                p.lifecycle == Lifecycle.ACTIVE,
                p.branch_id,
                rights_suspended=p.pk in suspended,
                branch_name=p.branch.name,
            )
            for p in people
        ),
        **{k: v for k, v in extra.items() if k in rules.StepFact.__dataclass_fields__},
    )


def _people_in_scope(by, people: list[Member]) -> None:
    """The people named on a step are members the recorder may see (a guessed id of another branch is refused
    like any unknown one)."""
    if not people:
        return
    visible = set(
        Member.objects.visible_to(by, "recruitment.write")
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    if len(visible) != len({p.pk for p in people}):
        raise ValidationError(
            {
                "people": [
                    _("所选党员不在您的管理范围内；由其他支部党员介绍的，请乡镇党委登记例外并由乡镇党委登记本步骤")
                ]
            }
        )


def _check(
    applicant: Applicant, existing: list[Step], new: rules.StepFact, *, params, calendar=None
) -> list[RuleException]:
    """Refuse the step if it breaks a rule the township has not excepted for this applicant; return the
    exceptions it relies on."""
    violations = rules.check_step(
        _facts(existing),
        new,
        params=params,
        birth_date=applicant.birth_date,
        branch_id=applicant.branch_id,
        today=timezone.localdate(),
        voting_members=voting_members(applicant.branch) if new.number in rules.VOTE_STEPS else None,
        calendar=calendar,
        activist_course=activist_course(applicant, new),
    )
    granted = {e.rule: e for e in applicant.rule_exceptions.all()}
    blocking = [v for v in violations if not (v.waivable and v.rule in granted)]
    if blocking:
        _raise(blocking)
    return [granted[v.rule] for v in violations if v.waivable and v.rule in granted]


_STEP_EXTRA = (
    "training_days",
    "training_hours",
    "notice_from",
    "notice_to",
    "should_attend",
    "present",
    "yes_votes",
    "no_votes",
    "abstentions",
    "outcome",
    "extension_months",
)


def _last(steps, number):
    found = [s for s in steps if s.number == number]
    return found[-1] if found else None


def _admit(*, by, applicant: Applicant, vote: Step) -> None:
    """Recruitment Rules: the entry date (入党日期) is the day the general meeting admitted them."""
    if applicant.member_id:
        return
    data = {field: getattr(applicant, field) for field in IDENTITY_FIELDS if field not in ("id_number", "phone")}
    data.update(
        id_number=applicant.id_number,
        phone=applicant.phone,
        status=MemberStatus.PROBATIONARY,
        joined_on=vote.on,
        confirmed_on=None,
    )
    try:
        member = member_create(by=by, branch=applicant.branch, start_reason=_("发展入党"), **data)
    except ValidationError as error:
        raise ValidationError(_("无法建立党员档案：%(why)s") % {"why": "；".join(error.messages)}) from error
    applicant.member = member
    audited(applicant, by).save(update_fields=["member"])


def _conclude(*, by, applicant: Applicant, vote: Step, approval: Step, facts, params) -> None:
    """Confirm (full member from the end of probation, when party standing starts) or cancel."""
    member = applicant.member
    if member is None:
        raise ValidationError(_("该申请人尚无党员档案，不能审批转正"))
    if vote.outcome == rules.Outcome.CONFIRM:
        member_update(by=by, member=member, status=MemberStatus.FULL, confirmed_on=rules.probation_end(facts, params))
    elif vote.outcome == rules.Outcome.CANCEL:
        member_set_lifecycle(
            by=by,
            member=member,
            state=Lifecycle.REMOVED,
            on=approval.on,
            reason=(_("取消预备党员资格：%(why)s") % {"why": vote.notes})[:200],
        )


@transaction.atomic
def applicant_close(*, by, applicant: Applicant, on: datetime.date, reason: str) -> Applicant:
    """End a file before admission (the applicant withdrew, moved away, was not admitted), with its date
    and reason; the steps stay. After admission a probationary member is cancelled by the confirmation
    vote instead. Caller holds recruitment.write."""
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    if applicant.closed_on:
        raise ValidationError(_("该档案已终止"))
    if applicant.member_id:
        raise ValidationError(_("已接收为预备党员，须经支部党员大会讨论取消预备党员资格"))
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写终止原因")]})
    last = applicant.steps.order_by("-on").values_list("on", flat=True).first()
    if on > timezone.localdate():
        raise ValidationError({"on": [_("终止日期不能晚于今天")]})
    if last and on < last:
        raise ValidationError({"on": [_("终止日期不能早于最后一步的日期（%(last)s）") % {"last": last.isoformat()}]})
    applicant.closed_on, applicant.closed_reason = on, reason.strip()
    audited(applicant, by).save(update_fields=["closed_on", "closed_reason"])
    return applicant


@transaction.atomic
def exception_record(*, by, applicant: Applicant, rule: str, reason: str, document: str = "") -> RuleException:
    """The township records an exception to one waivable rule for one applicant, with its reason (caller
    holds recruitment.approve on the applicant's branch; re-checked here)."""
    if not has_perm_on(by, "recruitment.approve", applicant.branch):
        raise PermissionDenied
    if rule not in dict(rules.RULE_CHOICES):
        raise ValidationError({"rule": [_("该规则不允许例外")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写例外的理由")]})
    if RuleException.objects.filter(applicant=applicant, rule=rule).exists():
        raise ValidationError({"rule": [_("该规则已登记过例外")]})
    exception = RuleException(applicant=applicant, rule=rule, reason=reason.strip(), document=document, granted_by=by)
    exception.full_clean()
    audited(exception, by).save()
    return exception


def target_setter_permission(org: Organization) -> str | None:
    """Who sets an organisation's target (DOMAIN §4 [local]): the county a township's (rules.manage), the
    township a branch's (recruitment.approve); None for any other kind of organisation."""
    if org.kind in TOWNSHIP_KINDS:
        return "rules.manage"
    if org.kind in BRANCH_KINDS:
        return "recruitment.approve"
    return None


@transaction.atomic
def target_set(*, by, organization: Organization, year: int, new_members: int, new_activists: int = 0) -> Target:
    """Set the yearly target of a township (by the county) or of a branch (by its township). Caller holds the
    permission `target_setter_permission` names over the organisation."""
    if target_setter_permission(organization) is None:
        raise ValidationError({"organization": [_("年度计划只能下达到乡镇党委或党支部")]})
    target = Target.objects.filter(organization=organization, year=year).first() or Target(
        organization=organization, year=year
    )
    target.new_members, target.new_activists, target.set_by = new_members, new_activists, by
    target.full_clean()
    audited(target, by).save()
    return target
