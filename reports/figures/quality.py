"""Data quality and vacant secretary posts, by the checks of the members app's quality page
(`members.quality`): standing figures, as the records are today."""

from django.utils.translation import gettext_lazy

from members import quality

from ..tree import Level
from . import Context, Table

LABELS = {
    "id_mismatches": gettext_lazy("证件号与出生日期或性别不符"),
    "duplicates": gettext_lazy("疑似重复"),
    "missing": gettext_lazy("信息不全"),
    "small_branch": gettext_lazy("正式党员不足3人"),
    "small_groups": gettext_lazy("党小组人数不足"),
    "vacancy": gettext_lazy("书记空缺"),
}


def compute(level: Level, ctx: Context) -> dict:
    """Per row and in total: the count of each check, the problems in all, and the vacant secretary posts."""
    empty = {**dict.fromkeys(quality.CHECKS, 0), "problems": 0}
    rows = {row.key: dict(empty) for row in level.rows}
    total = dict(empty)
    path_of = {b.pk: b.path for b in level.branches}
    for branch_id, counts in quality.problem_counts(org=level.org, today=ctx.today).items():
        path = path_of.get(branch_id)
        if path is None:
            continue
        target = rows.get(level.key_of(path))
        for bucket in filter(None, (target, total)):
            for check, n in counts.items():
                bucket[check] += n
                bucket["problems"] += n
    return {"rows": rows, "total": total}


def rows(ctx: Context, org, name: str) -> Table:
    """The members or organisations behind one check of `org` (all of them, not the page's first 200)."""
    if name in ("id_mismatches", "duplicates", "missing"):
        headers = [gettext_lazy("所在党支部"), gettext_lazy("姓名"), gettext_lazy("出生日期"), gettext_lazy("问题")]
        if name == "id_mismatches":
            found = [
                [m.branch.name, m.name, m.birth_date, "、".join(problems)]
                for m, problems in quality.id_mismatches(org=org, limit=None)
            ]
        elif name == "duplicates":
            found = [
                [m.branch.name, m.name, m.birth_date, str(LABELS["duplicates"])]
                for m in quality.possible_duplicates(org=org, limit=None)
            ]
        else:
            found = [
                [m.branch.name, m.name, m.birth_date, _missing_text(m)]
                for m in quality.missing_fields(org=org, limit=None)
            ]
        return Table(headers, found)
    headers = [gettext_lazy("组织"), gettext_lazy("问题")]
    if name == "small_branch":
        found = [[b.name, f"{LABELS[name]}（{b.full_members}人）"] for b in quality.small_branches(org=org)]
    elif name == "small_groups":
        found = [
            [g.name, f"{LABELS[name]}（{g.member_count}人，其中正式党员{g.full_count}人）"]
            for g in quality.small_groups(org=org)
        ]
    else:
        found = [[v.branch.name, vacancy_text(v)] for v in quality.secretary_vacancies(org=org, today=ctx.today)]
    return Table(headers, found)


def vacancy_text(vacancy) -> str:
    if vacancy.since is None:
        return str(gettext_lazy("书记空缺（未登记起始日期）"))
    return str(gettext_lazy("书记自%(since)s起空缺%(days)d天")) % {
        "since": vacancy.since.isoformat(),
        "days": vacancy.days,
    }


def _missing_text(member) -> str:
    missing = []
    if not member.phone_hash:
        missing.append(str(gettext_lazy("联系电话")))
    if member.group_id is None:
        missing.append(str(gettext_lazy("党小组")))
    if not member.work_unit and not member.address:
        missing.append(str(gettext_lazy("工作单位或住址")))
    return str(gettext_lazy("缺少")) + "、".join(missing)
