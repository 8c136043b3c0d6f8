"""The tables of the year-end workbook (党内统计年报), each computed in the database from the records the apps
keep, for an organisation and a year, as the user who asks may see them.

Rows: one per organisation directly below the one asked for (the branches of a township, the townships of the
county: the dashboards' `reports.tree.Level`), then the organisation's total. The tables kept per branch by
nature (meeting compliance, dues, remote-education sites) list every branch (or site) with its township.
Standing figures are taken on the year's last day, or today while the year runs (`YearEnd.day`).

Disciplinary measures come from `members.DisciplinaryMeasure`, training hours from `learning` (sessions
attended plus remote-education viewings)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from branches.models import Organization, subtree_q
from branches.rules import BRANCH_COMMITTEE_MIN_FULL_MEMBERS, BRANCH_KINDS, OrgCategory, OrgKind
from branches.scoping import orgs_for
from dues import figures as dues_figures
from dues.models import DuesRemittance
from learning.selectors import hours_standings
from meetings.models import AppraisalGrade
from meetings.rules import Grade
from meetings.selectors import compliance_results
from members.models import Member, MemberPost, Post
from members.rules import AGE_BANDS, DisciplineKind, Education, Occupation, Sex
from members.selectors import disciplinary_measure_list
from movements.models import MobileRecord
from reports import periods
from reports.figures import Context
from reports.figures import meetings as meeting_figures
from reports.figures import recruitment as recruitment_figures
from reports.figures import remote as remote_figures
from reports.figures.members import profile_conditions
from reports.tree import PERMISSION, Level, level_for

from . import rules
from .statistics import CHANGE_COLUMNS, ChangeTable, admissions, change_table, counted_on, year_bounds

ZERO = Decimal("0.00")


@dataclass
class YearTable:
    """One sheet: headers, data rows (the first `label_columns` cells name the row) and the total row."""

    key: str
    title: str
    headers: list
    rows: list[list]
    total: list | None = None
    label_columns: int = 1
    note: str = ""
    values: dict = field(default_factory=dict)  # figures by (row name, column name) for the checks


@dataclass
class YearEnd:
    org: Organization
    year: int
    day: datetime.date
    level: Level
    change: ChangeTable
    user: object = None
    tables: list[YearTable] = field(default_factory=list)
    _counted: dict | None = None

    def table(self, key: str) -> YearTable:
        return next(t for t in self.tables if t.key == key)

    def counted_paths(self) -> dict[int, str]:
        """Member id → path of the branch each member counted under the organisation is counted in on the day."""
        if self._counted is None:
            self._counted = dict(
                counted_on(self.day)
                .filter(subtree_q(self.org, "organization"))
                .values_list("member_id", "organization__path")
            )
        return self._counted


def as_of(year: int, today: datetime.date) -> datetime.date:
    """The day the year's standing figures are taken: 31 December, or today while the year runs."""
    if year > today.year:
        raise ValidationError(_("%(year)d年尚未开始，不能生成年报。") % {"year": year})
    if year < 2000:
        raise ValidationError(_("年度无效。"))
    return min(datetime.date(year, 12, 31), today)


def _row_name(row) -> str:
    return row.org.name


def _put(table: YearTable, name: str, headers, values) -> None:
    for header, value in zip(headers, values, strict=False):
        table.values[(name, str(header))] = value


# ---------------------------------------------------------------- membership change


def _change(ye: YearEnd) -> YearTable:
    headers = [gettext_lazy("组织"), *[label for _name, label in CHANGE_COLUMNS]]
    table = YearTable("change", _("党员变动"), headers, [])
    for row in ye.level.rows:
        values = ye.change.rows[row.key].values()
        table.rows.append([_row_name(row), *values])
        _put(table, row.org.name, headers[1:], values)
    table.total = [_("合计"), *ye.change.total.values()]
    _put(table, "合计", headers[1:], ye.change.total.values())
    table.note = _(
        "上年末党员数＋发展党员＋转入－转出－去世－出党－自行脱党＝本年末党员数；发展党员以上级党委审批日期计，"
        "出党以作出决定的日期计。"
    )
    return table


# ---------------------------------------------------------------- member profile

MEN = Q(member__sex=Sex.MALE)


