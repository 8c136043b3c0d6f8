"""The organisation tree (county → townships → branches → party groups) with treebeard's materialised paths
written directly, and the accounts that work in it: the county administrator, a secretary and an organiser
for every township, a secretary for every branch except a few (the reminder job asks the township to create
them)."""

import datetime

from django.contrib.auth.hashers import make_password

from branches.models import Organization, Role, User
from branches.rules import OrgCategory, OrgKind, RoleKind

from .bulk import history, insert
from .plan import Branch, County

GROUP_NAMES = ["第一党小组", "第二党小组", "第三党小组", "第四党小组"]


def _path(parent_path: str, index: int) -> str:
    return parent_path + Organization._get_path(None, 1, index)


def _category(b: int, per_township: int, t: int) -> str:
    """Mostly villages; each township also has its office and (when big enough) a school; towns a community."""
    if b == per_township and per_township >= 3:
        return OrgCategory.OFFICE
    if b == per_township - 1 and per_township >= 6:
        return OrgCategory.SCHOOL
    if b == per_township - 2 and per_township >= 8 and t % 3 == 0:
        return OrgCategory.COMMUNITY
    return OrgCategory.VILLAGE


def _branch_name(t: int, b: int, category: str) -> str:
    return {
        OrgCategory.OFFICE: f"第{t}乡机关党支部",
        OrgCategory.SCHOOL: f"第{t}乡中心学校党支部",
        OrgCategory.COMMUNITY: f"第{t}乡第{b}社区党支部",
    }.get(category, f"第{t}乡第{b}村党支部")


