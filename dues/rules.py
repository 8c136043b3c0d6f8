"""Pure rules of party dues (DOMAIN §3, Dues Rules 中组发〔2008〕3号). No ORM here.

The brackets and fixed amounts are data (`DuesParameters`, versioned by the year they apply from); the
functions here take them as arguments."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partywork.dates import add_months, month_end, month_start

FEN = Decimal("0.01")
# Dues Rules art. 11: a voluntary extra of 1000 yuan or more beyond the dues, paid in one go, goes to the Centre.
CENTRE_THRESHOLD = Decimal("1000.00")
# Dues Rules art. 12: back-payment generally not more than 6 months (older: with the branch's recorded reason);
# advance payment up to 6 months [local default].
MAX_MONTHS_AHEAD = 6
MAX_MONTHS_BEHIND = 6
# Constitution art. 9: six consecutive months without paying = treated as having left; warn at 3.
ARREARS_WARNING_MONTHS = 3
ARREARS_ESCALATION_MONTHS = 6
MAX_AMOUNT = Decimal("9999999999.99")
# Dues Rules 2008 art. 6: farmers pay a fixed 0.20–1.00 yuan a month (the province sets it); students, the
# unemployed and members on relief pay 0.20 yuan.
FARMER_RANGE = (Decimal("0.20"), Decimal("1.00"))
MINIMAL_RANGE = (Decimal("0.20"), Decimal("0.20"))


class Category(models.TextChoices):
    SALARIED = "salaried", gettext_lazy("在职")
    RETIRED = "retired", gettext_lazy("离退休")
    FARMER = "farmer", gettext_lazy("农民")
    FARMER_INCOME = "farmer_income", gettext_lazy("外出务工农民（有收入）")
    STUDENT = "student", gettext_lazy("学生")
    UNEMPLOYED = "unemployed", gettext_lazy("下岗失业")
    RELIEF = "relief", gettext_lazy("享受低保")


# Categories whose amount depends on a declared base.
BASE_CATEGORIES = (Category.SALARIED, Category.RETIRED, Category.FARMER_INCOME)
MINIMAL_CATEGORIES = (Category.STUDENT, Category.UNEMPLOYED, Category.RELIEF)


def money(value) -> Decimal:
    """The one rounding of money: to the fen, half-up. Floats are refused (their value is not exact)."""
    if isinstance(value, float):
        raise TypeError("money() never takes a float")
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Bracket:
    upper: Decimal | None  # inclusive; None = no upper bound
    rate: Decimal  # a fraction: 0.005 = 0.5%


@dataclass(frozen=True)
class DuesParams:
    year_from: int
    salaried: tuple[Bracket, ...]
    retired: tuple[Bracket, ...]
    farmer_amount: Decimal
    minimal_amount: Decimal


# The national defaults (Dues Rules 2008); shipped as data by the migration, kept here for tests and seeding.
DEFAULT_PARAMS = DuesParams(
    year_from=2008,
    salaried=(
        Bracket(Decimal("3000.00"), Decimal("0.005")),
        Bracket(Decimal("5000.00"), Decimal("0.01")),
        Bracket(Decimal("10000.00"), Decimal("0.015")),
        Bracket(None, Decimal("0.02")),
    ),
    retired=(Bracket(Decimal("5000.00"), Decimal("0.005")), Bracket(None, Decimal("0.01"))),
    farmer_amount=Decimal("0.50"),
    minimal_amount=Decimal("0.20"),
)


def fixed_range(category: str) -> tuple[Decimal, Decimal] | None:
    """The range Dues Rules 2008 art. 6 allows for a fixed-amount category; None for a base category."""
    if category == Category.FARMER:
        return FARMER_RANGE
    if category in MINIMAL_CATEGORIES:
        return MINIMAL_RANGE
    return None


def check_fixed_amount(category: str, amount: Decimal, *, field: str = "amount") -> None:
    """Dues Rules 2008 art. 6: a fixed monthly amount stays inside its category's range."""
    bounds = fixed_range(category)
    if bounds is None or amount is None or bounds[0] <= amount <= bounds[1]:
        return
    low, high = bounds
    label = Category(category).label
    if low == high:
        message = _("“%(c)s”党员每月交纳党费 %(low)s 元（党费规定第六条），不能为 %(a)s 元") % {
            "c": label,
            "low": low,
            "a": amount,
        }
    else:
        message = _(
            "“%(c)s”党员每月交纳党费须在 %(low)s 至 %(high)s 元之间（党费规定第六条），请改为此范围内的金额"
        ) % {
            "c": label,
            "low": low,
            "high": high,
        }
    raise ValidationError({field: [message]})


