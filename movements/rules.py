"""Rules of transfers and mobile members (DOMAIN §5). The functions are pure: they take the parameters.

The parameters are [local] rules, read from the county's local rules in force on the day decided about
(`partywork.LocalRules` through `partywork.localrules.local_rules(on=)`, edited in 系统管理 「本地规则」):
the letter's validity in the same city and outside it, its upper limit, the return slip's deadline, the
contact interval of mobile members and the months without contact after which a member counts as lost.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partywork.dates import add_months, months_passed_on


@dataclass(frozen=True)
class MovementRules:
    validity_days_same_city: int = 10
    validity_days_outside: int = 30
    validity_max_months: int = 3
    return_slip_months: int = 1
    contact_months: int = 3
    lost_contact_months: int = 6


def movement_rules(*, on: datetime.date | None = None) -> MovementRules:
    """The parameters in force on `on` (default: today), from the county's local rules. One query."""
    from partywork.localrules import local_rules

    rules = local_rules(on=on or timezone.localdate())
    return MovementRules(
        validity_days_same_city=rules.transfer_validity_days_same_city,
        validity_days_outside=rules.transfer_validity_days_outside,
        validity_max_months=rules.transfer_validity_max_months,
        return_slip_months=rules.return_slip_months,
        contact_months=rules.mobile_contact_months,
        lost_contact_months=rules.mobile_lost_contact_months,
    )


# --- Transfers ---------------------------------------------------------------------------------------


def default_validity_days(*, same_city: bool, same_city_days: int, outside_days: int) -> int:
    """DOMAIN §5: a letter is valid ~10 days in the same city, ~30 days outside it [local]."""
    return same_city_days if same_city else outside_days


def letter_valid_until(issued_on: datetime.date, *, days: int) -> datetime.date:
    """The last day a letter of `days` days' validity may be presented (the day of issue counts as day 1)."""
    return issued_on + datetime.timedelta(days=days - 1)


def validity_errors(issued_on: datetime.date, valid_until: datetime.date, *, max_months: int) -> list[str]:
    """DOMAIN §5: the validity of a letter runs from its issue and is at most 3 months [local]."""
    if valid_until < issued_on:
        return [str(_("介绍信有效期不能早于开具日期"))]
    if valid_until > add_months(issued_on, max_months) - datetime.timedelta(days=1):
        return [str(_("介绍信有效期最长为%(n)s个月")) % {"n": max_months}]
    return []


def letter_expired(*, valid_until: datetime.date | None, pending: bool, today: datetime.date) -> bool:
    """A letter still waiting for its return slip (or a transfer still waiting for the receiving side) is
    expired once the day after its validity has come."""
    return pending and valid_until is not None and valid_until < today


def return_slip_due_on(issued_on: datetime.date, *, months: int) -> datetime.date:
    """DOMAIN §5: the return slip comes back within 1 month of issue [local]."""
    return add_months(issued_on, months)


def letter_number(*, prefix: str, year: int, serial: int) -> str:
    """The serial number of an outgoing letter: 青山组转〔2026〕第015号 (serial per county per year)."""
    return f"{prefix}组转〔{year}〕第{serial:03d}号"


def county_prefix(county_name: str) -> str:
    """青山县委 / 青山县 -> 青山: the county's name without its administrative suffix."""
    name = county_name.strip()
    for suffix in ("县委员会", "县委", "县", "市委", "市", "区委", "区", "旗委", "旗"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


# --- Mobile members ---------------------------------------------------------------------------------


def last_reached(*, left_on: datetime.date, last_contact_on: datetime.date | None) -> datetime.date:
    """The day the member was last known to be reachable: the last contact, or the day they left."""
    return max(left_on, last_contact_on) if last_contact_on else left_on


def contact_due_on(*, left_on: datetime.date, last_contact_on: datetime.date | None, months: int) -> datetime.date:
    """DOMAIN §5: a mobile member is contacted at least quarterly [local]: the next contact is due this day."""
    return add_months(last_reached(left_on=left_on, last_contact_on=last_contact_on), months)


def contact_overdue(
    *, left_on: datetime.date, last_contact_on: datetime.date | None, today: datetime.date, months: int
) -> bool:
    return contact_due_on(left_on=left_on, last_contact_on=last_contact_on, months=months) < today


def lost_contact_on(*, left_on: datetime.date, last_contact_on: datetime.date | None, months: int) -> datetime.date:
    """DOMAIN §5: unreachable for 6 months -> lost contact (失联). The first day the member counts as lost:
    the day the 6 whole months have passed (reached on 31 August: lost from 1 March)."""
    return months_passed_on(last_reached(left_on=left_on, last_contact_on=last_contact_on), months)


def is_lost_contact(
    *, left_on: datetime.date, last_contact_on: datetime.date | None, today: datetime.date, months: int
) -> bool:
    return lost_contact_on(left_on=left_on, last_contact_on=last_contact_on, months=months) <= today


def months_apart(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from `earlier`'s month to `later`'s month."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def dues_advance_errors(*, dues_paid_until: datetime.date, on: datetime.date, max_months: int = 6) -> list[str]:
    """Dues Rules: dues may be paid at most 6 months in advance, so "paid up to" lies at most 6 months ahead."""
    if months_apart(on, dues_paid_until) > max_months:
        return [str(_("党费最多预交%(n)s个月，“党费交至”不能晚于开具日期后%(n)s个月")) % {"n": max_months}]
    return []


def days_since(day: datetime.date, today: datetime.date) -> int:
    return (today - day).days