def build_tree(county: County, *, townships: int, branches: int, members_per_branch: int) -> None:
    """The county, its townships and branches with their groups, committees and secretaries. Long because the
    tree is built top-down in one treebeard pass, which needs parents saved before children."""
    rng = county.rng("tree")
    root = Organization.objects.add_root(
        {
            "code": "BENCH",
            "name": "基准县委",
            "short_name": "基准县",
            "kind": OrgKind.COUNTY,
            "category": OrgCategory.OTHER,
            "founded_on": datetime.date(1949, 10, 1),
        }
    )
    per_township = max(1, branches // townships)
    nodes, plans = [], []
    for t in range(1, townships + 1):
        t_path = _path(root.path, t)
        nodes.append(
            Organization(
                name=f"第{t}乡党委", short_name=f"第{t}乡", code=f"B{t:02d}", kind=OrgKind.TOWNSHIP,
                category=OrgCategory.VILLAGE, path=t_path, depth=2, numchild=per_township,
                founded_on=datetime.date(1984, 5, 1),
            )
        )  # fmt: skip
        for b in range(1, per_township + 1):
            category = _category(b, per_township, t)
            b_path = _path(t_path, b)
            size = _size(rng, t, b, members_per_branch, category)
            group_count = 1 if size < 12 else 2 if size < 30 else 3 if size < 60 else 4
            name = _branch_name(t, b, category)
            nodes.append(
                Organization(
                    name=name, short_name=name.removesuffix("党支部"), code=f"B{t:02d}{b:02d}", kind=OrgKind.BRANCH,
                    category=category, path=b_path, depth=3, numchild=group_count,
                    founded_on=datetime.date(rng.randint(1958, 2012), rng.randint(1, 12), 1),
                )
            )  # fmt: skip
            for g in range(1, group_count + 1):
                nodes.append(
                    Organization(
                        name=f"{name}{GROUP_NAMES[g - 1]}", short_name=GROUP_NAMES[g - 1],
                        code=f"B{t:02d}{b:02d}{g:02d}", kind=OrgKind.GROUP, category=category,
                        path=_path(b_path, g), depth=4, numchild=0, founded_on=datetime.date(2005, 3, 1),
                    )
                )  # fmt: skip
            plans.append((t, b, size))
    insert(Organization, nodes)
    Organization.objects.filter(pk=root.pk).update(numchild=townships)
    root.numchild = townships
    county.org = root
    orgs = {o.code: o for o in Organization.objects.filter(code__startswith="B")}
    county.townships = [orgs[f"B{t:02d}"] for t in range(1, townships + 1)]
    groups_of: dict[str, list] = {}
    for code in sorted(c for c in orgs if len(c) == 7):
        groups_of.setdefault(code[:5], []).append(orgs[code])
    for t, b, size in plans:
        code = f"B{t:02d}{b:02d}"
        org = orgs[code]
        groups = groups_of.get(code, [])
        county.branches.append(Branch(org=org, township=orgs[f"B{t:02d}"], groups=groups, size=size))
    county.index()
    history(Organization, [root, *orgs.values()], when=county.at(county.start, 9))
    _profiles(county, rng)


def _size(rng, t: int, b: int, mean: int, category: str) -> int:
    """Village branches vary around the mean (DOMAIN §1: 15–60, median ~35); offices and schools are smaller.
    The first branch, which the branch secretary persona opens, has exactly the mean."""
    if t == 1 and b == 1:
        return mean
    if category in (OrgCategory.OFFICE, OrgCategory.SCHOOL):
        return max(3, round(mean * rng.uniform(0.3, 0.6)))
    return max(3, round(mean * rng.uniform(0.5, 1.5)))


def _profiles(county: County, rng) -> None:
    """Most branches keep every rule of organisational life; some miss months; a few hold little."""
    for index, branch in enumerate(county.branches):
        branch.day = rng.randint(5, 25)
        if index == 0:
            continue
        roll = rng.random()
        branch.profile = "weak" if roll < 0.05 else "patchy" if roll < 0.25 else "good"


def build_accounts(county: County, *, password: str) -> None:
    """One account per township secretary and organiser and per branch secretary (a few branches have none),
    and the county administrator. The three personas of the page runner are among them."""
    rng = county.rng("accounts")
    hashed = make_password(password)  # hashed once: hashing 500 passwords would take minutes
    joined = county.at(county.start - datetime.timedelta(days=30), 9)
    users, roles = [], []

    def user(username, full_name, **extra):
        account = User(
            username=username, full_name=full_name, password=hashed, date_joined=joined, is_active=True, **extra
        )
        users.append(account)
        return account

    admin = user("bench_county", "县委组织部管理员", is_staff=True, is_superuser=True)
    roles.append((admin, county.org, RoleKind.COUNTY_ADMIN))
    for index, township in enumerate(county.townships):
        name = "bench_township" if index == 0 else f"bench_{township.code.lower()}_sec"
        secretary = user(name, f"{township.short_name}党委书记")
        organizer = user(f"bench_{township.code.lower()}_org", f"{township.short_name}组织委员")
        roles += [
            (secretary, township, RoleKind.TOWNSHIP_SECRETARY),
            (organizer, township, RoleKind.TOWNSHIP_ORGANIZER),
        ]
        county.township_clerks[township.pk] = organizer
        county.township_secretaries[township.pk] = secretary
        county.accounts.setdefault("township_secretary", secretary)
    without = 0
    for index, branch in enumerate(county.branches):
        # About one branch in a hundred has nobody who can log in (DOMAIN: a reminder tells the township).
        if index > 0 and rng.random() < 0.01:
            branch.has_account = False
            branch.clerk = county.township_clerks[branch.township.pk]
            without += 1
            continue
        name = "bench_branch" if index == 0 else f"bench_{branch.org.code.lower()}_sec"
        branch.clerk = user(name, f"{branch.org.short_name}支部书记")
        roles.append((branch.clerk, branch.org, RoleKind.BRANCH_SECRETARY))
        county.accounts.setdefault("branch_secretary", branch.clerk)
    insert(User, users)
    granted = county.at(county.start - datetime.timedelta(days=30), 10)
    role_rows = [
        Role(user=u, organization=o, kind=k, granted_by=admin, granted_at=granted, is_active=True) for u, o, k in roles
    ]
    insert(Role, role_rows)
    history(User, users, user=admin, when=joined)
    history(Role, role_rows, user=admin, when=granted)
    county.admin = admin
    county.accounts["county_admin"] = admin
    county.counts["accounts"] = len(users)
    county.problems["branches_without_account"] = without