def rate_for(brackets: Sequence[Bracket], base: Decimal) -> Decimal:
    """The rate of the first bracket whose inclusive upper bound holds the base (Dues Rules: flat rate)."""
    ordered = sorted(brackets, key=lambda b: (b.upper is None, b.upper or Decimal(0)))
    for bracket in ordered:
        if bracket.upper is None or base <= bracket.upper:
            return bracket.rate
    raise ValidationError(_("党费计算标准缺少“无上限”的最高档次，请管理员在后台补全"))


def monthly_amount(category: str, base: Decimal | None, params: DuesParams) -> Decimal:
    """Dues Rules: the monthly amount for a category and declared base. The rate applies flat to the whole
    base (3000.00 pays 15.00, 3000.01 pays 30.00), upper bounds inclusive, rounded half-up to the fen."""
    if category in MINIMAL_CATEGORIES or category == Category.FARMER:
        amount = money(params.minimal_amount if category in MINIMAL_CATEGORIES else params.farmer_amount)
        check_fixed_amount(category, amount)
        return amount
    if base is None:
        raise ValidationError({"base": [_("该类别须申报缴费基数")]})
    if isinstance(base, float):
        raise TypeError("the base is never a float")
    base = Decimal(base)
    if base < 0:
        raise ValidationError({"base": [_("缴费基数不能为负数")]})
    brackets = params.retired if category == Category.RETIRED else params.salaried
    return money(base * rate_for(brackets, base))


def params_for_year(versions: Iterable[DuesParams], year: int) -> DuesParams:
    """The parameters in force in `year`: the latest version applying from that year or earlier."""
    candidates = [v for v in versions if v.year_from <= year]
    if not candidates:
        raise ValidationError(_("%(year)s 年没有适用的党费计算标准，请管理员先设置") % {"year": year})
    return max(candidates, key=lambda v: v.year_from)


def clean_amount(value, *, field: str = "amount") -> Decimal:
    """A money amount typed by a clerk: positive, at most two decimals, never a float."""
    if isinstance(value, float):
        raise TypeError("amounts are never floats")
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: [_("金额格式不正确")]}) from error
    if not amount.is_finite():
        raise ValidationError({field: [_("金额格式不正确")]})
    if amount <= 0:
        raise ValidationError({field: [_("金额必须大于零")]})
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(FEN):
        raise ValidationError({field: [_("金额最多保留两位小数（到分）")]})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: [_("金额过大")]})
    return amount.quantize(FEN)


def month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def months_apart(earlier: datetime.date, later: datetime.date) -> int:
    return month_index(later) - month_index(earlier)


def check_payment_window(month: datetime.date, *, paid_on: datetime.date, late_reason: str = "") -> None:
    """Dues Rules art. 12: back-payment *generally* not more than 6 months, so an older month is paid only with
    the branch's recorded reason; advance payment up to 6 months [local default]. Every refusal names what
    the user can do: the latest month allowed ahead, the earliest month allowed behind, or the reason."""
    current = month_start(paid_on)
    distance = months_apart(current, month_start(month))
    label = month.strftime("%Y-%m")
    if distance > MAX_MONTHS_AHEAD:
        latest = add_months(current, MAX_MONTHS_AHEAD).strftime("%Y-%m")
        raise ValidationError(
            {
                "months": [
                    _("%(m)s 超过预缴上限：最多预缴 6 个月，最晚可预缴至 %(latest)s") % {"m": label, "latest": latest}
                ]
            }
        )
    if -distance > MAX_MONTHS_BEHIND and not late_reason.strip():
        earliest = add_months(current, -MAX_MONTHS_BEHIND).strftime("%Y-%m")
        raise ValidationError(
            {
                "late_reason": [
                    _(
                        "%(m)s 已超过一般补缴期限（补缴一般不超过 6 个月，不说明原因最早可补缴 %(earliest)s）；"
                        "如支部认定确有正当理由，请在“超期补缴原因”中写明原因后再登记"
                    )
                    % {"m": label, "earliest": earliest}
                ]
            }
        )


