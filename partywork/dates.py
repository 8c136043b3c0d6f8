"""Calendar arithmetic shared by the rules of every app (periods, deadlines, ages)."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the last day of the month when that day does not exist
    (31 January + 1 month = 28/29 February), as deadlines 'within N months' are counted."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def months_passed_on(day: datetime.date, months: int) -> datetime.date:
    """The first day on which `months` whole months have passed since `day`: the same date `months` later, or
    the 1st of the following month when that month has no such date (31 August + 6 months: 1 March, not
    28 February; the last day of February is still within the six months). For "within N months" deadlines
    use add_months."""
    later = add_months(day, months)
    return later if later.day == day.day else later + datetime.timedelta(days=1)


def add_years(day: datetime.date, years: int) -> datetime.date:
    return add_months(day, 12 * years)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    return first, month_end(add_months(first, 2))
