"""The demo county's organisation tree and one account per role. Idempotent: run it as often as you like."""

import datetime

from django.db import transaction

from .models import Organization, Role, User
from .rules import OrgCategory, OrgKind, RoleKind

COUNTY = ("青山县委", "青山县", "QS", OrgCategory.OTHER)
# (name, short name, code, category, [(branch name, code, category, kind, [group names])])
# 红岭乡 is modelled on the township of the seed report: village branches, the township office and a school.
TOWNSHIPS = [
    (
        "中共红岭乡委员会",
        "红岭乡党委",
        "QS01",
        OrgCategory.VILLAGE,
        [
            ("红岭村党支部", "QS0101", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组", "第三党小组"]),
            ("新庄村党支部", "QS0102", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组"]),
            ("王家沟村党支部", "QS0103", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组"]),
            ("马莲滩村党支部", "QS0104", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组"]),
            ("红岭乡机关党支部", "QS0105", OrgCategory.OFFICE, OrgKind.BRANCH, ["机关党小组", "站所党小组"]),
            ("红岭乡中心学校党支部", "QS0106", OrgCategory.SCHOOL, OrgKind.BRANCH, ["教师党小组"]),
        ],
    ),
    (
        "中共石门镇委员会",
        "石门镇党委",
        "QS02",
        OrgCategory.VILLAGE,
        [
            ("石门社区党支部", "QS0201", OrgCategory.COMMUNITY, OrgKind.BRANCH, ["第一网格党小组", "第二网格党小组"]),
            ("东关村党支部", "QS0202", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组"]),
            ("西沟村党支部", "QS0203", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组"]),
        ],
    ),
    (
        "中共柳河镇委员会",
        "柳河镇党委",
        "QS03",
        OrgCategory.VILLAGE,
        [
            ("柳河村党支部", "QS0301", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组", "第三党小组"]),
            ("李家堡村党支部", "QS0302", OrgCategory.VILLAGE, OrgKind.BRANCH, ["第一党小组", "第二党小组"]),
            ("柳河镇卫生院党支部", "QS0303", OrgCategory.OTHER, OrgKind.BRANCH, ["医护党小组"]),
        ],
    ),
]

# username, full name, role kind, organisation code
ACCOUNTS = [
    ("admin", "组织部管理员", RoleKind.COUNTY_ADMIN, "QS"),
    ("reviewer", "组织部督查员", RoleKind.REVIEWER, "QS"),
    ("hl_secretary", "赵建国", RoleKind.TOWNSHIP_SECRETARY, "QS01"),
    ("hl_organizer", "钱秀英", RoleKind.TOWNSHIP_ORGANIZER, "QS01"),
    ("hlc_secretary", "孙志强", RoleKind.BRANCH_SECRETARY, "QS0101"),
    ("hlc_organizer", "李桂兰", RoleKind.BRANCH_ORGANIZER, "QS0101"),
    ("xz_secretary", "周德明", RoleKind.BRANCH_SECRETARY, "QS0102"),
    ("sm_secretary", "吴海燕", RoleKind.TOWNSHIP_SECRETARY, "QS02"),
    ("lh_secretary", "郑光辉", RoleKind.TOWNSHIP_SECRETARY, "QS03"),
]


def _org(parent, *, name, short_name, code, category, kind, founded_on):
    existing = Organization.objects.filter(code=code).first()
    if existing:
        return existing
    fields = {
        "name": name,
        "short_name": short_name,
        "code": code,
        "category": category,
        "kind": kind,
        "founded_on": founded_on,
    }
    if parent is None:
        return Organization.objects.add_root(fields)
    return Organization.objects.add_child(Organization.objects.get(pk=parent.pk), fields)


@transaction.atomic
def seed(*, password: str) -> dict:
    """Build the tree and the accounts; returns what later demo steps need."""
    name, short, code, category = COUNTY
    county = _org(
        None,
        name=name,
        short_name=short,
        code=code,
        category=category,
        kind=OrgKind.COUNTY,
        founded_on=datetime.date(1949, 10, 1),
    )
    for t_name, t_short, t_code, t_category, branches in TOWNSHIPS:
        township = _org(
            county,
            name=t_name,
            short_name=t_short,
            code=t_code,
            category=t_category,
            kind=OrgKind.TOWNSHIP,
            founded_on=datetime.date(1984, 5, 1),
        )
        for b_name, b_code, b_category, b_kind, groups in branches:
            branch = _org(
                township,
                name=b_name,
                short_name=b_name.replace("党支部", ""),
                code=b_code,
                category=b_category,
                kind=b_kind,
                founded_on=datetime.date(1990, 7, 1),
            )
            for index, group in enumerate(groups, start=1):
                _org(
                    branch,
                    name=f"{b_name}{group}",
                    short_name=group,
                    code=f"{b_code}{index:02d}",
                    category=b_category,
                    kind=OrgKind.GROUP,
                    founded_on=datetime.date(2005, 3, 1),
                )
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[a[3] for a in ACCOUNTS])}
    accounts = []
    for username, full_name, kind, org_code in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created:
            user.set_password(password)
            # The admin site admits the county administrator role, never a superuser (issue 15, finding 8).
            user.is_staff = kind == RoleKind.COUNTY_ADMIN
            user.save()
        elif user.is_superuser:
            # A demo database seeded before: take the superuser flag away.
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        Role.objects.get_or_create(user=user, organization=orgs[org_code], kind=kind, is_active=True)
        accounts.append((username, full_name, RoleKind(kind).label, orgs[org_code].name))
    return {"county": county, "accounts": accounts}
