"""The digest: the new items of one run for one person, grouped by organisation and kind, with counts
("红岭村：3 名党员欠缴党费 3 个月以上，10 月支部委员会未召开"). Pure: it takes the items, queries nothing."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What n items of one kind at one organisation amount to, for kinds of many like items (members, files).
# Other kinds (a missed meeting) show each item's title: there are few, and each says what to do.
KIND_COUNTS = {
    "dues_arrears_3": gettext_lazy("%(n)s 名党员欠缴党费 3 个月以上"),
    "dues_arrears_6": gettext_lazy("%(n)s 名党员欠缴党费满 6 个月"),
    "recruitment_due": gettext_lazy("%(n)s 个发展党员步骤即将到期"),
    "recruitment_overdue": gettext_lazy("%(n)s 个发展党员步骤已逾期"),
    "mobile_contact_due": gettext_lazy("%(n)s 名流动党员待联系"),
    "mobile_lost_contact": gettext_lazy("%(n)s 名流动党员已失联"),
    "transfer_expired": gettext_lazy("%(n)s 份组织关系介绍信已过有效期"),
    "transfer_incoming": gettext_lazy("%(n)s 名党员的组织关系待接收"),
}


@dataclass
class KindGroup:
    kind: str
    items: list = field(default_factory=list)

    @property
    def summary(self) -> str:
        if len(self.items) > 1 and self.kind in KIND_COUNTS:
            return str(KIND_COUNTS[self.kind]) % {"n": len(self.items)}
        return "，".join(_short_title(item) for item in self.items)


@dataclass
class OrgGroup:
    organization: object
    name: str
    kinds: list[KindGroup] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return "，".join(group.summary for group in self.kinds)

    @property
    def count(self) -> int:
        return sum(len(group.items) for group in self.kinds)


def _short_title(item) -> str:
    """The item's title without its organisation's name in front ("红岭村：10月支部委员会未召开")."""
    org = item.organization
    for name in (org.display_name, org.name) if org else ():
        for sep in ("：", " "):
            if item.title.startswith(name + sep):
                return item.title[len(name) + len(sep) :]
    return item.title


def digest_groups(items: Iterable) -> list[OrgGroup]:
    """Items grouped by organisation (tree order, items without one last) and kind (first seen first)."""
    by_org: dict = {}
    for item in items:
        org = item.organization
        key = org.pk if org else None
        if key not in by_org:
            by_org[key] = OrgGroup(organization=org, name=org.display_name if org else _("其他"))
        group = by_org[key]
        kind = next((k for k in group.kinds if k.kind == item.kind), None)
        if kind is None:
            kind = KindGroup(kind=item.kind)
            group.kinds.append(kind)
        kind.items.append(item)
    return sorted(by_org.values(), key=lambda g: (g.organization is None, getattr(g.organization, "path", "")))


def digest_text(groups: list[OrgGroup]) -> str:
    """The digest's body: one line per organisation."""
    return "\n".join(f"{group.name}：{group.summary}" for group in groups)


def digest_title(*, run_on, count: int, orgs: int) -> str:
    return _("%(day)s 提醒：%(orgs)s 个组织共 %(n)s 项待办") % {"day": run_on.isoformat(), "orgs": orgs, "n": count}
