"""The check sheet: every identity the year-end tables must satisfy, within a table and between tables, per
organisation, with the difference (actual − expected). A workbook "reconciles" when every check passes."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from members.rules import AGE_BANDS, Education, Occupation

from . import rules
from .tables import YearEnd


@dataclass(frozen=True)
class Check:
    table: str
    name: str
    org: str
    expected: int | Decimal
    actual: int | Decimal

    @property
    def difference(self):
        return self.actual - self.expected

    @property
    def passed(self) -> bool:
        return self.difference == 0


def _sum(values: dict, org: str, headers) -> int:
    return sum(values.get((org, str(h)), 0) for h in headers)


def yearend_checks(ye: YearEnd) -> list[Check]:
    """The checks of one year-end report, in the order of the sheets."""
    checks: list[Check] = []
    names = [row.org.name for row in ye.level.rows] + ["合计"]
    change = ye.table("change")
    change_title = change.title
    for row in ye.level.rows:
        figures = ye.change.rows[row.key]
        checks.append(
            Check(change_title, _("上年末＋增加－减少＝本年末"), row.org.name, figures.expected, figures.current)
        )
    checks.append(
        Check(
            change_title, _("上年末＋增加－减少＝本年末"), _("合计"), ye.change.total.expected, ye.change.total.current
        )
    )

    profile = ye.table("profile").values
    title = ye.table("profile").title
    ages = [label for _l, _h, label in AGE_BANDS]
    standing = [_("党龄%(band)s") % {"band": label} for _l, _h, label in rules.STANDING_BANDS]
    for org in names:
        total = profile.get((org, "党员总数"), 0)
        checks += [
            Check(
                title, _("党员总数＝党员变动表本年末党员数"), org, change.values.get((org, "本年末党员数"), 0), total
            ),
            Check(title, _("正式党员＋预备党员＝党员总数"), org, total, _sum(profile, org, ["正式党员", "预备党员"])),
            Check(title, _("男＋女＝党员总数"), org, total, _sum(profile, org, ["男", "女"])),
            Check(title, _("各年龄段之和＝党员总数"), org, total, _sum(profile, org, ages)),
            Check(title, _("各学历之和＝党员总数"), org, total, _sum(profile, org, Education.labels)),
            Check(title, _("各职业之和＝党员总数"), org, total, _sum(profile, org, Occupation.labels)),
            Check(
                title, _("各党龄段之和＝正式党员"), org, profile.get((org, "正式党员"), 0), _sum(profile, org, standing)
            ),
        ]

    recruitment = ye.table("recruitment")
    ages = [label for _l, _h, label in rules.RECRUIT_AGE_BANDS]
    for org in names:
        total = recruitment.values.get((org, "发展党员数"), 0)
        checks += [
            Check(recruitment.title, _("发展党员数＝党员变动表发展党员"), org,
                  change.values.get((org, "发展党员"), 0), total),
            Check(recruitment.title, _("各年龄段之和＝发展党员数"), org, total,
                  _sum(recruitment.values, org, ages)),
            Check(recruitment.title, _("各学历之和＝发展党员数"), org, total,
                  _sum(recruitment.values, org, Education.labels)),
            Check(recruitment.title, _("各职业之和＝发展党员数"), org, total,
                  _sum(recruitment.values, org, Occupation.labels)),
        ]  # fmt: skip

    appraisal = ye.table("appraisal")
    grades = ["优秀", "合格", "基本合格", "不合格"]
    for org in names:
        checks += [
            Check(appraisal.title, _("年末党员数＝党员变动表本年末党员数"), org,
                  change.values.get((org, "本年末党员数"), 0), appraisal.values.get((org, "年末党员数"), 0)),
            Check(appraisal.title, _("各等次之和＝参加评议人数"), org,
                  appraisal.values.get((org, "参加评议"), 0), _sum(appraisal.values, org, grades)),
        ]  # fmt: skip

    training = ye.table("training")
    for org in names:
        checks.append(
            Check(training.title, _("年末党员数＝党员变动表本年末党员数"), org,
                  change.values.get((org, "本年末党员数"), 0), training.values.get((org, "年末党员数"), 0))
        )  # fmt: skip

    mobile = ye.table("mobile")
    for org in names:
        checks.append(
            Check(mobile.title, _("各流入省份之和＝流动党员人数"), org,
                  mobile.values.get((org, "流动党员（人）"), 0), mobile.values.get((org, "流动党员（按省份）"), 0))
        )  # fmt: skip

    organisations = ye.table("organisations")
    categories = [h for h in map(str, organisations.headers) if h.endswith("党支部（含总支）")]
    for org in names:
        checks.append(
            Check(organisations.title, _("各类别支部之和＝党总支＋党支部"), org,
                  _sum(organisations.values, org, ["党总支", "党支部"]), _sum(organisations.values, org, categories))
        )  # fmt: skip

    meetings = ye.table("meetings")
    checks.append(
        Check(meetings.title, _("已开合计＝各类会议已开之和"), _("合计"),
              meetings.values.get(("合计", "各类已开之和"), 0), meetings.values.get(("合计", "已开合计"), 0))
    )  # fmt: skip

    dues = ye.table("dues")
    for org in dues.values.get(("合计", "received_orgs"), []):
        checks.append(
            Check(dues.title, _("收到下级上缴＝所列下级组织上缴之和"), org,
                  dues.values.get((org, "下级上缴之和"), Decimal("0.00")),
                  dues.values.get((org, "收到下级上缴（元）"), Decimal("0.00")))
        )  # fmt: skip

    remote = ye.table("remote")
    checks.append(
        Check(remote.title, _("播放次数合计＝各播放点之和"), _("合计"),
              remote.values.get(("合计", "各播放点播放次数之和"), 0), remote.values.get(("合计", "播放次数"), 0))
    )  # fmt: skip
    return checks
