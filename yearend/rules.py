"""Pure rules of the year-end statistics (DOMAIN §7): bands and groupings, no ORM."""

import datetime

from members.rules import Occupation
from partywork.dates import add_years

# DOMAIN §7, recruitment in the year: age of the new member on the day of their admission.
RECRUIT_AGE_BANDS = [
    (None, 25, "25岁及以下"),
    (26, 30, "26-30岁"),
    (31, 35, "31-35岁"),
    (36, 40, "36-40岁"),
    (41, 59, "41-59岁"),
    (60, None, "60岁及以上"),
]

# Party standing (党龄) of full members on the day, counted in completed years from the confirmation
# (Recruitment Rules art. 34; 入党日期 where no confirmation date is kept).
STANDING_BANDS = [
    (None, 5, "5年及以下"),
    (6, 10, "6-10年"),
    (11, 20, "11-20年"),
    (21, 30, "21-30年"),
    (31, 40, "31-40年"),
    (41, 50, "41-50年"),
    (51, None, "51年及以上"),
]

# Front-line (生产、工作一线) new members, as far as the occupation categories kept tell it: workers, migrant
# workers and farmers/herders/fishers. Professional staff in enterprises are not told apart in the records.
FRONT_LINE = (Occupation.WORKER, Occupation.MIGRANT_WORKER, Occupation.FARMER)


def completed_years(since: datetime.date, day: datetime.date) -> int:
    """Whole years from `since` to `day` (a birthday or anniversary on `day` counts)."""
    years = day.year - since.year
    return years - 1 if add_years(since, years) > day else years


def band_index(bands, years: int) -> int:
    """The band of `years` among (low, high, label) bands; the last band if none fits."""
    for index, (low, high, _label) in enumerate(bands):
        if (low is None or years >= low) and (high is None or years <= high):
            return index
    return len(bands) - 1


def band_bounds(bands, index: int, day: datetime.date) -> tuple[datetime.date | None, datetime.date | None]:
    """The dates a start (birth, confirmation) must fall between to be in band `index` on `day`:
    on or before the first, after the second (None: unbounded)."""
    low, high, _label = bands[index]
    latest = add_years(day, -low) if low is not None else None
    earliest = add_years(day, -(high + 1)) if high is not None else None
    return latest, earliest


def viewing_share(numerator: int, denominator: int) -> float | None:
    """A percentage with one decimal, None without a denominator."""
    if not denominator:
        return None
    return round(numerator * 100 / denominator, 1)