def _standing_conditions(day: datetime.date) -> list[Q]:
    conditions = []
    full = profile_conditions(day)["full"]
    for index in range(len(rules.STANDING_BANDS)):
        latest, earliest = rules.band_bounds(rules.STANDING_BANDS, index, day)
        condition = full
        if latest is not None:
            condition &= Q(standing_from__lte=latest)
        if earliest is not None:
            condition &= Q(standing_from__gt=earliest)
        conditions.append(condition)
    return conditions


def profile_columns(day: datetime.date) -> list[tuple[str, object, Q]]:
    """(key, header, condition on the stays counted) of every column of the profile table."""
    base = profile_conditions(day)
    columns = [
        ("total", gettext_lazy("党员总数"), base["total"]),
        ("full", gettext_lazy("正式党员"), base["full"]),
        ("probationary", gettext_lazy("预备党员"), base["probationary"]),
        ("men", gettext_lazy("男"), MEN),
        ("women", gettext_lazy("女"), base["women"]),
        ("minorities", gettext_lazy("少数民族"), base["minorities"]),
    ]
    columns += [(f"age.{i}", label, base[f"age.{i}"]) for i, (_l, _h, label) in enumerate(AGE_BANDS)]
    columns += [(f"education.{v}", label, base[f"education.{v}"]) for v, label in Education.choices]
    columns += [(f"occupation.{v}", label, base[f"occupation.{v}"]) for v, label in Occupation.choices]
    columns += [
        (f"standing.{i}", gettext_lazy("党龄%(band)s") % {"band": label}, condition)
        for i, ((_l, _h, label), condition) in enumerate(
            zip(rules.STANDING_BANDS, _standing_conditions(day), strict=True)
        )
    ]
    return columns


def _profile(ye: YearEnd) -> YearTable:
    columns = profile_columns(ye.day)
    aggregates = {key.replace(".", "__"): Count("pk", filter=cond) for key, _label, cond in columns}
    found = {
        ye.level.key_of(entry["key"]): entry
        for entry in counted_on(ye.day)
        .filter(subtree_q(ye.org, "organization"))
        .annotate(
            standing_from=Coalesce(F("member__confirmed_on"), F("member__joined_on")),
            key=_key("organization", ye.level),
        )
        .order_by()
        .values("key")
        .annotate(**aggregates)
    }
    headers = [gettext_lazy("组织"), *[label for _key_, label, _cond in columns]]
    table = YearTable("profile", _("党员基本情况"), headers, [])
    totals = [0] * len(columns)
    for row in ye.level.rows:
        entry = found.get(row.key, {})
        values = [entry.get(key.replace(".", "__"), 0) for key, _label, _cond in columns]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.rows.append([_row_name(row), *values])
        _put(table, row.org.name, headers[1:], values)
    table.total = [_("合计"), *totals]
    _put(table, "合计", headers[1:], totals)
    table.note = _("年龄、党龄按统计日计算；党龄自转正之日起算（未记转正日期的以入党日期计）。")
    return table


def _key(field_name: str, level: Level):
    from reports.tree import key_expression

    return key_expression(field_name, level.length)


# ---------------------------------------------------------------- recruitment in the year

RECRUIT_HEADERS = [
    gettext_lazy("发展党员数"),
    gettext_lazy("女"),
    gettext_lazy("少数民族"),
    *[label for _l, _h, label in rules.RECRUIT_AGE_BANDS],
    *[label for _v, label in Education.choices],
    *[label for _v, label in Occupation.choices],
    gettext_lazy("生产工作一线"),
    gettext_lazy("年末入党申请人"),
    gettext_lazy("年末入党积极分子"),
    gettext_lazy("年末发展对象"),
]


def _recruits(ye: YearEnd, first: datetime.date) -> dict[str, list[int]]:
    """Per row: the new members of the year counted by sex, ethnicity, age on admission, education, occupation."""
    counts: dict[str, list[int]] = {}
    width = 3 + len(rules.RECRUIT_AGE_BANDS) + len(Education.values) + len(Occupation.values) + 1
    stays = (
        admissions(first, ye.day)
        .filter(subtree_q(ye.org, "organization"))
        .annotate(key=_key("organization", ye.level))
        .values_list(
            "key", "admitted_on", "member__sex", "member__ethnicity", "member__birth_date", "member__education",
            "member__occupation",
        )
    )  # fmt: skip
    education, occupation = list(Education.values), list(Occupation.values)
    for key, admitted_on, sex, ethnicity, birth, edu, occ in stays:
        values = counts.setdefault(ye.level.key_of(key), [0] * width)
        values[0] += 1
        values[1] += sex == Sex.FEMALE
        values[2] += ethnicity != "汉族"
        offset = 3
        values[offset + rules.band_index(rules.RECRUIT_AGE_BANDS, rules.completed_years(birth, admitted_on))] += 1
        offset += len(rules.RECRUIT_AGE_BANDS)
        if edu in education:
            values[offset + education.index(edu)] += 1
        offset += len(education)
        if occ in occupation:
            values[offset + occupation.index(occ)] += 1
        offset += len(occupation)
        values[offset] += occ in rules.FRONT_LINE
    return counts


