"""The period a dashboard shows: a month, a quarter or a year. Pure: no ORM, no clock (callers pass `today`)."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from partywork.dates import add_months, month_end, quarter_bounds, quarter_of

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KINDS = (MONTH, QUARTER, YEAR)
QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}
_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})|Q(?P<quarter>[1-4]))?$")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int = 1  # the month (1-12), the quarter (1-4), or 1 for a year

    @property
    def start(self) -> datetime.date:
        if self.kind == MONTH:
            return datetime.date(self.year, self.number, 1)
        if self.kind == QUARTER:
            return quarter_bounds(self.year, self.number)[0]
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        if self.kind == MONTH:
            return month_end(self.start)
        if self.kind == QUARTER:
            return quarter_bounds(self.year, self.number)[1]
        return datetime.date(self.year, 12, 31)

    @property
    def key(self) -> str:
        """What the URL carries: 2026-03, 2026Q1 or 2026."""
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}Q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("%(year)d年%(month)d月") % {"year": self.year, "month": self.number}
        if self.kind == QUARTER:
            return _("%(year)d年第%(quarter)s季度") % {"year": self.year, "quarter": QUARTER_NAMES[self.number]}
        return _("%(year)d年") % {"year": self.year}

    def months(self) -> list[datetime.date]:
        """The first day of every month of the period."""
        first = self.start
        return [add_months(first, offset) for offset in range(self.month_count)]

    @property
    def month_count(self) -> int:
        return {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]

    def as_of(self, today: datetime.date) -> datetime.date:
        """The day figures "at the end of the period" are taken: its last day, or today while it runs."""
        return min(self.end, today)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def shifted(self, steps: int) -> "Period":
        """The period `steps` periods later (earlier when negative), of the same kind."""
        if self.kind == MONTH:
            day = add_months(self.start, steps)
            return Period(MONTH, day.year, day.month)
        if self.kind == QUARTER:
            index = self.year * 4 + self.number - 1 + steps
            return Period(QUARTER, index // 4, index % 4 + 1)
        return Period(YEAR, self.year + steps)


def current(kind: str, today: datetime.date) -> Period:
    if kind == MONTH:
        return Period(MONTH, today.year, today.month)
    if kind == QUARTER:
        return Period(QUARTER, today.year, quarter_of(today))
    return Period(YEAR, today.year)


def parse(value: str | None, today: datetime.date, *, default_kind: str = QUARTER) -> Period:
    """The period named by `value` (2026-03, 2026Q1, 2026), or the current period of `default_kind` when
    it names none. Years far from today are refused the same way: the current period is shown."""
    match = _KEY.match((value or "").strip())
    if not match:
        return current(default_kind, today)
    year = int(match["year"])
    if not today.year - 20 <= year <= today.year + 1:
        return current(default_kind, today)
    if match["month"]:
        month = int(match["month"])
        return Period(MONTH, year, month) if 1 <= month <= 12 else current(MONTH, today)
    if match["quarter"]:
        return Period(QUARTER, year, int(match["quarter"]))
    return Period(YEAR, year)


def choices(period: Period, today: datetime.date) -> dict:
    """What the period selector offers around `period`: the current period of each kind, the previous and next
    period, and the periods of the same kind in its year."""
    return {
        "current": [current(kind, today) for kind in KINDS],
        "previous": period.shifted(-1),
        "next": period.shifted(1) if period.shifted(1).start <= today else None,
        "kind": period.kind,
    }
