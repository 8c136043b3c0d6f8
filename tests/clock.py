"""The test run's clock. The whole session runs on one frozen, ticking day (tests/conftest.py: the default, or
`--today`/PARTYWORK_TEST_TODAY); a test that builds its own calendar pins its own day with time-machine:
`pytestmark = on_day(date)` for a module, `@on_day(date)` for a test, or `time_machine.move_to(moment(date))`
inside one. The clock returns to the session's day after the test."""

import datetime
from zoneinfo import ZoneInfo

import pytest

SHANGHAI = ZoneInfo("Asia/Shanghai")


def moment(day: datetime.date) -> datetime.datetime:
    """10:00 in Shanghai on `day`: well inside the day in local time and in UTC."""
    return datetime.datetime.combine(day, datetime.time(10), SHANGHAI)


def on_day(day: datetime.date):
    return pytest.mark.time_machine(moment(day))