def _recruitment(ye: YearEnd, ctx: Context) -> YearTable:
    first = datetime.date(ye.year, 1, 1)
    counts = _recruits(ye, first)
    pipeline = recruitment_figures.compute(ye.level, ctx)
    headers = [gettext_lazy("组织"), *RECRUIT_HEADERS]
    table = YearTable("recruitment", _("发展党员"), headers, [])
    width = len(RECRUIT_HEADERS) - 3
    totals = [0] * len(RECRUIT_HEADERS)
    for row in ye.level.rows:
        stage = pipeline["rows"].get(row.key, {})
        values = [*counts.get(row.key, [0] * width)]
        values += [stage.get("applicants", 0), stage.get("activists", 0), stage.get("candidates", 0)]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.rows.append([_row_name(row), *values])
        _put(table, row.org.name, headers[1:], values)
    table.total = [_("合计"), *totals]
    _put(table, "合计", headers[1:], totals)
    table.note = _(
        "发展党员以上级党委审批（第17步）日期计，年龄按审批之日计算；生产工作一线指工人、农民工、农牧渔民；"
        "入党申请人、积极分子、发展对象为年末在培养的人数。"
    )
    return table


# ---------------------------------------------------------------- democratic appraisal

GRADES = [(Grade.EXCELLENT, Grade.EXCELLENT.label), (Grade.QUALIFIED, Grade.QUALIFIED.label),
          (Grade.BASIC, Grade.BASIC.label), (Grade.UNQUALIFIED, Grade.UNQUALIFIED.label)]  # fmt: skip


def _appraisal(ye: YearEnd) -> YearTable:
    first, last = datetime.date(ye.year, 1, 1), ye.day
    where = ye.counted_paths()
    grades = dict(
        AppraisalGrade.objects.filter(meeting__held_on__range=(first, last))
        .order_by("member_id", "meeting__held_on", "pk")
        .values_list("member_id", "grade")
    )  # the year's last appraisal of each member wins
    found: dict[str, dict] = {}
    for member_id, path in where.items():
        entry = found.setdefault(ye.level.key_of(path), {"n": 0, "graded": 0})
        entry["n"] += 1
        grade = grades.get(member_id)
        if grade:
            entry["graded"] += 1
            entry[grade] = entry.get(grade, 0) + 1
    headers = [
        gettext_lazy("组织"),
        gettext_lazy("年末党员数"),
        gettext_lazy("参加评议"),
        *[label for _value, label in GRADES],
        gettext_lazy("未评议"),
    ]
    table = YearTable("appraisal", _("民主评议"), headers, [])
    totals = [0] * (len(headers) - 1)
    for row in ye.level.rows:
        entry = found.get(row.key, {})
        n, graded = entry.get("n", 0), entry.get("graded", 0)
        values = [n, graded, *[entry.get(value, 0) for value, _label in GRADES], n - graded]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.rows.append([_row_name(row), *values])
        _put(table, row.org.name, headers[1:], values)
    table.total = [_("合计"), *totals]
    _put(table, "合计", headers[1:], totals)
    table.note = _("年末在册党员在本年度民主评议中的等次（同一年多次评议取最后一次）。")
    return table


# ---------------------------------------------------------------- disciplinary measures


