"""The period selector: months, quarters and years named in the URL, the current one by default."""

import datetime

from reports import periods
from reports.periods import MONTH, QUARTER, YEAR, Period

TODAY = datetime.date(2026, 6, 17)


def test_a_period_is_read_from_its_key_and_the_current_quarter_is_the_default():
    assert periods.parse("2026-03", TODAY) == Period(MONTH, 2026, 3)
    assert periods.parse("2026Q2", TODAY) == Period(QUARTER, 2026, 2)
    assert periods.parse("2025", TODAY) == Period(YEAR, 2025)
    for nonsense in (None, "", "2026-13", "2026Q5", "abc", "1999", "2031"):
        assert periods.parse(nonsense, TODAY).key in ("2026Q2", "2026-06"), nonsense


def test_bounds_labels_and_neighbours():
    quarter = Period(QUARTER, 2026, 1)
    assert (quarter.start, quarter.end, quarter.label) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
        "2026年第一季度",
    )
    assert Period(MONTH, 2024, 2).end == datetime.date(2024, 2, 29)
    assert quarter.shifted(-1) == Period(QUARTER, 2025, 4) and Period(MONTH, 2025, 12).shifted(1) == Period(
        MONTH, 2026, 1
    )
    assert [m.month for m in Period(QUARTER, 2026, 3).months()] == [7, 8, 9]
    # While a period runs its standing figures are taken today; afterwards on its last day.
    assert Period(QUARTER, 2026, 2).as_of(TODAY) == TODAY
    assert Period(QUARTER, 2026, 1).as_of(TODAY) == datetime.date(2026, 3, 31)
    choices = periods.choices(Period(QUARTER, 2026, 2), TODAY)
    assert choices["next"] is None and choices["previous"].key == "2026Q1"
    assert [p.key for p in choices["current"]] == ["2026-06", "2026Q2", "2026"]
