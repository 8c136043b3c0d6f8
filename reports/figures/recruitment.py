"""Recruitment (发展党员): the pipeline at the end of the period by stage, what was achieved in the period's
year against the targets, and the files whose next step is overdue, by the recruitment app's own reading of a
file (`file_status`: the stage derived from the steps, the next step and its deadline).

The pipeline is read from the steps recorded on or before the period's last day (today while it runs), so a
past period shows the pipeline as it stood. Stages as counted here: 申请人 (stage 1), 积极分子 (2), 发展对象
(stage 3, and stage 4 until the committee's approval, step 17), 预备党员 (from step 17 until confirmation).
In the year, up to the same day: activists confirmed (step 3), members admitted (approval, step 17, as the
township's target counts them) and probationary members confirmed full (approval of confirmation, step 24,
after a vote to confirm). Targets: a township's is set by the county, a branch's by its township; the
dashboard of a township shows its own target, that of the county the sum of its townships'."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from branches.models import subtree_q
from branches.rules import TOWNSHIP_KINDS
from recruitment import rules
from recruitment.models import Applicant, RuleSet, Step, Target
from recruitment.selectors import file_status

from ..tree import Level
from . import Context, Table

PIPELINE = [
    ("applicants", gettext_lazy("申请人")),
    ("activists", gettext_lazy("积极分子")),
    ("candidates", gettext_lazy("发展对象")),
    ("probationary", gettext_lazy("预备党员")),
]
YEAR = [
    ("activists_year", gettext_lazy("确定积极分子")),
    ("admitted_year", gettext_lazy("审批接收预备党员")),
    ("confirmed_year", gettext_lazy("按期转正")),
]
YEAR_STEPS = {"activists_year": rules.ACTIVIST_STEP, "admitted_year": rules.ADMISSION_APPROVAL}


def _empty() -> dict:
    return {
        **{name: 0 for name, _label in PIPELINE},
        **{name: 0 for name, _label in YEAR},
        "overdue": 0,
        "target_members": None,
        "target_activists": None,
    }


def files(ctx: Context, org):
    """The files under `org` the user may see, each with its steps up to the period's day (three queries)."""
    day = ctx.as_of
    applicants = (
        Applicant.objects.visible_to(ctx.user, "recruitment.view")
        .filter(subtree_q(org, "branch"), steps__number=rules.APPLICATION_STEP, steps__on__lte=day)
        .select_related("branch")
        .prefetch_related(Prefetch("steps", queryset=Step.objects.filter(on__lte=day).order_by("on", "number", "pk")))
        .order_by("branch__path", "name_pinyin", "pk")
        .distinct()
    )
    rulesets = list(RuleSet.objects.all())
    for applicant in applicants:
        if applicant.closed_on and applicant.closed_on > day:
            applicant.closed_on = None  # closed later: still open on the day (not saved)
        yield applicant, file_status(applicant, today=day, rulesets=rulesets)


def standing(status) -> str | None:
    """The pipeline column a file stands in on the day, or None (confirmed full, or closed)."""
    highest = max((s.number for s in status.steps), default=0)
    if status.stage == 1:
        return "applicants"
    if status.stage == 2:
        return "activists"
    if status.stage == 3 or (status.stage == 4 and highest < rules.ADMISSION_APPROVAL):
        return "candidates"
    if status.stage in (4, 5):
        return "probationary"
    return None


def year_steps(status, year: int) -> dict[str, list[Step]]:
    """The steps of the year that count: step 3, step 17, and step 24 after a vote to confirm."""
    found = {name: [] for name, _label in YEAR}
    vote_outcome = ""
    for step in status.steps:
        if step.number == rules.CONFIRMATION_VOTE:
            vote_outcome = step.outcome
        if step.on.year != year:
            continue
        for name, number in YEAR_STEPS.items():
            if step.number == number:
                found[name].append(step)
        if step.number == rules.CONFIRMATION_APPROVAL and vote_outcome == rules.Outcome.CONFIRM:
            found["confirmed_year"].append(step)
    return found


def compute(level: Level, ctx: Context) -> dict:
    """Per row and in total: the pipeline, the year's achievements, the overdue files and the targets."""
    rows = {row.key: _empty() for row in level.rows}
    total = _empty()
    year = ctx.period.year
    for applicant, status in files(ctx, level.org):
        target = rows.get(level.key_of(applicant.branch.path))
        column = standing(status)
        counted = year_steps(status, year)
        for bucket in filter(None, (target, total)):
            if column:
                bucket[column] += 1
            for name, steps in counted.items():
                bucket[name] += len(steps)
            bucket["overdue"] += status.overdue
    targets = {
        t.organization_id: t
        for t in Target.objects.filter(year=year, organization_id__in=[r.org.pk for r in level.rows] + [level.org.pk])
    }
    for row in level.rows:
        found = targets.get(row.org.pk)
        if found is not None:
            rows[row.key]["target_members"] = found.new_members
            rows[row.key]["target_activists"] = found.new_activists
    own = targets.get(level.org.pk)
    if own is not None:
        total["target_members"], total["target_activists"] = own.new_members, own.new_activists
    elif level.org.kind not in TOWNSHIP_KINDS and not level.is_branch:
        # The county: the sum of its townships' targets (if any is set).
        set_rows = [rows[r.key] for r in level.rows if rows[r.key]["target_members"] is not None]
        if set_rows:
            total["target_members"] = sum(r["target_members"] for r in set_rows)
            total["target_activists"] = sum(r["target_activists"] for r in set_rows)
    return {"rows": rows, "total": total}


FILE_HEADERS = [
    gettext_lazy("所在党支部"),
    gettext_lazy("姓名"),
    gettext_lazy("当前阶段"),
    gettext_lazy("下一步"),
    gettext_lazy("最早日期"),
    gettext_lazy("最晚日期"),
    gettext_lazy("情况"),
]


def rows(ctx: Context, org, name: str) -> Table:
    """The files (or, for the year's figures, the steps) behind a recruitment figure of `org`."""
    found = []
    year_names = {n for n, _label in YEAR}
    for applicant, status in files(ctx, org):
        if name in year_names:
            for step in year_steps(status, ctx.period.year)[name]:
                found.append([applicant.branch.name, applicant.name, step.title, step.on])
            continue
        if name == "overdue" and not status.overdue:
            continue
        if name != "overdue" and standing(status) != name:
            continue
        due = status.due
        state = ""
        if status.overdue:
            state = str(gettext_lazy("逾期：应于%(day)s前完成")) % {"day": due.latest.isoformat()}
        found.append(
            [
                applicant.branch.name,
                applicant.name,
                status.stage_label,
                due.title if due else "",
                due.earliest if due and due.earliest else "",
                due.latest if due and due.latest else "",
                state,
            ]
        )
    if name in year_names:
        return Table(
            [gettext_lazy("所在党支部"), gettext_lazy("姓名"), gettext_lazy("步骤"), gettext_lazy("日期")], found
        )
    return Table(FILE_HEADERS, found)