def _discipline(ye: YearEnd) -> YearTable:
    """Measures decided in the year (Constitution art. 39), by kind, at the organisation of the member's branch;
    one query."""
    first, last = datetime.date(ye.year, 1, 1), ye.day
    found: dict[str, dict] = {}
    rows = (
        disciplinary_measure_list(user=ye.user, permission=PERMISSION)
        .filter(subtree_q(ye.org, "member__branch"), decided_on__range=(first, last))
        .values_list("member__branch__path", "kind")
        .order_by()
    )
    for path, kind in rows:
        entry = found.setdefault(ye.level.key_of(path), {})
        entry[kind] = entry.get(kind, 0) + 1
    headers = [gettext_lazy("组织"), *[label for _value, label in DisciplineKind.choices], gettext_lazy("合计")]
    table = YearTable("discipline", _("党纪处分"), headers, [])
    totals = [0] * (len(headers) - 1)
    for row in ye.level.rows:
        entry = found.get(row.key, {})
        counts = [entry.get(value, 0) for value in DisciplineKind.values]
        values = [*counts, sum(counts)]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.rows.append([_row_name(row), *values])
        _put(table, row.org.name, headers[1:], values)
    table.total = [_("合计"), *totals]
    _put(table, "合计", headers[1:], totals)
    table.note = _("本年度作出处分决定的件数，按作出决定的日期计，计入受处分党员所在党支部。")
    return table


# ---------------------------------------------------------------- training hours


def _training(ye: YearEnd) -> YearTable:
    """Each member counted at the year's end, with their study hours of the year against the minimum for their
    role (DOMAIN §2: 32 hours, 56 for secretaries and committee members); four queries."""
    where = ye.counted_paths()
    standings = hours_standings(members=Member.objects.filter(pk__in=list(where)), year=ye.year)
    found: dict[str, dict] = {}
    for standing in standings:
        entry = found.setdefault(
            ye.level.key_of(where[standing.member_id]), {"n": 0, "hours": Decimal("0.0"), "met": 0}
        )
        entry["n"] += 1
        entry["hours"] += standing.total
        entry["met"] += standing.met
    headers = [
        gettext_lazy("组织"),
        gettext_lazy("年末党员数"),
        gettext_lazy("学习培训总学时"),
        gettext_lazy("人均学时"),
        gettext_lazy("达到最低学时人数"),
        gettext_lazy("未达到人数"),
    ]
    table = YearTable("training", _("学习培训"), headers, [])
    total_n, total_hours, total_met = 0, Decimal("0.0"), 0
    for row in ye.level.rows:
        entry = found.get(row.key, {"n": 0, "hours": Decimal("0.0"), "met": 0})
        n, hours, met = entry["n"], entry["hours"], entry["met"]
        values = [n, hours, round(float(hours) / n, 1) if n else None, met, n - met]
        total_n, total_hours, total_met = total_n + n, total_hours + hours, total_met + met
        table.rows.append([_row_name(row), *values])
        _put(table, row.org.name, headers[1:], values)
    average = round(float(total_hours) / total_n, 1) if total_n else None
    table.total = [_("合计"), total_n, total_hours, average, total_met, total_n - total_met]
    _put(table, "合计", headers[1:], table.total[1:])
    table.note = _(
        "学时＝本年度参加的培训学时＋远程教育收看时长；最低学时：党员32学时，书记和支部委员56学时（DOMAIN §2）。"
    )
    return table


# ---------------------------------------------------------------- mobile members


def _mobile(ye: YearEnd) -> YearTable:
    day = ye.day
    where = ye.counted_paths()
    away = (
        MobileRecord.objects.filter(left_on__lte=day)
        .filter(Q(returned_on__isnull=True) | Q(returned_on__gt=day))
        .order_by("member_id", "pk")
        .values_list("member_id", "dest_province", "card_number", "card_issued_on", "lost_contact_on")
    )
    per_row: dict[tuple[str, str], list[int]] = {}
    members_away: dict[str, set] = {}
    for member_id, province, card, card_issued_on, lost_on in away:
        if member_id not in where:
            continue  # not counted under the organisation on the day
        key = ye.level.key_of(where[member_id])
        values = per_row.setdefault((key, province or _("未填")), [0, 0, 0])
        values[0] += 1
        values[1] += bool(card) and (card_issued_on is None or card_issued_on <= day)
        values[2] += lost_on is not None and lost_on <= day
        members_away.setdefault(key, set()).add(member_id)
    members_away = {key: len(ids) for key, ids in members_away.items()}
    headers = [
        gettext_lazy("组织"),
        gettext_lazy("流入省份"),
        gettext_lazy("流动党员"),
        gettext_lazy("持《流动党员活动证》"),
        gettext_lazy("失去联系"),
    ]
    table = YearTable("mobile", _("流动党员"), headers, [], label_columns=2)
    totals = [0, 0, 0]
    for row in ye.level.rows:
        for (key, province), values in sorted(per_row.items()):
            if key != row.key:
                continue
            table.rows.append([_row_name(row), province, *values])
            totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.values[(row.org.name, "流动党员（人）")] = members_away.get(row.key, 0)
        table.values[(row.org.name, "流动党员（按省份）")] = sum(v[0] for (k, _p), v in per_row.items() if k == row.key)
    table.total = [_("合计"), "", *totals]
    table.values[("合计", "流动党员（人）")] = sum(members_away.values())
    table.values[("合计", "流动党员（按省份）")] = totals[0]
    table.note = _("统计日外出未归、组织关系仍在本组织的党员，按流入省份。")
    return table


