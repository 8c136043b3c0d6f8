"""Pure rules about people: identity numbers, statistical categories (DOMAIN §7, §8). No ORM here."""

import datetime
import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from partywork.dates import add_months


class Sex(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class Education(models.TextChoices):
    """The six statistical levels of 党内统计 (DOMAIN §7)."""

    POSTGRADUATE = "postgraduate", _("研究生")
    BACHELOR = "bachelor", _("大学本科")
    JUNIOR_COLLEGE = "junior_college", _("大学专科")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("中专")
    HIGH_SCHOOL = "high_school", _("高中、中技")
    JUNIOR_OR_BELOW = "junior_or_below", _("初中及以下")


class Occupation(models.TextChoices):
    """Occupation categories of 党内统计 (DOMAIN §7)."""

    PARTY_GOVERNMENT = "party_government", _("党政机关工作人员")
    PUBLIC_INSTITUTION = "public_institution", _("事业单位人员")
    ENTERPRISE = "enterprise", _("企业人员")
    WORKER = "worker", _("工人")
    MIGRANT_WORKER = "migrant_worker", _("农民工")
    FARMER = "farmer", _("农牧渔民")
    STUDENT = "student", _("学生")
    RETIRED = "retired", _("离退休人员")
    OTHER = "other", _("其他职业人员")


ETHNICITIES = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]  # fmt: skip
ETHNICITY_CHOICES = [(name, name) for name in ETHNICITIES]
HAN = "汉族"

# DOMAIN §7 age bands of the member profile table.
AGE_BANDS = [
    (None, 30, "30岁及以下"),
    (31, 35, "31-35岁"),
    (36, 40, "36-40岁"),
    (41, 45, "41-45岁"),
    (46, 50, "46-50岁"),
    (51, 55, "51-55岁"),
    (56, 60, "56-60岁"),
    (61, 65, "61-65岁"),
    (66, 70, "66-70岁"),
    (71, None, "71岁及以上"),
]

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")


def id_check_digit(first17: str) -> str:
    """GB 11643-1999: ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def id_birth_date(id_number: str) -> datetime.date | None:
    try:
        return datetime.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def id_sex(id_number: str) -> str:
    """GB 11643: the 17th digit is odd for men, even for women."""
    return "M" if int(id_number[16]) % 2 else "F"


def id_number_errors(value: str, *, today: datetime.date) -> list[str]:
    """Why `value` is not a valid resident ID number (DOMAIN §8, GB 11643), or [] when it is."""
    number = normalize_id_number(value)
    if len(number) != 18:
        return [str(_("身份证号码应为18位"))]
    if not _ID_PATTERN.match(number):
        return [str(_("身份证号码前17位须为数字，最后一位为数字或X"))]
    birth = id_birth_date(number)
    if birth is None:
        return [str(_("身份证号码中的出生日期不存在"))]
    if birth >= today or birth.year < 1900:
        return [str(_("身份证号码中的出生日期不合理"))]
    if id_check_digit(number[:17]) != number[17]:
        return [str(_("身份证号码校验位错误"))]
    return []


def id_disagreements(id_number: str, *, birth_date: datetime.date | None, sex: str | None) -> list[str]:
    """DOMAIN §8: the recorded birth date and sex must agree with the ID number."""
    problems = []
    number = normalize_id_number(id_number)
    if birth_date and id_birth_date(number) != birth_date:
        problems.append(str(_("出生日期与身份证号码不一致")))
    if sex and id_sex(number) != sex:
        problems.append(str(_("性别与身份证号码不一致")))
    return problems


def make_id_number(*, region: str, birth_date: datetime.date, sequence: int, sex: str) -> str:
    """Build a valid ID number (demo data and tests). `sequence` 0-99 picks the order code."""
    order = (sequence % 100) * 10 + (1 if sex == "M" else 2)
    first17 = f"{region}{birth_date:%Y%m%d}{order:03d}"
    return first17 + id_check_digit(first17)


def mask_id_number(number: str) -> str:
    """DOMAIN §8: show the first four and last four characters only, e.g. 6201**********0019."""
    number = normalize_id_number(number)
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


PHONE_PATTERN = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s]", "", value or "")


def phone_errors(value: str) -> list[str]:
    if not PHONE_PATTERN.match(normalize_phone(value)):
        return [str(_("电话号码格式不正确（11位手机号或带区号的固定电话）"))]
    return []


def mask_phone(number: str) -> str:
    number = normalize_phone(number)
    if len(number) < 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return label
    return AGE_BANDS[-1][2]


# ---------------------------------------------------------------- disciplinary measures (党纪处分)


class DisciplineKind(models.TextChoices):
    """The five measures of Constitution art. 39 and Discipline Regulations art. 8, mildest first."""

    WARNING = "warning", _("警告")
    SERIOUS_WARNING = "serious_warning", _("严重警告")
    REMOVAL_FROM_POST = "removal_from_post", _("撤销党内职务")
    PROBATION = "probation", _("留党察看")
    EXPULSION = "expulsion", _("开除党籍")


# Discipline Regulations art. 8: 留党察看 is for one year or two, and at most two years in all (a one-year term
# extended once by a year); Constitution art. 40: during it the member has no right to vote, elect or be
# elected, and so cannot sponsor an applicant (Recruitment Rules 2014 art. 14).
PROBATION_TERMS_MONTHS = (12, 24)
TERM_KINDS = (DisciplineKind.PROBATION,)


def suspension_end(decided_on: datetime.date, term_months: int) -> datetime.date:
    """The last day of a 留党察看 term: the day before the same date `term_months` later (a term decided on
    2026-03-10 for a year runs to 2027-03-09; rights return on 2027-03-10)."""
    return add_months(decided_on, term_months) - datetime.timedelta(days=1)


def measure_errors(
    *, kind: str, decided_on: datetime.date | None, term_months: int | None, today: datetime.date
) -> dict[str, list[str]]:
    """What is wrong with a disciplinary measure as recorded, as {field: [reasons]} (Discipline Regulations
    art. 8: only 留党察看 has a term, of one or two years)."""
    errors: dict[str, list[str]] = {}
    if decided_on is not None and decided_on > today:
        errors["decided_on"] = [str(_("处分决定日期不能晚于今天，请填写作出处分决定的日期"))]
    if kind in TERM_KINDS:
        if term_months not in PROBATION_TERMS_MONTHS:
            errors["term_months"] = [
                str(_("留党察看期限为一年（12个月）或二年（24个月），请填写12或24（《纪律处分条例》第八条）"))
            ]
    elif term_months:
        errors["term_months"] = [
            str(
                _("只有留党察看有期限，%(kind)s请不要填写期限") % {"kind": dict(DisciplineKind.choices).get(kind, kind)}
            )
        ]
    return errors