def is_late(month: datetime.date, *, paid_on: datetime.date) -> bool:
    """Older than the usual back-payment window (Dues Rules art. 12): paid only with a recorded reason."""
    return months_apart(month_start(month), month_start(paid_on)) > MAX_MONTHS_BEHIND


def last_ended_month(today: datetime.date) -> datetime.date:
    """Constitution art. 9 counts months that have ended unpaid: the current month is not unpaid until it ends."""
    return add_months(month_start(today), -1)


def tracking_start(
    *,
    joined_on: datetime.date,
    stays: Sequence["Stay"],
    first_standard: datetime.date | None,
    epoch: datetime.date,
) -> datetime.date:
    """The first month PartyWork follows a member's dues: from joining or coming onto a branch's roll (a new,
    imported or transferred-in member owes from then even without a standard: 未核定), or from the first
    standard if earlier, but never before `epoch`, the first month the county's dues are kept here (the
    earliest standard recorded), so a member of decades is not shown owing since joining."""
    on_roll = month_start(joined_on)
    if stays:
        on_roll = max(on_roll, month_start(min(s.started_on for s in stays)))
    start = min(on_roll, first_standard) if first_standard is not None else on_roll
    return max(month_start(start), month_start(epoch))


@dataclass(frozen=True)
class Stay:
    """One membership: which branch, from when, until when (None = still there)."""

    org_id: int
    started_on: datetime.date
    ended_on: datetime.date | None


def owing_org(stays: Sequence[Stay], joined_on: datetime.date, month: datetime.date) -> int | None:
    """The branch a member owes a month's dues to, or None when nothing is owed (before joining, after
    leaving). Probationary members pay from the month the general meeting admits them (Dues Rules). The
    month of a transfer is owed to the branch the member leaves; the new branch starts the month after."""
    first, last = month_start(month), month_end(month)
    if month_start(joined_on) > first:
        return None
    covering = [s for s in stays if s.started_on <= last and (s.ended_on is None or s.ended_on >= first)]
    if not covering:
        return None
    return min(covering, key=lambda s: s.started_on).org_id


def consecutive_unpaid(owed_months: Sequence[datetime.date], paid: set[datetime.date], *, until: datetime.date) -> int:
    """Constitution art. 9: the run of owed months, ending with `until`'s month or the last owed month
    before it, that have no payment. Callers pass the last ended month (`last_ended_month`)."""
    run = 0
    for month in sorted((m for m in owed_months if m <= until), reverse=True):
        if month in paid:
            break
        run += 1
    return run


def arrears_level(run: int) -> str:
    """ "escalation" at 6 consecutive unpaid months (自行脱党, Constitution art. 9), "warning" at 3."""
    if run >= ARREARS_ESCALATION_MONTHS:
        return "escalation"
    if run >= ARREARS_WARNING_MONTHS:
        return "warning"
    return ""


def is_centre_payment(extra: Decimal | None) -> bool:
    """Dues Rules art. 11: a member who voluntarily pays 1000 yuan or more beyond their dues in one go has it all
    remitted to the Centre. Only the voluntary extra counts: regular dues paid ahead or behind on one receipt
    are never such a payment, however large the receipt."""
    return extra is not None and extra >= CENTRE_THRESHOLD


def paid_until(owed_months: Sequence[datetime.date], fully_paid: set[datetime.date]) -> datetime.date | None:
    """The last month of the unbroken run of fully paid owed months from the first owed month."""
    last = None
    for month in sorted(owed_months):
        if month not in fully_paid:
            break
        last = month
    return last


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months