# ---------------------------------------------------------------- organisations

CATEGORIES = list(OrgCategory.choices)


def _organisations(ye: YearEnd) -> YearTable:
    """Organisations by kind and by committee status as of the day. Long because the table's query, its rows and
    its totals are kept together, as for every table of the workbook."""
    day = ye.day
    existing = (
        orgs_for(ye.user, PERMISSION)
        .subtree(ye.org)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=day))
        .filter(Q(is_active=True) | Q(deactivated_on__gt=day))
        .exclude(pk=ye.org.pk)
        .only("pk", "path", "kind", "category")
    )
    orgs = list(existing)
    branch_ids = [o.pk for o in orgs if o.kind in BRANCH_KINDS]
    posts = MemberPost.objects.filter(organization_id__in=branch_ids, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    secretaries = set(posts.filter(post=Post.SECRETARY).values_list("organization_id", flat=True))
    committees = set(
        posts.exclude(post__in=(Post.SECRETARY, Post.GROUP_LEADER)).values_list("organization_id", flat=True)
    )
    full = profile_conditions(day)["full"]
    large = {
        entry["organization_id"]
        for entry in counted_on(day)
        .filter(organization_id__in=branch_ids)
        .order_by()
        .values("organization_id")
        .annotate(n=Count("pk", filter=full))
        if entry["n"] >= BRANCH_COMMITTEE_MIN_FULL_MEMBERS
    }
    headers = [
        gettext_lazy("组织"),
        gettext_lazy("基层党委"),
        gettext_lazy("党总支"),
        gettext_lazy("党支部"),
        gettext_lazy("党小组"),
        *[gettext_lazy("%(category)s党支部（含总支）") % {"category": label} for _v, label in CATEGORIES],
        gettext_lazy("正式党员7人以上的支部"),
        gettext_lazy("设支部委员会"),
        gettext_lazy("书记在任"),
        gettext_lazy("书记空缺"),
    ]
    table = YearTable("organisations", _("党组织"), headers, [])
    totals = [0] * (len(headers) - 1)
    categories = [value for value, _label in CATEGORIES]
    for row in ye.level.rows:
        under = [o for o in orgs if o.path.startswith(row.key)]
        branches = [o for o in under if o.kind in BRANCH_KINDS]
        values = [
            sum(o.kind == OrgKind.COMMITTEE for o in under),
            sum(o.kind == OrgKind.GENERAL_BRANCH for o in under),
            sum(o.kind == OrgKind.BRANCH for o in under),
            sum(o.kind == OrgKind.GROUP for o in under),
            *[sum(o.category == value for o in branches) for value in categories],
            sum(o.pk in large for o in branches),
            sum(o.pk in committees for o in branches),
            sum(o.pk in secretaries for o in branches),
            sum(o.pk not in secretaries for o in branches),
        ]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.rows.append([_row_name(row), *values])
        _put(table, row.org.name, headers[1:], values)
    table.total = [_("合计"), *totals]
    _put(table, "合计", headers[1:], totals)
    table.note = _("统计日已成立、未撤销的组织；设支部委员会指记有书记以外委员职务的支部。")
    return table


# ---------------------------------------------------------------- meeting compliance, per branch


def _township_name(ye: YearEnd, branch) -> str:
    """The row of the report a branch belongs to (its township in the county's report), or the organisation."""
    row = ye.level.row_of(branch.path)
    return row.org.name if row and row.org.pk != branch.pk else ye.org.name


def _meetings(ye: YearEnd, today: datetime.date) -> YearTable:
    first, last = year_bounds(ye.year)
    rule_list, results = compliance_results(branches=ye.level.branches, start=first, end=last, today=today)
    founded = {b.pk: b.founded_on for b in ye.level.branches}
    per_branch: dict[int, dict] = {}
    for result in results:
        if not meeting_figures.counted(result, first, last):
            continue
        # A branch founded during the year owes nothing for the periods that ended before it existed.
        if founded.get(result.org_id) and result.period.end < founded[result.org_id]:
            continue
        figures = per_branch.setdefault(result.org_id, {})
        kind = figures.setdefault(result.rule_key, [0, 0])
        kind[0] += result.required
        kind[1] += min(result.held, result.required)
    headers = [gettext_lazy("所属组织"), gettext_lazy("党支部")]
    for rule in rule_list:
        headers += [f"{rule.label}{_('应开')}", f"{rule.label}{_('已开')}"]
    headers += [gettext_lazy("应开合计"), gettext_lazy("已开合计"), gettext_lazy("完成率（%）")]
    table = YearTable("meetings", _("三会一课"), headers, [], label_columns=2)
    totals = [0] * (2 * len(rule_list) + 2)
    for branch in ye.level.branches:
        figures = per_branch.get(branch.pk, {})
        values = []
        for rule in rule_list:
            values += figures.get(rule.key, [0, 0])
        required, held = sum(values[0::2]), sum(values[1::2])
        values += [required, held]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.rows.append([_township_name(ye, branch), branch.name, *values, rules.viewing_share(held, required)])
    table.total = [_("合计"), "", *totals, rules.viewing_share(totals[-1], totals[-2])]
    table.values[("合计", "已开合计")] = totals[-1]
    table.values[("合计", "各类已开之和")] = sum(totals[1:-2:2])
    table.note = _(
        "按会议制度规则逐支部逐类计算：应开为本年内已届期的次数，已开计入不超过应开；不适用的、支部成立前已结束的周期不计。"
    )
    return table


# ---------------------------------------------------------------- dues, per organisation


def _dues(ye: YearEnd, today: datetime.date) -> YearTable:
    """Dues owed, collected, received, remitted and on hand per organisation for the year. Long because the
    table's queries, rows and cross-sheet totals are kept together, as for every table of the workbook."""
    first, last = year_bounds(ye.year)
    orgs = list(
        orgs_for(ye.user, PERMISSION)
        .subtree(ye.org)
        .active()
        .exclude(kind=OrgKind.GROUP)
        .order_by("path")
        .only("pk", "path", "kind", "name")
    )
    ids = [o.pk for o in orgs]
    # One township at a time: the same figures (a member is counted at the branch owed, whichever chunk reads
    # them), a fraction of the memory at county scale.
    chunks: dict[str, list[int]] = {}
    length = len(ye.org.path) + Organization.steplen if ye.org.kind == OrgKind.COUNTY else len(ye.org.path)
    for org in orgs:
        chunks.setdefault(org.path[:length], []).append(org.pk)
    found_rows = {}
    for chunk in chunks.values():
        found_rows.update(
            dues_figures.dues_figures(org_ids=chunk, first=first, last=min(last, today), today=today).rows
        )
    # Remitted on the reconciliation's basis (the months the money is for), so remitted and on hand agree;
    # what the level above received stays by hand-over date, checked against the same hand-overs below.
    remitted: dict[int, Decimal] = {}
    for from_id, amount in DuesRemittance.objects.filter(
        from_org_id__in=ids, last_month__range=(first, last)
    ).values_list("from_org_id", "amount"):
        remitted[from_id] = remitted.get(from_id, ZERO) + amount
    received_from_listed: dict[int, Decimal] = {}
    for to_id, amount in DuesRemittance.objects.filter(from_org_id__in=ids, handed_on__range=(first, last)).values_list(
        "to_org_id", "amount"
    ):
        received_from_listed[to_id] = received_from_listed.get(to_id, ZERO) + amount
    headers = [
        gettext_lazy("所属组织"),
        gettext_lazy("组织"),
        gettext_lazy("应缴（元）"),
        gettext_lazy("实缴（元）"),
        gettext_lazy("欠缴（元）"),
        gettext_lazy("收缴率（%）"),
        gettext_lazy("未核定人数"),
        gettext_lazy("连续3个月未缴人数"),
        gettext_lazy("连续6个月未缴人数"),
        gettext_lazy("收到下级上缴（元）"),
        gettext_lazy("上缴上级（元）"),
        gettext_lazy("年末结存（元）"),
    ]
    table = YearTable("dues", _("党费"), headers, [], label_columns=2)
    money_totals = [ZERO] * 3
    count_totals = [0] * 3
    for org in orgs:
        figures = found_rows[org.pk]
        arrears = figures.owed - figures.collected
        values = [
            figures.owed,
            figures.collected,
            arrears,
            figures.rate,
            figures.unassessed,
            figures.arrears_warning,
            figures.arrears_escalation,
            figures.received,
            remitted.get(org.pk, ZERO),
            figures.on_hand,
        ]
        if org.kind in BRANCH_KINDS:
            money_totals = [a + b for a, b in zip(money_totals, values[:3], strict=True)]
            count_totals = [a + b for a, b in zip(count_totals, values[4:7], strict=True)]
        table.rows.append(["" if org.pk == ye.org.pk else _township_name(ye, org), org.name, *values])
        _put(table, org.name, headers[2:], values)
        table.values[(org.name, "下级上缴之和")] = received_from_listed.get(org.pk, ZERO)
    rate = round(float(money_totals[1] * 100 / money_totals[0]), 1) if money_totals[0] else None
    table.total = [_("支部合计"), "", *money_totals, rate, *count_totals, None, None, None]
    table.values[("合计", "received_orgs")] = [o.name for o in orgs]
    table.note = _(
        "应缴、实缴按党费所属月份计（至统计日所在月）；欠缴＝应缴－实缴；收到下级上缴按交接日期计；上缴上级按所缴党费月份计；结存按对账口径。"
    )
    return table


# ---------------------------------------------------------------- remote education, per site


def _remote(ye: YearEnd, ctx: Context) -> YearTable:
    figures = remote_figures.compute(ye.level, ctx)
    headers = [
        gettext_lazy("所在党支部"),
        gettext_lazy("播放点"),
        gettext_lazy("播放次数"),
        gettext_lazy("播放小时"),
        gettext_lazy("收看党员（人·月）"),
        gettext_lazy("在家党员（人·月）"),
        gettext_lazy("收看率（%）"),
        gettext_lazy("低于当地标准的月数"),
    ]
    table = YearTable("remote", _("远程教育"), headers, [], label_columns=2)
    for site in figures["sites"]:
        table.rows.append(
            [site["branch"], site["name"], site["sessions"], site["hours"], site["viewers"], site["at_home"],
             site["rate"], site["below"]]
        )  # fmt: skip
    total = figures["total"]
    table.total = [
        _("合计"), "", total["sessions"], total["hours"], total["viewers"], total["at_home"], total["rate"],
        total["below"],
    ]  # fmt: skip
    table.values[("合计", "播放次数")] = total["sessions"]
    table.values[("合计", "各播放点播放次数之和")] = sum(site["sessions"] for site in figures["sites"])
    table.values[("合计", "收看率")] = total["rate"]
    table.note = _("收看率＝各月收看党员人数之和÷各月在家党员人数之和（人·月）；当月未结束的不计是否达标。")
    return table


# ---------------------------------------------------------------- the whole year


def yearend_build(*, user, org: Organization, year: int, today: datetime.date, progress=None) -> YearEnd:
    """Every table of `org`'s year-end report for `year`, as `user` may see it (the caller checked reports.view
    on `org`). `progress(done, total)` is called after each table."""
    day = as_of(year, today)
    level = level_for(user=user, org=org)
    first, _last = year_bounds(year)
    ye = YearEnd(org=org, year=year, day=day, level=level, change=change_table(level, first, day), user=user)
    ctx = Context(user=user, period=periods.Period(periods.YEAR, year), today=today)
    steps = [
        lambda: _change(ye),
        lambda: _profile(ye),
        lambda: _recruitment(ye, ctx),
        lambda: _appraisal(ye),
        lambda: _discipline(ye),
        lambda: _mobile(ye),
        lambda: _organisations(ye),
        lambda: _meetings(ye, today),
        lambda: _dues(ye, today),
        lambda: _remote(ye, ctx),
        lambda: _training(ye),
    ]
    for done, step in enumerate(steps, start=1):
        ye.tables.append(step())
        if progress:
            progress(done, len(steps) + 1)
    return ye
