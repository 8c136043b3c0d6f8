"""Working days in any year (issue 10 item 14), for the public notice (DOMAIN §4: at least 5 working days).

Three sources, in this order for each year: the official holidays and adjusted working days the county
administrator entered for that year (`EnteredYear`, from the State Council's notice, with its source); the
pinned chinesecalendar library (it knows years up to its release); otherwise Monday to Friday, and the count
says which years it estimated so the page can warn instead of refusing. Pure: no ORM."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import chinese_calendar


@dataclass(frozen=True)
class EnteredYear:
    """A year's holidays and adjusted working days as the county entered them."""

    year: int
    holidays: frozenset[datetime.date] = frozenset()
    workdays: frozenset[datetime.date] = frozenset()  # adjusted working weekends (调休上班)
    source: str = ""

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


@dataclass(frozen=True)
class WorkdayCount:
    days: int
    estimated_years: tuple[int, ...] = ()  # counted Monday to Friday: no one knows their holidays
    entered_years: tuple[int, ...] = ()  # counted from the county's entered calendar


@cache
def library_knows(year: int) -> bool:
    """Whether the pinned chinesecalendar has the holidays of `year`."""
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
        chinese_calendar.is_workday(datetime.date(year, 12, 31))
    except NotImplementedError:
        return False
    return True


def count_workdays(
    first: datetime.date, last: datetime.date, entered: Mapping[int, EnteredYear] | None = None
) -> WorkdayCount:
    """Working days from `first` to `last` inclusive; 0 when `last` is before `first`."""
    entered = entered or {}
    days, estimated, used = 0, set(), set()
    day = first
    while day <= last:
        if day.year in entered:
            used.add(day.year)
            days += entered[day.year].is_workday(day)
        elif library_knows(day.year):
            days += chinese_calendar.is_workday(day)
        else:
            estimated.add(day.year)
            days += day.weekday() < 5
        day += datetime.timedelta(days=1)
    return WorkdayCount(days, tuple(sorted(estimated)), tuple(sorted(used)))
