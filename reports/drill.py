"""Every figure of the dashboards by its key, with its label and the records behind it.

A key names one figure of one area: `members.women`, `members.age.3`, `members.education.bachelor`,
`members.changes.admitted`, `meetings.overdue`, `meetings.overdue.general`, `dues.arrears_warning`... The
records of a figure of an organisation are computed from the same conditions as the figure itself, so their
count (or, for money, the sum of their amount column) is the figure: tests hold every figure to it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.rules import AGE_BANDS, Education, Occupation

from .figures import Context, Table
from .figures import dues as dues_area
from .figures import meetings as meetings_area
from .figures import members as members_area
from .figures import movements as movements_area
from .figures import quality as quality_area
from .figures import recruitment as recruitment_area
from .figures import remote as remote_area
from .tree import level_for


@dataclass(frozen=True)
class Drill:
    key: str
    area: str
    label: str
    build: Callable[[Context, object], Table]


AREA_LABELS = {
    "members": gettext_lazy("党员队伍"),
    "meetings": gettext_lazy("组织生活"),
    "dues": gettext_lazy("党费"),
    "recruitment": gettext_lazy("发展党员"),
    "mobile": gettext_lazy("流动党员"),
    "remote": gettext_lazy("远程教育"),
    "quality": gettext_lazy("数据质量"),
}

DUES_LABELS = {
    "owed": gettext_lazy("应缴党费"),
    "collected": gettext_lazy("已缴党费"),
    "members_owing": gettext_lazy("应缴党员"),
    "unassessed": gettext_lazy("未核定党费标准"),
    "arrears_warning": gettext_lazy("连续欠缴3个月及以上"),
    "arrears_escalation": gettext_lazy("连续欠缴6个月及以上"),
    "received": gettext_lazy("收到上缴党费"),
    "on_hand": gettext_lazy("结存"),
}
MOBILE_LABELS = {
    "away": gettext_lazy("外出流动党员"),
    "contact_overdue": gettext_lazy("联系逾期"),
    "lost": gettext_lazy("失去联系"),
}
REMOTE_LABELS = {"sessions": gettext_lazy("播放记录"), "below": gettext_lazy("未达播放标准")}
MEETING_LABELS = {"all": gettext_lazy("应召开的组织生活"), "overdue": gettext_lazy("逾期未完成")}


def drill_for(key: str) -> Drill | None:
    """The figure named `key`, or None when no figure has that name."""
    area, _sep, name = key.partition(".")
    if area == "members":
        return _members(key, name)
    if area == "meetings":
        status, _sep, rule_key = name.partition(".")
        if status not in MEETING_LABELS:
            return None

        def build(ctx, org, status=status, rule_key=rule_key):
            return meetings_area.result_rows(
                ctx,
                level_for(user=ctx.user, org=org),
                org,
                status="overdue" if status == "overdue" else "",
                rule_key=rule_key,
            )

        label = str(MEETING_LABELS[status])
        if rule_key:
            label = f"{label}（{_kind_label(rule_key)}）"
        return Drill(key, area, label, build)
    if area == "dues" and name in DUES_LABELS:
        return Drill(key, area, str(DUES_LABELS[name]), lambda ctx, org: dues_area.rows(ctx, org, name))
    if area == "recruitment":
        labels = {
            **dict(recruitment_area.PIPELINE),
            **dict(recruitment_area.YEAR),
            "overdue": _("下一步逾期"),
        }
        if name in labels:
            return Drill(key, area, str(labels[name]), lambda ctx, org: recruitment_area.rows(ctx, org, name))
        return None
    if area == "mobile" and name in MOBILE_LABELS:
        return Drill(key, area, str(MOBILE_LABELS[name]), lambda ctx, org: movements_area.rows(ctx, org, name))
    if area == "remote" and name in REMOTE_LABELS:
        return Drill(
            key,
            area,
            str(REMOTE_LABELS[name]),
            lambda ctx, org: remote_area.rows(ctx, level_for(user=ctx.user, org=org), name),
        )
    if area == "quality" and name in quality_area.LABELS:
        return Drill(key, area, str(quality_area.LABELS[name]), lambda ctx, org: quality_area.rows(ctx, org, name))
    return None


def _kind_label(rule_key: str) -> str:
    from meetings.rules import MeetingKind

    kind, _sep, secretary = rule_key.partition(":")
    if secretary:
        return _("支部书记讲党课")
    return str(MeetingKind(kind).label) if kind in MeetingKind.values else rule_key


def _members(key: str, name: str) -> Drill | None:
    profile = dict(members_area.PROFILE)
    changes = dict(members_area.CHANGES)
    family, _sep, value = name.partition(".")
    if name in profile:
        label = str(profile[name])
    elif family == "age" and value.isdigit() and int(value) < len(AGE_BANDS):
        label = _("年龄 %(band)s") % {"band": AGE_BANDS[int(value)][2]}
    elif family == "education" and value in Education.values:
        label = _("学历 %(value)s") % {"value": Education(value).label}
    elif family == "occupation" and value in Occupation.values:
        label = _("职业 %(value)s") % {"value": Occupation(value).label}
    elif family == "changes" and value in changes:
        return Drill(key, "members", str(changes[value]), lambda ctx, org: members_area.change_rows(ctx, org, value))
    else:
        return None
    return Drill(key, "members", label, lambda ctx, org: members_area.profile_rows(ctx, org, name))
