"""Pure rules of organisational life (DOMAIN §2, Branch Regs): kinds of meeting, periods, the compliance
evaluator, the vote rules of a general meeting, democratic appraisal grades and attachment checks.
No ORM here: callers load the facts and the rules (data, versioned by year) and pass them in."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from partywork.dates import month_end, quarter_bounds


class MeetingKind(models.TextChoices):
    GENERAL = "general", _lazy("支部党员大会")
    COMMITTEE = "committee", _lazy("支部委员会")
    GROUP = "group", _lazy("党小组会")
    LECTURE = "lecture", _lazy("党课")
    THEME_DAY = "theme_day", _lazy("主题党日")
    ORG_LIFE = "org_life", _lazy("组织生活会")
    APPRAISAL = "appraisal", _lazy("民主评议党员")
    OTHER = "other", _lazy("其他")


# Kinds a party group may hold on its own (the rest are the branch's).
GROUP_KINDS = (MeetingKind.GROUP, MeetingKind.LECTURE, MeetingKind.THEME_DAY, MeetingKind.OTHER)
# Kinds whose resolutions are voted on under the majority rule of Branch Regs art. 9 / Constitution art. 17.
VOTING_KINDS = (MeetingKind.GENERAL, MeetingKind.COMMITTEE)


class Period(models.TextChoices):
    MONTH = "month", _lazy("每月")
    QUARTER = "quarter", _lazy("每季度")
    YEAR = "year", _lazy("每年")


class Attendance(models.TextChoices):
    """One choice per row of the attendance grid: present, or absent with the reason."""

    PRESENT = "present", _lazy("出席")
    SICK = "sick", _lazy("病假")
    PERSONAL = "personal", _lazy("事假")
    OFFICIAL = "official", _lazy("公务")
    AWAY = "away", _lazy("外出务工")
    OTHER = "other", _lazy("其他原因")
    NOT_EXPECTED = "not_expected", _lazy("无需参加")


ABSENCE_CHOICES = [c for c in Attendance.choices if c[0] not in (Attendance.PRESENT, Attendance.NOT_EXPECTED)]


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _lazy("优秀")
    QUALIFIED = "qualified", _lazy("合格")
    BASIC = "basic", _lazy("基本合格")
    UNQUALIFIED = "unqualified", _lazy("不合格")


class UnqualifiedHandling(models.TextChoices):
    """How a member graded 不合格 is dealt with (Member Regs art. 31)."""

    EDUCATE = "educate", _lazy("限期改正")
    PERSUADE = "persuade", _lazy("劝其退党")
    REMOVE = "remove", _lazy("除名")
    EXTEND = "extend", _lazy("延长预备期")
    CANCEL = "cancel", _lazy("取消预备党员资格")


class Status(models.TextChoices):
    DONE = "done", _lazy("已完成")
    DUE = "due", _lazy("待完成")
    OVERDUE = "overdue", _lazy("逾期未完成")
    UPCOMING = "upcoming", _lazy("未到期")
    NOT_APPLICABLE = "na", _lazy("不适用")


# For a cell that combines several periods or groups, the worst status wins.
_SEVERITY = {Status.OVERDUE: 4, Status.DUE: 3, Status.UPCOMING: 2, Status.DONE: 1, Status.NOT_APPLICABLE: 0}
QUARTER_NAMES = {1: _lazy("第一季度"), 2: _lazy("第二季度"), 3: _lazy("第三季度"), 4: _lazy("第四季度")}


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class PeriodSpan:
    kind: str  # Period value
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.kind == Period.MONTH:
            return _("%(month)d月") % {"month": self.start.month}
        if self.kind == Period.QUARTER:
            return str(QUARTER_NAMES[(self.start.month - 1) // 3 + 1])
        return _("%(year)d年度") % {"year": self.start.year}

    @property
    def key(self) -> str:
        if self.kind == Period.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == Period.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def periods_of_year(year: int, period: str) -> list[PeriodSpan]:
    """Every period of one kind in a calendar year: 12 months, 4 quarters or the year itself."""
    if period == Period.MONTH:
        return [
            PeriodSpan(Period.MONTH, datetime.date(year, m, 1), month_end(datetime.date(year, m, 1)))
            for m in range(1, 13)
        ]
    if period == Period.QUARTER:
        return [PeriodSpan(Period.QUARTER, *quarter_bounds(year, q)) for q in range(1, 5)]
    return [PeriodSpan(Period.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31))]


def periods_within(start: datetime.date, end: datetime.date, period: str) -> list[PeriodSpan]:
    """The periods of one kind that overlap [start, end] (a quarter shows its months and its year)."""
    spans = []
    for year in range(start.year, end.year + 1):
        spans += [p for p in periods_of_year(year, period) if p.start <= end and p.end >= start]
    return spans


# ---------------------------------------------------------------- compliance


@dataclass(frozen=True)
class Rule:
    """A minimum frequency (DOMAIN §2). `min_full_members`: the rule applies only to branches with at
    least that many full members (a committee needs 7); `per_group`: counted for each party group."""

    kind: str
    period: str
    min_count: int = 1
    min_full_members: int = 0
    per_group: bool = False
    by_secretary: bool = False  # only lectures given by the branch secretary count (Branch Regs art. 19)

    @property
    def key(self) -> str:
        return f"{self.kind}:secretary" if self.by_secretary else self.kind

    @property
    def label(self) -> str:
        return _("书记讲党课") if self.by_secretary else kind_label(self.kind)


@dataclass(frozen=True)
class OrgFacts:
    org_id: int
    full_members: int
    groups: tuple[tuple[int, str], ...] = ()  # (group id, group name)


@dataclass(frozen=True)
class Held:
    """One meeting counted for one kind (a meeting with three kinds gives three of these)."""

    org_id: int
    group_id: int | None
    kind: str
    held_on: datetime.date
    by_secretary: bool = False  # the lecturer was the branch's secretary


@dataclass
class Result:
    org_id: int
    kind: str
    period: PeriodSpan
    required: int
    held: int
    status: str
    reason: str
    group_id: int | None = None
    rule_key: str = ""


def kind_label(kind: str) -> str:
    return str(MeetingKind(kind).label)


def _status(*, required: int, held: int, period: PeriodSpan, today: datetime.date) -> str:
    if held >= required:
        return Status.DONE
    if period.end < today:
        return Status.OVERDUE
    if period.start <= today:
        return Status.DUE
    return Status.UPCOMING


def _reason(status: str, *, who: str, label: str, period: PeriodSpan, required: int, held: int) -> str:
    values = {"who": who, "period": period.label, "kind": label, "required": required, "held": held}
    if status == Status.DONE:
        return _("%(who)s%(period)s已召开%(kind)s%(held)d次") % values
    if status == Status.OVERDUE:
        if held:
            return _("%(who)s%(period)s%(kind)s只召开%(held)d次，应召开%(required)d次") % values
        return _("%(who)s%(period)s未召开%(kind)s") % values
    if status == Status.DUE:
        return _("%(who)s%(period)s尚未召开%(kind)s（截至%(end)s）") % {**values, "end": f"{period.end:%m月%d日}"}
    return _("%(who)s%(period)s未到期") % values


def not_applicable_reason(rule: Rule, org: OrgFacts) -> str:
    """Why a rule does not apply to an organisation, or "" when it does."""
    if rule.min_full_members and org.full_members < rule.min_full_members:
        return _("正式党员%(n)d人，不足%(min)d人，不设支部委员会") % {
            "n": org.full_members,
            "min": rule.min_full_members,
        }
    if rule.per_group and not org.groups:
        return _("未设党小组")
    return ""


def evaluate(
    *,
    rules: Iterable[Rule],
    orgs: Iterable[OrgFacts],
    held: Iterable[Held],
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> list[Result]:
    """Per organisation (and party group for per-group rules), kind and period overlapping [start, end]:
    what was required, what was held and the status, with the reason in words. A meeting on the last day
    of a period counts for that period; a meeting of several kinds counts for each of them."""
    counts: dict[tuple, int] = {}
    held = list(held)
    orgs = list(orgs)
    results: list[Result] = []
    for rule in rules:
        spans = periods_within(start, end, rule.period)
        for h in held:
            if h.kind != rule.kind or (rule.by_secretary and not h.by_secretary):
                continue
            for span in spans:
                if span.contains(h.held_on):
                    key = (rule.key, h.org_id, h.group_id if rule.per_group else None, span.key)
                    counts[key] = counts.get(key, 0) + 1
        for org in orgs:
            reason = not_applicable_reason(rule, org)
            for span in spans:
                if reason:
                    results.append(
                        Result(org.org_id, rule.kind, span, 0, 0, Status.NOT_APPLICABLE, reason, rule_key=rule.key)
                    )
                    continue
                targets = org.groups if rule.per_group else ((None, ""),)
                for group_id, group_name in targets:
                    count = counts.get((rule.key, org.org_id, group_id, span.key), 0)
                    status = _status(required=rule.min_count, held=count, period=span, today=today)
                    text = _reason(
                        status, who=group_name, label=rule.label, period=span, required=rule.min_count, held=count
                    )
                    results.append(
                        Result(org.org_id, rule.kind, span, rule.min_count, count, status, text, group_id, rule.key)
                    )
    return results


@dataclass
class Cell:
    """Several results shown as one coloured cell (a quarter's three months, a branch's groups)."""

    status: str = Status.NOT_APPLICABLE
    required: int = 0
    held: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def colour(self) -> str:
        return {
            Status.DONE: "success",
            Status.DUE: "warning",
            Status.OVERDUE: "danger",
            Status.UPCOMING: "light",
            Status.NOT_APPLICABLE: "secondary",
        }[self.status]

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def combine(results: Iterable[Result]) -> Cell:
    """The worst status of the results, their totals, and the reasons of those not done (or, when all are
    done or not applicable, the first reason)."""
    cell = Cell()
    results = list(results)
    for result in results:
        cell.required += result.required
        cell.held += min(result.held, result.required) if result.required else 0
        if _SEVERITY[result.status] > _SEVERITY[cell.status]:
            cell.status = result.status
    cell.reasons = [r.reason for r in results if r.status == cell.status and r.reason]
    if cell.status in (Status.DONE, Status.NOT_APPLICABLE, Status.UPCOMING):
        cell.reasons = cell.reasons[:1]
    return cell


def due_soon(result: Result, *, today: datetime.date, days: int) -> bool:
    """A period still open whose end is at most `days` away and whose minimum is not met yet."""
    return result.status == Status.DUE and (result.period.end - today).days <= days


# ---------------------------------------------------------------- votes


@dataclass(frozen=True)
class VoteOutcome:
    errors: tuple[str, ...]
    quorum: bool
    passed: bool

    @property
    def label(self) -> str:
        if not self.quorum:
            return _("不足法定人数")
        return _("通过") if self.passed else _("未通过")


def vote_check(*, should_vote: int, present_vote: int, yes: int, no: int, abstain: int) -> VoteOutcome:
    """Branch Regs art. 9 / Constitution art. 17: a general meeting votes only when more than half of the
    members with a vote are present; the tally must add up to the voters present; a motion passes when
    the yes votes are more than half of the members with a vote who should attend. Probationary members
    have no vote, so both counts are of full members."""
    errors = []
    total = yes + no + abstain
    if min(yes, no, abstain) < 0:
        errors.append(_("票数不能为负数"))
    if total != present_vote:
        errors.append(
            _(
                "表决票数不符：同意%(yes)d＋反对%(no)d＋弃权%(abstain)d＝%(total)d，应等于到会有表决权的党员%(present)d人"
            )
            % {"yes": yes, "no": no, "abstain": abstain, "total": total, "present": present_vote}
        )
    quorum = present_vote * 2 > should_vote
    if not quorum:
        errors.append(
            _("到会有表决权的党员%(present)d人，未超过应到有表决权党员%(should)d人的半数，不能表决")
            % {"present": present_vote, "should": should_vote}
        )
    passed = quorum and yes * 2 > should_vote
    return VoteOutcome(tuple(errors), quorum, passed)


def committee_quorum_errors(*, expected: int, present: int) -> list[str]:
    """Branch Regs art. 19: a branch committee meeting needs more than half of its members present."""
    if present * 2 > expected:
        return []
    return [
        _("支部委员会须有半数以上委员到会：应到%(expected)d人，实到%(present)d人")
        % {"expected": expected, "present": present}
    ]


def tally_check(*, present: int, yes: int, no: int, abstain: int) -> list[str]:
    """For meetings without the majority rule: a tally, when given, cannot exceed those present."""
    if yes + no + abstain > present:
        return [
            _("表决票数不符：共%(total)d票，多于出席人数%(present)d人")
            % {"total": yes + no + abstain, "present": present}
        ]
    return []


# ---------------------------------------------------------------- appraisal


def grade_errors(*, grade: str, probationary: bool, handling: str) -> list[str]:
    """Member Regs art. 30: probationary members cannot be graded 优秀; a 不合格 grade needs its handling."""
    errors = []
    if probationary and grade == Grade.EXCELLENT:
        errors.append(_("预备党员不能评为优秀"))
    if grade == Grade.UNQUALIFIED and not handling:
        errors.append(_("评为不合格的党员须填写处置方式"))
    if grade != Grade.UNQUALIFIED and handling:
        errors.append(_("只有评为不合格的党员才需填写处置方式"))
    if probationary and handling in (UnqualifiedHandling.PERSUADE, UnqualifiedHandling.REMOVE):
        errors.append(_("预备党员不合格的，应延长预备期或取消预备党员资格"))
    if not probationary and handling in (UnqualifiedHandling.EXTEND, UnqualifiedHandling.CANCEL):
        errors.append(_("正式党员不适用延长预备期或取消预备党员资格"))
    return errors


# ---------------------------------------------------------------- meeting record


def meeting_errors(
    *,
    held_on: datetime.date | None,
    starts_at: datetime.time | None,
    ends_at: datetime.time | None,
    today: datetime.date,
) -> dict[str, list[str]]:
    """A meeting cannot be recorded before it happens, and it ends after it starts."""
    errors: dict[str, list[str]] = {}
    if held_on and held_on > today:
        errors.setdefault("held_on", []).append(_("会议日期不能晚于今天：会议召开后才能登记记录"))
    if starts_at and ends_at and ends_at <= starts_at:
        errors.setdefault("ends_at", []).append(_("结束时间须晚于开始时间"))
    return errors


def is_late_entry(*, held_on: datetime.date, entered_on: datetime.date, late_days: int) -> bool:
    """A record entered more than `late_days` days after the meeting is a late entry (补录)."""
    return (entered_on - held_on).days > late_days


# ---------------------------------------------------------------- attachments

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
)
_EXTENSIONS = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "pdf": "pdf"}
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _lazy("会议照片")
    SIGN_IN = "sign_in", _lazy("签到表扫描件")
    DOCUMENT = "document", _lazy("PDF 文件")


ALLOWED_TYPES = {
    AttachmentKind.PHOTO: ("jpeg", "png"),
    AttachmentKind.SIGN_IN: ("jpeg", "png", "pdf"),
    AttachmentKind.DOCUMENT: ("pdf",),
}


def sniff(head: bytes) -> str | None:
    """The real type of a file from its first bytes, whatever its name says."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def attachment_errors(*, name: str, head: bytes, size: int, kind: str) -> tuple[list[str], str | None]:
    """(errors, real type): the file must be a JPEG, PNG or PDF by its content, agree with its extension
    and with the kind of attachment chosen, and stay under the size limit."""
    errors = []
    real = sniff(head)
    if size > MAX_ATTACHMENT_BYTES:
        errors.append(_("附件不能超过 10 MB"))
    if size == 0:
        errors.append(_("附件是空文件"))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = _EXTENSIONS.get(extension)
    if real is None:
        errors.append(_("附件内容不是 JPEG、PNG 图片或 PDF 文件，已拒绝"))
    elif claimed != real:
        errors.append(
            _("附件“%(name)s”的扩展名与内容不符（实际是 %(real)s 文件）") % {"name": name, "real": real.upper()}
        )
    elif real not in ALLOWED_TYPES.get(kind, ()):
        errors.append(
            _("“%(kind)s”只接受 %(types)s 文件")
            % {"kind": AttachmentKind(kind).label, "types": "、".join(t.upper() for t in ALLOWED_TYPES[kind])}
        )
    return errors, real


# ---------------------------------------------------------------- remote education


def viewing_rate(*, viewers: int, at_home: int) -> float | None:
    """Members who watched ÷ members at home (mobile members excluded by the caller), as a percentage."""
    if not at_home:
        return None
    return round(viewers * 100 / at_home, 1)


def remote_month_status(*, sessions: int, minutes: int, min_sessions: int, min_hours: int) -> tuple[bool, str]:
    """The seed township's minimum for each site: at least `min_sessions` sessions and `min_hours` hours a
    month (local, data)."""
    hours = minutes / 60
    problems = []
    if sessions < min_sessions:
        problems.append(_("播放%(n)d次，少于%(min)d次") % {"n": sessions, "min": min_sessions})
    if hours < min_hours:
        problems.append(_("播放%(h).1f小时，少于%(min)d小时") % {"h": hours, "min": min_hours})
    return (not problems, "；".join(problems))


def attendance_rate(*, present: int, should: int) -> float | None:
    if not should:
        return None
    return round(present * 100 / should, 1)
